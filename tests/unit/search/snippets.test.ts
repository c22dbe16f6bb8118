import { describe, expect, test } from 'vitest';
import { parseMarked, snippetOf } from '../../../main/search/snippet';
import { articleNote, ask, doc, ftsEngine, highlight, marked, scanEngine } from './engines';

const LONG = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

describe.each([
  ['FtsEngine', ftsEngine],
  ['ScanEngine', async () => scanEngine()],
])('%s snippets', (_name, make) => {
  test('a few whole words around the match, with an ellipsis where text was left out', async () => {
    const engine = await make();
    engine.upsert([doc({ id: 'a', text: LONG.replace('word40', 'walrus') })]);
    const [hit] = ask(engine, 'walrus').results[0]!.hits;
    const text = marked(hit!.snippet);
    expect(text).toMatch(/^…(word\d+ )+\[walrus\]( word\d+)+…$/);
    expect(text.split(' ').length).toBeLessThanOrEqual(21);
  });

  test('matched words are marked as written (case and accents kept)', async () => {
    const engine = await make();
    engine.upsert([doc({ id: 'a', text: 'Le Café et le CAFE.' })]);
    expect(marked(ask(engine, 'cafe').results[0]!.hits[0]!.snippet)).toBe('Le [Café] et le [CAFE].');
    expect(ask(engine, 'cafe').results[0]!.hits[0]!.term).toBe('Café');
  });

  test('Korean, emoji and combining marks stay whole', async () => {
    const engine = await make();
    const text = '북한 평양에서 회담이 열렸다 🙂 then cafe\u0301 au lait';
    engine.upsert([doc({ id: 'a', text })]);
    expect(marked(ask(engine, '평양에서').results[0]!.hits[0]!.snippet)).toBe(
      '북한 [평양에서] 회담이 열렸다 🙂 then café au lait',
    );
    expect(marked(ask(engine, 'café').results[0]!.hits[0]!.snippet)).toBe('북한 평양에서 회담이 열렸다 🙂 then [café] au lait');
  });

  test('a note with HTML comes back as plain text parts', async () => {
    const engine = await make();
    const note = highlight({ quote: 'q', note: '<script>alert("walrus")</script> & <b>bold</b>' });
    engine.upsert([doc({ id: 'a', annotations: [note, articleNote('<img src=x onerror=alert(1)> walrus')] })]);
    const hits = ask(engine, 'walrus').results[0]!.hits;
    expect(hits.map((h) => [h.field, marked(h.snippet)])).toEqual([
      ['article-note', '<img src=x onerror=alert(1)> [walrus]'],
      ['note', '<script>alert("[walrus]")</script> & <b>bold</b>'],
    ]);
  });

  test('the snippet marker characters typed into a note are not markers', async () => {
    const engine = await make();
    engine.upsert([doc({ id: 'a', text: 'x \uE000walrus\uE001 y \uE001' })]);
    const [hit] = ask(engine, 'walrus').results[0]!.hits;
    expect(hit!.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['walrus']);
    expect(hit!.snippet.map((part) => part.text).join('')).not.toMatch(/[\uE000\uE001]/);
  });
});

describe('parseMarked', () => {
  test('splits marked text into parts and drops stray markers', () => {
    expect(parseMarked('a \uE000b\uE001 c \uE000d e\uE001')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd e', match: true },
    ]);
    expect(parseMarked('x\uE001y \uE000z')).toEqual([
      { text: 'xy ', match: false },
      { text: 'z', match: true },
    ]);
    expect(parseMarked('')).toEqual([]);
  });

  test('cuts a very long part at a code point boundary', () => {
    const [part] = parseMarked(`\uE000${'😀'.repeat(400)}\uE001`);
    expect(part!.text.length).toBeLessThanOrEqual(301);
    expect(part!.text.endsWith('😀…')).toBe(true);
  });
});

describe('snippetOf', () => {
  test('null when nothing matches; the whole text when it is short', () => {
    expect(snippetOf('a b c', () => false, 10)).toBeNull();
    expect(snippetOf('(a) b, c!', (w) => w === 'b', 10)).toEqual([
      { text: '(a) ', match: false },
      { text: 'b', match: true },
      { text: ', c!', match: false },
    ]);
  });
});
