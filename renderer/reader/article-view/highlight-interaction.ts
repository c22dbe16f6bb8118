/**
 * Everything the reader does with highlights inside the article view: the selection
 * toolbar, drawing, hit-testing clicks, the popover, the keyboard (`H`, Ctrl/Cmd+
 * Shift+H, `n`/`p`, Enter, Shift+arrows, Tab to the toolbar, Escape) and flashing.
 *
 * A reactive controller on `<article-view>`: it keeps the toolbar and popover state
 * the view renders, and raises the view's events (`highlight-create`, `announce`,
 * `popover-closed`) from the host. The article's text is indexed once per article
 * ({@link TextIndex}); highlights are drawn by a {@link HighlightPainter}.
 *
 * One idea in one file, though long: the toolbar, the popover, the current highlight
 * and the keys all act on one shared state (what is selected, what is open, which
 * highlight is current, where focus returns) under one set of window listeners, and
 * each decides by the others' state (Escape closes the popover first, Tab reaches the
 * toolbar only without a popover, a click ends a selection or opens a popover). The
 * pure parts live beside it: `selection.ts`, `highlight-painter.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ColorNames, Highlight } from '../../../common/model';
import type { HighlightColor } from '../../../common/colors';
import { shortQuote } from '../../format';
import { deepActiveElement, focusWithin } from '../../dom';
import { SHORTCUTS, isMac, matches } from '../../shortcuts';
import { isTextField } from '../../text-field';
import { describeRange } from '../../../common/anchoring/describe';
import { TextIndex } from '../../anchoring/text-index';
import type { HighlightPopoverElement } from '../highlight-popover/highlight-popover';
import type { HighlightToolbarElement } from '../highlight-toolbar/highlight-toolbar';
import type { PlacedHighlight } from '../../controllers/annotations-controller';
import { HighlightPainter } from './highlight-painter';
import { BLOCK_SELECTOR } from './reading-position';
import { extendCommand, selectionIn, trimToText } from './selection';
import { fire, type HighlightCreateDetail } from '../../events';

/** Where a floating part sits, in pixels from the top left of the view's page box. */
export interface FloatPosition {
  top: number;
  left: number;
  /** Drawn above `top` (translated up by its own height) rather than below it. */
  above: boolean;
}

export interface SelectionState extends FloatPosition {
  start: number;
  end: number;
}

export interface PopoverState extends FloatPosition {
  ids: string[];
  focusNote: boolean;
}

export interface InteractionParts {
  body(): HTMLElement | undefined;
  page(): HTMLElement | undefined;
  toolbar(): HighlightToolbarElement | undefined;
  popover(): HighlightPopoverElement | undefined;
  placed(): readonly PlacedHighlight[];
  /** N, P and plain H work (View ▸ Single-Key Shortcuts; Ctrl/Cmd+Shift+H always does). */
  singleKeys(): boolean;
  colorNames(): ColorNames;
  lastColor(): HighlightColor;
}

type Host = ReactiveControllerHost & HTMLElement;

const TOOLBAR_WIDTH = 290;
const POPOVER_WIDTH = 352;
const GAP = 8;
const QUOTE_ANNOUNCED = 90;

const INTERACTIVE = 'a[href], button, input, textarea, select, summary, [contenteditable="true"], [role="button"], [role="radio"]';


const isInteractive = (target: EventTarget | undefined): boolean =>
  target instanceof Element && target.closest(INTERACTIVE) !== null;

export class HighlightInteraction implements ReactiveController {
  /** The toolbar for the current selection, if there is one in the article. */
  selection: SelectionState | null = null;
  /** The open popover, if any. */
  popover: PopoverState | null = null;

  #index: TextIndex | null = null;
  #painter: HighlightPainter | null = null;
  #pointerDown = false;
  #frame = 0;
  /** Where focus was before the popover opened. */
  #returnFocus: HTMLElement | null = null;
  /** Whether the popover still has to take focus (after it renders). */
  #focusPopover = false;
  #createdViaKeyboard = false;

  constructor(
    private readonly host: Host,
    private readonly parts: InteractionParts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('selectionchange', this.#onSelectionChange);
    window.addEventListener('pointerdown', this.#onPointerDown, true);
    window.addEventListener('pointerup', this.#onPointerUp, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('selectionchange', this.#onSelectionChange);
    window.removeEventListener('pointerdown', this.#onPointerDown, true);
    window.removeEventListener('pointerup', this.#onPointerUp, true);
    cancelAnimationFrame(this.#frame);
    this.detach();
  }

  hostUpdated(): void {
    if (this.#focusPopover && this.popover) {
      this.#focusPopover = false;
      const popover = this.parts.popover();
      if (popover) {
        void popover.focus();
        popover.scrollIntoView({ block: 'nearest', behavior: 'instant' });
      }
    }
  }

  /** The shown article body's text index (null when none is shown). */
  get index(): TextIndex | null {
    return this.#index;
  }

  /** A new article body is in place: index its text (returned) and draw nothing yet. */
  attach(body: HTMLElement): string {
    this.detach();
    this.#index = new TextIndex(body);
    this.#painter = new HighlightPainter(this.#index);
    return this.#index.text;
  }

  /** The article is gone: remove every highlight drawn and any toolbar or popover. */
  detach(): void {
    this.#painter?.clear();
    this.#painter = null;
    this.#index = null;
    this.selection = null;
    this.popover = null;
  }

  /** Draw the placed highlights (call when they change). */
  paint(): void {
    if (!this.#painter) return;
    const placed = this.parts.placed();
    this.#painter.paint(
      placed.map((p) => ({
        id: p.highlight.id,
        color: p.highlight.color,
        hasNote: p.highlight.note.trim().length > 0,
        start: p.start,
        end: p.end,
      })),
    );
    if (this.popover) {
      const ids = this.popover.ids.filter((id) => placed.some((p) => p.highlight.id === id));
      if (ids.length === 0) this.closePopover();
      else if (ids.length !== this.popover.ids.length) this.popover = { ...this.popover, ids };
    }
  }

  /** The highlights for the open popover, in document order. */
  popoverHighlights(): Highlight[] {
    if (!this.popover) return [];
    const placed = this.parts.placed();
    return this.popover.ids.flatMap((id) => placed.find((p) => p.highlight.id === id)?.highlight ?? []);
  }

  // ------------------------------------------------------------------ commands

  /**
   * Highlight the selection in `color` (the toolbar, `H`, Ctrl/Cmd+Shift+H). Returns
   * whether there was one. Made from the keyboard, the new highlight becomes the
   * current one (Enter opens it; `n`/`p` go on from it).
   */
  highlightSelection(color: HighlightColor, withNote: boolean, viaKeyboard: boolean): boolean {
    const index = this.#index;
    const at = this.#currentSelection() ?? this.selection;
    if (!index || !at) return false;
    const hadFocus = focusWithin(this.parts.toolbar());
    const detail: HighlightCreateDetail = {
      target: describeRange(index.text, at.start, at.end),
      color,
      start: at.start,
      end: at.end,
      withNote,
    };
    document.getSelection()?.removeAllRanges();
    this.selection = null;
    this.#createdViaKeyboard = viaKeyboard;
    this.host.requestUpdate();
    if (hadFocus) this.#focusBody();
    fire(this.host, 'highlight-create', detail);
    return true;
  }

  /** A highlight was just made: open its note, or (made from the keyboard) make it the current one. */
  created(id: string, withNote: boolean): void {
    if (withNote) this.openPopover([id], { focusNote: true });
    else if (this.#createdViaKeyboard) this.#painter?.setCurrent(id);
  }

  /** Scroll a highlight into view, flash it, make it current and (optionally) announce it. */
  reveal(id: string, { announce = true } = {}): boolean {
    const painter = this.#painter;
    const range = painter?.rangeOf(id);
    if (!painter || !range) return false;
    const rect = range.getBoundingClientRect();
    const margin = Math.min(120, window.innerHeight / 4);
    if (rect.top < margin || rect.bottom > window.innerHeight - margin) {
      window.scrollBy({ top: rect.top - window.innerHeight / 3, left: 0, behavior: 'instant' });
    }
    painter.setCurrent(id);
    painter.flash(id);
    if (announce) this.#announceHighlight(id);
    return true;
  }

  /** Move to the next (1) or previous (-1) highlight in the article. */
  step(direction: 1 | -1): void {
    const painter = this.#painter;
    const marks = painter?.marks ?? [];
    if (!painter || marks.length === 0) {
      this.#announce('This article has no highlights.');
      return;
    }
    const current = painter.current ? marks.findIndex((m) => m.id === painter.current) : -1;
    let next: number;
    if (current >= 0) {
      next = current + direction;
    } else {
      // From the reading position: the first highlight below the top of the view, or the last above its bottom.
      const tops = marks.map((m) => painter.rangeOf(m.id)!.getBoundingClientRect());
      next =
        direction === 1
          ? tops.findIndex((r) => r.bottom > 0)
          : tops.findLastIndex((r) => r.top < window.innerHeight);
      if (next < 0) next = direction === 1 ? marks.length : -1;
    }
    let wrapped = '';
    if (next >= marks.length) {
      next = 0;
      wrapped = 'Back to the first highlight. ';
    } else if (next < 0) {
      next = marks.length - 1;
      wrapped = 'Back to the last highlight. ';
    }
    const id = marks[next]!.id;
    this.reveal(id, { announce: false });
    this.#announceHighlight(id, wrapped);
  }

  /** Open the popover for these highlights (several: the reader picks one first). */
  openPopover(ids: string[], { focusNote = false, point }: { focusNote?: boolean; point?: { x: number; y: number } } = {}): void {
    const range = this.#painter?.rangeOf(ids[0]!);
    if (!range) return;
    if (!this.popover) this.#returnFocus = deepActiveElement();
    this.#painter!.setCurrent(ids[0]!);
    const rects = [...range.getClientRects()];
    const line = (point && rects.find((r) => point.y >= r.top && point.y <= r.bottom)) ?? rects.at(-1) ?? range.getBoundingClientRect();
    this.popover = { ids, focusNote, ...this.#place(line, POPOVER_WIDTH, false) };
    this.selection = null;
    this.#focusPopover = true;
    this.host.requestUpdate();
  }

  /** Close the popover (its note is saved by whoever listens to `popover-closed`). */
  closePopover({ restoreFocus = true } = {}): void {
    if (!this.popover) return;
    const ids = this.popover.ids;
    const hadFocus = focusWithin(this.parts.popover());
    this.popover = null;
    this.#focusPopover = false;
    this.host.requestUpdate();
    fire(this.host, 'popover-closed', { ids });
    if (restoreFocus && hadFocus) {
      const back = this.#returnFocus;
      if (back && back.isConnected && back !== document.body) back.focus({ preventScroll: true });
      else this.#focusBody();
    }
    this.#returnFocus = null;
  }

  /** Hide the toolbar and drop the selection. */
  dismissToolbar(): void {
    const hadFocus = focusWithin(this.parts.toolbar());
    document.getSelection()?.removeAllRanges();
    this.selection = null;
    this.host.requestUpdate();
    if (hadFocus) this.#focusBody();
  }

  // ------------------------------------------------------------------ input

  /** A key pressed anywhere in the window while the reader is shown. Returns whether it was handled. */
  onKeyDown(event: KeyboardEvent): boolean {
    if (!this.#index) return false;
    const target = event.composedPath()[0];

    if (matches(event, SHORTCUTS.closeFloating)) {
      if (this.popover) {
        this.closePopover();
        return true;
      }
      if (this.selection) {
        this.dismissToolbar();
        return true;
      }
      return false;
    }
    if (isTextField(target)) return false;

    const singleKeys = this.parts.singleKeys();
    // Highlight the selection: H, or Ctrl/Cmd+Shift+H.
    if (matches(event, SHORTCUTS.highlightSingle, singleKeys) || matches(event, SHORTCUTS.highlight)) {
      if (!this.#currentSelection()) return false;
      return this.highlightSelection(this.parts.lastColor(), false, true);
    }
    const next = matches(event, SHORTCUTS.nextHighlight, singleKeys);
    if (next || matches(event, SHORTCUTS.previousHighlight, singleKeys)) {
      this.step(next ? 1 : -1);
      return true;
    }
    const inReader = this.#inReader(event);
    if (matches(event, SHORTCUTS.openHighlight) && inReader && !isInteractive(target) && !this.popover) {
      const current = this.#painter?.current;
      if (!current) return false;
      this.openPopover([current]);
      return true;
    }
    if (matches(event, SHORTCUTS.toToolbar) && inReader && this.selection && !this.popover) {
      const toolbar = this.parts.toolbar();
      if (!toolbar || focusWithin(toolbar)) return false;
      toolbar.focus();
      return true;
    }
    if (event.shiftKey && inReader && !isInteractive(target)) return this.#extendSelection(event);
    return false;
  }

  /** A click in the article body (not on a link): open the popover for the highlights under it. */
  onBodyClick(event: MouseEvent): void {
    const root = this.host.shadowRoot;
    if (!root || !this.#painter || event.button !== 0) return;
    if (selectionIn(root)) return; // the click ended a text selection
    const ids = this.#painter.idsAt(event.clientX, event.clientY, root);
    if (ids.length === 0) return;
    this.openPopover(ids, { point: { x: event.clientX, y: event.clientY } });
  }

  // ------------------------------------------------------------------ internals

  /** The selection inside the article body, as trimmed offsets, or null. */
  #currentSelection(): { start: number; end: number } | null {
    const root = this.host.shadowRoot;
    const index = this.#index;
    if (!root || !index) return null;
    const range = selectionIn(root);
    const offsets = range ? index.rangeToOffsets(range) : null;
    return offsets ? trimToText(index.text, offsets.start, offsets.end) : null;
  }

  #updateSelection(): void {
    if (this.popover) return;
    const at = this.#currentSelection();
    if (!at) {
      // Keep the toolbar while the reader is using it with the keyboard.
      if (this.selection && !focusWithin(this.parts.toolbar())) {
        this.selection = null;
        this.host.requestUpdate();
      }
      return;
    }
    const range = this.#index!.rangeFor(at.start, at.end);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    const first = rects[0] ?? range.getBoundingClientRect();
    const last = rects.at(-1) ?? first;
    const above = first.top > 64;
    const position = this.#place(above ? first : last, TOOLBAR_WIDTH, above);
    const previous = this.selection;
    if (
      previous &&
      previous.start === at.start &&
      previous.end === at.end &&
      previous.top === position.top &&
      previous.left === position.left
    ) {
      return;
    }
    this.selection = { ...at, ...position };
    this.host.requestUpdate();
  }

  /** Float a part of `width` beside a line box: above its top or below its bottom, inside the page. */
  #place(line: DOMRect, width: number, above: boolean): FloatPosition {
    const page = this.parts.page()?.getBoundingClientRect();
    if (!page) return { top: 0, left: 0, above };
    const maxLeft = Math.max(0, page.width - width - GAP);
    return {
      top: Math.round((above ? line.top - GAP : line.bottom + GAP) - page.top),
      left: Math.round(Math.min(Math.max(GAP, line.left - page.left - 12), maxLeft)),
      above,
    };
  }

  /**
   * Shift+arrows (and Shift+Home/End) extend a selection in the article, so text can
   * be chosen without a mouse even where the browser has no caret browsing. With no
   * caret in the article, the selection starts at the first block in view.
   */
  #extendSelection(event: KeyboardEvent): boolean {
    const root = this.host.shadowRoot;
    const index = this.#index;
    const selection = document.getSelection();
    const command = extendCommand(event, isMac());
    if (!root || !index || !selection || !command || typeof selection.modify !== 'function') return false;
    const caret = selectionIn(root, { caret: true });
    if (!caret || !index.rangeToOffsets(caret)) {
      const point = index.pointAt(this.#firstVisibleOffset(), true);
      selection.setBaseAndExtent(point.node, point.offset, point.node, point.offset);
    }
    selection.modify('extend', command.direction, command.granularity);
    return true;
  }

  #firstVisibleOffset(): number {
    const body = this.parts.body();
    const index = this.#index;
    if (!body || !index) return 0;
    for (const block of body.querySelectorAll(BLOCK_SELECTOR)) {
      const rect = block.getBoundingClientRect();
      if (rect.bottom > 0 && rect.height > 0) {
        const offset = index.offsetOf(block, 0);
        return trimToText(index.text, offset, index.text.length)?.start ?? offset;
      }
    }
    return 0;
  }

  #announceHighlight(id: string, prefix = ''): void {
    const marks = this.#painter?.marks ?? [];
    const at = marks.findIndex((m) => m.id === id);
    const placed = this.parts.placed().find((p) => p.highlight.id === id);
    if (at < 0 || !placed) return;
    const h = placed.highlight;
    const note = h.note.trim() ? ' Has a note.' : '';
    this.#announce(
      `${prefix}Highlight ${at + 1} of ${marks.length}, ${this.parts.colorNames()[h.color]}: ${shortQuote(h.target.quote.exact, QUOTE_ANNOUNCED)}.${note} Press Enter to open it.`,
    );
  }

  #announce(message: string): void {
    fire(this.host, 'announce', { message });
  }

  #inReader(event: KeyboardEvent): boolean {
    const path = event.composedPath();
    const first = path[0];
    return path.includes(this.host) || first === document.body || first === document.documentElement || first === window;
  }

  #focusBody(): void {
    this.parts.body()?.focus({ preventScroll: true });
  }

  #onSelectionChange = () => {
    if (this.#pointerDown || !this.#index) return;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#updateSelection());
  };

  #onPointerDown = (event: PointerEvent) => {
    const path = event.composedPath();
    const popover = this.parts.popover();
    if (this.popover && popover && !path.includes(popover)) this.closePopover({ restoreFocus: false });
    const toolbar = this.parts.toolbar();
    if (toolbar && path.includes(toolbar)) return;
    this.#pointerDown = true;
  };

  #onPointerUp = () => {
    if (!this.#pointerDown) return;
    this.#pointerDown = false;
    if (!this.#index) return;
    cancelAnimationFrame(this.#frame);
    // After the browser has settled the selection the pointer made.
    this.#frame = requestAnimationFrame(() => this.#updateSelection());
  };
}
