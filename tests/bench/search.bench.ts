/**
 * `npm run bench`: library search on synthetic libraries of 1,000 / 5,000 /
 * 20,000 articles of ~600 words (search-corpus.ts: Zipf-like made-up vocabulary,
 * real library folders). Numbers, not assertions (ARCHITECTURE.md §7). Printed table:
 *
 * - build: a new index built by the worker from the folders (read + FTS5 insert);
 * - snapshot: size of `.index/` afterwards;
 * - fresh process: `node` spawned on a script that starts the bundled worker on the
 *   library and asks one query (answered from the snapshot): spawn → answer, and
 *   worker start → answer ("ready");
 * - p50/p95 of queries through the service (worker round trip included): plain
 *   (one word, ranks 100–30,000 log-uniform), prefix (its first 3–4 letters),
 *   fuzzy (a rare word of a random article with one typo: substitution, deletion,
 *   insertion or transposition, not itself a word);
 * - fuzzy recall: one-typo queries whose article is among the results;
 * - naive scan: the scan engine (folded text + includes per word), in-process, on
 *   the same queries; speedup at p50 against the service (worker round trip) and
 *   against the FTS engine in-process (engine against engine).
 * The vitest table below it benches the FTS engine and the scan engine in-process.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { bench, describe } from 'vitest';
import { SearchService } from '../../main/search';
import { FtsEngine } from '../../main/search/fts-engine';
import { openSnapshot } from '../../main/search/fts-schema';
import { ScanEngine } from '../../main/search/scan-engine';
import type { SearchEngine } from '../../main/search/types';
import type { SearchQueryInput } from '../../common/search';
import { workerUrl } from '../worker-bundle';
import { articles, libraryFolder, vocabulary } from './search-corpus';
import { random } from './random';

/** The SQLite module (the README's two-driver table also ran better-sqlite3 here). */
const DRIVER = process.env['SEARCH_DRIVER'] ?? 'node:sqlite';
/** SEARCH_BENCH_OUT=<file>: also write the rows as JSON there. */
const OUT = process.env['SEARCH_BENCH_OUT'];
/** SEARCH_BENCH_SIZES=1000,5000 runs fewer sizes. */
const SIZES = process.env['SEARCH_BENCH_SIZES']?.split(',').map(Number) ?? [1_000, 5_000, 20_000];
const QUERIES = 200;
/** Scan queries per kind (the naive scan is slow at 20,000). */
const SCAN_QUERIES = 25;

/** What the renderer asks as you type: the first 20 results (search-controller.ts SEARCH_PAGE). */
const input = (query: string): SearchQueryInput => ({ query, filters: { colors: [], tags: [], hasNotes: false }, limit: 20 });
const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function typo(word: string, next: () => number): string {
  const i = Math.floor(next() * word.length);
  const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]!;
  switch (Math.floor(next() * 4)) {
    case 0: return word.slice(0, i) + letter + word.slice(i + 1);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + letter + word.slice(i);
    default: {
      const j = Math.min(i, word.length - 2);
      return word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
    }
  }
}

const WORDS = vocabulary();
const KNOWN = new Set(WORDS);

function queriesFor(docs: ReturnType<typeof articles>) {
  const next = random(docs.length + 7);
  const df = new Map<string, number>();
  const perDoc = docs.map((doc) => new Set(doc.text.toLowerCase().split(/[ .]+/).filter(Boolean)));
  for (const set of perDoc) for (const word of set) df.set(word, (df.get(word) ?? 0) + 1);
  const plain: string[] = [];
  while (plain.length < QUERIES) {
    const word = WORDS[Math.floor(100 * (WORDS.length / 100) ** next())]!;
    if (df.has(word)) plain.push(word);
  }
  const prefix = plain.filter((w) => w.length >= 5).map((w, i) => w.slice(0, 3 + (i % 2)));
  const fuzzy: { query: string; id: string }[] = [];
  while (fuzzy.length < QUERIES) {
    const k = Math.floor(next() * docs.length);
    const rare = [...perDoc[k]!].filter((w) => w.length >= 5 && (df.get(w) ?? 0) <= 20);
    const word = rare[Math.floor(next() * rare.length)];
    if (!word) continue;
    const query = typo(word, next);
    if (!KNOWN.has(query) && query !== word) fuzzy.push({ query, id: docs[k]!.id });
  }
  return { plain, prefix, fuzzy };
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function freshProcess(dir: string, url: URL): { spawn: number; worker: number; state: string } {
  const script = `
    import { Worker } from 'node:worker_threads';
    const t0 = performance.now();
    const w = new Worker(new URL(${JSON.stringify(url.href)}), { workerData: { libraryDir: ${JSON.stringify(dir)}, sqliteModule: ${JSON.stringify(DRIVER)} }, execArgv: [] });
    w.on('message', (m) => {
      if (m.type !== 'reply') return;
      console.log(JSON.stringify({ worker: performance.now() - t0, state: m.value.state, boot: t0 }));
      process.exit(0);
    });
    w.postMessage({ id: 1, type: 'query', input: ${JSON.stringify(input('zaibrand'))} });`;
  const start = performance.now();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const spawn = performance.now() - start;
  if (!out.stdout) throw new Error(`the fresh process did not answer: ${out.stderr}`);
  const parsed = JSON.parse(out.stdout) as { worker: number; state: string };
  return { spawn, worker: parsed.worker, state: parsed.state };
}

const rows: Record<string, string | number>[] = [];
const figures: Record<string, string | number>[] = [];
const engines: { size: number; fts: SearchEngine; scan: SearchEngine; queries: ReturnType<typeof queriesFor> }[] = [];

for (const size of SIZES) {
  const docs = articles(size, WORDS);
  const dir = libraryFolder(docs);
  const url = await workerUrl();
  rmSync(join(dir, '.index'), { recursive: true, force: true });
  const builder = SearchService.start({ libraryDir: dir, workerUrl: url, sqliteModule: DRIVER, log: (m) => console.warn(m) });
  const build = await timed(() => builder.whenReady());
  const drivers: Record<string, number> = {};
  await builder.close();
  const snapshotBytes = readdirSync(join(dir, '.index')).reduce((sum, f) => sum + statSync(join(dir, '.index', f)).size, 0);
  const fresh = [0, 1, 2].map(() => freshProcess(dir, url)).sort((a, b) => a.spawn - b.spawn)[1]!;

  const queries = queriesFor(docs);
  const service = SearchService.start({ libraryDir: dir, workerUrl: url, sqliteModule: DRIVER, log: (m) => console.warn(m) });
  await service.whenReady();
  const latencies = async (list: string[]) => {
    const times: number[] = [];
    for (const q of list) times.push((await timed(() => service.query(input(q)))).ms);
    return times;
  };
  const plain = await latencies(queries.plain);
  const prefix = await latencies(queries.prefix);
  let found = 0;
  const fuzzy: number[] = [];
  for (const { query, id } of queries.fuzzy) {
    const { ms: t, value } = await timed(() => service.query(input(query)));
    fuzzy.push(t);
    if (value.results.some((r) => r.articleId === id)) found++;
  }
  await service.close();

  const fts = new FtsEngine(openSnapshot(join(dir, '.index', 'search-v1.sqlite'), DRIVER).db);
  const inProcess = (list: string[]) => percentile(list.map((q) => {
    const start = performance.now();
    fts.query(input(q));
    return performance.now() - start;
  }), 50);
  const direct = [inProcess(queries.plain), inProcess(queries.prefix), inProcess(queries.fuzzy.map((f) => f.query))];

  const scan = new ScanEngine();
  scan.upsert(docs);
  const scanTimes = (list: string[]) => list.slice(0, SCAN_QUERIES).map((q) => {
    const start = performance.now();
    scan.query(input(q));
    return performance.now() - start;
  });
  const scanPlain = percentile(scanTimes(queries.plain), 50);
  const scanPrefix = percentile(scanTimes(queries.prefix), 50);
  const scanFuzzy = percentile(scanTimes(queries.fuzzy.map((f) => f.query)), 50);

  Object.assign(drivers, {
    build: build.ms,
    'ready (spawn→answer)': fresh.spawn,
    'ready (worker→answer)': fresh.worker,
    'plain p50': percentile(plain, 50), 'plain p95': percentile(plain, 95),
    'prefix p50': percentile(prefix, 50), 'prefix p95': percentile(prefix, 95),
    'fuzzy p50': percentile(fuzzy, 50), 'fuzzy p95': percentile(fuzzy, 95),
  });
  figures.push({ size, driver: DRIVER, node: process.version, ...drivers });
  rows.push({
    articles: size,
    'build s': +(build.ms / 1000).toFixed(1),
    'snapshot MB': +(snapshotBytes / 2 ** 20).toFixed(1),
    'fresh: spawn→answer ms': ms(fresh.spawn),
    'fresh: worker→answer ms': `${ms(fresh.worker)} (${fresh.state})`,
    'plain p50/p95': `${ms(percentile(plain, 50))} / ${ms(percentile(plain, 95))}`,
    'prefix p50/p95': `${ms(percentile(prefix, 50))} / ${ms(percentile(prefix, 95))}`,
    'fuzzy p50/p95': `${ms(percentile(fuzzy, 50))} / ${ms(percentile(fuzzy, 95))}`,
    'fuzzy recall': `${((100 * found) / queries.fuzzy.length).toFixed(1)}%`,
    'scan p50 plain/prefix/fuzzy': `${ms(scanPlain)} / ${ms(scanPrefix)} / ${ms(scanFuzzy)}`,
    'speedup p50 plain/prefix/fuzzy': [
      scanPlain / percentile(plain, 50), scanPrefix / percentile(prefix, 50), scanFuzzy / percentile(fuzzy, 50),
    ].map((x) => `${Math.round(x)}×`).join(' / '),
    'in-process FTS p50': direct.map(ms).join(' / '),
    'in-process speedup': [scanPlain / direct[0]!, scanPrefix / direct[1]!, scanFuzzy / direct[2]!]
      .map((x) => `${Math.round(x)}×`)
      .join(' / '),
  });
  engines.push({ size, fts, scan, queries });
}

console.log(`\nLibrary search on ${DRIVER}, ${os.cpus().length} cores, Node ${process.version} (times in ms unless said)`);
console.table(rows);
if (OUT) writeFileSync(OUT, JSON.stringify(figures));

for (const { size, fts, scan, queries } of engines) {
  describe(`library search in-process — ${size.toLocaleString('en')} articles`, () => {
    let i = 0;
    const each = (list: string[]) => () => list[i++ % list.length]!;
    const plain = each(queries.plain);
    const fuzzy = each(queries.fuzzy.map((f) => f.query));
    bench('FTS5 plain', () => void fts.query(input(plain())), { iterations: 200, time: 0 });
    bench('FTS5 fuzzy (one typo)', () => void fts.query(input(fuzzy())), { iterations: 200, time: 0 });
    bench('naive scan plain', () => void scan.query(input(plain())), { iterations: size > 5_000 ? 10 : 30, time: 0 });
  });
}
