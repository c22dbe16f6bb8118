/**
 * The kill -9 and two-process proofs (RELIABILITY.md): child.ts, bundled once into
 * an ES module, runs as its own OS process on a library; the parent kills it
 * (SIGKILL) at a random moment, reopens the library with `Library.open` and checks
 * what is on disk against what the child acknowledged.
 *
 * What "every acknowledged write present" means, per key (one highlight, one
 * article's note, progress, tags, content hash or location, one color's name):
 * the child reports each write before it starts (its value) and after its promise
 * resolved (the acknowledgement), and never has two writes of one key in flight, so
 * the writes of a key reach the disk in the order they were issued. The value on
 * disk must then be the value of the key's last acknowledged write, or of a write
 * issued after it (it may have landed before the kill and not been acknowledged);
 * with no acknowledged write this round, the value found after the previous round
 * or one issued since. A highlight nobody acknowledged may exist only as an
 * unacknowledged create of that article, with exactly the value that create wrote.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { AnnotationStore, Library } from '../../../main/library';
import { HIGHLIGHT_COLORS } from '../../../common/colors';
import { BUNDLED, highlightValue, random, type ChildConfig } from './model';

// ------------------------------------------------------------------ the child, bundled

const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/lectern-tests', import.meta.url));
const PACKAGES = ['jsdom', 'dompurify', '@mozilla/readability', 'markdown-it', 'yaml', 'valibot'];
let bundled: Promise<string> | undefined;

/** child.ts and what it imports as one ES module under node_modules/.cache (packages stay external); its path. */
export function childScript(): Promise<string> {
  bundled ??= (async () => {
    const entry = fileURLToPath(new URL('./child.ts', import.meta.url));
    const result = await build({
      configFile: false,
      logLevel: 'warn',
      ssr: { noExternal: true, external: PACKAGES },
      build: {
        ssr: entry,
        write: false,
        minify: false,
        rolldownOptions: {
          external: [...PACKAGES, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
          output: { format: 'es' },
        },
      },
    });
    const outputs = Array.isArray(result) ? result : [result];
    const chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((o) => o.type === 'chunk');
    if (chunks.length !== 1 || chunks[0]?.type !== 'chunk') throw new Error('child.ts did not build into one chunk');
    const code = chunks[0].code;
    const file = join(CACHE, `reliability-child-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    const temp = `${file}.${process.pid}.tmp`;
    await mkdir(CACHE, { recursive: true });
    await writeFile(temp, code);
    await rename(temp, file);
    return file;
  })();
  return bundled;
}

// ------------------------------------------------------------------ running a child

export interface ChildLine {
  t: 'ready' | 'i' | 'a' | 'refused' | 'error' | 'done';
  s?: number;
  op?: string;
  keys?: Record<string, unknown>;
  id?: string;
  note?: string;
  code?: string;
  message?: string;
  acks?: number;
}

export interface ChildRun {
  lines: ChildLine[];
  /** The signal that ended it (SIGKILL when the parent killed it), or null. */
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** When to kill: `ms` after "ready", or right after the child announces its `intent`-th write (plus `ms`). */
export type KillPlan = { afterReadyMs: number } | { afterIntent: number; ms: number };

export interface Child {
  /** Resolves at the child's "ready" line. */
  ready: Promise<void>;
  /** Resolves once the child has exited and its output is read. */
  done: Promise<ChildRun>;
  lines: ChildLine[];
  /** Write one line to the child's stdin, and close it. */
  send(line: string): void;
  kill(): void;
  onLine(listener: (line: ChildLine) => void): void;
}

/** Start child.ts (Node = the test's own `process.execPath`) with `config`. */
export async function startChild(config: ChildConfig): Promise<Child> {
  const script = await childScript();
  // Node's compile cache: the child loads jsdom (for highlight offsets) in about half the time.
  const env = { ...process.env, NODE_COMPILE_CACHE: join(CACHE, 'compile-cache') };
  const proc = spawn(process.execPath, [script, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const lines: ChildLine[] = [];
  const listeners: ((line: ChildLine) => void)[] = [];
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const reader = createInterface({ input: proc.stdout });
  reader.on('line', (text) => {
    let line: ChildLine;
    try {
      line = JSON.parse(text) as ChildLine;
    } catch {
      line = { t: 'error', code: 'protocol', message: `not a line of the protocol: ${text.slice(0, 200)}` };
    }
    lines.push(line);
    if (line.t === 'ready') markReady();
    for (const listener of listeners) listener(line);
  });
  const done = new Promise<ChildRun>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      markReady();
      resolve({ lines, signal, code, stderr });
    });
  });
  return {
    ready,
    done,
    lines,
    send: (line) => proc.stdin.end(`${line}\n`),
    kill: () => proc.kill('SIGKILL'),
    onLine: (listener) => listeners.push(listener),
  };
}

// ------------------------------------------------------------------ reading a library back

const canon = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));

interface DiskState {
  /** Key → canonical JSON of its value on disk. */
  values: Map<string, string>;
  /** Highlight id → its article and canonical value. */
  highlights: Map<string, { articleId: string; value: string }>;
  live: string[];
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Every file under `dir` (relative paths), and every folder. */
async function walk(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rel = (e: { parentPath: string; name: string }) => join(e.parentPath, e.name).slice(dir.length + 1);
  return { files: entries.filter((e) => e.isFile()).map(rel), dirs: entries.filter((e) => e.isDirectory()).map(rel) };
}

/**
 * Check the library's invariants after it was opened (no temp file, no staging,
 * nothing quarantined, every JSON file parses, content.html matches contentHash)
 * and read every key's value. Problems are pushed onto `problems`.
 */
async function readState(dir: string, problems: string[]): Promise<DiskState> {
  const { files, dirs } = await walk(dir);
  for (const file of files) {
    const base = file.split('/').pop()!;
    if (/^\..*\.tmp$/.test(base)) problems.push(`a temp file is left after open: ${file}`);
    if (file.startsWith('.staging/')) problems.push(`staging is left after open: ${file}`);
    if (file.startsWith('.quarantine/')) problems.push(`a file was quarantined: ${file}`);
    if (file.endsWith('.json')) {
      try {
        await readJson(join(dir, file));
      } catch (error) {
        problems.push(`${file} does not parse: ${(error as Error).message}`);
      }
    }
  }
  for (const folder of dirs) {
    if (folder.startsWith('.staging/')) problems.push(`a staging folder is left after open: ${folder}`);
  }

  const values = new Map<string, string>();
  const highlights = new Map<string, { articleId: string; value: string }>();
  const live: string[] = [];
  for (const [where, loc] of [
    ['articles', 'live'],
    ['.trash', 'trash'],
  ] as const) {
    for (const id of await names(join(dir, where))) {
      if (id.endsWith('.json') || id.startsWith('.')) continue;
      const folder = join(dir, where, id);
      if (values.has(`loc:${id}`)) problems.push(`the article ${id} is both in articles/ and in .trash/`);
      values.set(`loc:${id}`, canon(loc));
      if (loc === 'live') live.push(id);
      let record: Record<string, unknown>;
      try {
        record = (await readJson(join(folder, 'article.json'))) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${where}/${id}/article.json cannot be read: ${(error as Error).message}`);
        continue;
      }
      let html: string | undefined;
      try {
        html = await readFile(join(folder, 'content.html'), 'utf8');
      } catch (error) {
        problems.push(`${where}/${id}/content.html cannot be read: ${(error as Error).message}`);
      }
      if (html !== undefined && createHash('sha256').update(html, 'utf8').digest('hex') !== record['contentHash']) {
        problems.push(`${where}/${id}/content.html does not match the contentHash of article.json`);
      }
      values.set(`c:${id}`, canon(record['contentHash']));
      const progress = record['readingProgress'] as { fraction: number; position: number; within: number } | null;
      values.set(`p:${id}`, canon(progress && { fraction: progress.fraction, position: progress.position, within: progress.within }));
      values.set(`t:${id}`, canon(record['tags']));
      let annotations: { annotations: Record<string, unknown>[] } = { annotations: [] };
      try {
        annotations = (await readJson(join(folder, 'annotations.json'))) as typeof annotations;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT') problems.push(`${where}/${id}/annotations.json: ${(error as Error).message}`);
      }
      const notes = annotations.annotations
        .filter((a) => a['kind'] === 'article-note' && a['deleted'] === null)
        .sort((a, b) => Date.parse(a['created'] as string) - Date.parse(b['created'] as string));
      values.set(`n:${id}`, canon(notes[0]?.['note'] ?? null));
      for (const a of annotations.annotations) {
        if (a['kind'] !== 'highlight') continue;
        const value = highlightValue(a['note'] as string, a['color'] as string, a['tags'] as string[], a['deleted'] !== null);
        highlights.set(a['id'] as string, { articleId: id, value: canon(value) });
      }
    }
  }
  let colorNames: Record<string, string> = {};
  try {
    colorNames = ((await readJson(join(dir, 'settings.json'))) as { colorNames?: Record<string, string> }).colorNames ?? {};
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') problems.push(`settings.json: ${(error as Error).message}`);
  }
  for (const color of HIGHLIGHT_COLORS) values.set(`col:${color}`, canon(colorNames[color] ?? null));
  return { values, highlights, live };
}

/**
 * Open the library in this (the parent) process, run `use`, and let the library go
 * again: once `Library.open` takes the library's lock (RELIABILITY.md, section 5) the
 * parent must release it, or the next child would be refused. A Library without a
 * `close` has nothing to release.
 */
export async function withLibrary<T>(dir: string, use: (library: Library) => Promise<T>): Promise<T> {
  const library = await Library.open(dir, { bundled: BUNDLED });
  try {
    // What a killed process left is removed in the background after open: the checks come after it.
    await library.swept();
    return await use(library);
  } finally {
    await (library as unknown as { close?: () => Promise<void> }).close?.();
  }
}

/** The library through its public API: it opens, lists every live article with no problem, and each article's annotations read. */
async function openAndList(dir: string, problems: string[]): Promise<void> {
  await withLibrary(dir, (library) => listAll(dir, library, problems));
}

async function listAll(dir: string, library: Library, problems: string[]): Promise<void> {
  const live = (await names(join(dir, 'articles'))).filter((name) => !name.startsWith('.'));
  const listing = await library.list();
  for (const problem of listing.problems) problems.push(`list() reports a problem: ${JSON.stringify(problem)}`);
  const listed = new Set(listing.articles.map((a) => a.id));
  for (const id of live) if (!listed.has(id)) problems.push(`list() does not show the article ${id}`);
  const store = new AnnotationStore(dir);
  for (const id of live) await store.list(id);
}

// ------------------------------------------------------------------ the kill rounds

export interface KillFigures {
  kills: number;
  /** Writes the children acknowledged, each checked against the disk. */
  acknowledged: number;
  /** Writes announced but not acknowledged when the child was killed (in flight, or about to start). */
  inFlightAtKill: number;
  /** Kills that found at least one write announced and not acknowledged. */
  killsMidWrite: number;
  byOp: Record<string, number>;
  ms: number;
  /** Every problem found, with its round. */
  problems: string[];
  rounds: number;
}

interface Write {
  s: number;
  value: string;
  acked: boolean;
}

export interface KillOptions {
  dir: string;
  kills: number;
  seed: number;
  /** Kill at most this long after "ready" (plan a), or after at most this many announced writes (plan b). */
  maxMs?: number;
  maxIntent?: number;
  lanes?: number;
  /** Called after each round (progress output for long runs). */
  onRound?: (round: number, figures: KillFigures) => void;
}

/**
 * `kills` rounds on one library (its state accumulates): start the child, kill it
 * at a random moment (half the rounds a random time after it is ready, half just
 * after a random announced write), reopen the library and check it.
 */
export async function killRounds(options: KillOptions): Promise<KillFigures> {
  const { dir, kills } = options;
  await mkdir(dir, { recursive: true });
  await withLibrary(dir, async () => undefined);
  const problems: string[] = [];
  let baseline = await readState(dir, problems);
  const figures: KillFigures = { kills: 0, acknowledged: 0, inFlightAtKill: 0, killsMidWrite: 0, byOp: {}, ms: 0, problems, rounds: 0 };
  const rng = random(options.seed);
  const started = performance.now();
  let lastFound = new Set<string>();
  for (let round = 0; round < kills; round++) {
    const seed = Math.floor(rng() * 2 ** 31);
    const plan: KillPlan =
      rng() < 0.5
        ? { afterReadyMs: Math.floor(rng() * (options.maxMs ?? 300)) }
        : { afterIntent: 1 + Math.floor(rng() * (options.maxIntent ?? 60)), ms: rng() < 0.5 ? 0 : Math.floor(rng() * 3) };
    const child = await startChild({ mode: 'mix', dir, seed, lanes: options.lanes ?? 3, maxArticles: 10, maxHighlights: 40 });
    let intents = 0;
    child.onLine((line) => {
      if (line.t === 'i' && 'afterIntent' in plan && ++intents === plan.afterIntent) {
        if (plan.ms === 0) child.kill();
        else setTimeout(() => child.kill(), plan.ms);
      }
    });
    await child.ready;
    if ('afterReadyMs' in plan) setTimeout(() => child.kill(), plan.afterReadyMs);
    // A child that never reaches its planned intent (it cannot, or failed) is killed after a while.
    const guard = setTimeout(() => child.kill(), 5_000);
    const run = await child.done;
    clearTimeout(guard);
    const found: string[] = [];
    if (run.signal !== 'SIGKILL') found.push(`the child ended by itself (code ${run.code}, signal ${run.signal}): ${run.stderr.slice(0, 500)}`);
    for (const line of run.lines) {
      if (line.t === 'error') found.push(`a write failed in the child: ${line.op ?? ''} ${line.code}: ${line.message}`);
    }

    // What the child wrote, per key, in the order it was issued.
    const writes = new Map<string, Write[]>();
    const creates = new Map<number, { articleId: string; value: string }>();
    const acked = new Map<number, ChildLine>();
    for (const line of run.lines) if (line.t === 'a') acked.set(line.s!, line);
    let unacked = 0;
    for (const line of run.lines) {
      if (line.t !== 'i') continue;
      const ack = acked.get(line.s!);
      if (ack) {
        figures.acknowledged++;
        figures.byOp[line.op!] = (figures.byOp[line.op!] ?? 0) + 1;
      } else {
        unacked++;
      }
      for (const [key, value] of Object.entries(line.keys ?? {})) {
        if (key.startsWith('hnew:')) {
          const articleId = key.slice('hnew:'.length);
          if (ack) push(writes, `h:${ack.id}`, { s: line.s!, value: canon(value), acked: true });
          else creates.set(line.s!, { articleId, value: canon(value) });
          continue;
        }
        push(writes, key, { s: line.s!, value: canon(value), acked: ack !== undefined });
      }
    }
    figures.inFlightAtKill += unacked;
    if (unacked > 0) figures.killsMidWrite++;

    // Reopen, then check.
    const state = await (async () => {
      try {
        await openAndList(dir, found);
      } catch (error) {
        found.push(`the library did not open: ${(error as Error).message}`);
      }
      return readState(dir, found);
    })();
    const highlightKey = (key: string) => key.startsWith('h:');
    for (const [key, list] of writes) {
      const onDisk = highlightKey(key) ? (state.highlights.get(key.slice(2))?.value ?? 'absent') : (state.values.get(key) ?? 'absent');
      const before = highlightKey(key) ? (baseline.highlights.get(key.slice(2))?.value ?? 'absent') : (baseline.values.get(key) ?? 'absent');
      const last = list.map((w) => w.acked).lastIndexOf(true);
      const allowed = last >= 0 ? list.slice(last).map((w) => w.value) : [before, ...list.map((w) => w.value)];
      if (!allowed.includes(onDisk)) {
        found.push(
          `${key}: on disk ${onDisk.slice(0, 200)}, but the last acknowledged write (#${last >= 0 ? list[last]!.s : '-'}) ` +
            `allows only ${allowed.map((v) => v.slice(0, 200)).join(' or ')}`,
        );
      }
    }
    for (const [hid, { articleId, value }] of state.highlights) {
      if (baseline.highlights.has(hid) || writes.has(`h:${hid}`)) {
        const known = baseline.highlights.get(hid)?.articleId;
        if (known && known !== articleId) found.push(`the highlight ${hid} moved from ${known} to ${articleId}`);
        continue;
      }
      const match = [...creates].find(([, c]) => c.articleId === articleId && c.value === value);
      if (match) creates.delete(match[0]);
      else found.push(`the highlight ${hid} of ${articleId} (${value.slice(0, 200)}) was written by nobody`);
    }
    for (const [hid, { articleId }] of baseline.highlights) {
      if (!state.highlights.has(hid) && state.values.get(`loc:${articleId}`) !== undefined) found.push(`the highlight ${hid} of ${articleId} is gone`);
    }
    for (const [key, value] of baseline.values) {
      if (key.startsWith('loc:') && !state.values.has(key)) found.push(`the article ${key.slice(4)} (${value}) is gone`);
    }

    figures.kills++;
    figures.rounds++;
    // Say which write was cut short where the content no longer matches its hash.
    for (let i = 0; i < found.length; i++) {
      const id = /^(?:articles|\.trash)\/([^/]+)\/content\.html does not match/.exec(found[i]!)?.[1];
      const cut = id && run.lines.find((l) => l.t === 'i' && !acked.has(l.s!) && Object.keys(l.keys ?? {}).includes(`c:${id}`));
      if (cut) found[i] += ` (killed during its unacknowledged ${cut.op} #${cut.s})`;
    }
    // A damaged file stays damaged: each problem is reported in the round it appears.
    const label = `round ${round} (seed ${seed}, kill ${JSON.stringify(plan)})`;
    // (An article moved to the trash or back is the same article.)
    const base = (problem: string) => problem.replace(/ \(killed during .*\)$/, '').replace(/^\.trash\//, 'articles/');
    for (const problem of found) if (!lastFound.has(base(problem))) problems.push(`${label}: ${problem}`);
    lastFound = new Set(found.map(base));
    baseline = state;
    figures.ms = performance.now() - started;
    options.onRound?.(round, figures);
  }
  figures.ms = performance.now() - started;
  return figures;
}

/**
 * `options.kills` rounds split over `parallel` libraries run at once (the child's
 * start-up is mostly waiting on one core), figures added up.
 */
export async function killRoundsParallel(options: KillOptions & { parallel: number }): Promise<KillFigures> {
  const started = performance.now();
  const share = (i: number) => Math.floor(options.kills / options.parallel) + (i < options.kills % options.parallel ? 1 : 0);
  const latest: KillFigures[] = [];
  const all = await Promise.all(
    Array.from({ length: options.parallel }, (_, i) =>
      killRounds({
        ...options,
        dir: join(options.dir, `library-${i}`),
        kills: share(i),
        seed: options.seed + i * 7919,
        onRound: (round, f) => {
          latest[i] = f;
          options.onRound?.(round, sum(latest, started));
        },
      }),
    ),
  );
  return sum(all, started);
}

function sum(all: readonly (KillFigures | undefined)[], started: number): KillFigures {
  const total: KillFigures = { kills: 0, acknowledged: 0, inFlightAtKill: 0, killsMidWrite: 0, byOp: {}, ms: 0, problems: [], rounds: 0 };
  all.forEach((f, i) => {
    if (!f) return;
    total.kills += f.kills;
    total.rounds += f.rounds;
    total.acknowledged += f.acknowledged;
    total.inFlightAtKill += f.inFlightAtKill;
    total.killsMidWrite += f.killsMidWrite;
    for (const [op, n] of Object.entries(f.byOp)) total.byOp[op] = (total.byOp[op] ?? 0) + n;
    total.problems.push(...f.problems.map((p) => `library ${i}, ${p}`));
  });
  total.ms = performance.now() - started;
  return total;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The problems grouped by kind (ids, rounds and write numbers left out), most frequent first. */
export function problemKinds(problems: readonly string[]): string[] {
  const kinds = new Map<string, number>();
  for (const problem of problems) {
    const kind = problem
      .replace(/^(library \d+, )?round \d+ \([^)]*\): /, '')
      .replace(/(articles|\.trash)\/[^/\s]+/g, '$1/<id>')
      .replace(/\.[a-z0-9-]+\.json\.[0-9a-f]+\.tmp/g, '.<id>.json.<hex>.tmp')
      .replace(/#\d+/g, '#n');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} × ${kind}`);
}

/** One line of figures, as the tests print them. */
export function describeKills(f: KillFigures): string {
  const ops = Object.entries(f.byOp)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return (
    `${f.kills} kills (${f.killsMidWrite} with a write announced and not acknowledged, ${f.inFlightAtKill} such writes), ` +
    `${f.acknowledged} acknowledged writes checked (${ops}), ${(f.ms / 1000).toFixed(1)} s, ${f.problems.length} problems`
  );
}

// ------------------------------------------------------------------ two processes on one library

export interface TwoProcessResult {
  /** Creates each child acknowledged. */
  acked: [number, number];
  /** Acknowledged creates found on disk afterwards (with their notes). */
  survived: number;
  /** The children that were refused (read-only), with what they were told. */
  refused: string[];
  /** Writes that failed with any other error, and children that ended badly. */
  errors: string[];
  ms: number;
}

/**
 * Two children create `count` highlights each on one article of one library: the
 * first opens the library and starts writing; the second opens the same library
 * while the first writes, then writes too. Then the library is read back.
 */
export async function twoProcesses(dir: string, count: number, seed: number): Promise<TwoProcessResult> {
  const started = performance.now();
  await withLibrary(dir, async () => undefined);
  const articleId = BUNDLED[0]!.id;
  const first = await startChild({ mode: 'creates', dir, seed, articleId, count, name: 'first', waitForGo: true });
  await first.ready;
  first.send('go');
  const second = await startChild({ mode: 'creates', dir, seed: seed + 1, articleId, count, name: 'second' });
  const guard = setTimeout(() => {
    first.kill();
    second.kill();
  }, 90_000);
  const runs = await Promise.all([first.done, second.done]);
  clearTimeout(guard);
  const refused: string[] = [];
  const errors: string[] = [];
  const ackedIds: { id: string; note: string }[] = [];
  const acked: [number, number] = [0, 0];
  runs.forEach((run, index) => {
    const who = index === 0 ? 'first' : 'second';
    for (const line of run.lines) {
      if (line.t === 'a') {
        acked[index]!++;
        ackedIds.push({ id: line.id!, note: line.note! });
      }
      if (line.t === 'refused') refused.push(`${who}: ${line.code}: ${line.message}`);
      if (line.t === 'error') errors.push(`${who}, create #${line.s ?? '-'}: ${line.code}: ${line.message}`);
    }
    if (run.code !== 0 || !run.lines.some((line) => line.t === 'done' || line.t === 'refused')) {
      errors.push(`${who} ended with code ${run.code}, signal ${run.signal}: ${run.stderr.slice(0, 500)}`);
    }
  });
  const listed = await withLibrary(dir, () => new AnnotationStore(dir).list(articleId));
  const onDisk = new Map(listed.highlights.map((h) => [h.id, h.note]));
  const survived = ackedIds.filter(({ id, note }) => onDisk.get(id) === note).length;
  return { acked, survived, refused, errors, ms: performance.now() - started };
}

export function describeTwo(r: TwoProcessResult): string {
  const total = r.acked[0] + r.acked[1];
  return (
    `acknowledged ${r.acked[0]} + ${r.acked[1]} creates, ${r.survived} of ${total} on disk afterwards, ` +
    `${r.refused.length} refused (read-only), ${r.errors.length} failed writes, ${(r.ms / 1000).toFixed(1)} s`
  );
}
