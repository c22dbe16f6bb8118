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

// ------------------------------------------------------------------ closing the window

/** How long closing the window waits for the page to save what it holds, and main to write it. */
export const CLOSE_FLUSH_MS = 2_000;

/**
 * Main's `app:flush` requests and the page's `app:flushed` answers, matched by number
 * (a later close, a reload or a stray answer never answers an earlier request).
 */
export class PageFlushes {
  #next = 1;
  readonly #waiting = new Map<number, () => void>();

  /**
   * Send a request (`send(number)`) and wait for its answer, at most `timeoutMs`:
   * `flushed` when the page answered, `timed-out` otherwise (a hung or crashed page),
   * `not-sent` when sending threw.
   */
  request(
    send: (request: number) => void,
    timeoutMs: number = CLOSE_FLUSH_MS,
  ): Promise<'flushed' | 'timed-out' | 'not-sent'> {
    const request = this.#next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(request);
        resolve('timed-out');
      }, timeoutMs);
      this.#waiting.set(request, () => {
        clearTimeout(timer);
        this.#waiting.delete(request);
        resolve('flushed');
      });
      try {
        send(request);
      } catch {
        clearTimeout(timer);
        this.#waiting.delete(request);
        resolve('not-sent');
      }
    });
  }

  /** The page answered `request`; false for a number nobody waits for. */
  answered(request: number): boolean {
    const done = this.#waiting.get(request);
    done?.();
    return done !== undefined;
  }
}

/** What {@link flushBeforeClose} uses of a BrowserWindow. */
export interface ClosingWindow {
  isDestroyed(): boolean;
  close(): void;
}

export interface FlushBeforeCloseOptions {
  /** Ask the page to save its notes, drafts and reading position; resolves when it answered or gave up. */
  flushPage: () => Promise<unknown>;
  /** Then what main still has to write (drafts, queued library writes). */
  settle: () => Promise<unknown>;
  log: (message: string) => void;
  /** Default {@link CLOSE_FLUSH_MS}. */
  timeoutMs?: number;
  /**
   * True once quitting has saved everything ({@link quitSteps}): the close then goes
   * through at once. (Holding a window's close while the app quits cancels the quit,
   * and on macOS nothing would quit it again.)
   */
  saved?: () => boolean;
}

/**
 * The window's `close` listener: the first close is held (`preventDefault`) while the
 * page saves what it holds and main writes it — at most `timeoutMs` — then the window
 * is closed again and goes. While the page saves, the window still exists, so its
 * calls pass the sender check (main/electron/ipc.ts). A second close meanwhile waits
 * for the same save.
 */
export function flushBeforeClose(
  window: ClosingWindow,
  options: FlushBeforeCloseOptions,
): (event: { preventDefault(): void }) => void {
  const timeoutMs = options.timeoutMs ?? CLOSE_FLUSH_MS;
  let flushing: Promise<void> | undefined;
  let released = false;
  return (event) => {
    if (released || options.saved?.()) return;
    event.preventDefault();
    flushing ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), timeoutMs)));
      const work = (async () => {
        const page = await options.flushPage();
        if (page === 'timed-out') options.log('the page did not say it had saved its notes; closing after writing what main has');
        await options.settle();
        return 'done' as const;
      })().catch((error: unknown) => {
        options.log(`saving before the window closed failed: ${String(error)}`);
        return 'failed' as const;
      });
      try {
        if ((await Promise.race([work, gaveUp])) === 'timed-out') {
          options.log(`saving before the window closed took over ${timeoutMs / 1000} s; closing anyway`);
        }
      } finally {
        clearTimeout(timer);
        released = true;
        if (!window.isDestroyed()) window.close();
      }
    })();
  };
}

export interface QuitStepsOptions {
  /** Ask the page to save what it holds (as closing the window does), bounded by the caller. */
  flushPage: () => Promise<unknown>;
  /** Close the workers (search index, document worker). */
  closeWorkers: () => Promise<unknown>;
  /** Write the drafts main holds. */
  flushDrafts: () => Promise<unknown>;
  /** Wait for every library write already queued (main/library/atomic.ts allWritesSettled). */
  writesSettled: () => Promise<unknown>;
  log: (message: string) => void;
}

/**
 * The `close` step of {@link quitAfterClosing}, in order: the page saves first (while
 * the index can still take the change), then the workers close and the drafts are
 * written, then every queued library write has settled. A failing step is logged and
 * the next still runs; the caller bounds the whole.
 */
export function quitSteps(options: QuitStepsOptions): () => Promise<void> {
  const step = (name: string, run: () => Promise<unknown>) =>
    run().then(
      () => undefined,
      (error: unknown) => options.log(`${name} failed while quitting: ${String(error)}`),
    );
  return async () => {
    await step('saving the page', options.flushPage);
    await Promise.all([step('closing the workers', options.closeWorkers), step('writing the drafts', options.flushDrafts)]);
    await step('waiting for library writes', options.writesSettled);
  };
}
