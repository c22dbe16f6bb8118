/**
 * Chinese and Japanese are written without spaces: both engines cut their runs into
 * words with ICU's dictionary (Intl.Segmenter, fold.ts), when indexing and when
 * querying, so a word inside a sentence and a Latin word touching it are found, and
 * snippets show the text as written.
 */
import { describe, expect, test } from 'vitest';
import { SEGMENT, segmented, words } from '../../../main/search/fold';
import { parseQuery } from '../../../main/search/query-plan';
import { ask, doc, ftsEngine, highlight, idsOf, marked, scanEngine } from './engines';

const SENTENCES = {
  beijing: '我们在北京见面。',
  tokyo: '東京都に住んでいます。',
  alphago: '谷歌的AlphaGo战胜了李世石。',
  university: '北京大学的学生在图书馆学习。',
  english: 'We met in Beijing and walked to the Forbidden City.',
};

describe('word splitting', () => {
  test("Node's ICU has the Chinese/Japanese dictionary (a run is cut into words, not characters or one token)", () => {
    expect(words('我们在北京见面')).toEqual(['我们', '在', '北京', '见面']);
    expect(words('東京都に住んでいます')).toContain('東京');
  });

  test('a Latin word inside Chinese text is a word of its own, folded', () => {
    expect(words('谷歌的AlphaGo战胜了')).toContain('alphago');
  });

  test('text without those scripts is split exactly as before (no segment characters)', () => {
    const text = "P'yŏngyang, don’t stop — Café 42 🙂 북한 평양에서";
    expect(segmented(text)).toBe(text);
    expect(words(text)).toEqual(['p', 'yongyang', 'don', 't', 'stop', 'cafe', '42', '🙂', '북한', '평양에서']);
  });

  test('the segment character typed into a query or text is a space, never a separator of its own', () => {
    expect(words(`北京${SEGMENT}见面`)).toEqual(['北京', '见面']);
    expect(segmented('北京大学').split(SEGMENT).join('')).toBe('北京大学');
  });

  test('kana voicing marks are kept, as FTS5 keeps them ("で" is not "て")', () => {
    expect(words('で')).toEqual(['で']);
    expect(words('Café')).toEqual(['cafe']);
  });

  test('a Chinese or Japanese query word is a prefix and is never typo-corrected', () => {
    const [word] = parseQuery('東京 cafe');
    expect(word!.alternatives[0]).toEqual({ tokens: ['東京'], prefix: true });
    expect(parseQuery('cafe 東京')[0]!.alternatives[0]!.prefix).toBe(false);
  });
});

describe.each([
  ['FtsEngine', ftsEngine],
  ['ScanEngine', async () => scanEngine()],
])('%s: Chinese and Japanese', (_name, make) => {
  async function library() {
    const engine = await make();
    engine.upsert(Object.entries(SENTENCES).map(([id, text]) => doc({ id, title: 'Untitled', text })));
    return engine;
  }

  test.each([
    ['北京', ['beijing', 'university']],
    ['東京', ['tokyo']],
    ['住んで', ['tokyo']],
    ['AlphaGo', ['alphago']],
    ['alphago', ['alphago']],
    ['战胜', ['alphago']],
    ['图书馆', ['university']],
    ['学生', ['university']],
    ['见面', ['beijing']],
    ['北京 见面', ['beijing']],
    ['我们在北京见面', ['beijing']],
    ['Beijing', ['english']],
  ])('"%s" finds %j', async (query, ids) => {
    const engine = await library();
    expect(idsOf(ask(engine, query)).sort()).toEqual([...ids].sort());
  });

  test('a word not in the library finds nothing (no fuzzy match of Chinese)', async () => {
    const engine = await library();
    expect(idsOf(ask(engine, '上海'))).toEqual([]);
    const answer = ask(engine, '北海见面');
    expect(answer.corrections).toEqual([]);
    expect(idsOf(answer)).toEqual([]);
  });

  test('snippets show the text as written, the matched word marked', async () => {
    const engine = await library();
    const [hit] = ask(engine, 'AlphaGo').results[0]!.hits;
    expect(marked(hit!.snippet)).toBe('谷歌的[AlphaGo]战胜了李世石。');
    expect(hit!.term).toBe('AlphaGo');
    expect(marked(ask(engine, '北京').results.find((r) => r.articleId === 'beijing')!.hits[0]!.snippet)).toBe('我们在[北京]见面。');
  });

  test('highlights and notes in Chinese are found and shown as written', async () => {
    const engine = await make();
    engine.upsert([doc({ id: 'a', text: 'Plain text.', annotations: [highlight({ quote: '我们在北京见面', note: '東京都に住んでいます' })] })]);
    const hits = ask(engine, '東京').results[0]!.hits;
    expect(hits.map((h) => marked(h.snippet))).toContain('[東京]都に住んでいます');
    expect(ask(engine, '北京').results[0]!.hits.map((h) => marked(h.snippet))).toContain('我们在[北京]见面');
  });
});
