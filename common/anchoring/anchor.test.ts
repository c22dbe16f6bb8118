/**
 * Anchoring, one `describe` per step and per kind of change (moved, edited, repeated,
 * deleted quotes, whitespace, combining marks, emoji, RTL, Korean), plus fast-check
 * round trips. Long because it is a table of cases for one function, `anchor`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HighlightTarget } from '../model';
import { anchor, anchorAll, edgeCosts, editDistance, isBlankQuote, maxErrorsFor, type Anchored } from './anchor';
import { describeRange } from './describe';

/** The bundled story's body (content/2024-03-28-russian-intelligence-chief-pyongyang.md), as the article reads. */
const STORY = [
  'Pyongyang announced on Thursday that the Russian intelligence chief discussed bilateral security cooperation during a visit to North Korea this week, in a move that comes after weeks of accusations by South Korea against its northern neighbor of providing Moscow with large quantities of weapons to support the Kremlin in its war against Ukraine.',
  "The North Korean state news agency reported that the head of Russia's Foreign Intelligence Service, Sergey Naryshkin, made a visit to Pyongyang that lasted from Monday to Wednesday and held two meetings with North Koreaan Minister of State Security Ri Chang Dae.",
  'The agency explained that the officials discussed ways to enhance cooperation between the two countries "to confront increasing espionage activities and conspiracies plotted by hostile forces."',
  'It added that "the parties reached complete agreement on pending issues during the two meetings held in an atmosphere of friendliness and friendship."',
  'Both Russia and North Korea are subject to international sanctions: Moscow for its invasion of Ukraine, and Pyongyang for its military nuclear tests.',
  'In September, Russian President Vladimir Putin and North Korean leader Kim Jong Un held a summit in Russia\'s Far East, during which Kim stated that relations with Moscow are his "top priority."',
  'Following this summit, the United States claimed that Pyongyang had begun supplying Moscow with weapons.',
  'In early March of this year, South Korea stated that its northern neighbor had shipped around 7,000 containers of weapons to Russia for use by the Russian army in its war against Ukraine.',
  'According to Washington, Pyongyang seeks, in exchange for these shipments of weapons, to obtain military assistance from Moscow in specific areas, including satellite technology and the modernization of its military equipment dating back to the Soviet era.',
];
const TEXT = STORY.join('\n');

/** Offset of the `nth` occurrence of `quote` in `text`. */
function indexOfNth(text: string, quote: string, nth = 0): number {
  let at = text.indexOf(quote);
  for (let i = 0; i < nth && at !== -1; i++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`"${quote}" #${nth} is not in the text`);
  return at;
}

/** The selectors of the `nth` occurrence of `quote` in `text`. */
function targetOf(text: string, quote: string, nth = 0): HighlightTarget {
  const start = indexOfNth(text, quote, nth);
  return describeRange(text, start, start + quote.length);
}

/** `text` with the first `find` (after `from`) replaced. */
function edit(text: string, find: string, replace: string, from = 0): string {
  const at = text.indexOf(find, from);
  if (at === -1) throw new Error(`"${find}" is not in the text`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

const span = (a: Anchored | null): [number, number] | null => (a ? [a.start, a.end] : null);

const INSERTED = 'Seoul said on Friday it was watching the visit closely and would respond to any provocation. ';

describe('describeRange', () => {
  it('keeps the quote, 32 characters either side, and the offsets', () => {
    const start = indexOfNth(TEXT, 'Sergey Naryshkin');
    const target = describeRange(TEXT, start, start + 16);
    expect(target.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Sergey Naryshkin',
      prefix: TEXT.slice(start - 32, start),
      suffix: TEXT.slice(start + 16, start + 48),
    });
    expect(target.quote.prefix).toHaveLength(32);
    expect(target.position).toEqual({ type: 'TextPositionSelector', start, end: start + 16 });
  });

  it('has shorter context at the ends of the text', () => {
    expect(describeRange('Hello world', 0, 5).quote).toMatchObject({ prefix: '', suffix: ' world' });
    expect(describeRange('Hello world', 6, 11).quote).toMatchObject({ prefix: 'Hello ', suffix: '' });
  });

  it('never cuts a surrogate pair at the outer edge of the context', () => {
    const text = 'x😀' + 'a'.repeat(31) + 'QUOTE' + 'b'.repeat(31) + '😀y';
    const start = text.indexOf('QUOTE');
    const { prefix, suffix } = describeRange(text, start, start + 5).quote;
    expect(prefix).toBe('a'.repeat(31)); // 32 would start on the low half of 😀
    expect(suffix).toBe('b'.repeat(31));
  });

  it('rejects empty and out-of-range ranges', () => {
    expect(() => describeRange('abc', 1, 1)).toThrow(RangeError);
    expect(() => describeRange('abc', 2, 4)).toThrow(RangeError);
    expect(() => describeRange('abc', -1, 2)).toThrow(RangeError);
    expect(() => describeRange('abc', 0.5, 2)).toThrow(RangeError);
  });
});

describe('anchor: unchanged text', () => {
  it('finds a sentence at its stored position', () => {
    const target = targetOf(TEXT, 'Both Russia and North Korea are subject to international sanctions');
    expect(anchor(TEXT, target)).toEqual({ start: target.position.start, end: target.position.end, method: 'position', score: 1 });
  });

  it('finds a quote at the very start of the text', () => {
    const target = targetOf(TEXT, 'Pyongyang announced');
    expect(target.quote.prefix).toBe('');
    expect(anchor(TEXT, target)).toMatchObject({ start: 0, end: 19, method: 'position' });
  });

  it('finds a quote at the very end of the text', () => {
    const target = targetOf(TEXT, 'the Soviet era.');
    expect(target.quote.suffix).toBe('');
    expect(span(anchor(TEXT, target))).toEqual([TEXT.length - 15, TEXT.length]);
  });

  it('finds a quote that is the whole text', () => {
    expect(span(anchor('Just this.', describeRange('Just this.', 0, 10)))).toEqual([0, 10]);
  });

  it('finds a highlight that crosses paragraphs', () => {
    const start = indexOfNth(TEXT, 'Ri Chang Dae.');
    const end = indexOfNth(TEXT, 'The agency explained') + 20;
    expect(anchor(TEXT, describeRange(TEXT, start, end))).toMatchObject({ start, end, method: 'position' });
  });
});

describe('anchor: moved text', () => {
  it('follows a quote when text is inserted before it', () => {
    const target = targetOf(TEXT, 'held two meetings with North Koreaan Minister of State Security');
    const moved = INSERTED + TEXT;
    const found = anchor(moved, target);
    expect(found).toMatchObject({ start: target.position.start + INSERTED.length, method: 'quote' });
    expect(found!.score).toBeGreaterThan(0.99);
  });

  it('follows a quote when text before it is deleted', () => {
    const target = targetOf(TEXT, 'Following this summit');
    const shorter = TEXT.slice(STORY[0]!.length + 1);
    expect(span(anchor(shorter, target))).toEqual([shorter.indexOf('Following this summit'), shorter.indexOf('Following this summit') + 21]);
  });

  it('follows the quote at the start of the text after text is inserted before it', () => {
    const target = targetOf(TEXT, 'Pyongyang announced on Thursday');
    expect(span(anchor(INSERTED + TEXT, target))).toEqual([INSERTED.length, INSERTED.length + 31]);
  });

  it('follows the quote at the end of the text when text is appended', () => {
    const target = targetOf(TEXT, 'the Soviet era.');
    expect(span(anchor(TEXT + '\nMore to come.', target))).toEqual([TEXT.length - 15, TEXT.length]);
  });

  it('finds a quote far from its stored position (beyond the fuzzy window)', () => {
    const filler = 'Nothing to see here, just filler prose for the archive. '.repeat(200);
    const target = targetOf(TEXT, 'conspiracies plotted by hostile forces');
    const moved = edit(filler + TEXT, 'conspiracies plotted', 'conspiracies hatched');
    const start = moved.indexOf('conspiracies hatched');
    expect(anchor(moved, target)).toMatchObject({ start, end: start + 38, method: 'fuzzy' });
  });
});

describe('anchor: a quote that occurs more than once', () => {
  const quote = 'North Korea';
  it('picks the stored occurrence when the text is unchanged', () => {
    for (let nth = 0; nth < 4; nth++) {
      const target = targetOf(TEXT, quote, nth);
      expect(span(anchor(TEXT, target))).toEqual([target.position.start, target.position.end]);
    }
  });

  it('picks the right occurrence by its context after the text moved', () => {
    const moved = INSERTED + TEXT;
    for (let nth = 0; nth < 4; nth++) {
      const target = targetOf(TEXT, quote, nth);
      expect(anchor(moved, target)).toMatchObject({ start: target.position.start + INSERTED.length, method: 'quote' });
    }
  });

  it('is not fooled when another occurrence has moved onto the stored position', () => {
    const first = indexOfNth(TEXT, 'Moscow', 0);
    const second = indexOfNth(TEXT, 'Moscow', 1);
    const target = describeRange(TEXT, second, second + 6);
    const moved = 'x'.repeat(second - first) + TEXT; // the first Moscow now sits at `second`
    expect(moved.slice(second, second + 6)).toBe('Moscow');
    expect(span(anchor(moved, target))).toEqual([2 * second - first, 2 * second - first + 6]);
  });

  it('still picks the right occurrence when one side of its context was edited', () => {
    const target = targetOf(TEXT, 'Moscow', 2); // "relations with Moscow are his"
    const edited = edit(TEXT, 'Kim stated that relations with', 'Kim said ties with');
    const start = edited.indexOf('ties with Moscow') + 10;
    expect(span(anchor(edited, target))).toEqual([start, start + 6]);
  });

  it('picks the nearer occurrence when the context is the same', () => {
    const text = 'Repeat after me: the same words. '.repeat(6);
    const target = describeRange(text, 33 * 3 + 17, 33 * 3 + 31);
    expect(span(anchor('Intro. ' + text, target))).toEqual([33 * 3 + 24, 33 * 3 + 38]);
  });
});

describe('anchor: edits inside the quote', () => {
  const quote = 'The agency explained that the officials discussed ways to enhance cooperation between the two countries';
  /** Where the (edited) sentence now runs, from "The agency" to "two countries". */
  const passage = (edited: string) => ({
    start: edited.indexOf('The agency'),
    end: edited.indexOf('two countries') + 'two countries'.length,
  });

  it('finds it with one word changed', () => {
    const target = targetOf(TEXT, quote);
    const edited = edit(TEXT, 'officials discussed', 'officials examined');
    const found = anchor(edited, target);
    expect(found).toMatchObject({ ...passage(edited), method: 'fuzzy' });
    expect(found!.score).toBeGreaterThan(0.9);
  });

  it('finds it with two words changed', () => {
    const target = targetOf(TEXT, quote);
    const edited = edit(edit(TEXT, 'officials discussed', 'officials examined'), 'to enhance', 'to boost');
    expect(anchor(edited, target)).toMatchObject({ ...passage(edited), method: 'fuzzy' });
  });

  it('finds it with three words changed, and text moved', () => {
    const target = targetOf(TEXT, quote);
    let edited = edit(TEXT, 'agency explained', 'agency said');
    edited = edit(edited, 'officials discussed', 'officials examined');
    edited = edit(edited, 'to enhance', 'to boost');
    edited = INSERTED + edited;
    expect(anchor(edited, target)).toMatchObject({ ...passage(edited), method: 'fuzzy' });
  });

  it('finds it with a word inserted and one deleted', () => {
    const target = targetOf(TEXT, quote);
    const edited = edit(edit(TEXT, 'ways to enhance', 'ways to further enhance'), 'the officials discussed', 'officials discussed');
    expect(anchor(edited, target)).toMatchObject(passage(edited));
  });

  it('finds a long quote edited while both sides of its context were rewritten too', () => {
    const target = targetOf(TEXT, quote);
    let edited = edit(TEXT, 'Ri Chang Dae.\n', 'Ri Chang-dae, a close ally of the leader.\n');
    edited = edit(edited, 'countries "to confront', 'countries in order "to confront');
    edited = edit(edited, 'officials discussed', 'officials examined');
    expect(anchor(edited, target)).toMatchObject(passage(edited));
  });

  it('finds a short quote with a typo fixed when its context agrees', () => {
    const target = targetOf(TEXT, 'North Koreaan Minister');
    const fixed = edit(TEXT, 'North Koreaan', 'North Korean');
    const start = fixed.indexOf('North Korean Minister');
    expect(anchor(fixed, target)).toMatchObject({ start, end: start + 21, method: 'fuzzy' });
  });
});

describe('anchor: edited passages among look-alikes', () => {
  const passage = (lead: string) =>
    `${lead} the war against Ukraine had entered a new phase, officials said.`;
  const text = [
    passage('Analysts in Tokyo believed that'),
    'Meanwhile trade between the two neighbours had grown sharply over the winter.',
    passage('The ministry in Seoul warned on Friday that'),
  ].join('\n');

  it('prefers the edited passage its context supports over an unedited copy elsewhere', () => {
    const target = targetOf(text, 'the war against Ukraine had entered a new phase', 1);
    const edited = edit(text, 'entered a new phase', 'entered its third phase', text.lastIndexOf('the war'));
    const start = edited.lastIndexOf('the war');
    expect(anchor(edited, target)).toMatchObject({ start, end: edited.indexOf('third phase') + 11, method: 'fuzzy' });
  });

  it('ends where the passage ends when its last word was replaced by longer ones', () => {
    const quote = 'the United States claimed that Pyongyang had begun supplying Moscow with weapons';
    const target = targetOf(TEXT, quote);
    const edited = edit(TEXT, 'Moscow with weapons.', 'Moscow with munitions and shells.');
    const start = edited.indexOf('the United States');
    expect(anchor(edited, target)).toMatchObject({ start, end: edited.indexOf('and shells') + 10, method: 'fuzzy' });
  });

  it('does not swallow text inserted right before an edited quote', () => {
    const target = targetOf(TEXT, 'Pyongyang had begun supplying Moscow with weapons');
    let edited = edit(TEXT, 'claimed that Pyongyang', 'claimed that, according to a leaked memo, Pyongyang');
    edited = edit(edited, 'had begun supplying', 'had started supplying');
    const start = edited.indexOf('Pyongyang had started');
    expect(span(anchor(edited, target))).toEqual([start, edited.indexOf('with weapons.') + 12]);
  });
});

describe('anchor: deleted text is an orphan, not a wrong place', () => {
  it('when the highlighted sentence is deleted', () => {
    const target = targetOf(TEXT, 'Following this summit, the United States claimed that Pyongyang had begun supplying Moscow with weapons.');
    expect(anchor(edit(TEXT, STORY[6]! + '\n', ''), target)).toBeNull();
  });

  it('when a highlighted word is deleted with its paragraph but occurs elsewhere', () => {
    const target = targetOf(TEXT, 'Moscow', 3); // "supplying Moscow with weapons"
    const without = edit(TEXT, STORY[6]! + '\n', '');
    expect(without).toContain('Moscow');
    expect(anchor(without, target)).toBeNull();
  });

  it('when a short phrase is deleted and the same phrase stands elsewhere with other context', () => {
    const target = targetOf(TEXT, 'war against Ukraine', 1);
    const without = edit(TEXT, STORY[7]!, 'In early March, Seoul published new figures.');
    expect(without).toContain('war against Ukraine');
    expect(anchor(without, target)).toBeNull();
  });

  it('when most of the quote was rewritten', () => {
    const target = targetOf(TEXT, 'complete agreement on pending issues');
    expect(anchor(edit(TEXT, 'complete agreement on pending issues', 'no deal on the open questions'), target)).toBeNull();
  });

  it('when the article is a different one', () => {
    const other = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    expect(anchor(other, targetOf(TEXT, 'bilateral security cooperation'))).toBeNull();
    expect(anchor(other, targetOf(TEXT, 'the'))).toBeNull();
  });
});

describe('anchor: whitespace', () => {
  it('matches across changed whitespace inside the quote (folded, not fuzzy)', () => {
    const target = targetOf(TEXT, 'Foreign Intelligence Service, Sergey Naryshkin, made a visit');
    const spaced = edit(TEXT, 'Service, Sergey Naryshkin, made', 'Service,  Sergey\tNaryshkin,\n made');
    const start = spaced.indexOf('Foreign Intelligence');
    const end = spaced.indexOf('made a visit') + 12;
    expect(anchor(spaced, target)).toMatchObject({ start, end, method: 'quote' });
  });

  it('matches a quote across paragraphs when the paragraph break changed', () => {
    const start = indexOfNth(TEXT, 'Ri Chang Dae.');
    const target = describeRange(TEXT, start, start + 'Ri Chang Dae.\nThe agency'.length);
    const reflowed = TEXT.replaceAll('\n', '\n\n');
    const at = reflowed.indexOf('Ri Chang Dae.');
    expect(span(anchor(reflowed, target))).toEqual([at, at + 'Ri Chang Dae.\n\nThe agency'.length]);
  });

  it('matches no-break spaces against plain ones', () => {
    const target = targetOf(TEXT, '7,000 containers of weapons');
    const nbsp = edit(TEXT, '7,000 containers', '7,000\u00a0containers');
    expect(span(anchor(nbsp, target))).toEqual([target.position.start, target.position.end]);
  });

  it('treats whitespace-only and invisible-only quotes as orphans', () => {
    const space = describeRange(TEXT, STORY[0]!.length, STORY[0]!.length + 1);
    expect(space.quote.exact).toBe('\n');
    expect(anchor(TEXT, space)).toBeNull();
    expect(anchor('a \u200b b', describeRange('a \u200b b', 1, 4))).toBeNull();
    expect(isBlankQuote(' \t\n\u00a0')).toBe(true);
    expect(isBlankQuote(' a ')).toBe(false);
  });

  it('matches typographic quotes against straight ones', () => {
    const target = targetOf(TEXT, 'relations with Moscow are his "top priority."');
    const curly = edit(TEXT, '"top priority."', '\u201ctop priority.\u201d');
    expect(anchor(curly, target)).toMatchObject({ start: target.position.start, end: target.position.end, method: 'quote' });
  });
});

describe('anchor: Unicode', () => {
  const precomposed = 'Le caf\u00e9 de la r\u00e9publique, pr\u00e8s de la gare, ouvre \u00e0 sept heures. Le caf\u00e9 du march\u00e9 ferme t\u00f4t.';
  const decomposed = precomposed.normalize('NFD');

  it('finds a precomposed quote in decomposed text (é = e + U+0301)', () => {
    expect(decomposed).not.toBe(precomposed);
    const target = targetOf(precomposed, 'caf\u00e9 de la r\u00e9publique');
    const start = decomposed.indexOf('cafe\u0301');
    expect(anchor(decomposed, target)).toMatchObject({ start, end: start + 'cafe\u0301 de la re\u0301publique'.length, method: 'quote' });
  });

  it('finds a decomposed quote in precomposed text, the right one of two', () => {
    const target = targetOf(decomposed, 'cafe\u0301', 1);
    const start = precomposed.indexOf('caf\u00e9 du');
    expect(span(anchor(precomposed, target))).toEqual([start, start + 4]);
  });

  it('keeps emoji (surrogate pairs) whole when the text moves', () => {
    const text = 'We cheered 🎉🎉 when the results came in 🚀 and then slept. The end 🌙.';
    const target = targetOf(text, 'results came in 🚀');
    const moved = 'Update: ' + text;
    expect(span(anchor(moved, target))).toEqual([8 + target.position.start, 8 + target.position.end]);
  });

  it('finds a ZWJ emoji sequence', () => {
    const family = '👨\u200d👩\u200d👧\u200d👦';
    const text = `A photo of the ${family} at the beach, and the 👨 alone at the bar.`;
    const target = targetOf(text, family);
    const moved = edit(text, 'A photo', 'Another old photo');
    const start = moved.indexOf(family);
    expect(span(anchor(moved, target))).toEqual([start, start + family.length]);
  });

  it('finds a quote in which an emoji was replaced', () => {
    const text = 'Everyone agreed the launch 🚀 was a success, and the team went home happy that night.';
    const target = targetOf(text, 'the launch 🚀 was a success, and the team went home');
    const edited = text.replace('🚀', '🛰️');
    expect(anchor(edited, target)).toMatchObject({ start: target.position.start, method: 'fuzzy' });
  });

  it('finds Arabic (RTL) text after an insertion', () => {
    const text = 'أعلنت بيونغ يانغ يوم الخميس أن رئيس الاستخبارات الروسية ناقش التعاون الأمني الثنائي خلال زيارته.';
    const target = targetOf(text, 'رئيس الاستخبارات الروسية');
    const moved = 'عاجل: ' + text;
    expect(span(anchor(moved, target))).toEqual([target.position.start + 6, target.position.end + 6]);
  });

  it('finds Hebrew with niqqud after a word inside changed', () => {
    const text = 'בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ. וְהָאָרֶץ הָיְתָה תֹהוּ וָבֹהוּ וְחֹשֶׁךְ עַל פְּנֵי תְהוֹם.';
    const quote = 'אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ';
    const target = targetOf(text, quote);
    const edited = edit(text, 'אֵת הַשָּׁמַיִם', 'את השמים');
    const found = anchor(edited, target);
    expect(found).toMatchObject({ start: target.position.start, method: 'fuzzy' });
    expect(edited.slice(found!.start, found!.end)).toBe('אֱלֹהִים את השמים וְאֵת הָאָרֶץ');
  });

  it('finds Korean text after an insertion, and NFD jamo against syllables', () => {
    const text = '북한은 목요일 러시아 정보기관 수장이 이번 주 방문 중 양국 안보 협력을 논의했다고 밝혔다.';
    const target = targetOf(text, '러시아 정보기관 수장');
    expect(span(anchor('속보: ' + text, target))).toEqual([target.position.start + 4, target.position.end + 4]);
    const jamo = text.normalize('NFD');
    const start = jamo.indexOf('러시아'.normalize('NFD'));
    expect(span(anchor(jamo, target))).toEqual([start, start + '러시아 정보기관 수장'.normalize('NFD').length]);
  });
});

describe('anchor: very short quotes', () => {
  it('finds a one-character quote by its context after the text moved', () => {
    const start = indexOfNth(TEXT, 'Kim Jong Un');
    const target = describeRange(TEXT, start, start + 1);
    expect(span(anchor(INSERTED + TEXT, target))).toEqual([INSERTED.length + start, INSERTED.length + start + 1]);
  });

  it('does not place a two-character quote whose context is gone', () => {
    const target = targetOf(TEXT, 'Un'); // "Kim Jong Un held"
    const rewritten = edit(TEXT, STORY[5]!, 'In September, the two leaders met again in the Far East, which the United Nations watched.');
    expect(rewritten).toContain('Un'); // "United", "Nations"…
    expect(anchor(rewritten, target)).toBeNull();
  });

  it('never matches a three-character quote fuzzily', () => {
    expect(maxErrorsFor(3)).toBe(0);
    const target = targetOf(TEXT, 'Kim', 0); // "leader Kim Jong Un"; the other Kim has other context
    expect(anchor(edit(TEXT, 'leader Kim Jong', 'leader Kin Jong'), target)).toBeNull();
  });

  it('orphans a short quote edited in place rather than guessing', () => {
    const target = targetOf(TEXT, 'Dae');
    expect(anchor(edit(TEXT, 'Ri Chang Dae', 'Ri Chang-dae'), target)).toBeNull();
  });
});

describe('anchorAll', () => {
  const quotes = ['Moscow', 'North Korea', 'the two', 'Pyongyang', 'weapons', 'Ukraine', 'its northern neighbor'];
  const targets = quotes.flatMap((quote) => [targetOf(TEXT, quote, 0), targetOf(TEXT, quote, 1)]);

  it('gives what anchor gives, in input order', () => {
    const moved = edit(INSERTED + TEXT, 'Kim stated', 'Kim declared');
    expect(anchorAll(moved, targets).map(span)).toEqual(targets.map((t) => span(anchor(moved, t))));
  });

  it('uses the shift of neighbours for a moved run of highlights', () => {
    const moved = INSERTED + TEXT;
    const results = anchorAll(moved, targets);
    results.forEach((result, i) => expect(result?.start).toBe(targets[i]!.position.start + INSERTED.length));
    expect(results.every((r) => r?.method === 'quote')).toBe(true);
  });

  it('returns null for orphans and blank quotes in place', () => {
    const blank = describeRange(TEXT, STORY[0]!.length, STORY[0]!.length + 1);
    const deleted = targetOf(TEXT, 'Following this summit');
    const results = anchorAll(edit(TEXT, STORY[6]!, ''), [targets[0]!, blank, deleted]);
    expect(results.map((r) => r === null)).toEqual([false, true, true]);
  });

  it('handles an empty batch', () => {
    expect(anchorAll(TEXT, [])).toEqual([]);
  });
});

describe('anchor: properties', () => {
  it('anchors a range of unchanged text exactly where it was', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', 'e\u0301', '😀', '\n', 'ab'), minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.nat(),
        (text, i, j) => {
          const start = i % text.length;
          const end = start + 1 + (j % (text.length - start));
          fc.pre(!isBlankQuote(text.slice(start, end)));
          expect(span(anchor(text, describeRange(text, start, end)))).toEqual([start, end]);
        },
      ),
      { numRuns: 500 },
    );
  });

  const WORDS = 'the of and Moscow North Korea weapons summit agency visit Kim said war Ukraine two meetings security'.split(' ');
  const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 5, maxLength: 80 }).map((w) => w.join(' ') + '.');

  it('after text is inserted before, lands on the same passage or an identical one', () => {
    fc.assert(
      fc.property(prose, prose, fc.nat(), fc.nat(), (text, inserted, i, j) => {
        const start = i % text.length;
        const end = Math.min(text.length, start + 1 + (j % 40));
        fc.pre(!isBlankQuote(text.slice(start, end)));
        const target = describeRange(text, start, end);
        const moved = inserted + ' ' + text;
        const shift = inserted.length + 1;
        const found = anchor(moved, target);
        expect(found).not.toBeNull();
        const { exact, prefix, suffix } = target.quote;
        if (found!.start !== start + shift) {
          // Only acceptable when the quote with its stored context is not unique.
          expect(moved.slice(found!.start, found!.end)).toBe(exact);
          expect(moved.slice(0, found!.start).endsWith(prefix) || moved.slice(found!.end).startsWith(suffix)).toBe(true);
        } else {
          expect(found!.end).toBe(end + shift);
        }
      }),
      { numRuns: 300 },
    );
  });

  /** Words that do not repeat in one text (so there is one right answer): the vocabulary with endings. */
  const VOCABULARY = WORDS.flatMap((w) => ['', 's', 'ed', 'ing', 'er', 'ly'].map((end) => w + end));

  it('finds a quote of 8+ words with one inner word replaced, exactly where the passage now is', () => {
    const NEW = ['reportedly', 'zebra', 'quietly', 'unprecedented', 'so-called', 'x'];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 30, maxLength: 100 }),
        fc.nat(),
        fc.integer({ min: 8, max: 20 }),
        fc.nat(),
        fc.constantFrom(...NEW),
        (words, i, count, j, replacement) => {
          const first = i % (words.length - count);
          const text = words.join(' ') + '.';
          const start = words.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
          const end = start + words.slice(first, first + count).join(' ').length;
          const target = describeRange(text, start, end);
          const which = first + 1 + (j % (count - 2)); // neither the first nor the last word
          const edited = [...words.slice(0, which), replacement, ...words.slice(which + 1)].join(' ') + '.';
          const delta = replacement.length - words[which]!.length;
          // An orphan when the new word is too many edits for the quote's length; never elsewhere.
          const found = anchor(edited, target);
          if (found) expect(span(found)).toEqual([start, end + delta]);
          else expect(Math.abs(delta) + 2).toBeGreaterThan(maxErrorsFor(end - start) / 2);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never returns a range outside the text, and an exact method means the exact quote', () => {
    fc.assert(
      fc.property(prose, prose, fc.nat(), fc.nat(), (text, other, i, j) => {
        const start = i % text.length;
        const end = Math.min(text.length, start + 1 + (j % 60));
        fc.pre(!isBlankQuote(text.slice(start, end)));
        const target = describeRange(text, start, end);
        const found = anchor(other, target);
        if (found) {
          expect(0 <= found.start && found.start < found.end && found.end <= other.length).toBe(true);
          expect(found.score).toBeGreaterThan(0);
          expect(found.score).toBeLessThanOrEqual(1);
          if (found.method !== 'fuzzy') expect(other.slice(found.start, found.end)).toBe(target.quote.exact);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('edgeCosts (Myers, bit-parallel) and editDistance (banded) against plain edit distance', () => {
  const levenshtein = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(prev[j]! + 1, next[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = next;
    }
    return prev[b.length]!;
  };

  it('gives the fewest edits of the pattern ending (or starting) at each edge', () => {
    const unit = fc.constantFrom('a', 'b', 'c', ' ', 'é');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 60 }),
        fc.string({ unit, minLength: 1, maxLength: 32 }),
        fc.nat(),
        fc.nat(),
        (text, pattern, a, b) => {
          const from = a % (text.length + 1);
          const to = from + (b % (text.length - from + 1));
          const reach = pattern.length + (pattern.length >> 2) + 1;
          for (const atEnd of [true, false]) {
            const costs = edgeCosts(text, pattern, from, to, atEnd);
            for (let e = from; e <= to; e++) {
              let best = Infinity;
              if (atEnd) for (let s = Math.max(0, from - reach); s <= e; s++) best = Math.min(best, levenshtein(pattern, text.slice(s, e)));
              else for (let t = e; t <= Math.min(text.length, to + reach); t++) best = Math.min(best, levenshtein(pattern, text.slice(e, t)));
              expect(costs[e - from]).toBe(best);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('editDistance is the edit distance, capped at max + 1', () => {
    const unit = fc.constantFrom('a', 'b', 'c', ' ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 40 }), fc.nat(12), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('handles a full 32-character pattern (the sign bit)', () => {
    const pattern = 'abcdefghijklmnopqrstuvwxyzABCDEF';
    const text = `xx ${pattern.replace('m', 'M')} yy`;
    const end = text.indexOf('F') + 1;
    expect(edgeCosts(text, pattern, end, end, true)[0]).toBe(1);
    expect(edgeCosts(text, pattern, 3, 3, false)[0]).toBe(1);
    expect(edgeCosts(text, pattern, 0, 0, true)[0]).toBe(32);
  });
});
