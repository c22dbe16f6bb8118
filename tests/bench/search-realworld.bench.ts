/**
 * `npm run bench`: search right after a save, on real-world pages, and what indexing
 * as part of a save costs. Numbers, not assertions (ARCHITECTURE.md §7). Two tables:
 *
 * 1. Save-time cost (always runs): a library of 1,000 synthetic articles (search-corpus.ts,
 *    ~600 words each) indexed by the worker; then `indexNow` of one article just
 *    rewritten (what a save waits for: p50/p95 over 40 saves) and of all 1,000 rewritten
 *    (what an import of 1,000 files waits for after its files are written).
 *
 * 2. Recall on real-world pages (runs when LECTERN_READABILITY_PAGES names a folder of
 *    `<name>/source.html` pages: Mozilla Readability's test pages, test/test-pages in
 *    github.com/mozilla/readability, Apache-2.0; not committed here, they are 25 MB of
 *    other publishers' pages). Every page is added in one `library:add-files` call
 *    through the real dispatcher (tests/unit/real-services.ts), twice: the words are
 *    chosen on the first library, the second is asked at once after its save. For each
 *    saved article, a word found in no other article:
 *    - exact: a Latin-script word of 6+ letters, asked at once after the save was
 *      answered ("first") and again once the index settled;
 *    - one typo: that word with one letter changed (not itself a word of the library);
 *    - CJK: up to 5 Chinese/Japanese words (ICU dictionary segments of 2+ characters)
 *      found as text in only that article;
 *    - any 2 Han characters in a row found in only that article, wherever the dictionary
 *      cuts (the limit of a word index: what is inside a longer dictionary word is missed).
 *    Found = the article is among the first 20 results (what the renderer shows first).
 *    LECTERN_READABILITY_PAGES unset: the table says it was skipped.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { bench, describe } from 'vitest';
import type { SearchAnswer } from '../../common/search';
import { SearchService } from '../../main/search';
import { words } from '../../main/search/fold';
import { readArticle } from '../../main/search/read-article';
import { realServices } from '../unit/real-services';
import { workerUrl } from '../worker-bundle';
import { articles, vocabulary } from './search-corpus';

const PAGES = process.env['LECTERN_READABILITY_PAGES'];
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;

/** Table 1: what `indexNow` adds to a save and to an import of 1,000 files. */
async function saveCost(): Promise<Record<string, string | number>[]> {
  const docs = articles(1_000, vocabulary());
  const dir = mkdtempSync(join(tmpdir(), 'lectern-search-save-cost-'));
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ format: 1, createdAt: new Date(0).toISOString(), seeded: [] }));
  const write = (doc: (typeof docs)[number], suffix: string) => {
    const folder = join(dir, 'articles', doc.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'text.txt'), doc.text + suffix);
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({
        id: doc.id, title: doc.title, byline: doc.byline, site: doc.site, url: null, publishedAt: null, savedAt: doc.savedAt,
        language: 'en', wordCount: 600, contentHash: '0'.repeat(64), tags: [], readingProgress: null, credit: null,
      }),
    );
  };
  for (const doc of docs) write(doc, '');
  const service = SearchService.start({ libraryDir: dir, workerUrl: await workerUrl(), log: () => {} });
  let start = performance.now();
  await service.whenReady();
  const build = performance.now() - start;
  const one: number[] = [];
  for (let round = 0; round < 40; round++) {
    const doc = docs[(round * 37) % docs.length]!;
    write(doc, ` saved again ${round}`);
    start = performance.now();
    await service.indexNow([doc.id]);
    one.push(performance.now() - start);
  }
  for (const doc of docs) write(doc, ' imported again');
  start = performance.now();
  await service.indexNow(docs.map((d) => d.id));
  const all = performance.now() - start;
  await service.close();
  return [
    { measure: 'index 1,000 articles from the folders (worker start → ready)', ms: ms(build) },
    { measure: 'a save waits for indexNow of its article: p50', ms: ms(percentile(one, 50)) },
    { measure: 'a save waits for indexNow of its article: p95', ms: ms(percentile(one, 95)) },
    { measure: 'an import of 1,000 files waits for indexNow of all 1,000', ms: ms(all) },
  ];
}

const LATIN_WORD = /^[a-z]{6,}$/;
const IDEOGRAPHIC_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2,}$/u;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** The word with one letter changed (middle first), so that it is no word of the library. */
function typo(word: string, known: ReadonlySet<string>): string | null {
  for (let k = 0; k < word.length; k++) {
    const i = (Math.floor(word.length / 2) + k) % word.length;
    const letter = ALPHABET[(ALPHABET.indexOf(word[i]!) + 7) % 26]!;
    const wrong = word.slice(0, i) + letter + word.slice(i + 1);
    if (!known.has(wrong)) return wrong;
  }
  return null;
}

type Probe = { file: string; word: string };

/** A library of the real services with every page added in one `library:add-files` call; the report's ids by file name. */
async function savedLibrary(paths: readonly string[]) {
  const services = await realServices();
  const ask = async (query: string): Promise<SearchAnswer> => {
    const answer = await services.dispatch('search:query', { query, limit: 20 });
    if (!answer.ok) throw new Error(`search failed: ${JSON.stringify(answer)}`);
    return answer.value as SearchAnswer;
  };
  // Let the bundled articles' start-up index settle, as in a library open for a while.
  await ask('warm');
  await sleep(2_000);
  services.grant(paths);
  const start = performance.now();
  const added = await services.dispatch('library:add-files', { paths });
  const saveMs = performance.now() - start;
  if (!added.ok) throw new Error(`add-files failed: ${JSON.stringify(added)}`);
  const report = added.value as { added: { id: string; file: string }[]; refused: unknown[] };
  const idOf = new Map(report.added.map((a) => [a.file, a.id]));
  return { services, ask, saveMs, idOf, refused: report.refused.length };
}

/** The words to ask for, chosen on a first library holding the pages: by file name. */
async function probes(library: Awaited<ReturnType<typeof savedLibrary>>) {
  const { services, idOf } = library;
  const fileOf = new Map([...idOf].map(([file, id]) => [id, file]));
  const texts = new Map<string, { words: Set<string>; text: string }>();
  for (const { id } of (await services.library.list()).articles) {
    const read = await readArticle(services.dir, id, () => {});
    if (read.kind !== 'doc') continue;
    const text = [read.doc.title, read.doc.byline ?? '', read.doc.site ?? '', read.doc.text].join('\n');
    texts.set(id, { words: new Set(words(text)), text });
  }
  const count = new Map<string, number>();
  for (const { words: set } of texts.values()) for (const w of set) count.set(w, (count.get(w) ?? 0) + 1);
  const known = new Set(count.keys());
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const exact: Probe[] = [];
  const typos: Probe[] = [];
  const cjk: Probe[] = [];
  const bigrams: Probe[] = [];
  for (const [id, file] of fileOf) {
    const entry = texts.get(id);
    if (!entry) continue;
    const unique = [...entry.words].filter((w) => LATIN_WORD.test(w) && count.get(w) === 1).sort();
    // A word from the middle of the sorted list: not always the first letters of the alphabet.
    const word = unique[Math.floor(unique.length / 2)];
    if (word) {
      exact.push({ file, word });
      const wrong = typo(word, known);
      if (wrong) typos.push({ file, word: wrong });
    }
    const segments = new Set<string>();
    for (const s of segmenter.segment(entry.text)) if (s.isWordLike && IDEOGRAPHIC_WORD.test(s.segment)) segments.add(s.segment);
    const only = [...segments].filter((w) => [...texts].every(([other, t]) => other === id || !t.text.includes(w))).sort();
    const picked = new Set(Array.from({ length: Math.min(5, only.length) }, (_, k) => only[Math.floor((k * only.length) / 5)]!));
    for (const word of picked) cjk.push({ file, word });
    // Any two Han characters in a row, wherever the dictionary cuts: the limit of word-based search.
    const pairs = new Set<string>();
    for (const run of entry.text.match(/\p{Script=Han}{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) pairs.add(run.slice(i, i + 2));
    const lone = [...pairs].filter((w) => [...texts].every(([other, t]) => other === id || !t.text.includes(w))).sort();
    const chosen = new Set(Array.from({ length: Math.min(5, lone.length) }, (_, k) => lone[Math.floor((k * lone.length) / 5)]!));
    for (const word of chosen) bigrams.push({ file, word });
  }
  return { exact, typos, cjk, bigrams };
}

/** Table 2: recall on the real-world pages. */
async function realWorld(pagesDir: string): Promise<Record<string, string | number>[]> {
  const root = existsSync(join(pagesDir, 'test', 'test-pages')) ? join(pagesDir, 'test', 'test-pages') : pagesDir;
  const names = readdirSync(root).filter((name) => existsSync(join(root, name, 'source.html'))).sort();
  const files = mkdtempSync(join(tmpdir(), 'lectern-realworld-'));
  const paths = names.map((name) => {
    const path = join(files, `${name}.html`);
    copyFileSync(join(root, name, 'source.html'), path);
    return path;
  });
  // The words are chosen on a first library, so the second is asked at once after its save.
  const { exact, typos, cjk, bigrams } = await probes(await savedLibrary(paths));
  const library = await savedLibrary(paths);
  const found = async (list: Probe[]) => {
    let hits = 0;
    let ready = 0;
    const missed: string[] = [];
    for (const { file, word } of list) {
      const answer = await library.ask(word);
      if (answer.state === 'ready') ready++;
      if (answer.results.some((r) => r.articleId === library.idOf.get(file))) hits++;
      else missed.push(word);
    }
    return { hits, ready, missed, missedReady: ready - hits };
  };
  const first = await found(exact);
  await sleep(3_000);
  const settled = await found(exact);
  const fuzzy = await found(typos);
  const chinese = await found(cjk);
  const pairs = await found(bigrams);
  const cjkArticles = new Set(cjk.map((c) => c.file)).size;
  const row = (measure: string, value: string | number, note = '') => ({ measure, value, note });
  const some = (list: string[]) => list.slice(0, 10).join(' ') + (list.length > 10 ? ` … (${list.length})` : '');
  return [
    row('pages added (one library:add-files call)', `${library.idOf.size} of ${names.length}`, `${library.refused} refused`),
    row('add-files answered (save + index)', `${ms(library.saveMs)} ms`),
    row('exact, first queries after the save', `${first.hits}/${exact.length}`, `${first.ready} answered "ready"; missed ${some(first.missed)}`),
    row('exact, settled', `${settled.hits}/${exact.length}`, `missed ${some(settled.missed)}`),
    row('one typo, settled', `${fuzzy.hits}/${typos.length}`, `missed ${some(fuzzy.missed)}`),
    row('any 2 Han characters in a row, settled', `${pairs.hits}/${bigrams.length}`, `not chosen by the dictionary: a word inside a longer one is missed; missed ${some(pairs.missed)}`),
    row('CJK words, settled', `${chinese.hits}/${cjk.length}`, `in ${cjkArticles} articles; missed ${some(chinese.missed)}`),
  ];
}

console.log('\nSearch: what indexing as part of a save costs (1,000 synthetic articles, node:sqlite FTS5)');
console.table(await saveCost());
if (PAGES) {
  console.log(`\nSearch recall on real-world pages (${PAGES})`);
  console.table(await realWorld(PAGES));
} else {
  console.log(
    '\nSearch recall on real-world pages: SKIPPED — set LECTERN_READABILITY_PAGES to a checkout of github.com/mozilla/readability ' +
      '(or its test/test-pages folder) to run it.',
  );
}

describe('search right after a save', () => {
  bench('tables above (printed once)', () => {}, { iterations: 1, time: 0 });
});
