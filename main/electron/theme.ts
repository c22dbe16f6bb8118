/**
 * The chosen theme (settings.json `reading.theme`) in Electron: `nativeTheme.themeSource`
 * follows it, so the menus, scroll bars, form controls and the page's
 * `prefers-color-scheme` agree with the app's own colors (sepia counts as light, black
 * as dark), and the window's background before the page paints is the theme's
 * (ARCHITECTURE.md §2).
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { Theme } from '../../common/reading';
import { backgroundColorFor, setWindowTheme } from './window';

/** What `nativeTheme.themeSource` becomes for a theme. */
export function themeSourceFor(theme: Theme): 'system' | 'light' | 'dark' {
  if (theme === 'light' || theme === 'sepia') return 'light';
  if (theme === 'dark' || theme === 'black') return 'dark';
  return 'system';
}

/** Follow `theme`: the native theme and every window's background. */
export function applyTheme(theme: Theme): void {
  setWindowTheme(theme);
  nativeTheme.themeSource = themeSourceFor(theme);
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.setBackgroundColor(backgroundColorFor(nativeTheme.shouldUseDarkColors, theme));
  }
}
