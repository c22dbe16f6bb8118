// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, ariaKeyShortcuts, matches } from './shortcuts';
import { key } from './test-support/key';


describe('matches (not macOS: Ctrl is the command modifier)', () => {
  it('takes a command shortcut with exactly its modifiers, letters in either case', () => {
    expect(matches(key('k', { ctrlKey: true }), SHORTCUTS.searchLibrary)).toBe(true);
    expect(matches(key('K', { ctrlKey: true }), SHORTCUTS.searchLibrary)).toBe(true);
    expect(matches(key('k', { ctrlKey: true, shiftKey: true }), SHORTCUTS.searchLibrary)).toBe(false);
    expect(matches(key('k', { ctrlKey: true, metaKey: true }), SHORTCUTS.searchLibrary)).toBe(false);
    expect(matches(key('k'), SHORTCUTS.searchLibrary)).toBe(false);
    expect(matches(key('N', { ctrlKey: true, shiftKey: true }), SHORTCUTS.toggleNotes)).toBe(true);
    expect(matches(key('n', { ctrlKey: true, shiftKey: true, altKey: true }), SHORTCUTS.toggleNotes)).toBe(false);
  });

  it('takes a single key only while single keys are on, and never with Ctrl, ⌘ or Alt', () => {
    expect(matches(key('n'), SHORTCUTS.nextHighlight)).toBe(true);
    expect(matches(key('n'), SHORTCUTS.nextHighlight, false)).toBe(false);
    expect(matches(key('N', { shiftKey: true }), SHORTCUTS.nextHighlight)).toBe(false);
    expect(matches(key('n', { ctrlKey: true }), SHORTCUTS.nextHighlight)).toBe(false);
    // `/` and H take Shift either way (some layouts need it for `/`).
    expect(matches(key('/', { shiftKey: true }), SHORTCUTS.findSlash)).toBe(true);
    expect(matches(key('H', { shiftKey: true }), SHORTCUTS.highlightSingle)).toBe(true);
    expect(matches(key('F3', { shiftKey: true }), SHORTCUTS.findStep)).toBe(true);
  });

  it('takes Alt+Left and a plain Escape as Back, not with Shift', () => {
    expect(matches(key('ArrowLeft', { altKey: true }), SHORTCUTS.back)).toBe(true);
    expect(matches(key('ArrowLeft', { altKey: true, shiftKey: true }), SHORTCUTS.back)).toBe(false);
    expect(matches(key('Escape'), SHORTCUTS.backEscape)).toBe(true);
    expect(matches(key('Escape', { shiftKey: true }), SHORTCUTS.backEscape)).toBe(false);
  });
});

describe('ariaKeyShortcuts', () => {
  it('names both platforms’ modifiers', () => {
    expect(ariaKeyShortcuts(SHORTCUTS.toggleNotes)).toBe('Control+Shift+N Meta+Shift+N');
    expect(ariaKeyShortcuts(SHORTCUTS.searchLibrary)).toBe('Control+K Meta+K');
    expect(ariaKeyShortcuts(SHORTCUTS.addUrl)).toBe('Control+L Meta+L');
    expect(ariaKeyShortcuts(SHORTCUTS.addFiles)).toBe('Control+O Meta+O');
    expect(ariaKeyShortcuts(SHORTCUTS.exportNotes)).toBe('Control+Shift+E Meta+Shift+E');
    expect(ariaKeyShortcuts(SHORTCUTS.listen)).toBe('Control+Shift+Space Meta+Shift+Space');
  });
});
