/**
 * The keyboard shortcuts that are also menu accelerators, as plain data: the
 * renderer's key handlers read them (`renderer/shortcuts.ts`) and the application
 * menu builds its accelerators from them (`main/electron/menu.ts`), so a key is
 * chosen in one place (ARCHITECTURE.md §1: common/ imports nothing of ours).
 */

/** A key with its modifiers. */
export interface Shortcut {
  /** `KeyboardEvent.key`; a letter in lower case. */
  readonly key: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS (and not the other one). */
  readonly mod?: boolean;
  /** Shift held (`'any'`: with or without it). */
  readonly shift?: boolean | 'any';
  readonly alt?: boolean;
  /** What it does, in the words of the menu or the button it stands for. */
  readonly does: string;
}

/** Shortcuts with a menu item of their own (the renderer handles them too, for the keyboard in the page). */
export const MENU_SHORTCUTS = {
  addUrl: { key: 'l', mod: true, does: 'Add from URL… (opens over the library)' },
  addFiles: { key: 'o', mod: true, does: 'Add Files…' },
  exportNotes: { key: 'e', mod: true, shift: true, does: 'Export Notes…' },
  searchLibrary: { key: 'k', mod: true, does: 'Search Library, from anywhere' },
  goLibrary: { key: 'l', mod: true, shift: true, does: 'Library (the menu only)' },
  textLayout: { key: 'a', mod: true, shift: true, does: 'Text and Layout… (the Aa panel)' },
  textLarger: { key: '=', mod: true, does: 'Increase the article\'s text size' },
  textSmaller: { key: '-', mod: true, does: 'Decrease the article\'s text size' },
  textReset: { key: '0', mod: true, does: 'Reset the article\'s text size' },
  listen: { key: ' ', mod: true, shift: true, does: 'Listen: read the article aloud, or pause' },
  /** Elsewhere than macOS (where the menu's Back is ⌘[). */
  back: { key: 'ArrowLeft', alt: true, does: 'Back to the library' },
} as const satisfies Record<string, Shortcut>;

const ACCELERATOR_KEYS: Readonly<Record<string, string>> = {
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ' ': 'Space',
};

/** The shortcut as an Electron accelerator: `CmdOrCtrl+Shift+E`, `Alt+Left`. */
export function accelerator(shortcut: Shortcut): string {
  const parts: string[] = [];
  if (shortcut.mod) parts.push('CmdOrCtrl');
  if (shortcut.alt) parts.push('Alt');
  if (shortcut.shift === true) parts.push('Shift');
  const key = ACCELERATOR_KEYS[shortcut.key] ?? (shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
  parts.push(key);
  return parts.join('+');
}
