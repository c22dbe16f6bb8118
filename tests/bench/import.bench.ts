/**
 * `npm run bench`: saving articles. Numbers, not assertions (ARCHITECTURE.md §7).
 *
 * - Extraction + sanitizing (Readability on jsdom, then DOMPurify) of a 100 KB and a
 *   2 MB news page, beside the simple approach in the same run: DOMPurify alone over
 *   the whole page (no extraction — nav, ads and comments stay).
 * - Importing 1,000 local HTML files (~20 KB, one image beside each) with
 *   ImportService.addFiles into a fresh library, in one run: pages parsed in this
 *   thread (the simple way), in a pool of one document worker (as before the pool),
 *   in the pool sized to the machine (cores − 1, as main does; skipped when that is
 *   1 or 2 threads, which the other rows show) and in a pool forced to 2 threads (so
 *   a 2-core machine shows the effect too): total time, time per article, the peak of
 *   `process.memoryUsage()` above the level before the run (sampled every 10 ms; the
 *   workers' heaps are not in it, their RSS is), and how long main's event loop was
 *   held meanwhile (monitorEventLoopDelay: what main's menus, IPC and window would
 *   feel), printed as a table.
 * - Saving the 2 MB page from a file, both ways: how long this thread's event loop
 *   was held.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import process from 'node:process';
import { bench, describe } from 'vitest';
import { DocumentWorker, ImportService, defaultPoolSize, extractArticle, type DocumentWork } from '../../main/saving';
import { Library, sanitizeArticleHtml } from '../../main/library';
import { documentWorkerUrl } from '../worker-bundle';
import { peakMemory } from './memory';

const IMAGE = fileURLToPath(new URL('../fixtures/import/news-images/harbour.png', import.meta.url));
const PARAGRAPH =
  'The council met on Monday evening to discuss the budget for the coming year, and members argued at length about ' +
  'the cost of repairing the bridges, the price of new buses, and the future of the public library. ';

/** A news page of about `bytes`: head metadata, nav, ads, the article (with figures), comments. */
function newsPage(bytes: number, title: string): string {
  const nav = `<nav><ul>${Array.from({ length: 60 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav>`;
  const ads = `<aside class="ad sidebar">${'<p>Advertisement: buy now, limited offer.</p>'.repeat(10)}</aside>`;
  const comments = `<section class="comments">${'<div class="comment"><p>Great article, thanks!</p></div>'.repeat(30)}</section>`;
  const head =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | The Bench Times</title>` +
    `<meta property="og:site_name" content="The Bench Times"><meta property="article:published_time" content="2024-03-28T02:00:00Z">` +
    `<script>window.dataLayer=[];</script><style>body{font:16px serif}</style></head><body>`;
  let article = `<article><h1>${title}</h1>`;
  let n = 0;
  const fixed = head.length + nav.length + ads.length + comments.length + 200;
  while (fixed + article.length < bytes) {
    article += `<p onclick="track(${n})">${PARAGRAPH}${PARAGRAPH}<a href="/story/${n}">Read more</a> ${PARAGRAPH}</p>`;
    if (++n % 10 === 0) article += `<figure><img src="pics/photo-${n}.png" srcset="pics/photo-${n}.png 1x, pics/photo-${n}@2x.png 2x" alt="Photo ${n}"><figcaption>Photo ${n}</figcaption></figure>`;
  }
  return `${head}${nav}${ads}<main>${article}</article>${comments}</main><footer>Footer</footer></body></html>`;
}

const small = newsPage(100 * 1024, 'A one hundred kilobyte page');
const large = newsPage(2 * 1024 * 1024, 'A two megabyte page');

// Warm-up (not measured): load jsdom, Readability and DOMPurify once.
await extractArticle(newsPage(20 * 1024, 'Warm up'), 'https://bench.example/warm');

describe('extract + sanitize one page', () => {
  for (const [label, page] of [['100 KB', small], ['2 MB', large]] as const) {
    bench(`${label}: extractArticle (Readability on jsdom, then DOMPurify)`, async () => {
      await extractArticle(page, 'https://bench.example/story');
    }, { iterations: label === '2 MB' ? 3 : 10, time: 0 });
    bench(`${label}: simple: DOMPurify over the whole page (no extraction)`, async () => {
      await sanitizeArticleHtml(page);
    }, { iterations: label === '2 MB' ? 3 : 10, time: 0 });
  }
});

// ------------------------------------------------------------------ 1,000 files

const FILES = 1_000;
const base = mkdtempSync(join(tmpdir(), 'lectern-import-bench-'));
const source = join(base, 'files');
mkdirSync(join(source, 'pics'), { recursive: true });
copyFileSync(IMAGE, join(source, 'pics', 'photo.png'));
const paths: string[] = [];
for (let i = 0; i < FILES; i++) {
  const path = join(source, `article-${i}.html`);
  writeFileSync(path, newsPage(20 * 1024, `Bench article number ${i}`).replace(/pics\/photo-\d+(@2x)?\.png/g, 'pics/photo.png'));
  paths.push(path);
}
const big = join(source, 'big.html');
writeFileSync(big, large);

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;

async function importRun(label: string, work: DocumentWork | undefined, files: string[]) {
  const dir = join(base, `library-${label.replace(/\W+/g, '-')}-${files.length}`);
  await Library.open(dir, { bundled: [] });
  gc?.();
  const memory = peakMemory();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await new ImportService(dir, { work }).addFiles(files, { onProgress: memory.sample });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  memory.stop();
  const peak = memory.peaks();
  gc?.();
  const retained = process.memoryUsage().heapUsed - memory.base.heapUsed;
  return {
    'pages parsed': label,
    files: files.length,
    added: result.added.length,
    refused: result.refused.length,
    'total s': Math.round(seconds * 10) / 10,
    'ms per article': Math.round((seconds * 1000) / files.length),
    'peak rss MB': mb(peak.rss),
    'peak heap MB': mb(peak.heap),
    'event-loop delay p99 ms': Math.round(delay.percentile(99) / 1e6),
    'event-loop delay max ms': Math.round(delay.max / 1e6),
    'heap kept after GC MB': gc ? mb(retained) : 'run with --expose-gc',
  };
}

/** A pool of `size` threads, each thread warmed up (jsdom loaded) before the run. */
async function warmPool(size: number): Promise<DocumentWorker> {
  const pool = new DocumentWorker(await documentWorkerUrl(), { size });
  await Promise.all(Array.from({ length: size }, (_, i) => pool.extractArticle(newsPage(20 * 1024, `Warm up ${i}`), 'https://bench.example/warm')));
  return pool;
}

const cores = availableParallelism();
const machine = defaultPoolSize(cores);
const sizes = [1, ...(machine > 2 ? [machine] : []), 2];
const rows = [await importRun('in this thread (simple)', undefined, paths)];
for (const size of sizes) {
  const pool = await warmPool(size);
  const label = size === 1 ? 'pool of 1 worker (before)' : size === machine ? `pool of ${size} (cores − 1)` : `pool forced to ${size}`;
  rows.push(await importRun(label, pool, paths));
  await pool.close();
}
const one = await warmPool(1);
rows.push(await importRun('in this thread (simple)', undefined, [big]), await importRun('pool of 1 worker', one, [big]));
await one.close();

console.log(
  `\nImport of ${FILES.toLocaleString('en')} local HTML files (~20 KB, one image each), then of one 2 MB page, into fresh libraries ` +
    `(peaks above the level before the run${gc ? ', after a GC' : ''}). This machine has ${cores} core(s), so the pool main uses is ` +
    `${machine} thread(s) (cores − 1, at least 1); pool sizes run: ${sizes.join(', ')}` +
    `${machine <= 2 ? ' (2 forced, to show the effect of a second thread)' : ''}. Event-loop delay = how long main's loop was held:`,
);
console.table(rows);
rmSync(base, { recursive: true, force: true });
