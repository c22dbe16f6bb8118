/**
 * The app's keyboard shortcuts, in one table the key handlers read, and the one rule
 * for the platform's command modifier (Ctrl on Windows and Linux, ⌘ on macOS). The
 * shortcuts that are also menu accelerators come from `common/shortcuts.ts`, which
 * main's menu reads too.
 */
import { MENU_SHORTCUTS, type Shortcut } from '../common/shortcuts';

export type { Shortcut };

/** A shortcut of a single key (no Ctrl, ⌘ or Alt) that works only while View ▸ Single-Key Shortcuts is on. */
interface SingleKey extends Shortcut {
  readonly single: true;
}

export const SHORTCUTS = {
  ...MENU_SHORTCUTS,
  // Anywhere.
  undo: { key: 'z', mod: true, does: 'Undo a deletion while the Undo toast shows' },
  // The reader.
  backEscape: { key: 'Escape', does: 'Back to the library (first closes a popover, the toolbar or the find bar)' },
  backBrowser: { key: 'BrowserBack', does: 'Back to the library' },
  toggleNotes: { key: 'n', mod: true, shift: true, does: 'Show or hide the Notes panel' },
  find: { key: 'f', mod: true, does: 'Find in the article' },
  findSlash: { key: '/', shift: 'any', single: true, does: 'Find in the article (outside a text field)' },
  findStep: { key: 'F3', shift: 'any', does: 'Next match (Shift: previous) while the find bar is open' },
  highlight: { key: 'h', mod: true, shift: true, does: 'Highlight the selection in the last color' },
  highlightSingle: { key: 'h', shift: 'any', single: true, does: 'Highlight the selection in the last color' },
  nextHighlight: { key: 'n', single: true, does: 'Next highlight' },
  previousHighlight: { key: 'p', single: true, does: 'Previous highlight' },
  openHighlight: { key: 'Enter', does: 'Open the current highlight' },
  toToolbar: { key: 'Tab', does: 'Move into the selection toolbar' },
  closeFloating: { key: 'Escape', does: 'Close the highlight popover or the selection toolbar' },
  toggleContents: { key: 'o', mod: true, shift: true, does: 'Show or hide the Contents panel' },
  // Keyboard reading (focus in the article or nowhere). Space is the page's own key: with
  // single keys off it is left to the browser's scrolling.
  pageDown: { key: ' ', does: 'Page down, less the bars pinned over the top and a line' },
  pageUp: { key: ' ', shift: true, does: 'Page up' },
  lineDown: { key: 'j', single: true, does: 'Scroll down a line' },
  lineUp: { key: 'k', single: true, does: 'Scroll up a line' },
  articleTop: { key: 'Home', does: 'The top of the article' },
  articleEnd: { key: 'End', does: 'The end of the article' },
  /** Ctrl/⌘ + `+` on layouts with a `+` key of its own (Shift+= zooms the window: the View menu). */
  textLargerPlus: { key: '+', mod: true, does: 'Increase the article\'s text size' },
} as const satisfies Record<string, Shortcut | SingleKey>;

/** Whether this is macOS (⌘ rather than Ctrl). */
export const isMac = (): boolean => /Mac|iPhone|iPad/u.test(navigator.platform);

/** The command modifier is held: Ctrl without ⌘ (⌘ without Ctrl on macOS). */
export function modPressed(event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey'>): boolean {
  return isMac() ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/**
 * Whether `event` is `shortcut`: its key (letters in either case), exactly its
 * modifiers (Shift as the table says), and for a single-key shortcut only while
 * `singleKeys` is on.
 */
export function matches(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  shortcut: Shortcut | SingleKey,
  singleKeys = true,
): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== shortcut.key) return false;
  if ('single' in shortcut && !singleKeys) return false;
  if (event.altKey !== (shortcut.alt ?? false)) return false;
  if (shortcut.shift !== 'any' && event.shiftKey !== (shortcut.shift ?? false)) return false;
  return shortcut.mod ? modPressed(event) : !event.ctrlKey && !event.metaKey;
}

/** The shortcut for `aria-keyshortcuts`: `Control+Shift+N Meta+Shift+N` (both, as either platform reads it). */
export function ariaKeyShortcuts(shortcut: Shortcut): string {
  const key = shortcut.key === ' ' ? 'Space' : shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  const rest = `${shortcut.alt ? 'Alt+' : ''}${shortcut.shift === true ? 'Shift+' : ''}${key}`;
  return shortcut.mod ? `Control+${rest} Meta+${rest}` : rest;
}
