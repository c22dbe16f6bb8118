/**
 * The FTS engine against the scan engine as a model: on random small corpora, a
 * plain single-word query finds the same articles in both (both fold the same way).
 * Where the FTS engine corrected a word it did not know, the model finds nothing; a
 * word of {@link MIN_QUIET_CORRECTION}+ letters that is only the start of indexed words
 * is also corrected quietly by the FTS engine, so there it finds at least what the model does.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isIdeographic } from '../../../main/search/fold';
import { MIN_QUIET_CORRECTION } from '../../../main/search/query-plan';
import { ask, doc, ftsEngine, idsOf, scanEngine } from './engines';

const SYLLABLES = ['ka', 'ré', 'Mo', 'lu', 'ŏn', 'SA', 'ti', 'Ür', 'pe', 'ño', 'ba'];
const word = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 4 }).map((s) => s.join(''));
const separator = fc.constantFrom(' ', ', ', '. ', ' — ', "'", '-', '\n');
const text = fc
  .array(fc.tuple(word, separator), { minLength: 0, maxLength: 25 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
const corpus = fc.array(fc.record({ title: text, text, tag: fc.option(word) }), { minLength: 1, maxLength: 12 });

/**
 * Both engines over `docs`, asked each query: a word the FTS engine corrected finds nothing
 * in the model; a word of MIN_QUIET_CORRECTION+ letters that `quiet` allows may also bring
 * quiet corrections (FTS finds at least what the model does); otherwise the same articles.
 */
async function engineAgreement(docs: ReturnType<typeof doc>[], queries: readonly string[], quiet: (query: string) => boolean): Promise<void> {
  const fts = await ftsEngine();
  const scan = scanEngine();
  fts.upsert(docs);
  scan.upsert(docs);
  for (const query of queries) {
    const fromFts = ask(fts, query, {}, 100);
    const fromScan = ask(scan, query, {}, 100);
    if (fromFts.corrections.length > 0) {
      expect(fromScan.total).toBe(0);
      continue;
    }
    if ([...query].length >= MIN_QUIET_CORRECTION && quiet(query)) {
      expect(idsOf(fromFts)).toEqual(expect.arrayContaining(idsOf(fromScan)));
      continue;
    }
    expect([query, idsOf(fromFts).sort()]).toEqual([query, idsOf(fromScan).sort()]);
    expect(fromFts.total).toBe(fromScan.total);
  }
  fts.close();
}

test('a single-word query matches the same articles in the FTS engine and the scan engine', async () => {
  await fc.assert(
    fc.asyncProperty(corpus, fc.array(word, { minLength: 1, maxLength: 6 }), async (articles, queries) => {
      const docs = articles.map((a, i) => doc({ id: `a${i}`, title: a.title, text: a.text, tags: a.tag ? [a.tag] : [] }));
      await engineAgreement(docs, queries, () => true);
    }),
    { numRuns: Number(process.env['SEARCH_PROPERTY_RUNS'] ?? 60) },
  );
});

// Chinese and Japanese pieces run together (no spaces), a Latin word touching them, kana with and without voicing marks.
const CJK_SYLLABLES = ['北京', '大学', '東京', '都', 'に', '住', 'んで', 'で', 'て', 'が', 'か', '的', '学生', 'Alpha', 'Go', 'ka', 'ré', 'ภาษา', 'ไทย'];
const cjkWord = fc.array(fc.constantFrom(...CJK_SYLLABLES), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
const cjkText = fc
  .array(fc.tuple(cjkWord, fc.constantFrom('', '', '', ' ', '。', ', ', '\n')), { minLength: 0, maxLength: 25 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
const cjkCorpus = fc.array(fc.record({ title: cjkText, text: cjkText }), { minLength: 1, maxLength: 12 });

test('a Chinese, Japanese or Thai query matches the same articles in both engines (same dictionary segments)', async () => {
  await fc.assert(
    fc.asyncProperty(cjkCorpus, fc.array(cjkWord, { minLength: 1, maxLength: 6 }), async (articles, queries) => {
      const docs = articles.map((a, i) => doc({ id: `a${i}`, title: a.title, text: a.text }));
      await engineAgreement(docs, queries, (query) => !isIdeographic(query));
    }),
    { numRuns: Number(process.env['SEARCH_PROPERTY_RUNS'] ?? 60) },
  );
});

test('a prefix cut where a library spelling has an apostrophe matches the same articles in both engines', async () => {
  // Found by the property above (seed 629635131): "tisa" typed as a prefix is "ti" + "sa…"
  // in the FTS engine because "ti'SA" is in the library, so "ti SAka" matches too.
  const fts = await ftsEngine();
  const scan = scanEngine();
  const docs = [doc({ id: 'a0', title: "ti'SA ", text: '', tags: [] }), doc({ id: 'a1', title: '', text: 'ti SAka ', tags: [] })];
  fts.upsert(docs);
  scan.upsert(docs);
  expect(idsOf(ask(fts, 'tiSA', {}, 100)).sort()).toEqual(['a0', 'a1']);
  expect(idsOf(ask(scan, 'tiSA', {}, 100)).sort()).toEqual(['a0', 'a1']);
  // Not the last word, so not a prefix: "tisa" is only "ti'SA" (a0, which has no "ka").
  expect(idsOf(ask(fts, 'tisa ka', {}, 100))).toEqual([]);
  expect(idsOf(ask(scan, 'tisa ka', {}, 100))).toEqual([]);
  fts.close();
});
