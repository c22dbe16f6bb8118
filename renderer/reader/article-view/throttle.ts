/**
 * A throttle for work that reads layout: the wrapped function runs at most once
 * per `wait` ms. The first call runs at once; calls inside the window collapse into
 * one trailing run at the end of it, so the last state is always seen. `flush()`
 * runs a pending trailing call now (before leaving a view or the page); `cancel()`
 * drops it.
 */
export interface Throttled {
  (): void;
  /** Run the pending trailing call now, if there is one. */
  flush(): void;
  /** Forget the pending trailing call. */
  cancel(): void;
  /** Whether a trailing call is waiting. */
  readonly pending: boolean;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function throttle(fn: () => void, wait: number, clock: Clock = realClock): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;

  const run = () => {
    timer = null;
    last = clock.now();
    fn();
  };

  const throttled = (() => {
    if (timer !== null) return; // the trailing run will see the latest state
    const elapsed = clock.now() - last;
    if (elapsed >= wait) run();
    else timer = clock.setTimeout(run, wait - elapsed);
  }) as Throttled;

  throttled.flush = () => {
    if (timer === null) return;
    clock.clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer === null) return;
    clock.clearTimeout(timer);
    timer = null;
  };
  Object.defineProperty(throttled, 'pending', { get: () => timer !== null });
  return throttled;
}
