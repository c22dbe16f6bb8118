import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ name: '', api: null as Record<string, unknown> | null }));
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
/** The window the preload sees: records its listeners (the drop watcher). */
const fakeWindow = vi.hoisted(() => {
  const listeners: { type: string; listener: (event: unknown) => void; options: unknown }[] = [];
  const target = { addEventListener: (type: string, listener: (event: unknown) => void, options: unknown) => listeners.push({ type, listener, options }) };
  (globalThis as { window?: unknown }).window = target;
  return { listeners };
});
const dropped = vi.hoisted(() => new Map<object, string>());
vi.mock('electron', () => ({
  webUtils: { getPathForFile: (file: object) => dropped.get(file) ?? '' },
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, unknown>) => {
      exposed.name = name;
      exposed.api = api;
    },
  },
  ipcRenderer: ipc,
}));

import { API_METHODS, GRANT_DROPPED_FILES_CHANNEL, type LecternApi } from '../../common/ipc';
import { buildApi, grantTrustedDrops } from '../../preload/api';

describe('preload/index', () => {
  it('exposes exactly the contract methods as window.lectern, never ipcRenderer', async () => {
    await import('../../preload/index');
    expect(exposed.name).toBe('lectern');
    expect(Object.keys(exposed.api ?? {}).sort()).toEqual([...API_METHODS]);
    expect(Object.values(exposed.api ?? {}).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(exposed.api ?? {})).not.toContain(ipc);
    expect(Object.isFrozen(exposed.api)).toBe(true);
  });

  it('sends each method on its own channel with its input', async () => {
    const api = exposed.api as unknown as LecternApi;
    expect(await api.getArticle({ id: 'abc' })).toEqual({ ok: true, value: 'answer' });
    expect(ipc.invoke).toHaveBeenLastCalledWith('article:get', { id: 'abc' });
    await api.listArticles();
    expect(ipc.invoke).toHaveBeenLastCalledWith('library:list', undefined);
  });

  it('grants the paths of a trusted drop to main on the preload-only channel, before addDroppedFiles sends them', async () => {
    const api = exposed.api as unknown as LecternApi;
    const watch = fakeWindow.listeners.find((l) => l.type === 'drop');
    expect(watch?.options).toEqual({ capture: true });
    const file = new File(['x'], 'dropped.md');
    dropped.set(file, '/home/r/dropped.md');
    ipc.invoke.mockClear();
    // A drop page script made (isTrusted false) grants nothing.
    watch!.listener({ isTrusted: false, dataTransfer: { files: [file] } });
    expect(ipc.invoke).not.toHaveBeenCalled();
    watch!.listener({ isTrusted: true, dataTransfer: { files: [file, new File(['y'], 'made-in-page.md')] } });
    await api.addDroppedFiles([file]);
    expect(ipc.invoke.mock.calls).toEqual([
      [GRANT_DROPPED_FILES_CHANNEL, { paths: ['/home/r/dropped.md'] }],
      ['library:add-files', { paths: ['/home/r/dropped.md'] }],
    ]);
    // The grant channel is not on window.lectern.
    expect(Object.keys(exposed.api ?? {}).join(' ')).not.toMatch(/grant/i);
  });

  it('subscribes to events and unsubscribes the same handler', () => {
    const api = exposed.api as unknown as LecternApi;
    const listener = vi.fn();
    const off = api.onLibraryChanged(listener);
    const [event, handler] = ipc.on.mock.calls.at(-1) as [string, (e: unknown, p: unknown) => void];
    expect(event).toBe('library:changed');
    handler({}, { added: ['abc'], updated: [], removed: [] });
    expect(listener).toHaveBeenCalledWith({ added: ['abc'], updated: [], removed: [] });
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('library:changed', handler);
  });
});

describe('buildApi', () => {
  describe('addDroppedFiles', () => {
    const setup = (paths: Map<object, string>) => {
      const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'report' }));
      const api = buildApi(invoke, () => () => {}, (file) => (typeof file === 'object' && file ? (paths.get(file) ?? '') : ''));
      return { api, invoke };
    };

    it('sends the paths the preload found for the dropped files on library:add-files', async () => {
      const a = { name: 'a.html', size: 1 };
      const b = { name: 'b.md', size: 2 };
      const { api, invoke } = setup(new Map([[a, '/home/r/a.html'], [b, '/home/r/b.md']]));
      expect(await api.addDroppedFiles([a, b])).toEqual({ ok: true, value: 'report' });
      expect(invoke.mock.calls).toEqual([['library:add-files', { paths: ['/home/r/a.html', '/home/r/b.md'] }]]);
    });

    it('never takes strings as paths, and skips files that have no path on disk', async () => {
      const made = { name: 'made-in-page.html', size: 3 };
      const real = { name: 'real.txt', size: 4 };
      const { api, invoke } = setup(new Map([[real, '/home/r/real.txt']]));
      const asStrings = api.addDroppedFiles as unknown as (files: unknown) => Promise<unknown>;
      expect(await asStrings(['/etc/passwd'])).toEqual({
        ok: false,
        error: { code: 'invalid-input', message: 'Only files from your disk can be added.' },
      });
      expect(await asStrings('/etc/passwd')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await api.addDroppedFiles([made])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(invoke).not.toHaveBeenCalled();
      await api.addDroppedFiles([made, real]);
      expect(invoke.mock.calls).toEqual([['library:add-files', { paths: ['/home/r/real.txt'] }]]);
    });

    it('waits for the grants of earlier drops to reach main before sending the paths', async () => {
      const order: string[] = [];
      let answerGrant: () => void = () => {};
      let drop: (event: unknown) => void = () => {};
      const granted = grantTrustedDrops(
        { addEventListener: (_type: string, listener: unknown) => (drop = listener as (event: unknown) => void) },
        (file) => (file === 'a-file' ? '/home/r/a.md' : ''),
        async (paths) => {
          order.push(`grant ${paths.join(',')}`);
          await new Promise<void>((resolve) => (answerGrant = resolve));
          order.push('granted');
        },
      );
      const invoke = vi.fn(async (channel: string) => void order.push(channel));
      const api = buildApi(invoke, () => () => {}, () => '/home/r/a.md', granted);
      drop({ isTrusted: true, dataTransfer: { files: ['a-file', 'no-path'] } });
      const adding = api.addDroppedFiles([{ name: 'a.md', size: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(order).toEqual(['grant /home/r/a.md']);
      answerGrant();
      await adding;
      expect(order).toEqual(['grant /home/r/a.md', 'granted', 'library:add-files']);
    });

    it('a failed grant does not block adding (main then refuses the paths in words)', async () => {
      let drop: (event: unknown) => void = () => {};
      const granted = grantTrustedDrops(
        { addEventListener: (_type: string, listener: unknown) => (drop = listener as (event: unknown) => void) },
        () => '/home/r/a.md',
        async () => {
          throw new Error('no handler');
        },
      );
      drop({ isTrusted: true, dataTransfer: { files: ['a'] } });
      await expect(granted()).resolves.toBeUndefined();
    });

    it('answers an error when there is no way to read dropped paths', async () => {
      const api = buildApi(async () => null, () => () => {});
      expect(await api.addDroppedFiles([{ name: 'a.html', size: 1 }])).toMatchObject({ ok: false, error: { code: 'internal' } });
    });
  });

  it('turns a rejected invoke into an internal error answer', async () => {
    const api = buildApi(
      async () => {
        throw new Error('No handler registered for article:get');
      },
      () => () => {},
    );
    expect(await api.getArticle({ id: 'x' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'article:get failed: No handler registered for article:get' },
    });
  });

  it('drops event payloads that do not match the contract', () => {
    let deliver: (payload: unknown) => void = () => {};
    const api = buildApi(
      async () => null,
      (_event, listener) => {
        deliver = listener;
        return () => {};
      },
    );
    const listener = vi.fn();
    api.onMenuCommand(listener);
    deliver({ command: 'format-disk' });
    deliver('go-library');
    deliver({ command: 'go-library' });
    expect(listener.mock.calls).toEqual([[{ command: 'go-library' }]]);
  });

  it('refuses a subscriber that is not a function', () => {
    const api = buildApi(async () => null, () => () => {});
    expect(() => (api.onLibraryChanged as (l: unknown) => unknown)('nope')).toThrow('onLibraryChanged takes a function');
  });
});
