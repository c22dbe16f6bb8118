/**
 * Where the reader is in the article, as the reader is shown it: a reactive controller
 * on `<article-view>` over the pure parts of `headings.ts` and `reading-position.ts`.
 *
 * - The outline: when an article's body is in place ({@link HeadingsController.attach}),
 *   its headings go up as `article-headings` (the Contents panel lists them); as the
 *   reader scrolls, the section they are in goes up as `reading-section` when it changes.
 * - How far: {@link HeadingsController.fraction} (0–1) for the progress bar and the
 *   minutes left; the host re-renders when the whole percent changes.
 * - {@link HeadingsController.reveal} jumps to a heading: its top just under what is
 *   pinned over the viewport, focus on it (so a screen reader reads on from there).
 *
 * Scrolls are measured at most every {@link SECTION_INTERVAL_MS} ms (the last one
 * always is): a binary search over the headings' boxes, a handful of reads.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fire } from '../../events';
import { collectHeadings, currentHeading, headingInfos, type FoundHeading } from './headings';
import { readingFraction } from './reading-position';
import { throttle } from './throttle';

export const SECTION_INTERVAL_MS = 100;

/** A heading jumped to sits this far below what is pinned over the viewport. */
const JUMP_GAP = 12;

export interface HeadingsParts {
  /** The article body's container. */
  body(): HTMLElement | undefined;
  /** The height pinned over the top of the viewport (the progress bar, a find bar). */
  pinned(): number;
}

export class HeadingsController implements ReactiveController {
  #headings: FoundHeading[] = [];
  #articleId: string | null = null;
  #current = -1;
  #fraction = 0;
  #percent = -1;
  /** A heading jumped to stays the current one until the page scrolls elsewhere. */
  #jumped: { index: number; scrollY: number } | null = null;
  #update = throttle(() => this.measure(), SECTION_INTERVAL_MS);

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly parts: HeadingsParts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('scroll', this.#onScroll, { passive: true });
    window.addEventListener('resize', this.#onScroll, { passive: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#onScroll);
    window.removeEventListener('resize', this.#onScroll);
    this.#update.cancel();
  }

  /** How far through the article the reader is (0–1; 1 once its end is in view). */
  get fraction(): number {
    return this.#fraction;
  }

  /** The heading the reader is in, or -1. */
  get current(): number {
    return this.#current;
  }

  /** An article's body is in place: list its headings. */
  attach(articleId: string, body: HTMLElement): void {
    this.#update.cancel();
    this.#articleId = articleId;
    this.#headings = collectHeadings(body);
    this.#current = -1;
    this.#fraction = 0;
    this.#percent = -1;
    this.#jumped = null;
    fire(this.host, 'article-headings', { id: articleId, headings: headingInfos(this.#headings) });
  }

  /** The article is gone. */
  detach(): void {
    this.#update.cancel();
    this.#headings = [];
    this.#articleId = null;
    this.#current = -1;
    this.#fraction = 0;
  }

  /** Measure now: the section and the fraction (re-render and report what changed). */
  measure(): void {
    const body = this.parts.body();
    if (!this.#articleId || !body || !body.isConnected) return;
    const viewportHeight = window.innerHeight;
    const fraction = readingFraction({
      scrollY: window.scrollY,
      scrollHeight: document.documentElement.scrollHeight,
      viewportHeight,
      endBottom: body.getBoundingClientRect().bottom,
    });
    this.#fraction = fraction;
    const percent = Math.round(fraction * 100);
    if (percent !== this.#percent) {
      this.#percent = percent;
      this.host.requestUpdate();
    }
    // A heading in the top quarter under the pinned bars is the one being read.
    const line = this.parts.pinned() + viewportHeight / 4;
    const headings = this.#headings;
    const current = currentHeading(
      (i) => headings[i]!.element.getBoundingClientRect().top,
      headings.length,
      line,
      fraction >= 1,
      viewportHeight,
    );
    const jumped = this.#jumped;
    if (jumped && Math.abs(window.scrollY - jumped.scrollY) < 2) {
      this.#setCurrent(jumped.index);
      return;
    }
    this.#jumped = null;
    this.#setCurrent(current);
  }

  /** Jump to heading `index`: at the top under the pinned bars, focused. False when there is no such heading. */
  reveal(index: number): boolean {
    const heading = this.#headings[index];
    if (!heading || !heading.element.isConnected) return false;
    const { element } = heading;
    const top = window.scrollY + element.getBoundingClientRect().top - this.parts.pinned() - JUMP_GAP;
    // Instantly, always: a jump is where the reader asked to be (and no motion to turn off).
    window.scrollTo({ top: Math.max(0, top), left: 0, behavior: 'instant' });
    if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
    element.focus({ preventScroll: true });
    // Near the end, the page may not scroll that far: the section asked for is the current one
    // until the reader scrolls elsewhere.
    this.#jumped = { index, scrollY: window.scrollY };
    this.#update.cancel();
    this.measure();
    return true;
  }

  #setCurrent(current: number): void {
    if (current === this.#current) return;
    this.#current = current;
    fire(this.host, 'reading-section', { index: current });
  }

  #onScroll = () => {
    if (this.#articleId) this.#update();
  };
}
