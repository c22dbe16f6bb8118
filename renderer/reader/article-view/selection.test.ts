import { describe, expect, it } from 'vitest';
import { extendCommand, trimToText } from './selection';

describe('trimToText', () => {
  it('drops white space at both ends (a triple-click takes the paragraph break too)', () => {
    expect(trimToText('a\n Hello world.\n\nb', 1, 17)).toEqual({ start: 3, end: 15 });
  });

  it('clamps to the text', () => {
    expect(trimToText('abc', -4, 10)).toEqual({ start: 0, end: 3 });
  });

  it('gives null when only white space is selected', () => {
    expect(trimToText('a \n\t b', 1, 5)).toBeNull();
  });
});

describe('extendCommand', () => {
  const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
    key: k,
    shiftKey: true,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  it('extends by character, word, line, paragraph and to the line ends', () => {
    expect(extendCommand(key('ArrowRight'), false)).toEqual({ direction: 'forward', granularity: 'character' });
    expect(extendCommand(key('ArrowLeft', { ctrlKey: true }), false)).toEqual({ direction: 'backward', granularity: 'word' });
    expect(extendCommand(key('ArrowDown'), false)).toEqual({ direction: 'forward', granularity: 'line' });
    expect(extendCommand(key('ArrowUp', { ctrlKey: true }), false)).toEqual({ direction: 'backward', granularity: 'paragraph' });
    expect(extendCommand(key('End'), false)).toEqual({ direction: 'forward', granularity: 'lineboundary' });
    expect(extendCommand(key('Home'), false)).toEqual({ direction: 'backward', granularity: 'lineboundary' });
  });

  it('uses ⌥ for words and ⌘ for line ends on macOS', () => {
    expect(extendCommand(key('ArrowRight', { altKey: true }), true)).toEqual({ direction: 'forward', granularity: 'word' });
    expect(extendCommand(key('ArrowLeft', { metaKey: true }), true)).toEqual({ direction: 'backward', granularity: 'lineboundary' });
    expect(extendCommand(key('ArrowRight', { ctrlKey: true }), true)).toEqual({ direction: 'forward', granularity: 'character' });
  });

  it('ignores keys without Shift, and other keys', () => {
    expect(extendCommand(key('ArrowRight', { shiftKey: false }), false)).toBeNull();
    expect(extendCommand(key('Tab'), false)).toBeNull();
    expect(extendCommand(key(' '), false)).toBeNull();
  });
});
