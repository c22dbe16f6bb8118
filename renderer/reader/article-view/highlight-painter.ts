/**
 * Draws highlights with the CSS Custom Highlight API (ARCHITECTURE.md §4): one `Highlight`
 * per color registered as `lectern-<color>`, one for highlights that carry a note
 * (`lectern-has-note`), one for the keyboard's current highlight (`lectern-current`)
 * and one for a short flash (`lectern-flash`). The article's text is never wrapped
 * in elements; the styles are `::highlight(…)` rules in the article view's styles.
 */
import type { HighlightColor } from '../../../common/colors';
import type { TextIndex } from '../../anchoring/text-index';
import { caretAt, rangeContainsPoint } from './selection';

/** A highlight to draw: `[start, end)` in the article body's text content. */
export interface Mark {
  id: string;
  color: HighlightColor;
  hasNote: boolean;
  start: number;
  end: number;
}

export const COLOR_HIGHLIGHTS: Readonly<Record<HighlightColor, string>> = {
  yellow: 'lectern-yellow',
  green: 'lectern-green',
  blue: 'lectern-blue',
  pink: 'lectern-pink',
  purple: 'lectern-purple',
};
export const NOTE_HIGHLIGHT = 'lectern-has-note';
export const CURRENT_HIGHLIGHT = 'lectern-current';
export const FLASH_HIGHLIGHT = 'lectern-flash';

/** How long a flash stays. */
export const FLASH_MS = 1400;

interface HitRegistry {
  highlightsFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { highlight: Highlight; ranges: AbstractRange[] }[];
}

const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export class HighlightPainter {
  #index: TextIndex;
  #marks: Mark[] = [];
  #ranges = new Map<string, Range>();
  #ids = new Map<AbstractRange, string>();
  #flashTimer: ReturnType<typeof setTimeout> | null = null;
  #current: string | null = null;

  constructor(index: TextIndex) {
    this.#index = index;
  }

  /** The marks last painted, in document order. */
  get marks(): readonly Mark[] {
    return this.#marks;
  }

  /** Draw exactly these marks (ranges of unchanged marks are reused). */
  paint(marks: readonly Mark[]): void {
    const ranges = new Map<string, Range>();
    const ids = new Map<AbstractRange, string>();
    const previous = new Map(this.#marks.map((m) => [m.id, m]));
    for (const mark of marks) {
      const old = previous.get(mark.id);
      let range = old && old.start === mark.start && old.end === mark.end ? this.#ranges.get(mark.id) : undefined;
      if (!range) {
        try {
          range = this.#index.rangeFor(mark.start, mark.end);
        } catch {
          continue;
        }
      }
      ranges.set(mark.id, range);
      ids.set(range, mark.id);
    }
    this.#marks = marks.filter((m) => ranges.has(m.id));
    this.#ranges = ranges;
    this.#ids = ids;
    if (this.#current && !ranges.has(this.#current)) this.#current = null;
    if (!supported()) return;

    const byColor = new Map<HighlightColor, Range[]>();
    const noted: Range[] = [];
    for (const mark of this.#marks) {
      const range = ranges.get(mark.id)!;
      const list = byColor.get(mark.color) ?? [];
      list.push(range);
      byColor.set(mark.color, list);
      if (mark.hasNote) noted.push(range);
    }
    for (const [color, name] of Object.entries(COLOR_HIGHLIGHTS) as [HighlightColor, string][]) {
      CSS.highlights.set(name, new Highlight(...(byColor.get(color) ?? [])));
    }
    const note = new Highlight(...noted);
    note.priority = 1;
    CSS.highlights.set(NOTE_HIGHLIGHT, note);
    this.#paintCurrent();
  }

  rangeOf(id: string): Range | undefined {
    return this.#ranges.get(id);
  }

  /** Mark one highlight as the keyboard's current one (or none). */
  setCurrent(id: string | null): void {
    this.#current = id && this.#ranges.has(id) ? id : null;
    this.#paintCurrent();
  }

  get current(): string | null {
    return this.#current;
  }

  /** Flash a highlight for {@link FLASH_MS} ms; never under `prefers-reduced-motion: reduce` (the current mark stays). */
  flash(id: string): void {
    const range = this.#ranges.get(id);
    if (!range || !supported() || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const flash = new Highlight(range);
    flash.priority = 3;
    CSS.highlights.set(FLASH_HIGHLIGHT, flash);
    if (this.#flashTimer) clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => {
      CSS.highlights.delete(FLASH_HIGHLIGHT);
      this.#flashTimer = null;
    }, FLASH_MS);
  }

  /**
   * The highlights under a viewport point, in document order: the registry's own hit
   * test where the browser has one, else the caret's text offset compared with each
   * highlight's range (and the point checked against that range's boxes).
   */
  idsAt(x: number, y: number, root: ShadowRoot): string[] {
    const hits = new Set<string>();
    const registry = (supported() ? CSS.highlights : null) as (HighlightRegistry & HitRegistry) | null;
    if (registry && typeof registry.highlightsFromPoint === 'function') {
      try {
        for (const { ranges } of registry.highlightsFromPoint(x, y, { shadowRoots: [root] })) {
          for (const range of ranges) {
            const id = this.#ids.get(range);
            if (id) hits.add(id);
          }
        }
      } catch {
        hits.clear();
      }
    }
    if (hits.size === 0) {
      const caret = caretAt(x, y, root);
      const at = caret ? this.#index.offsetOf(caret.node, caret.offset) : -1;
      if (at >= 0) {
        for (const mark of this.#marks) {
          if (mark.start > at + 1) break;
          if (mark.end < at - 1) continue;
          if (rangeContainsPoint(this.#ranges.get(mark.id)!, x, y)) hits.add(mark.id);
        }
      }
    }
    return this.#marks.filter((m) => hits.has(m.id)).map((m) => m.id);
  }

  /** Remove everything this painter registered. */
  clear(): void {
    this.#marks = [];
    this.#ranges.clear();
    this.#ids.clear();
    this.#current = null;
    if (this.#flashTimer) clearTimeout(this.#flashTimer);
    this.#flashTimer = null;
    if (!supported()) return;
    for (const name of [...Object.values(COLOR_HIGHLIGHTS), NOTE_HIGHLIGHT, CURRENT_HIGHLIGHT, FLASH_HIGHLIGHT]) {
      CSS.highlights.delete(name);
    }
  }

  #paintCurrent(): void {
    if (!supported()) return;
    const range = this.#current ? this.#ranges.get(this.#current) : undefined;
    if (!range) {
      CSS.highlights.delete(CURRENT_HIGHLIGHT);
      return;
    }
    const current = new Highlight(range);
    current.priority = 2;
    CSS.highlights.set(CURRENT_HIGHLIGHT, current);
  }
}
