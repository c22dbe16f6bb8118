/**
 * `npm run bench`: the library's catalog (ARCHITECTURE.md §3) at 1,000 / 5,000 / 20,000
 * articles, beside today's path in the same run (read and check every article.json,
 * sortAndFilter, slice). Numbers, not assertions (ARCHITECTURE.md §7), printed with
 * console.table: open → first window answered with a warm and a cold catalog, the
 * first rows of a cold build, a window of 100 rows p50/p95 in each sort, and one
 * article changed → visible in listWindow (through the library, and by hand + a check).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import type { LibrarySort } from '../../common/model';
import { Library } from '../../main/library';
import { todaysListing } from './todays-listing';

const SIZES = [1_000, 5_000, 20_000];
const SORTS: LibrarySort[] = ['saved', 'title', 'published', 'progress'];
const WORDS = ['Pyongyang', 'security', 'cooperation', 'Élysée', 'report', 'item 12', 'item 2', 'north', 'Zürich', 'analysis'];
const TAGS = ['news', 'Tech', 'long-read', 'science', 'café'];

/** A library folder with `count` articles (article.json only: the listing reads nothing else), written directly. */
function makeLibrary(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `lectern-catalog-bench-${count}-`));
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ format: 1, createdAt: new Date().toISOString(), seeded: [] }));
  mkdirSync(join(dir, 'articles'));
  for (let i = 0; i < count; i++) {
    const id = `article-${i}`;
    mkdirSync(join(dir, 'articles', id));
    const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i % 97}`;
    writeFileSync(
      join(dir, 'articles', id, 'article.json'),
      JSON.stringify({
        id,
        title,
        byline: null,
        site: 'Bench',
        url: `https://example.com/${id}`,
        publishedAt: i % 5 === 0 ? null : new Date(Date.UTC(2020, 0, 1 + (i % 1500))).toISOString(),
        savedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i % (count / 2))).toISOString(),
        language: 'en',
        wordCount: 600 + (i % 400),
        contentHash: 'a'.repeat(64),
        tags: i % 3 === 0 ? [TAGS[i % TAGS.length]] : [],
        readingProgress: i % 4 === 0 ? null : { fraction: (i % 101) / 100, position: i % 50, within: 0 },
        credit: null,
      }),
    );
  }
  return dir;
}

/** Today's path before the catalog: every article.json read and checked, sortAndFilter, a slice. */
async function todaysWindow(dir: string, sort: LibrarySort, offset: number): Promise<number> {
  return (await todaysListing(dir, sort)).slice(offset, offset + 100).length;
}

const ms = (t: number) => Math.round(t * 10) / 10;
const ms2 = (t: number) => (Math.round(t * 100) / 100).toFixed(2);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const quiet = { log: () => {} };

const rows: Record<string, Record<string, number | string>> = {};
const windows: Record<string, Record<string, string>> = {};

for (const size of SIZES) {
  const label = `${size.toLocaleString('en')} articles`;
  const dir = makeLibrary(size);
  const row: Record<string, number | string> = {};

  // Cold: no catalog. The first rows come with the first batch; the rest in the background.
  let t0 = performance.now();
  let firstRows = 0;
  const cold = await Library.open(dir, {
    bundled: [],
    ...quiet,
    onChange: () => {
      if (firstRows === 0) firstRows = performance.now() - t0;
    },
  });
  await cold.listWindow({ offset: 0, limit: 100 });
  row['cold: open → first window (ms)'] = ms(performance.now() - t0);
  await cold.reconciled();
  row['cold: first rows listable (ms)'] = ms(firstRows);
  row['cold: whole catalog built (ms)'] = ms(performance.now() - t0);
  await cold.close();

  // Warm: the catalog answers at once; the check of the folders runs after.
  t0 = performance.now();
  const library = await Library.open(dir, { bundled: [], ...quiet });
  const first = await library.listWindow({ offset: 0, limit: 100 });
  row['warm: open → first window (ms)'] = ms(performance.now() - t0);
  if (first.total !== size) throw new Error(`expected ${size} rows, got ${first.total}`);
  await library.reconciled();
  row['warm: background check done (ms)'] = ms(performance.now() - t0);
  // What used to run before open returned: the temp-file sweep of every article folder.
  await library.swept();
  row['warm: background sweep done (ms)'] = ms(performance.now() - t0);

  // Today's path: open (which listed every folder to sweep) aside, one window costs a full read.
  t0 = performance.now();
  await todaysWindow(dir, 'saved', 0);
  row["today's path: one window (ms)"] = ms(performance.now() - t0);

  // A window of 100 rows anywhere, in each sort.
  for (const sort of SORTS) {
    const times: number[] = [];
    for (let k = 0; k < 200; k++) {
      const offset = Math.floor(Math.random() * (size - 100));
      const t = performance.now();
      await library.listWindow({ sort, filter: 'all', offset, limit: 100 });
      times.push(performance.now() - t);
    }
    windows[`${label}, ${sort}`] = { 'p50 (ms)': ms2(percentile(times, 50)), 'p95 (ms)': ms2(percentile(times, 95)) };
  }

  // One article changed → visible in listWindow: through the library (atomic write + its row), and by hand + a check.
  const id = `article-${Math.floor(size / 2)}`;
  t0 = performance.now();
  await library.setProgress(id, { fraction: 0.42, position: 7, within: 0 });
  const seen = await library.locate({ sort: 'saved', filter: 'in-progress', id, from: 0 });
  const shown = await library.listWindow({ sort: 'saved', filter: 'in-progress', offset: seen ?? 0, limit: 100 });
  if (shown.articles[0]?.progress?.fraction !== 0.42) throw new Error('the change is not visible');
  row['setProgress → visible (ms)'] = ms(performance.now() - t0);
  const path = join(dir, 'articles', id, 'article.json');
  const record = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...record, title: 'Changed by hand' }));
  t0 = performance.now();
  await library.reconcile();
  const found = await library.locate({ sort: 'title', filter: 'all', titlePrefix: 'changed by hand', from: 0 });
  if (found === null) throw new Error('the hand edit is not visible');
  row['hand edit → check → visible (ms)'] = ms(performance.now() - t0);
  await library.close();
  rows[label] = row;
  rmSync(dir, { recursive: true, force: true });
}

afterAll(() => {
  console.log('\nThe catalog: open, first window, changes (one run; the machine is shared, so numbers vary)');
  console.table(rows);
  console.log('A window of 100 rows at a random offset, 200 windows per sort');
  console.table(windows);
});

describe('the catalog', () => {
  // The measurements above run once at load; vitest bench needs one case to run the file.
  bench('numbers printed in the tables', () => {}, { iterations: 1, time: 0 });
});
