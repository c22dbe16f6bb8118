/**
 * Closing the window and quitting save what the page holds first
 * (main/electron/lifecycle.ts, ARCHITECTURE.md §3): the window's first `close` is held
 * while the page saves (app:flush → app:flushed) and main writes, at most
 * CLOSE_FLUSH_MS; quitting waits for the page, the workers, the drafts and every queued
 * library write. Plain objects stand in for the window, the page and `app`: this proves
 * the decisions, not that Electron sends the events.
 */
import { readFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('lifecycle must not import electron at runtime');
});

import {
  CLOSE_FLUSH_MS,
  PageFlushes,
  flushBeforeClose,
  quitAfterClosing,
  quitSteps,
} from '../../../main/electron/lifecycle';
import { allWritesSettled, writeFileAtomic, type AtomicFs } from '../../../main/library/atomic';
import { freshDir } from '../library/helpers';

afterEach(() => {
  vi.useRealTimers();
});

/** A window as far as closing goes: close() emits `close`, and the window goes unless a listener prevented it. */
function fakeWindow() {
  const state = { closed: false, closeEvents: 0 };
  let listener: (event: { preventDefault(): void }) => void = () => {};
  const window = {
    isDestroyed: () => state.closed,
    close: () => {
      if (state.closed) return;
      state.closeEvents++;
      let prevented = false;
      listener({ preventDefault: () => (prevented = true) });
      if (!prevented) state.closed = true;
    },
  };
  return { window, state, listen: (l: typeof listener) => (listener = l) };
}

describe('flushBeforeClose (the window closing)', () => {
  it('holds the close until the page has answered and main has written, then closes', async () => {
    const { window, state, listen } = fakeWindow();
    const flushes = new PageFlushes();
    const order: string[] = [];
    let pageRequest = 0;
    const log = vi.fn();
    listen(
      flushBeforeClose(window, {
        flushPage: () =>
          flushes.request((request) => {
            order.push('asked the page');
            pageRequest = request;
          }),
        settle: async () => void order.push('main wrote'),
        log,
      }),
    );
    window.close();
    expect(state.closed).toBe(false);
    window.close(); // clicked again while saving: still held, the page asked once
    expect(order).toEqual(['asked the page']);
    expect(flushes.answered(pageRequest + 1)).toBe(false); // a stray answer answers nothing
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.closed).toBe(false);
    order.push('page answered');
    expect(flushes.answered(pageRequest)).toBe(true);
    await vi.waitFor(() => expect(state.closed).toBe(true));
    expect(order).toEqual(['asked the page', 'page answered', 'main wrote']);
    expect(log).not.toHaveBeenCalled();
  });

  it(`closes after ${CLOSE_FLUSH_MS / 1000} s when the page never answers, after writing what main has, and says so`, async () => {
    vi.useFakeTimers();
    const { window, state, listen } = fakeWindow();
    const flushes = new PageFlushes();
    const settle = vi.fn(async () => {});
    const log = vi.fn();
    listen(flushBeforeClose(window, { flushPage: () => flushes.request(() => {}), settle, log }));
    window.close();
    await vi.advanceTimersByTimeAsync(CLOSE_FLUSH_MS - 1);
    expect(state.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.closed).toBe(true);
    expect(settle).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('the page did not say it had saved its notes; closing after writing what main has');
  });

  it('closes at once when the page cannot be asked (sending threw), after main wrote', async () => {
    const { window, state, listen } = fakeWindow();
    const flushes = new PageFlushes();
    const settle = vi.fn(async () => {});
    listen(
      flushBeforeClose(window, {
        flushPage: () =>
          flushes.request(() => {
            throw new Error('Object has been destroyed');
          }),
        settle,
        log: vi.fn(),
      }),
    );
    window.close();
    await vi.waitFor(() => expect(state.closed).toBe(true));
    expect(settle).toHaveBeenCalledOnce();
  });

  it('lets the close through at once when quitting has already saved everything (holding it would cancel the quit)', () => {
    const { window, state, listen } = fakeWindow();
    const flushPage = vi.fn(async () => 'flushed');
    let quitSaved = false;
    listen(flushBeforeClose(window, { flushPage, settle: async () => {}, log: vi.fn(), saved: () => quitSaved }));
    quitSaved = true;
    window.close();
    expect(state.closed).toBe(true);
    expect(flushPage).not.toHaveBeenCalled();
  });

  it('closes when saving fails, logging why', async () => {
    const { window, state, listen } = fakeWindow();
    const log = vi.fn();
    listen(
      flushBeforeClose(window, {
        flushPage: async () => 'flushed',
        settle: () => Promise.reject(new Error('ENOSPC')),
        log,
      }),
    );
    window.close();
    await vi.waitFor(() => expect(state.closed).toBe(true));
    expect(log).toHaveBeenCalledExactlyOnceWith('saving before the window closed failed: Error: ENOSPC');
  });
});

describe('quitSteps (before-quit)', () => {
  it('saves the page first, then closes the workers and writes the drafts, then waits for the library writes', async () => {
    const order: string[] = [];
    const step = (name: string) => async () => void order.push(name);
    await quitSteps({
      flushPage: step('page'),
      closeWorkers: step('workers'),
      flushDrafts: step('drafts'),
      writesSettled: step('writes'),
      log: vi.fn(),
    })();
    expect(order).toEqual(['page', 'workers', 'drafts', 'writes']);
  });

  it('a failing step is logged and the next still runs', async () => {
    const log = vi.fn();
    const writesSettled = vi.fn(async () => {});
    await quitSteps({
      flushPage: async () => {},
      closeWorkers: () => Promise.reject(new Error('worker gone')),
      flushDrafts: async () => {},
      writesSettled,
      log,
    })();
    expect(writesSettled).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledExactlyOnceWith('closing the workers failed while quitting: Error: worker gone');
  });

  it('the app does not quit while a library write is between its temp file and its rename', async () => {
    const dir = await freshDir();
    const path = join(dir, 'annotations.json');
    await writeFileAtomic(path, 'old');
    let renameNow!: () => void;
    const renamed = new Promise<void>((resolve) => (renameNow = resolve));
    const slowFs: AtomicFs = {
      open: nodeFs.open,
      unlink: nodeFs.unlink,
      readFile: nodeFs.readFile,
      rename: async (from, to) => {
        await renamed;
        await nodeFs.rename(from, to);
      },
    };
    const writing = writeFileAtomic(path, 'new', { fs: slowFs });

    const app = { exited: false, contentAtExit: '' };
    let listener: (event: { preventDefault(): void }) => void = () => {};
    const quit = () => {
      let prevented = false;
      listener({ preventDefault: () => (prevented = true) });
      if (!prevented) {
        app.exited = true;
        void readFile(path, 'utf8').then((text) => (app.contentAtExit = text));
      }
    };
    listener = quitAfterClosing({
      close: quitSteps({
        flushPage: async () => {},
        closeWorkers: async () => {},
        flushDrafts: async () => {},
        writesSettled: allWritesSettled,
        log: vi.fn(),
      }),
      quit,
      log: vi.fn(),
    });
    quit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.exited).toBe(false);
    renameNow();
    await writing;
    await vi.waitFor(() => expect(app.contentAtExit).toBe('new'));
    expect(app.exited).toBe(true);
  });
});
