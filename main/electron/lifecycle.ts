/**
 * The parts of the app's lifecycle with a decision in them, as functions
 * `main/electron/index.ts` wires to `app` events; no `electron` import, so the unit
 * tests call them with plain objects.
 */

/** What {@link revealOrOpen} uses of a BrowserWindow. */
export interface RevealableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Lectern was started again (`second-instance`): bring the window forward, or open one
 * when there is none (macOS keeps the app running after its window is closed).
 */
export function revealOrOpen(window: RevealableWindow | null, open: () => void): void {
  if (!window || window.isDestroyed()) {
    open();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** How long quitting waits for the search index and the document worker to close. */
export const QUIT_WAIT_MS = 5_000;

export interface QuitAfterClosingOptions {
  /** Closes what must be closed before the process ends. */
  close: () => Promise<unknown>;
  /** Quits again (`app.quit`), once closing has finished or been given up. */
  quit: () => void;
  log: (message: string) => void;
  /** Default {@link QUIT_WAIT_MS}. */
  timeoutMs?: number;
}

/**
 * The `before-quit` listener: the first quit is held (`preventDefault`) while `close`
 * runs, for at most `timeoutMs`; then `quit` is called again and goes through. Closing
 * that fails or takes too long is logged, never blocks quitting: the search index is
 * a cache (ARCHITECTURE.md §3) and the library's files are written atomically, so
 * nothing is lost when the process ends under a worker.
 */
export function quitAfterClosing(options: QuitAfterClosingOptions): (event: { preventDefault(): void }) => void {
  const timeoutMs = options.timeoutMs ?? QUIT_WAIT_MS;
  let closing: Promise<void> | undefined;
  let closed = false;
  return (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)));
      const work = options.close().then(
        () => 'closed' as const,
        (error: unknown) => {
          options.log(`closing the workers failed: ${String(error)}`);
          return 'failed' as const;
        },
      );
      try {
        if ((await Promise.race([work, gaveUp])) === 'timed-out') {
          options.log(`the workers did not close within ${timeoutMs / 1000} s; quitting without them`);
        }
      } finally {
        clearTimeout(timer);
        closed = true;
        options.quit();
      }
    })();
  };
}
