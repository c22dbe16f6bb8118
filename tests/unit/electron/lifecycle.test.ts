/**
 * The decisions main/electron/index.ts wires to `app` events: a second start with no
 * window open, and quitting that waits for the workers at most QUIT_WAIT_MS. Plain
 * objects stand in for the window and for `app`: this proves the decisions, not
 * that Electron sends the events (the Electron suite's single-instance and
 * before-quit tests do).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('lifecycle must not import electron at runtime');
});

import { QUIT_WAIT_MS, quitAfterClosing, revealOrOpen, type RevealableWindow } from '../../../main/electron/lifecycle';

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const window: RevealableWindow = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

describe('revealOrOpen (second-instance)', () => {
  it('opens a window when none is open (macOS after closing it)', () => {
    const open = vi.fn();
    revealOrOpen(null, open);
    expect(open).toHaveBeenCalledOnce();
  });

  it('opens a new one when the window was destroyed', () => {
    const open = vi.fn();
    const { window, calls } = fakeWindow({ destroyed: true });
    revealOrOpen(window, open);
    expect(open).toHaveBeenCalledOnce();
    expect(calls).toStrictEqual([]);
  });

  it('brings an open window forward, restoring it when minimized, and opens no other', () => {
    const open = vi.fn();
    const minimized = fakeWindow({ minimized: true });
    revealOrOpen(minimized.window, open);
    expect(minimized.calls).toStrictEqual(['restore', 'show', 'focus']);
    const shown = fakeWindow();
    revealOrOpen(shown.window, open);
    expect(shown.calls).toStrictEqual(['show', 'focus']);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('quitAfterClosing (before-quit)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** `app` as far as quitting goes: quit() emits before-quit, and quits unless prevented. */
  function fakeApp(listener: (event: { preventDefault(): void }) => void) {
    const app = { quits: 0, exited: false };
    const quit = () => {
      app.quits++;
      let prevented = false;
      listener({ preventDefault: () => (prevented = true) });
      if (!prevented) app.exited = true;
    };
    return { app, quit };
  }

  function setup(close: () => Promise<unknown>) {
    const log = vi.fn();
    let quit = () => {};
    const listener = quitAfterClosing({ close, quit: () => quit(), log });
    const fake = fakeApp(listener);
    quit = fake.quit;
    return { ...fake, log };
  }

  it('holds the first quit until the workers have closed, then quits', async () => {
    let closed!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (closed = resolve)));
    const { app, quit, log } = setup(close);
    quit();
    expect(app.exited).toBe(false);
    quit(); // a second Cmd+Q while closing: still held, close not called again
    expect(close).toHaveBeenCalledOnce();
    closed();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(log).not.toHaveBeenCalled();
  });

  it(`gives up after ${QUIT_WAIT_MS / 1000} s when the index never closes, says so, and quits`, async () => {
    vi.useFakeTimers();
    const { app, quit, log } = setup(() => new Promise<void>(() => {}));
    quit();
    await vi.advanceTimersByTimeAsync(QUIT_WAIT_MS - 1);
    expect(app.exited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.exited).toBe(true);
    expect(log).toHaveBeenCalledExactlyOnceWith('the workers did not close within 5 s; quitting without them');
  });

  it('quits when closing fails, logging why', async () => {
    const { app, quit, log } = setup(() => Promise.reject(new Error('worker gone')));
    quit();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(log).toHaveBeenCalledExactlyOnceWith('closing the workers failed: Error: worker gone');
  });
});
