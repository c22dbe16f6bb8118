/**
 * The long lists of the library (the listing, search results, the Trash) share this
 * (ARCHITECTURE.md §2): a `<ul>`/`<ol>` whose rows are rendered by
 * `@lit-labs/virtualizer` when the list is long (only the rows near the viewport are
 * in the DOM) or all at once when it is short, and the same keyboard over both:
 *
 * - ↑/↓ move one focusable (a row's title, then its other focusables if the host
 *   names them), Page Up/Page Down a screenful of rows, Home/End the first/last row
 *   of the whole list (scrolled to and focused once rendered);
 * - ↑ on the first row leaves the list (`onLeaveTop`);
 * - printable keys typed within a second form a prefix: the next row whose title
 *   starts with it (asked of `find`) is scrolled to and focused.
 *
 * Rows are rendered by the host; each is an `<li data-index=…>` (its position) that
 * should carry `aria-posinset`/`aria-setsize` so a screen reader hears "N of total"
 * when only some rows are in the DOM. A row not loaded yet is `null` in `items` and
 * rendered as a placeholder (no focusable).
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { RangeChangedEvent, VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { LatestRequest } from '../../controllers/latest-request';

/** Lists longer than this are virtualized (search results, the Trash); the library listing always is. */
export const VIRTUAL_FROM = 50;
/** Keys typed within this long of each other form one type-to-find prefix. */
export const TYPE_AHEAD_MS = 1000;
/** Type-to-find asks once the keys pause this long. */
const TYPE_AHEAD_PAUSE_MS = 120;
/** How long to wait for a row scrolled to (and perhaps still loading) to appear. */
const REVEAL_WAIT_MS = 30_000;
/** Rows rendered beyond each edge of the viewport (px); the virtualizer's default is 1,000. */
const OVERHANG_PX = 400;
const layouts = new Map<number, typeof FlowLayout>();

/**
 * The virtualizer's flow layout (rows top to bottom), given — not left to its lazy
 * default — so it is there at once, with the host's guess at a row's height: the
 * first render makes about the rows that fit rather than one per 100 px, and a
 * shorter overhang keeps each render small. One class per height: the virtualizer
 * keeps its layout while the class stays the same.
 */
function rowLayout(rowHeight: number): typeof FlowLayout {
  let layout = layouts.get(rowHeight);
  if (!layout) {
    layout = class RowLayout extends FlowLayout {
      constructor(...args: ConstructorParameters<typeof FlowLayout>) {
        super(...args);
        this._itemSize = { width: 100, height: rowHeight };
        this._overhang = OVERHANG_PX;
      }
    };
    layouts.set(rowHeight, layout);
  }
  return layout;
}

export interface VirtualListOptions {
  /** The focusables of a row, in order (the first is the row's own, e.g. its title button). */
  focusable: string;
  /** ↑ on the first row. */
  onLeaveTop?: () => void;
  /** Type-to-find: the position of the first row whose title starts with `prefix` at or after `from` (wrapping), or null. */
  find?: (prefix: string, from: number) => Promise<number | null> | number | null;
  /** The rows on screen are now `first`…`last` (positions). */
  onShown?: (first: number, last: number) => void;
}

export interface VirtualListRender<T> {
  /** One entry per row of the whole list; `null` for a row not loaded yet. */
  items: readonly (T | null)[];
  /** A stable key for a row (`index` for a placeholder). */
  key: (item: T | null, index: number) => unknown;
  /** The row: an `<li data-index=${index}>`. */
  row: (item: T | null, index: number) => TemplateResult;
  /** About how tall a row is (px), before the virtualizer measures one. */
  rowHeight?: number;
  /** Render only the rows near the viewport (default: when longer than {@link VIRTUAL_FROM}). */
  virtual?: boolean;
  ordered?: boolean;
  className: string;
  label?: string;
  busy?: boolean;
}

/** Where a row sat on screen, to put it back there later. */
export interface ListAnchor {
  index: number;
  /** Its top, from the top of the viewport (px). */
  top: number;
  /** How far the window was scrolled. */
  scrollY: number;
}

export class VirtualListController implements ReactiveController {
  /** The position of the row that last had focus (-1: none yet). */
  focused = -1;
  /** The rows on screen (positions), as the virtualizer last said. */
  shown = { first: 0, last: -1 };

  #list: HTMLElement | null = null;
  #count = 0;
  #virtual = false;
  #typed = '';
  #typedAt = 0;
  /** Where the current prefix's search starts (after the row focused when it began). */
  #typedFrom = 0;
  #find = new LatestRequest();
  #findTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by each move of focus: an older reveal still waiting gives up. */
  #move = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: VirtualListOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#move++;
    this.#find.cancel();
    if (this.#findTimer !== null) clearTimeout(this.#findTimer);
    this.#findTimer = null;
  }

  /** How many rows the list has. */
  get count(): number {
    return this.#count;
  }

  /** The list element, rows inside. */
  render<T>(spec: VirtualListRender<T>): unknown {
    const items = spec.items as (T | null)[];
    this.#count = items.length;
    const virtual = spec.virtual ?? items.length > VIRTUAL_FROM;
    this.#virtual = virtual;
    const rows = virtual
      ? virtualize<T | null>({ items, keyFunction: spec.key, renderItem: spec.row, layout: { type: rowLayout(spec.rowHeight ?? 100), direction: 'vertical' } })
      : repeat(items, spec.key, spec.row);
    const busy = spec.busy ? 'true' : 'false';
    const attach = ref(this.#attach);
    // Another element when switching between virtual and plain: the virtualizer styles its host.
    return keyed(
      `${virtual}`,
      spec.ordered
        ? html`<ol class=${spec.className} aria-label=${spec.label ?? ''} aria-busy=${busy} ${attach}>${rows}</ol>`
        : html`<ul class=${spec.className} aria-busy=${busy} ${attach}>${rows}</ul>`,
    );
  }

  /** Scroll row `index` into view and focus its first (or last) focusable once it is rendered. Resolves whether it was. */
  async focusRow(index: number, { which = 'first', block = 'nearest' }: { which?: 'first' | 'last'; block?: ScrollLogicalPosition } = {}): Promise<boolean> {
    if (this.#count === 0) return false;
    const at = Math.max(0, Math.min(this.#count - 1, index));
    const move = ++this.#move;
    this.focused = at;
    let row = this.#row(at);
    if (!row || !this.#focusables(row).length) {
      this.#scrollTo(at, block);
      row = await this.#waitForRow(at, move, true, block);
    }
    if (!row || move !== this.#move) return false;
    const targets = this.#focusables(row);
    const target = which === 'first' ? targets[0] : targets[targets.length - 1];
    if (!target) return false;
    target.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    return true;
  }

  /** Where the focused row (or else the first row on screen) sits now, to {@link restore} it. */
  anchor(): ListAnchor | null {
    const focusedRow = this.focused >= 0 ? this.#row(this.focused) : null;
    const visible = focusedRow && this.#onScreen(focusedRow) ? focusedRow : this.#firstOnScreen();
    if (!visible) return null;
    return { index: Number(visible.dataset['index']), top: visible.getBoundingClientRect().top, scrollY: window.scrollY };
  }

  /**
   * Put row `anchor.index` back at `anchor.top` from the top of the viewport (where
   * it was), then focus row `focus` (if given) without scrolling further than needed.
   */
  async restore(anchor: ListAnchor, focus: number | null): Promise<boolean> {
    if (this.#count === 0) return false;
    const index = Math.min(anchor.index, this.#count - 1);
    const move = ++this.#move;
    // Scroll as a reader would (the virtualizer follows), then correct by where the row landed:
    // rows not measured since the list was made are estimates until rendered.
    window.scrollTo({ top: anchor.scrollY, left: 0, behavior: 'instant' });
    await this.#settled();
    let row = this.#row(index);
    if (!row) {
      // Far off (the estimates differ a lot): have the virtualizer bring it, then let it settle.
      this.#scrollTo(index, 'start');
      row = await this.#waitForRow(index, move, false, 'start');
      await this.#settled();
      await this.#settled();
    }
    for (let pass = 0; row && pass < 5; pass++) {
      if (move !== this.#move) return false;
      row = this.#row(index);
      if (!row) break;
      const off = row.getBoundingClientRect().top - anchor.top;
      if (Math.abs(off) < 1) break;
      window.scrollBy({ top: off, behavior: 'instant' });
      await this.#settled();
    }
    if (!row || move !== this.#move) return false;
    if (focus === null) return true;
    return this.focusRow(focus);
  }

  // ---------------------------------------------------------------- inside

  #attach = (element: Element | undefined) => {
    if (element === this.#list) return;
    this.#list?.removeEventListener('keydown', this.#onKeyDown);
    this.#list?.removeEventListener('focusin', this.#onFocusIn);
    this.#list?.removeEventListener('visibilityChanged', this.#onVisibility);
    this.#list = (element as HTMLElement | undefined) ?? null;
    this.#list?.addEventListener('keydown', this.#onKeyDown);
    this.#list?.addEventListener('focusin', this.#onFocusIn);
    this.#list?.addEventListener('visibilityChanged', this.#onVisibility);
    if (this.#list && !this.#virtual) this.#setShown(0, this.#count - 1);
  };

  #setShown(first: number, last: number): void {
    this.shown = { first, last };
    this.options.onShown?.(first, last);
  }

  #onVisibility = (event: Event) => {
    const { first, last } = event as VisibilityChangedEvent | RangeChangedEvent;
    this.#setShown(first, last);
  };

  #row(index: number): HTMLElement | null {
    const row = this.#list?.querySelector<HTMLElement>(`li[data-index="${index}"]`) ?? null;
    return row?.parentElement === this.#list ? row : null;
  }

  #focusables(row: Element): HTMLElement[] {
    return [...row.querySelectorAll<HTMLElement>(this.options.focusable)];
  }

  #onScreen(row: Element): boolean {
    const rect = row.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  }

  #firstOnScreen(): HTMLElement | null {
    for (const row of this.#list?.querySelectorAll<HTMLElement>('li[data-index]') ?? []) {
      if (row.parentElement === this.#list && row.getBoundingClientRect().bottom > 0) return row;
    }
    return null;
  }

  #scrollTo(index: number, block: ScrollLogicalPosition): void {
    const list = this.#list as (HTMLElement & VirtualizerHostElement) | null;
    if (!list) return;
    const virtualizer = this.#virtual ? list[virtualizerRef] : undefined;
    try {
      if (virtualizer) virtualizer.element(index)?.scrollIntoView({ block });
      else this.#row(index)?.scrollIntoView({ block, behavior: 'instant' });
    } catch {
      // The virtualizer is not laid out yet: the wait below asks again.
    }
  }

  /** The virtualizer has had two frames to lay out what the last scroll asked for (it measures, then corrects). */
  async #settled(): Promise<void> {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }

  /** Row `index` once rendered (and, with `loaded`, once it has a focusable: not a placeholder), checked each frame. */
  async #waitForRow(index: number, move: number, loaded = true, block: ScrollLogicalPosition = 'nearest'): Promise<HTMLElement | null> {
    const until = performance.now() + REVEAL_WAIT_MS;
    for (let frame = 1; ; frame++) {
      if (move !== this.#move) return null;
      const row = this.#row(index);
      if (row && (!loaded || this.#focusables(row).length > 0)) return row;
      if (performance.now() > until) return null;
      // Not rendered yet (the list was still being laid out, or rows came in above): scroll again.
      if (!row && frame % 10 === 0) this.#scrollTo(index, block);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  #onFocusIn = (event: FocusEvent) => {
    const row = (event.target as Element | null)?.closest<HTMLElement>('li[data-index]');
    if (row) this.focused = Number(row.dataset['index']);
  };

  #pageRows(row: HTMLElement): number {
    return Math.max(1, Math.floor(window.innerHeight / Math.max(1, row.offsetHeight)) - 1);
  }

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const target = event.composedPath()[0] as HTMLElement;
    const row = target.closest<HTMLElement>('li[data-index]');
    if (!row || row.parentElement !== this.#list) return;
    const index = Number(row.dataset['index']);
    const inRow = this.#focusables(row);
    const at = inRow.indexOf(target);
    if (at === -1) return;
    const key = event.key;
    if (key.length === 1 && (key !== ' ' || this.#typing())) {
      event.preventDefault();
      this.#typeAhead(key, index);
      return;
    }
    if (event.shiftKey) return;
    const last = this.#count - 1;
    switch (key) {
      case 'ArrowDown':
        if (at < inRow.length - 1) inRow[at + 1]!.focus();
        else void this.focusRow(Math.min(last, index + 1));
        break;
      case 'ArrowUp':
        if (at > 0) inRow[at - 1]!.focus();
        else if (index === 0) this.options.onLeaveTop?.();
        else void this.focusRow(index - 1, { which: 'last' });
        break;
      case 'PageDown':
        void this.focusRow(Math.min(last, index + this.#pageRows(row)), { block: 'end' });
        break;
      case 'PageUp':
        void this.focusRow(Math.max(0, index - this.#pageRows(row)), { block: 'start' });
        break;
      case 'Home':
        void this.focusRow(0, { block: 'start' });
        break;
      case 'End':
        void this.focusRow(last, { block: 'end' });
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  #typing(): boolean {
    return this.#typed !== '' && performance.now() - this.#typedAt < TYPE_AHEAD_MS;
  }

  #typeAhead(key: string, index: number): void {
    const find = this.options.find;
    if (!find) return;
    const fresh = !this.#typing();
    this.#typed = fresh ? key : this.#typed + key;
    this.#typedAt = performance.now();
    const prefix = this.#typed;
    // A new prefix looks after the focused row; a longer one may still match it.
    if (fresh) this.#typedFrom = (index + 1) % Math.max(1, this.#count);
    const from = this.#typedFrom;
    // Asked once the keys pause (a word typed quickly is one question).
    if (this.#findTimer !== null) clearTimeout(this.#findTimer);
    this.#find.cancel();
    this.#findTimer = setTimeout(() => {
      this.#findTimer = null;
      void this.#find.run(async () => find(prefix, from), {
        value: (found) => {
          if (found !== null) void this.focusRow(found, { block: 'center' });
        },
        error: () => {},
      });
    }, TYPE_AHEAD_PAUSE_MS);
  }
}

/** Type-to-find over rows all at hand: the first title starting with `prefix` (folded) at or after `from`, wrapping. */
export function findByTitle(titles: readonly (string | null)[], prefix: string, from: number): number | null {
  const folded = fold(prefix);
  const n = titles.length;
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n;
    const title = titles[i];
    if (title !== null && title !== undefined && fold(title).startsWith(folded)) return i;
  }
  return null;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trimStart();
}
