/**
 * main/electron/theme.ts with `electron` mocked: proves which native theme and window
 * backgrounds we ask Electron for, not how Electron paints them (ARCHITECTURE.md §7).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  const nativeTheme = { themeSource: 'system' as string, shouldUseDarkColors: false };
  const windows: { isDestroyed(): boolean; setBackgroundColor: ReturnType<typeof vi.fn> }[] = [];
  return { nativeTheme, windows };
});

vi.mock('electron', () => ({
  BrowserWindow: { getAllWindows: () => fakes.windows },
  nativeTheme: fakes.nativeTheme,
  shell: {},
}));

import { applyTheme, themeSourceFor } from '../../../main/electron/theme';
import { WINDOW_BACKGROUND, backgroundColorFor } from '../../../main/electron/window';

describe('the chosen theme in Electron', () => {
  beforeEach(() => {
    fakes.windows.length = 0;
    fakes.nativeTheme.themeSource = 'system';
    applyTheme('system');
  });

  it('sets the native theme: sepia counts as light, black as dark, Match system as system', () => {
    expect(themeSourceFor('system')).toBe('system');
    expect(themeSourceFor('light')).toBe('light');
    expect(themeSourceFor('sepia')).toBe('light');
    expect(themeSourceFor('dark')).toBe('dark');
    expect(themeSourceFor('black')).toBe('dark');
    applyTheme('black');
    expect(fakes.nativeTheme.themeSource).toBe('dark');
  });

  it("paints every open window's background in the theme's, and new windows start with it", () => {
    const open = { isDestroyed: () => false, setBackgroundColor: vi.fn() };
    const closed = { isDestroyed: () => true, setBackgroundColor: vi.fn() };
    fakes.windows.push(open, closed);
    applyTheme('sepia');
    expect(open.setBackgroundColor).toHaveBeenCalledWith(WINDOW_BACKGROUND.sepia);
    expect(closed.setBackgroundColor).not.toHaveBeenCalled();
    expect(backgroundColorFor(true)).toBe(WINDOW_BACKGROUND.sepia);
    applyTheme('system');
    expect(backgroundColorFor(true)).toBe(WINDOW_BACKGROUND.dark);
    expect(backgroundColorFor(false)).toBe(WINDOW_BACKGROUND.light);
  });
});
