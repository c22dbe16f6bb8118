/**
 * "Latest request wins": of several answers on their way from main (a library
 * listing, an article, a search), only the one asked for last is used; an earlier
 * one that comes back later is dropped, as is any answer asked for before
 * {@link LatestRequest.cancel}. The controllers keep their state; this keeps the count.
 */

/** What to do with the latest request's answer; none of these runs for a request that is no longer the latest. */
export interface LatestHandlers<T> {
  /** The answer came. */
  value(value: T): void;
  /** Asking failed (or `value` threw). */
  error(cause: unknown): void;
  /** Either way, after `value` or `error`. */
  settled?(): void;
}

export class LatestRequest {
  #current = 0;

  /** Drop the answer of any request on its way. */
  cancel(): void {
    this.#current++;
  }

  /** Ask (this becomes the latest request) and hand the answer on while it still is the latest. */
  async run<T>(ask: () => Promise<T>, on: LatestHandlers<T>): Promise<void> {
    const request = ++this.#current;
    try {
      const value = await ask();
      if (request !== this.#current) return;
      on.value(value);
    } catch (cause) {
      if (request !== this.#current) return;
      on.error(cause);
    } finally {
      if (request === this.#current) on.settled?.();
    }
  }
}
