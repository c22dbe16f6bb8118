/** The cases on the real bundled story (seeded into a new library, read as the worker reads it). */
import { beforeAll, describe, expect, test } from 'vitest';
import { readArticle } from '../../../main/search/read-article';
import type { FtsEngine } from '../../../main/search/fts-engine';
import type { IndexDoc } from '../../../main/search/types';
import { ask, doc, ftsEngine, idsOf, marked } from './engines';
import { STORY_ID, storyLibrary } from './helpers';

let story: IndexDoc;
beforeAll(async () => {
  const read = await readArticle(await storyLibrary(), STORY_ID, () => undefined);
  if (read.kind !== 'doc') throw new Error(`the story did not read: ${read.kind}`);
  story = read.doc;
});

/** The story among a few other articles, so a query that matches everything would show. */
async function library(): Promise<FtsEngine> {
  const engine = await ftsEngine();
  engine.upsert([
    story,
    doc({ id: 'weather', title: 'Spring weather in Lisbon', text: 'Rain is expected across the coast this week.' }),
    doc({ id: 'markets', title: 'Markets rally', text: 'Shares rose as investors weighed interest rates.' }),
  ]);
  return engine;
}

describe('the bundled story', () => {
  test.each(['Naryshkn', 'Pyongyan', 'Korean', 'Koreaan', 'pyong', "P'yŏngyang", 'PYONGYANG', 'pyöngyang'])(
    '"%s" finds it, and only it',
    async (query) => {
      expect(idsOf(ask(await library(), query))).toEqual([STORY_ID]);
    },
  );

  test('"Naryshkn" is corrected to the name, which is marked in the text', async () => {
    const answer = ask(await library(), 'Naryshkn');
    expect(answer.corrections).toEqual([{ from: 'Naryshkn', to: ['naryshkin'] }]);
    const [hit] = answer.results[0]!.hits;
    expect(hit?.field).toBe('text');
    expect(hit?.term).toBe('Naryshkin');
    expect(marked(hit!.snippet)).toContain('Sergey [Naryshkin], made a');
  });

  test('"Pyongyan" not last is a misspelling (corrected), last it is a prefix (no correction)', async () => {
    const engine = await library();
    expect(ask(engine, 'Pyongyan').corrections).toEqual([]);
    const answer = ask(engine, 'Pyongyan Moscow');
    expect(answer.corrections).toEqual([{ from: 'Pyongyan', to: ['pyongyang'] }]);
    expect(idsOf(answer)).toEqual([STORY_ID]);
  });

  test('"Koreaan" is the source\'s own word: found as written, not corrected', async () => {
    const answer = ask(await library(), 'Koreaan');
    expect(answer.corrections).toEqual([]);
    expect(answer.results[0]!.hits[0]!.term).toBe('Koreaan');
  });

  test('the title hit comes first and its term is the title\'s word', async () => {
    const [result] = ask(await library(), 'pyong').results;
    expect(result?.hits.map((h) => h.field)).toEqual(['title', 'text']);
    expect(result?.hits[0]?.term).toBe('Pyongyang');
    expect(marked(result!.hits[0]!.snippet)).toBe('Russian intelligence chief discusses security cooperation in [Pyongyang]');
  });
});

describe('hostile queries answer without throwing', () => {
  const HOSTILE = [
    '"', '""', '"unterminated', 'NEAR(', 'NEAR(a b, 2)', 'title:', 'title:walrus', '*', 'walrus*', '-', '-walrus',
    'AND', 'OR', 'NOT', 'a AND', 'AND OR NOT', '(', ')', '^', '{title body}:x', 'x + y', "'; DROP TABLE docs; --",
    '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\u0000', '\uE000walrus\uE001', 'x'.repeat(500), 'walrus '.repeat(71).slice(0, 500),
    'é'.repeat(250) + ' ' + 'ab'.repeat(120), '🙂'.repeat(250),
  ];
  test.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s', async (_label, query) => {
    const engine = await library();
    expect(() => ask(engine, query)).not.toThrow();
  });

  test('syntax words are only words: "title:" does not filter by column, AND/NEAR are searched as words', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'a', title: 'Walrus', text: 'near and far' }), doc({ id: 'b', text: 'title walrus' })]);
    expect(idsOf(ask(engine, 'title:walrus'))).toEqual(['b']);
    expect(idsOf(ask(engine, 'NEAR AND'))).toEqual(['a']);
    expect(idsOf(ask(engine, '-walrus')).sort()).toEqual(['a', 'b']);
  });
});
