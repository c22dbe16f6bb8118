import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ name: '', api: null as Record<string, unknown> | null }));
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, unknown>) => {
      exposed.name = name;
      exposed.api = api;
    },
  },
  ipcRenderer: ipc,
}));

import { API_METHODS, type LecternApi } from '../../common/ipc';
import { buildApi } from '../../preload/api';

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

  it('subscribes to events and unsubscribes the same handler', () => {
    const api = exposed.api as unknown as LecternApi;
    const listener = vi.fn();
    const off = api.onLibraryChanged(listener);
    const [event, handler] = ipc.on.mock.calls.at(-1) as [string, (e: unknown, p: unknown) => void];
    expect(event).toBe('library:changed');
    handler({}, { ids: ['abc'] });
    expect(listener).toHaveBeenCalledWith({ ids: ['abc'] });
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
