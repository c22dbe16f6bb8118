import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldString, toFolded, toOriginal } from './fold';

describe('fold', () => {
  it('collapses whitespace runs, composes NFC and straightens quotes', () => {
    expect(foldString('a  b\n\n\tc\u00a0d')).toBe('a b c d');
    expect(foldString('cafe\u0301')).toBe('caf\u00e9');
    expect(foldString('\u201cit\u2019s\u201d')).toBe('"it\'s"');
    expect(foldString('한국'.normalize('NFD'))).toBe('한국');
  });

  it('leaves plain text as it is, without a map', () => {
    const view = fold('Plain text, single spaces.');
    expect(view.text).toBe('Plain text, single spaces.');
    expect(view.segments).toBeNull();
    expect(toOriginal(view, 2, 5)).toEqual({ start: 2, end: 5 });
  });

  it('maps folded ranges back to the original ones', () => {
    const text = 'Le  cafe\u0301\n\nde la \u201cre\u0301publique\u201d.';
    const view = fold(text);
    expect(view.text).toBe('Le caf\u00e9 de la "r\u00e9publique".');
    const at = view.text.indexOf('caf\u00e9');
    expect(toOriginal(view, at, at + 4)).toEqual({ start: 4, end: 9 });
    const quoted = view.text.indexOf('"r');
    const range = toOriginal(view, quoted, view.text.length - 1);
    expect(text.slice(range.start, range.end)).toBe('\u201cre\u0301publique\u201d');
    expect(toFolded(view, text.indexOf('de'))).toBe(view.text.indexOf('de'));
    expect(toFolded(view, 3)).toBe(2); // inside the run of spaces: the folded space
    expect(toFolded(view, text.length)).toBe(view.text.length);
  });

  it('maps every folded unit to a non-empty original range, in order, whose fold gives it back', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '  ', '\n', 'e\u0301', '\u00e9', '\u2019', '😀', '\u1100\u1161');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        const view = fold(text);
        let previousStart = 0;
        for (let i = 0; i < view.text.length; i++) {
          const { start, end } = toOriginal(view, i, i + 1);
          expect(start).toBeLessThan(end);
          expect(start).toBeGreaterThanOrEqual(previousStart);
          expect(foldString(text.slice(start, end))).toContain(view.text[i]);
          previousStart = start;
        }
        if (view.text.length > 0) expect(toOriginal(view, 0, view.text.length)).toEqual({ start: 0, end: text.length });
      }),
      { numRuns: 300 },
    );
  });
});
