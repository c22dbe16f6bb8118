/**
 * The reader's position, saved and restored: a reactive controller on `<article-view>`
 * over the pure geometry of `reading-position.ts`. Once a shown article's saved
 * position has been restored ({@link ReadingPositionController.restore}, then
 * {@link ReadingPositionController.track}), scrolling reports where the reader is at
 * most every {@link PROGRESS_INTERVAL_MS} ms (the last scroll always is); it is also
 * measured and reported when the page is hidden or unloaded and on {@link flush}.
 * Reports go up as `reading-progress` from the host (ARCHITECTURE.md §8).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleView, ReadingProgress } from '../../../common/model';
import { fire } from '../../events';
import { anchorAt, collectBlocks, readingFraction, restoreTarget, type Block } from './reading-position';
import { throttle } from './throttle';

/**
 * How often, at most, a scrolling reader's position is reported: the saved position is
 * then at most this old, plus the bridge call and main's atomic write (a few ms), so
 * under 400 ms.
 */
export const PROGRESS_INTERVAL_MS = 300;

/**
 * Height of anything pinned over the top of the page. The reader has no sticky
 * header, so the reading line is the top of the viewport.
 */
const READING_LINE = 0;

export interface ReadingPositionParts {
  /** The article body's container. */
  body(): HTMLElement | undefined;
  /** The article whose HTML is in the body (null when none is). */
  shown(): ArticleView | null;
}

export class ReadingPositionController implements ReactiveController {
  #blocks: Block[] = [];
  /** Scroll events count only once the saved position has been restored. */
  #tracking = false;
  #lastReported: ReadingProgress | null = null;
  #report = throttle(() => this.#reportProgress(), PROGRESS_INTERVAL_MS);

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly parts: ReadingPositionParts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('scroll', this.#onScroll, { passive: true });
    window.addEventListener('pagehide', this.#onPageHide);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#onScroll);
    window.removeEventListener('pagehide', this.#onPageHide);
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    // Whoever removes the reader calls flush() first; a report from a
    // detached element would reach no one.
    this.#report.cancel();
    this.#tracking = false;
  }

  /** Whether scrolling is being reported (the saved position has been restored). */
  get tracking(): boolean {
    return this.#tracking;
  }

  /** A new article's HTML is in `body`: find its blocks, and report nothing until {@link track}. */
  attach(article: ArticleView, body: HTMLElement): void {
    this.#tracking = false;
    this.#report.cancel();
    this.#lastReported = article.progress;
    this.#blocks = collectBlocks(body);
  }

  /** The article is gone. */
  detach(): void {
    this.#blocks = [];
    this.#tracking = false;
  }

  /** Start reporting scrolls. */
  track(): void {
    this.#tracking = true;
  }

  /**
   * Report where the reader is now (if it moved since the last report), dropping any
   * waiting throttled report. Measuring here, rather than only running a waiting call,
   * also catches a scroll whose event has not fired yet.
   */
  flush(): void {
    this.#report.cancel();
    if (this.#tracking) this.#reportProgress();
  }

  /** Report soon (throttled), as a scroll does. */
  reportSoon(): void {
    this.#report();
  }

  /** The scroll offset that brings a saved position back to the reading line (0 for none). */
  restoreTarget(saved: ReadingProgress | null): number {
    if (!saved) return 0;
    const scrollY = window.scrollY;
    return restoreTarget(
      this.#blocks,
      (i) => {
        const rect = this.#blocks[i]!.element.getBoundingClientRect();
        return { top: rect.top + scrollY, bottom: rect.bottom + scrollY };
      },
      saved,
      { line: READING_LINE, maxScroll: document.documentElement.scrollHeight - window.innerHeight },
    );
  }

  /** Where the reader is now, or null when no article is shown. */
  measure(): ReadingProgress | null {
    const body = this.parts.body();
    if (!this.parts.shown() || !body || !body.isConnected) return null;
    const anchor = anchorAt(
      this.#blocks,
      (i) => this.#blocks[i]!.element.getBoundingClientRect(),
      READING_LINE,
    ) ?? { position: 0, within: 0 };
    const fraction = readingFraction({
      scrollY: window.scrollY,
      scrollHeight: document.documentElement.scrollHeight,
      viewportHeight: window.innerHeight,
      endBottom: body.getBoundingClientRect().bottom,
    });
    return {
      fraction: Math.round(fraction * 10_000) / 10_000,
      position: anchor.position,
      within: Math.round(anchor.within * 10_000) / 10_000,
    };
  }

  #reportProgress(): void {
    const article = this.parts.shown();
    const progress = this.measure();
    if (!article || !progress) return;
    const last = this.#lastReported;
    if (last && last.position === progress.position && last.within === progress.within && last.fraction === progress.fraction) {
      return;
    }
    this.#lastReported = progress;
    fire(this.host, 'reading-progress', { id: article.id, progress });
  }

  #onScroll = () => {
    if (this.#tracking) this.#report();
  };

  #onPageHide = () => {
    this.flush();
  };

  #onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };
}
