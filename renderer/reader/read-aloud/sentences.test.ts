// @vitest-environment jsdom
/**
 * Read aloud's sentences: exact splits on the segmenter's known misses, every piece
 * mapping back into the text index's text, and nothing longer than an engine speaks.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../anchoring/text-index';
import { MAX_UTTERANCE, splitSentences, type Sentence } from './sentences';
import source from '../../../content/2024-03-28-russian-intelligence-chief-pyongyang.md?raw';

const texts = (text: string, options?: Parameters<typeof splitSentences>[1]) =>
  splitSentences(text, options).map((s) => s.text);

/** Every piece maps back, pieces are in order, and they hold every non-space character. */
function expectCoverage(text: string, pieces: Sentence[]): void {
  let last = 0;
  for (const piece of pieces) {
    expect(text.slice(piece.start, piece.end)).toBe(piece.text);
    expect(piece.text).toBe(piece.text.trim());
    expect(piece.text.length).toBeGreaterThan(0);
    expect(piece.start).toBeGreaterThanOrEqual(last);
    expect(text.slice(last, piece.start).trim()).toBe('');
    last = piece.end;
  }
  expect(text.slice(last).trim()).toBe('');
}

describe('the bundled story', () => {
  const markdown = source.slice(source.indexOf('\n---', 3) + 4);
  // The body as the reader shows it, and its text exactly as the text index gives it.
  const body = document.createElement('div');
  body.innerHTML = new MarkdownIt().render(markdown);
  const text = new TextIndex(body).text;
  const paragraphs = markdown.split(/\n\s*\n/u).map((p) => p.trim()).filter(Boolean);

  it('cuts it into sentences that map back exactly and cover all its text, in order', () => {
    const pieces = splitSentences(text, { lang: 'en' });
    expectCoverage(text, pieces);
    // One sentence per paragraph in this story, except where a paragraph is longer than an utterance.
    const short = paragraphs.filter((p) => p.length <= MAX_UTTERANCE);
    for (const paragraph of short) expect(pieces.map((p) => p.text)).toContain(paragraph);
    expect(pieces.length).toBeGreaterThan(paragraphs.length);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(MAX_UTTERANCE);
  });

  it('keeps "7,000" whole and cuts the long first paragraph at a comma, not inside a word', () => {
    const pieces = texts(text, { lang: 'en' });
    expect(pieces.some((p) => p.includes('around 7,000 containers'))).toBe(true);
    expect(pieces[0]).toBe(
      'Pyongyang announced on Thursday that the Russian intelligence chief discussed bilateral security cooperation during a visit to North Korea this week,',
    );
    expect(pieces[1]).toBe(
      'in a move that comes after weeks of accusations by South Korea against its northern neighbor of providing Moscow with large quantities of weapons to support the Kremlin in its war against Ukraine.',
    );
  });

  it('ends a piece where a paragraph ends even when no space separates the paragraphs', () => {
    const joined = document.createElement('div');
    joined.innerHTML = '<h2>Background</h2><p>The talks began.</p><p>They ended</p>';
    const index = new TextIndex(joined);
    const breaks = [...joined.children].map((element) => index.offsetOf(element, 0));
    expect(texts(index.text, { breaks })).toEqual(['Background', 'The talks began.', 'They ended']);
    // Without the breaks the segmenter runs the three blocks together.
    expect(texts(index.text)).toEqual(['BackgroundThe talks began.They ended']);
  });
});

describe('the segmenter\'s misses', () => {
  it('does not cut after titles and Latin abbreviations', () => {
    expect(texts('Mr. Smith met Dr. Jones on Main St. at noon. Then he left.')).toEqual([
      'Mr. Smith met Dr. Jones on Main St. at noon.',
      'Then he left.',
    ]);
    expect(texts('See e.g. the report, i.e. this one. Done.')).toEqual(['See e.g. the report, i.e. this one.', 'Done.']);
    expect(texts('Ms. Park spoke to Prof. Lee. They agreed.')).toEqual(['Ms. Park spoke to Prof. Lee.', 'They agreed.']);
  });

  it('keeps dotted acronyms and times with their sentence, but cuts before a new sentence', () => {
    expect(texts('The U.S. Army said so. Next.')).toEqual(['The U.S. Army said so.', 'Next.']);
    expect(texts('They met at 9 a.m. on Monday. It rained.')).toEqual(['They met at 9 a.m. on Monday.', 'It rained.']);
    expect(texts('It was 5 p.m. The end came.')).toEqual(['It was 5 p.m.', 'The end came.']);
  });

  it('joins "No. 7" and initials', () => {
    expect(texts('It was No. 7 in the list. He won No. 12 Trophy.')).toEqual([
      'It was No. 7 in the list.',
      'He won No. 12 Trophy.',
    ]);
    expect(texts('J. R. R. Tolkien wrote it. Yes.')).toEqual(['J. R. R. Tolkien wrote it.', 'Yes.']);
  });

  it('keeps numbers whole', () => {
    expect(texts('He paid 7,000 dollars, or 3.5 times more. Then 1.5 million.')).toEqual([
      'He paid 7,000 dollars, or 3.5 times more.',
      'Then 1.5 million.',
    ]);
  });

  it('keeps quotes and brackets after the full stop with their sentence', () => {
    expect(texts('He said "I am done." Then he left. (See above.) Next one.')).toEqual([
      'He said "I am done."',
      'Then he left.',
      '(See above.)',
      'Next one.',
    ]);
    expect(texts('She said “Stop.” He stopped. It was over.)')).toEqual(['She said “Stop.”', 'He stopped.', 'It was over.)']);
    expect(texts("'Go.' He went.")).toEqual(["'Go.'", 'He went.']);
  });

  it('splits Korean, Japanese and Chinese at their sentence ends', () => {
    expect(texts('안녕하세요. 반갑습니다! 뭐 하세요? 네.', { lang: 'ko' })).toEqual(['안녕하세요.', '반갑습니다!', '뭐 하세요?', '네.']);
    expect(texts('今日は晴れです。明日は雨です！本当？', { lang: 'ja' })).toEqual(['今日は晴れです。', '明日は雨です！', '本当？']);
    expect(texts('我很好。你呢？好！', { lang: 'zh' })).toEqual(['我很好。', '你呢？', '好！']);
  });

  it('trims whitespace and drops empty pieces', () => {
    const text = '  \n First one.   \n\n  Second one.  \n ';
    const pieces = splitSentences(text);
    expect(pieces.map((p) => p.text)).toEqual(['First one.', 'Second one.']);
    expectCoverage(text, pieces);
    expect(splitSentences('   \n ')).toEqual([]);
    expect(splitSentences('')).toEqual([]);
  });

  it('reads a malformed language tag with the default rules', () => {
    expect(texts('One. Two.', { lang: 'not a tag!' })).toEqual(['One.', 'Two.']);
  });
});

describe('long sentences', () => {
  const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');

  it('cut at a semicolon before a colon, a dash or a comma', () => {
    const text = `${words(10)}, ${words(10)}; ${words(10)}: ${words(10)}.`;
    expect(texts(text, { maxLength: 150 })).toEqual([`${words(10)}, ${words(10)};`, `${words(10)}: ${words(10)}.`]);
  });

  it('cut at a colon, then a dash, then a comma when there is no better break', () => {
    expect(texts(`${words(12)}: ${words(12)}.`, { maxLength: 80 })).toEqual([`${words(12)}:`, `${words(12)}.`]);
    expect(texts(`${words(12)} — ${words(12)}.`, { maxLength: 80 })).toEqual([`${words(12)} —`, `${words(12)}.`]);
    expect(texts(`${words(12)}, ${words(12)}.`, { maxLength: 80 })).toEqual([`${words(12)},`, `${words(12)}.`]);
  });

  it('cut at a space, never inside a word, when there is no punctuation', () => {
    const text = `${words(40, 'alpha')}.`;
    const pieces = splitSentences(text, { maxLength: 100 });
    expectCoverage(text, pieces);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(100);
      expect(piece.text).toMatch(/^alpha( alpha)*\.?$/u);
    }
    expect(pieces.length).toBe(3);
  });

  it('cut Chinese at a word boundary when it has no punctuation to cut at', () => {
    const text = '我们今天去北京看长城'.repeat(10);
    const pieces = splitSentences(text, { lang: 'zh', maxLength: 40 });
    expectCoverage(text, pieces);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(40);
  });

  it('keep a closing quote after the comma they are cut at', () => {
    const text = `He wrote "${words(12)}," and then ${words(12)}.`;
    expect(texts(text, { maxLength: 90 })).toEqual([`He wrote "${words(12)},"`, `and then ${words(12)}.`]);
  });
});
