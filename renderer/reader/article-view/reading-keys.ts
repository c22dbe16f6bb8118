/**
 * Keyboard reading on `<article-view>`: Space / Shift+Space a page down or up (the
 * viewport less what is pinned over its top, less a line kept in view), `j` / `k` a
 * line (the body's line height), Home / End the top or the end of the article.
 *
 * They act only while focus is in the article itself (its title, its body, a heading
 * the Contents panel moved to) or nowhere (the page): never in a text field, a
 * button, a popover, the toolbar, a panel. `j` / `k` are single-key shortcuts (View ▸
 * Single-Key Shortcuts); Space is the page's own key, so with single keys off it is
 * left to the browser's own scrolling. Home, End and Space scroll at once; `j` / `k`
 * glide, or jump under `prefers-reduced-motion: reduce`.
 */
import { SHORTCUTS, matches } from '../../shortcuts';
import { isTextField } from '../../text-field';

/** What a key asks of the page. */
export type ReadingMove = 'page-down' | 'page-up' | 'line-down' | 'line-up' | 'top' | 'end';

/** Controls that use Space, Home, End or letters themselves. */
const CONTROLS =
  'a[href], button, input, textarea, select, summary, audio, video, [contenteditable="true"], [role="button"], [role="radio"], [role="slider"], [role="listbox"], [role="menu"], [role="tab"]';

/** The move `event` asks for, or null. */
export function readingMove(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  singleKeys: boolean,
): ReadingMove | null {
  // Space only while single keys are on; with them off the browser scrolls by itself.
  if (singleKeys && matches(event, SHORTCUTS.pageDown)) return 'page-down';
  if (singleKeys && matches(event, SHORTCUTS.pageUp)) return 'page-up';
  if (matches(event, SHORTCUTS.lineDown, singleKeys)) return 'line-down';
  if (matches(event, SHORTCUTS.lineUp, singleKeys)) return 'line-up';
  if (matches(event, SHORTCUTS.articleTop)) return 'top';
  if (matches(event, SHORTCUTS.articleEnd)) return 'end';
  return null;
}

/**
 * Whether a reading key pressed with focus on `target` is the reader's: `target` is
 * the page itself, or inside `article` and not a control (nor a text field).
 */
export function readingKeyTarget(target: EventTarget | undefined, path: readonly EventTarget[], article: Element | undefined): boolean {
  if (target === window || target === document || target === document.body || target === document.documentElement) return true;
  if (!article || !path.includes(article)) return false;
  if (isTextField(target)) return false;
  return !(target instanceof Element && target.closest(CONTROLS) !== null);
}

/** How far a page moves: the visible height under the pinned bars, less one line of overlap (at least a line). */
export function pageStep(viewportHeight: number, pinned: number, line: number): number {
  return Math.max(line, viewportHeight - pinned - line);
}

/** Where the move takes the page (a `scrollY`, clamped to what scrolls). */
export function moveTarget(
  move: ReadingMove,
  page: { scrollY: number; maxScroll: number; viewportHeight: number; pinned: number; line: number },
): number {
  const max = Math.max(0, page.maxScroll);
  const step = pageStep(page.viewportHeight, page.pinned, page.line);
  const by: Record<ReadingMove, number> = {
    'page-down': page.scrollY + step,
    'page-up': page.scrollY - step,
    'line-down': page.scrollY + page.line,
    'line-up': page.scrollY - page.line,
    top: 0,
    end: max,
  };
  return Math.min(max, Math.max(0, Math.round(by[move])));
}

/**
 * The height pinned over the top of the viewport by `elements` (the progress bar, a
 * docked or sticky find bar): for each one stuck or fixed there, its `top` plus its
 * height; the largest wins (they overlap).
 */
export function pinnedHeight(elements: readonly (Element | null | undefined)[]): number {
  let pinned = 0;
  for (const element of elements) {
    if (!element || !element.isConnected) continue;
    const style = getComputedStyle(element);
    if (style.position !== 'sticky' && style.position !== 'fixed') continue;
    const top = Number.parseFloat(style.top);
    if (!Number.isFinite(top)) continue;
    pinned = Math.max(pinned, top + element.getBoundingClientRect().height);
  }
  return pinned;
}

/** The body's line height in CSS pixels (`normal` taken as 1.2 × the font size). */
export function lineHeightOf(element: Element): number {
  const style = getComputedStyle(element);
  const line = Number.parseFloat(style.lineHeight);
  if (Number.isFinite(line) && line > 0) return line;
  const size = Number.parseFloat(style.fontSize);
  return Number.isFinite(size) && size > 0 ? size * 1.2 : 20;
}

export const prefersReducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export interface ReadingKeysParts {
  /** The `<article>` (title and body): keys act with focus in it. */
  article(): HTMLElement | undefined;
  /** The body container (its line height is a line). */
  body(): HTMLElement | undefined;
  /** The height pinned over the top of the viewport. */
  pinned(): number;
  singleKeys(): boolean;
}

/** Keyboard reading: the view's key handler asks {@link ReadingKeys.onKeyDown} in its order. */
export class ReadingKeys {
  /** Where a gliding `j` / `k` is heading, so a key pressed mid-glide adds to it. */
  #gliding: { target: number; until: number } | null = null;

  constructor(private readonly parts: ReadingKeysParts) {}

  /** Move the page if `event` is a reading key pressed in the article; true when it was. */
  onKeyDown(event: KeyboardEvent): boolean {
    const move = readingMove(event, this.parts.singleKeys());
    if (!move) return false;
    const path = event.composedPath();
    if (!readingKeyTarget(path[0], path, this.parts.article())) return false;
    const body = this.parts.body();
    if (!body) return false;
    const line = lineHeightOf(body);
    const glide = (move === 'line-down' || move === 'line-up') && !prefersReducedMotion();
    const now = performance.now();
    const from = glide && this.#gliding && now < this.#gliding.until ? this.#gliding.target : window.scrollY;
    const top = moveTarget(move, {
      scrollY: from,
      maxScroll: document.documentElement.scrollHeight - window.innerHeight,
      viewportHeight: window.innerHeight,
      pinned: this.parts.pinned(),
      line,
    });
    this.#gliding = glide ? { target: top, until: now + 400 } : null;
    window.scrollTo({ top, left: 0, behavior: glide ? 'smooth' : 'instant' });
    return true;
  }
}
