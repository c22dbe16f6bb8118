/**
 * Find in the article, as the reader uses it: a reactive controller on `<article-view>`
 * that keeps the find bar's state (open, query, options, matches, current), runs the
 * search over the shown article's text and moves the drawn window of matches as the
 * page scrolls; the matches themselves are drawn by {@link FindInteraction}. Opening
 * remembers where focus was; closing clears the marks and puts focus back.
 *
 * The bar is docked: a sticky band above the text column (article-view.styles.ts) that
 * takes its own room, and the current match is moved out from under it (to the middle
 * of the view left below the bar). The page's `scroll-padding-top` is left alone: with
 * it, every keystroke in the bar's own field (sticky inside that padding) scrolled the
 * article by the bar's height to bring the caret "into view".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TextIndex } from '../../anchoring/text-index';
import { deepActiveElement } from '../../dom';
import type { FindQueryDetail } from '../../events';
import { prepareFind } from '../../find/find-text';
import type { FindBarElement } from '../find-bar/find-bar';
import { FindInteraction } from './find-interaction';

export interface FindParts {
  /** The shown article body's text index (null when none is shown). */
  index(): TextIndex | null;
  bar(): FindBarElement | undefined;
  /** Where focus goes on close when where it was is gone. */
  body(): HTMLElement | undefined;
}

export class FindController implements ReactiveController {
  #find = new FindInteraction();
  #open = false;
  #frame = 0;
  /** Where focus was when the find bar opened. */
  #returnFocus: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly parts: FindParts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('scroll', this.#onScroll, { passive: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#onScroll);
  }

  /** The find bar is shown. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** What the find bar shows. */
  get state() {
    const find = this.#find;
    return { query: find.query, ...find.options, total: find.matches.length, current: find.current };
  }

  /** The bar is open with something to find (a new article under it is searched again). */
  get searching(): boolean {
    return this.#open && this.#find.query !== '';
  }

  /** Open the bar (remembering where focus was) and focus its field. */
  async open(): Promise<void> {
    if (!this.#open) {
      this.#returnFocus = deepActiveElement();
      this.#open = true;
      this.host.requestUpdate();
      await this.host.updateComplete;
      // Fold the article's text now, so the first keystroke costs no more than the next.
      const text = this.parts.index()?.text;
      if (text) setTimeout(() => prepareFind(text, this.#find.options.matchCase), 0);
    }
    await this.parts.bar()?.focusField();
    this.#keepClear();
  }

  /** Close the bar, clear the marks and put focus back. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#find.clear();
    this.#find.matches = [];
    this.#find.current = -1;
    this.host.requestUpdate();
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
    else this.parts.body()?.focus({ preventScroll: true });
  }

  /** The query or an option changed: search again from the current match. */
  query({ query, matchCase, wholeWord }: FindQueryDetail): void {
    const from = this.#find.currentOffset;
    this.#find.query = query;
    this.#find.options = { matchCase, wholeWord };
    this.#find.run(this.parts.index(), from);
    this.#keepClear();
    this.host.requestUpdate();
  }

  /** Go to the next (1) or previous (-1) match, wrapping. */
  step(direction: 1 | -1): void {
    this.#find.step(this.parts.index(), direction);
    this.#keepClear();
    this.host.requestUpdate();
  }

  /** A new article is shown under the open bar: search it from the top of the view. */
  rerun(): void {
    this.#find.run(this.parts.index(), null);
    this.#keepClear();
    this.host.requestUpdate();
  }

  /** Land on a search hit: find `term` (default options) from the start, and open the bar. */
  async land(term: string): Promise<void> {
    this.#find.query = term;
    this.#find.options = { matchCase: false, wholeWord: false };
    this.#find.run(this.parts.index(), 0);
    await this.open();
  }

  /** The article is gone: remove the marks. */
  clearMarks(): void {
    this.#find.clear();
  }

  /** Room kept between the bar and what is scrolled to, in px. */
  static readonly CLEARANCE = 8;

  /** Move the current match out from under the bar: to the middle of the view below it, when it is not already clear. */
  #keepClear(): void {
    const bar = this.parts.bar();
    const index = this.parts.index();
    const match = this.#find.matches[this.#find.current];
    if (!this.#open || !bar || !index || !match) return;
    const below = bar.getBoundingClientRect().bottom + FindController.CLEARANCE;
    const rect = index.rangeFor(match.start, match.end).getBoundingClientRect();
    if (rect.top >= below && rect.bottom <= window.innerHeight - FindController.CLEARANCE) return;
    const delta = (rect.top + rect.bottom) / 2 - (below + window.innerHeight) / 2;
    window.scrollBy({ top: delta, left: 0, behavior: 'instant' });
  }

  #onScroll = () => {
    if (this.#open && this.#frame === 0) {
      // Once a frame at most: move the drawn window of find matches with the view.
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        if (this.#open) this.#find.repaintInView(this.parts.index());
      });
    }
  };
}
