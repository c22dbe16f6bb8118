/**
 * The chosen theme on the document: `<html data-theme="light|sepia|dark|black">`, and no
 * attribute for "Match system" (the OS's light or dark, by `prefers-color-scheme`). The
 * theme tokens in renderer/styles/global.css key off it; components read the tokens.
 */
import type { Theme } from '../common/reading';

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
}
