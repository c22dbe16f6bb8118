import { describe, expect, it } from 'vitest';
import { MENU_SHORTCUTS, accelerator } from './shortcuts';

describe('accelerator', () => {
  it('writes the shortcuts as Electron accelerators', () => {
    expect(accelerator(MENU_SHORTCUTS.addUrl)).toBe('CmdOrCtrl+L');
    expect(accelerator(MENU_SHORTCUTS.addFiles)).toBe('CmdOrCtrl+O');
    expect(accelerator(MENU_SHORTCUTS.exportNotes)).toBe('CmdOrCtrl+Shift+E');
    expect(accelerator(MENU_SHORTCUTS.searchLibrary)).toBe('CmdOrCtrl+K');
    expect(accelerator(MENU_SHORTCUTS.goLibrary)).toBe('CmdOrCtrl+Shift+L');
    expect(accelerator(MENU_SHORTCUTS.back)).toBe('Alt+Left');
    expect(accelerator(MENU_SHORTCUTS.textLayout)).toBe('CmdOrCtrl+Shift+A');
    expect(accelerator(MENU_SHORTCUTS.textLarger)).toBe('CmdOrCtrl+=');
    expect(accelerator(MENU_SHORTCUTS.textSmaller)).toBe('CmdOrCtrl+-');
    expect(accelerator(MENU_SHORTCUTS.textReset)).toBe('CmdOrCtrl+0');
    expect(accelerator(MENU_SHORTCUTS.listen)).toBe('CmdOrCtrl+Shift+Space');
  });
});
