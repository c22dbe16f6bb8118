/**
 * Find in the article, for the reader: runs `findAll` over the body's text and draws
 * the matches with the CSS Custom Highlight API — the matches as `lectern-find` and
 * the current one as `lectern-find-current` — and scrolls the current one into view.
 *
 * All matches are counted, but only a window of {@link PAINT_WINDOW} around the
 * current match is drawn (a range costs ~2 µs to build: 10,000 of them would take more
 * than a frame on every keystroke); scrolling far from it moves the window
 * ({@link repaintInView}).
 */
import type { TextIndex } from '../../anchoring/text-index';
import { findAll, type FindOptions, type FoundRange } from '../../find/find-text';

export const FIND_HIGHLIGHT = 'lectern-find';
export const FIND_CURRENT_HIGHLIGHT = 'lectern-find-current';
/** How many matches are drawn at most, around the current one or the viewport (the count covers them all). */
export const PAINT_WINDOW = 2_000;

const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export class FindInteraction {
  query = '';
  options: FindOptions = { matchCase: false, wholeWord: false };
  matches: FoundRange[] = [];
  current = -1;
  /** The matches drawn: `[paintedFrom, paintedTo)`. */
  #paintedFrom = 0;
  #paintedTo = 0;

  /** Search `index` for the query; the first match shown is the first at or after `fromOffset`, else the viewport's top. */
  run(index: TextIndex | null, fromOffset: number | null): void {
    this.matches = index && this.query ? findAll(index.text, this.query, this.options) : [];
    this.current = -1;
    if (!index || this.matches.length === 0) {
      this.clear();
      return;
    }
    this.current = fromOffset === null ? this.#firstInView(index) : this.#firstAtOrAfter(fromOffset);
    this.paint(index);
    this.#reveal(index);
  }

  step(index: TextIndex | null, direction: 1 | -1): void {
    if (!index || this.matches.length === 0) return;
    this.current = (this.current + direction + this.matches.length) % this.matches.length;
    this.paint(index);
    this.#reveal(index);
  }

  paint(index: TextIndex, around = this.current): void {
    if (!supported()) return;
    const all = new Highlight();
    all.priority = 4;
    const from = Math.max(0, Math.min(around - PAINT_WINDOW / 2, this.matches.length - PAINT_WINDOW));
    this.#paintedFrom = from;
    this.#paintedTo = Math.min(this.matches.length, from + PAINT_WINDOW);
    for (const match of this.matches.slice(this.#paintedFrom, this.#paintedTo)) {
      try {
        all.add(index.rangeFor(match.start, match.end));
      } catch {
        // A range the index cannot place is simply not drawn.
      }
    }
    CSS.highlights.set(FIND_HIGHLIGHT, all);
    const match = this.matches[this.current];
    if (!match) {
      CSS.highlights.delete(FIND_CURRENT_HIGHLIGHT);
      return;
    }
    const current = new Highlight(index.rangeFor(match.start, match.end));
    current.priority = 5;
    CSS.highlights.set(FIND_CURRENT_HIGHLIGHT, current);
  }

  /**
   * After a scroll: when the viewport has moved near the edge of the drawn window (or
   * out of it), draw the window around the matches in view instead.
   */
  repaintInView(index: TextIndex | null): void {
    if (!index || this.matches.length <= PAINT_WINDOW) return;
    const inView = Math.min(this.#firstBelowTop(index), this.matches.length - 1);
    const margin = PAINT_WINDOW / 4;
    const atStart = this.#paintedFrom === 0;
    const atEnd = this.#paintedTo === this.matches.length;
    if ((inView >= this.#paintedFrom + margin || atStart) && (inView < this.#paintedTo - margin || atEnd)) return;
    this.paint(index, inView);
  }

  /** Remove the marks. */
  clear(): void {
    if (!supported()) return;
    CSS.highlights.delete(FIND_HIGHLIGHT);
    CSS.highlights.delete(FIND_CURRENT_HIGHLIGHT);
  }

  /** The current match's start offset, if there is one. */
  get currentOffset(): number | null {
    return this.matches[this.current]?.start ?? null;
  }

  #firstAtOrAfter(offset: number): number {
    const at = this.matches.findIndex((m) => m.start >= offset);
    return at < 0 ? 0 : at;
  }

  /** The first match whose box reaches below the viewport's top, or the first of all when none does. */
  #firstInView(index: TextIndex): number {
    const at = this.#firstBelowTop(index);
    return at < this.matches.length ? at : 0;
  }

  /** Binary search for the first match whose box reaches below the viewport's top (`matches.length` if none). */
  #firstBelowTop(index: TextIndex): number {
    let lo = 0;
    let hi = this.matches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const match = this.matches[mid]!;
      if (index.rangeFor(match.start, match.end).getBoundingClientRect().bottom > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #reveal(index: TextIndex): void {
    const match = this.matches[this.current];
    if (!match) return;
    const rect = index.rangeFor(match.start, match.end).getBoundingClientRect();
    const top = window.scrollY + rect.top - window.innerHeight / 2 + rect.height / 2;
    window.scrollTo({ top: Math.max(0, top), left: 0, behavior: 'instant' });
  }
}
