import { describe, expect, it } from 'vitest';
import { clearFindCache, findAll } from './find-text';

const plain = { matchCase: false, wholeWord: false };
const texts = (text: string, query: string, options = plain) =>
  findAll(text, query, options).map(({ start, end }) => text.slice(start, end));

describe('findAll', () => {
  it('finds every occurrence, case-insensitively by default', () => {
    expect(texts('Korea, KOREA and korea', 'korea')).toEqual(['Korea', 'KOREA', 'korea']);
  });

  it('respects case when asked', () => {
    expect(texts('Korea, KOREA and korea', 'Korea', { matchCase: true, wholeWord: false })).toEqual(['Korea']);
  });

  it('ignores diacritics both ways', () => {
    expect(texts('un café noir', 'cafe')).toEqual(['café']);
    expect(texts('un cafe noir', 'café')).toEqual(['cafe']);
  });

  it('matches precomposed and decomposed forms and covers the combining mark', () => {
    const decomposed = 'un cafe\u0301 noir';
    expect(texts(decomposed, 'café')).toEqual(['cafe\u0301']);
    expect(texts('un café noir', 'cafe\u0301')).toEqual(['café']);
  });

  it('stays diacritics-insensitive with match case on', () => {
    expect(texts('Élan and élan', 'Elan', { matchCase: true, wholeWord: false })).toEqual(['Élan']);
  });

  it('ignores apostrophes: Pyongyang finds P’yŏngyang', () => {
    expect(texts("P'yŏngyang and P’yŏngyang and Pyongyang", 'Pyongyang')).toEqual([
      "P'yŏngyang",
      'P’yŏngyang',
      'Pyongyang',
    ]);
  });

  it('keeps only whole words when asked', () => {
    const whole = { matchCase: false, wholeWord: true };
    expect(texts('Korean Korea Koreas (korea)', 'korea', whole)).toEqual(['Korea', 'korea']);
    expect(texts('naïve naïveté', 'naive', whole)).toEqual(['naïve']);
  });

  it('treats regular-expression symbols as text', () => {
    expect(texts('a.*b (c) [d] a+b $^', '.*')).toEqual(['.*']);
    expect(texts('a.*b (c) [d] a+b $^', '(c)')).toEqual(['(c)']);
    expect(texts('abc', '.')).toEqual([]);
    expect(texts('x $^ y', '$^')).toEqual(['$^']);
  });

  it('handles a 10,000-character query', () => {
    const query = 'ab'.repeat(5000);
    expect(findAll('x', query, plain)).toEqual([]);
    expect(findAll(`x${query}y`, query, plain)).toEqual([{ start: 1, end: 10_001 }]);
  });

  it('handles lone surrogates as text', () => {
    expect(texts('a\uD800b \uDC00 c', '\uD800')).toEqual(['\uD800']);
    expect(texts('a\uD800b', '\uDC00')).toEqual([]);
    expect(() => findAll('\uDFFF\uD800', '\uD800\uDFFF', plain)).not.toThrow();
  });

  it('finds emoji and keeps surrogate pairs whole', () => {
    expect(texts('I ❤️ 🦊 and 🦊s', '🦊')).toEqual(['🦊', '🦊']);
    expect(findAll('🦊', '\uD83E', plain)).toEqual([]);
  });

  it('finds nothing for an empty query or one that folds away', () => {
    expect(findAll('anything', '', plain)).toEqual([]);
    expect(findAll('anything', "'", plain)).toEqual([]);
    expect(findAll('anything', '\u0301', plain)).toEqual([]);
    expect(findAll('', 'a', plain)).toEqual([]);
  });

  it('returns non-overlapping matches', () => {
    expect(findAll('aaaa', 'aaa', plain)).toEqual([{ start: 0, end: 3 }]);
    expect(findAll('aaaa', 'aa', plain)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('collapses whitespace runs', () => {
    expect(texts('North\n  Korea', 'north korea')).toEqual(['North\n  Korea']);
    expect(texts('North Korea', 'north   korea')).toEqual(['North Korea']);
  });

  it('maps offsets to the original text', () => {
    const text = 'Ça, P’yŏngyang! e\u0301te\u0301 ÉTÉ';
    for (const { start, end } of findAll(text, 'ete', plain)) expect(text.slice(start, end)).toMatch(/^(e\u0301te\u0301|ÉTÉ)$/u);
    expect(findAll(text, 'pyongyang', plain)).toEqual([{ start: 4, end: 14 }]);
  });

  it('does not match part of a character that folds to several', () => {
    // A Hangul syllable decomposes to three jamo: one of them alone is not a match.
    expect(texts('한국', '\u1112')).toEqual([]);
    expect(texts('한국', '한')).toEqual(['한']);
  });

  it('counts many matches in linear time', () => {
    const text = 'é '.repeat(200_000);
    const t0 = performance.now();
    expect(findAll(text, 'e', plain)).toHaveLength(200_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('folds Greek final sigma', () => {
    expect(texts('ΟΔΟΣ', 'οδος')).toEqual(['ΟΔΟΣ']);
  });

  it('answers the same from its folded-text cache, across texts and case modes', () => {
    const a = 'Café in Pyongyang, CAFE again';
    const b = 'No cafés here, only Cafe';
    const expected = [texts(a, 'cafe'), texts(b, 'cafe'), texts(a, 'CAFE', { matchCase: true, wholeWord: false })];
    clearFindCache();
    for (let round = 0; round < 3; round++) {
      expect(texts(a, 'cafe')).toEqual(expected[0]);
      expect(texts(b, 'cafe')).toEqual(expected[1]);
      expect(texts(a, 'CAFE', { matchCase: true, wholeWord: false })).toEqual(expected[2]);
    }
    expect(expected).toEqual([['Café', 'CAFE'], ['café', 'Cafe'], ['CAFE']]);
  });
});
