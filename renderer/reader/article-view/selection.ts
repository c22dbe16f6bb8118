/**
 * The reader's selection and caret inside the article's shadow root. Selections in
 * shadow trees need the composed-ranges API (or Chromium's `ShadowRoot.getSelection`),
 * and caret hit-testing needs to be told which shadow roots it may look into.
 */

/** The reader's selection inside `root`, as a Range, or null (also when collapsed, unless `caret`). */
export function selectionIn(root: ShadowRoot, { caret = false } = {}): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  let found: AbstractRange | null = null;
  if (typeof selection.getComposedRanges === 'function') {
    try {
      found = selection.getComposedRanges({ shadowRoots: [root] })[0] ?? null;
    } catch {
      found = null;
    }
  }
  if (!found) {
    const inner = (root as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.();
    if (inner && inner.rangeCount > 0) found = inner.getRangeAt(0);
  }
  if (!found || (found.collapsed && !caret)) return null;
  const range = document.createRange();
  try {
    range.setStart(found.startContainer, found.startOffset);
    range.setEnd(found.endContainer, found.endOffset);
  } catch {
    return null;
  }
  return range;
}

const SPACE = /\s/u;

/** `[start, end)` without leading and trailing white space, or null when nothing is left. */
export function trimToText(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  while (from < to && SPACE.test(text[from]!)) from++;
  while (to > from && SPACE.test(text[to - 1]!)) to--;
  return from < to ? { start: from, end: to } : null;
}

/** The DOM position of the caret at a viewport point, looking inside `root`. */
export function caretAt(x: number, y: number, root: ShadowRoot): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y, { shadowRoots: [root] });
    if (position) return { node: position.offsetNode, offset: position.offset };
  }
  const legacy = (document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null })
    .caretRangeFromPoint?.(x, y);
  return legacy ? { node: legacy.startContainer, offset: legacy.startOffset } : null;
}

/** Whether a viewport point lies in one of the range's boxes (with a pixel of slack). */
export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

/** What `Selection.modify('extend', …)` should do for a key. */
export interface ExtendCommand {
  direction: 'forward' | 'backward';
  granularity: 'character' | 'word' | 'line' | 'paragraph' | 'lineboundary';
}

/**
 * Shift+arrow keys as a text field reads them: Shift+←/→ by character, with Ctrl
 * (⌥ on macOS) by word, with ⌘ on macOS to the line's end; Shift+↑/↓ by line (with
 * Ctrl / ⌥ by paragraph); Shift+Home/End to the line's ends. Null for other keys.
 */
export function extendCommand(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>,
  mac: boolean,
): ExtendCommand | null {
  if (!event.shiftKey) return null;
  const byWord = mac ? event.altKey : event.ctrlKey;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      return {
        direction: event.key === 'ArrowRight' ? 'forward' : 'backward',
        granularity: mac && event.metaKey ? 'lineboundary' : byWord ? 'word' : 'character',
      };
    case 'ArrowDown':
    case 'ArrowUp':
      return { direction: event.key === 'ArrowDown' ? 'forward' : 'backward', granularity: byWord ? 'paragraph' : 'line' };
    case 'End':
    case 'Home':
      return { direction: event.key === 'End' ? 'forward' : 'backward', granularity: 'lineboundary' };
    default:
      return null;
  }
}
