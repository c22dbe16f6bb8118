/**
 * `npm run bench`: exporting a whole library of 2,000 articles and 20,000 highlights
 * to each format (Markdown folder, JSON, CSV, HTML folder) with ExportService —
 * streaming: each article's model is loaded, written as chunks and dropped — in one
 * run three ways: before (`quick: false`: each article's content read twice and its
 * text parsed with jsdom, images read for every format, 4 models ahead, one folder
 * file written at a time), after (the quick path: the text parsed by parse5 from the
 * HTML already read, images only for HTML, 16 models ahead, 8 folder files written
 * and fsynced at once), and the naive approach: the same models and writers, but
 * every output built as one giant string (one per file) and only then written.
 * Before and after must write the same bytes (compared by hash: the "same bytes"
 * column). Numbers, not assertions (ARCHITECTURE.md §7): wall and CPU time (CPU is
 * steadier on a busy machine), the output's size, and the peak of
 * `process.memoryUsage()` (rss and heapUsed, sampled every 10 ms and at every
 * article) above the level before the run (after a GC when one can be forced),
 * printed as a table. The streamed exports fsync every file they write (atomic
 * writes); the naive one uses a plain `writeFile`, so its time leaves out the cost
 * of durability.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bench, describe } from 'vitest';
import {
  DEFAULT_EXPORT_OPTIONS,
  ExportService,
  FileNamer,
  applyOptions,
  chunksToString,
  csvChunks,
  htmlChunks,
  jsonChunks,
  loadModel,
  markdownChunks,
  type ExportModel,
} from '../../main/notes';
import { AnnotationStore, SettingsStore, Library } from '../../main/library';
import type { PreviewFormat } from '../../common/notes';
import { peakMemory } from './memory';

const ARTICLES = 2_000;
const PER_ARTICLE = 10;
const PARAGRAPHS = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;

const SENTENCES = [
  'Pyongyang announced on Thursday that the Russian intelligence chief discussed bilateral security cooperation.',
  'The North Korean state news agency reported that the visit lasted from Monday to Wednesday.',
  'Both Russia and North Korea are subject to international sanctions, the agency noted.',
  'According to Washington, Pyongyang seeks military assistance from Moscow in specific areas.',
  'South Korea stated that its northern neighbor had shipped around 7,000 containers of weapons.',
];

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A library folder written directly (not timed): articles of ~8 paragraphs, 10 highlights each. */
function makeLibrary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-export-'));
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ format: 1, createdAt: '2024-01-01T00:00:00.000Z', seeded: [] }));
  let n = 0;
  for (let i = 0; i < ARTICLES; i++) {
    const id = `article-${i}`;
    const folder = join(dir, 'articles', id);
    mkdirSync(folder, { recursive: true });
    const paragraphs = Array.from({ length: PARAGRAPHS }, (_, p) =>
      Array.from({ length: 4 }, (_, s) => SENTENCES[(i + p + s) % SENTENCES.length]).join(' '),
    );
    // content.html's text content: each paragraph's text, and the "\n" between the <p>s.
    const html = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
    const text = paragraphs.join('\n');
    writeFileSync(join(folder, 'content.html'), html);
    writeFileSync(join(folder, 'text.txt'), paragraphs.join('\n\n'));
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({
        id, title: `Article ${i}: security cooperation, part ${i % 7}`, byline: 'AFP', site: 'Bench', url: `https://example.com/a/${i}`,
        publishedAt: '2024-03-28T02:00', savedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(), language: 'en',
        wordCount: 500, contentHash: 'a'.repeat(64), tags: [], readingProgress: null, credit: null,
      }),
    );
    const annotations = Array.from({ length: PER_ARTICLE }, (_, h) => {
      const start = Math.floor((h * text.length) / PER_ARTICLE) + 3;
      const end = start + 40 + (h % 5) * 30; // some cross a paragraph boundary
      return {
        id: uuid(++n), kind: 'highlight', created: '2024-05-01T10:00:00.000Z', modified: '2024-05-01T10:00:00.000Z',
        motivation: h % 2 ? 'commenting' : 'highlighting',
        target: {
          source: id,
          selector: [
            { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
            { type: 'TextPositionSelector', start, end },
          ],
        },
        color: ['yellow', 'green', 'blue', 'pink', 'purple'][h % 5], note: h % 2 ? `A note, with "quotes" | and *Markdown* ${h}\nline two` : '',
        tags: h % 3 ? [] : ['bench', `t${h}`], deleted: null,
      };
    });
    writeFileSync(join(folder, 'annotations.json'), JSON.stringify({ format: 1, annotations }));
  }
  return dir;
}

/** Peak memory above the starting level while `run` runs, and its wall time. */
async function measure(run: (sample: () => void) => Promise<unknown>) {
  gc?.();
  const memory = peakMemory();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await run(memory.sample);
  } finally {
    memory.stop();
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { rss, heap } = memory.peaks();
  const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(0));
  const s = (ms: number) => Number((ms / 1000).toFixed(1));
  return { time: `${s(wall)} / ${s((cpu.user + cpu.system) / 1000)}`, rss: mb(rss), heap: mb(heap) };
}

const dir = makeLibrary();
const library = await Library.open(dir, { bundled: [] });
const sources = { library, annotations: new AnnotationStore(dir), colors: new SettingsStore(dir) };
// A fixed clock and collection id: before and after must write the same bytes.
const fixed = { now: () => new Date('2024-06-02T12:00:00.000Z'), newId: () => uuid(0) };
const service = new ExportService(sources, fixed);
const before = new ExportService(sources, { ...fixed, quick: false });

/** sha256 of a file, or of a folder's files (names and contents, in name order). */
function digest(path: string): string {
  const hash = createHash('sha256');
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) hash.update(name).update('\0').update(readFileSync(join(path, name))).update('\0');
  } else {
    hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}
const out = mkdtempSync(join(tmpdir(), 'lectern-bench-export-out-'));
const EXT: Record<PreviewFormat, string> = { markdown: '.md', json: '.json', csv: '.csv', html: '.html' };

/** The naive approach: the same models and writers, every output one string before anything is written. */
async function naive(format: PreviewFormat, target: string, sample: () => void) {
  const { articles } = await library.list();
  const names = await sources.colors.get();
  const models: ExportModel[] = [];
  for (const a of articles) {
    models.push(applyOptions(await loadModel(sources, a.id, new Date().toISOString(), names), DEFAULT_EXPORT_OPTIONS));
    sample();
  }
  if (format === 'json' || format === 'csv') {
    const whole = await chunksToString(
      format === 'json' ? jsonChunks(models, { id: uuid(0), label: 'all', generated: new Date().toISOString() }) : csvChunks(models),
    );
    sample();
    await writeFile(target, whole);
    return;
  }
  const namer = new FileNamer();
  const files = new Map<string, string>();
  for (const model of models) {
    files.set(namer.name(model.article.title, EXT[format]), await chunksToString(format === 'markdown' ? markdownChunks(model) : htmlChunks(model)));
    sample();
  }
  await mkdir(target, { recursive: true });
  for (const [name, content] of files) await writeFile(join(target, name), content);
}

// Warm-up (not measured): load jsdom, markdown-it, the anchoring and the writers once.
for (const format of ['markdown', 'json', 'csv', 'html'] as const) {
  for (let i = 0; i < 20; i++) await service.preview(`article-${i}`, format);
}

const rows: Record<string, string | number>[] = [];
for (const format of ['markdown', 'json', 'csv', 'html'] as const) {
  const folder = format === 'markdown' || format === 'html';
  const target = (name: string) => join(out, `${name}-${format}${folder ? '' : EXT[format]}`);
  let bytes = 0;
  const old = await measure(async (sample) => {
    await before.exportLibrary(format, undefined, target('before'), { onProgress: sample });
  });
  const streamed = await measure(async (sample) => {
    bytes = (await service.exportLibrary(format, undefined, target('streamed'), { onProgress: sample })).bytes;
  });
  const simple = await measure((sample) => naive(format, target('naive'), sample));
  rows.push({
    format: folder ? `${format} (folder)` : `${format} (one file)`,
    'output MB': Number((bytes / 1024 / 1024).toFixed(1)),
    'before s (wall / CPU)': old.time,
    'after s (wall / CPU)': streamed.time,
    'same bytes': digest(target('before')) === digest(target('streamed')) ? 'yes' : 'NO',
    'after peak heap MB': streamed.heap,
    'after peak rss MB': streamed.rss,
    'naive s (wall / CPU)': simple.time,
    'naive peak heap MB': simple.heap,
  });
  rmSync(target('before'), { recursive: true, force: true });
  rmSync(target('naive'), { recursive: true, force: true });
}
console.log(
  `\nExport of a library of ${ARTICLES.toLocaleString('en')} articles and ${(ARTICLES * PER_ARTICLE).toLocaleString('en')} highlights ` +
    `(peaks above the level before each run${gc ? ', after a GC' : ''}):`,
);
console.table(rows);
rmSync(out, { recursive: true, force: true });

describe('export one article (of the bench library)', () => {
  for (const format of ['markdown', 'json', 'csv', 'html'] as const) {
    bench(`preview ${format}`, async () => {
      await service.preview('article-1', format);
    }, { iterations: 20, time: 0 });
  }
});
