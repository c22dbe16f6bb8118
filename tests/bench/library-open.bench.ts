/**
 * `npm run bench`: opening the library at 1,000 / 5,000 / 20,000 articles in Chromium
 * with the real main services (tests/unit/real-services.ts) behind the real preload
 * API (the renderer suite's shim, as tests/renderer/fixtures.ts wires it): from reload
 * to the first row on screen, the longest task on the renderer's thread while it opens
 * and the keyboard goes to the last row (End), row elements in the DOM, and the
 * renderer's JS heap — the app (a window of rows, virtualized) next to the "every row"
 * baseline (the whole listing at once, one element per article; 1,000 and 5,000 only:
 * at 20,000 it takes minutes) measured in the same run. Numbers, not assertions
 * (ARCHITECTURE.md §7). Needs `npm run build` first.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { contentTypeFor, resolveUnder } from '../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';
import { bundleScript } from '../bundle-script';
import { chromiumLaunchOptions } from '../chromium';
import { seedBigLibrary } from '../renderer/big-library';
import { RENDERER_DIR } from '../renderer/paths';
import { realServices } from '../unit/real-services';
import type { LibraryChange } from '../../common/ipc';
import { todaysListing } from './todays-listing';

const SIZES = [1_000, 5_000, 20_000];
const BASELINE_SIZES = [1_000, 5_000];
const ORIGIN = 'http://lectern.bench';

const shim = await bundleScript(resolve(import.meta.dirname, '../renderer/preload-shim.ts'), 'LecternPreloadShim');
const everyRow = await bundleScript(resolve(import.meta.dirname, 'library-open-page.ts'), 'LibraryOpenBench');
// Playwright closes the browser when the bench process exits.
const browser: Browser = await chromium.launch(chromiumLaunchOptions());

type BenchWindow = Window & { __countText(): string; __firstRow(): HTMLElement | null; __focusedRow(): Element | null; __tasks: { start: number; duration: number }[] };

/** Page helpers, installed before the app's scripts (init scripts are not `eval`: the app's CSP allows them). */
function installHelpers(): void {
  const w = window as unknown as BenchWindow;
  /** The first `library-view` title button (through the open shadow roots), or null. */
  w.__firstRow = () => {
    const roots: ParentNode[] = [document];
    while (roots.length > 0) {
      const root = roots.pop()!;
      const view = root.querySelector('library-view');
      if (view) return view.shadowRoot?.querySelector<HTMLElement>('li.row button.open') ?? null;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return null;
  };
  /** The library's count line ("20,000 articles"). */
  w.__countText = () => w.__firstRow()?.getRootNode() instanceof ShadowRoot ? ((w.__firstRow()!.getRootNode() as ShadowRoot).querySelector('.count')?.textContent ?? '') : '';
  /** The row of the focused element. */
  w.__focusedRow = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.closest('li') ?? null;
  };
  w.__tasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

interface Measured {
  firstRowMs: number;
  /** Longest task from navigation to the first row (the app's own start-up included). */
  openTaskMs: number;
  /** Longest task from the first row through End to the last row, and a change to one article. */
  scrollTaskMs: number;
  /** From main answering `article:set-read` for the focused row to "Finished" on it. */
  changeMs: number | null;
  rowsInDom: number;
  heapMB: number;
  lastRowReached: boolean;
}

type Kind = 'warm' | 'cold' | 'baseline';

/** A library of `size` articles, its catalog checked and its search index built (as on every start but the first). */
async function library(size: number, onChange?: (change: LibraryChange) => void) {
  const services = await realServices({ onLibraryChanged: (change) => onChange?.(change) });
  seedBigLibrary(services.dir, size - (await services.library.list()).articles.length);
  await services.library.reconcile();
  await services.search.whenReady();
  return services;
}

async function open(size: number, kind: Kind): Promise<Measured> {
  // main's library:changed reaches the page once it exists.
  const target: { page?: Page } = {};
  const emit = (change: LibraryChange) =>
    void target.page
      ?.evaluate((c) => (window as unknown as { __lecternEmit(e: string, p: unknown): void }).__lecternEmit('library:changed', c), change)
      .catch(() => undefined);
  let services = await library(size, emit);
  if (kind === 'cold') {
    // The catalog deleted: the library opens again and rebuilds it while the first rows show.
    await services.search.close();
    await services.library.close();
    rmSync(join(services.dir, '.index', 'catalog-v1.sqlite'), { force: true });
    services = await realServices({ dir: services.dir, awaitCheck: false, onLibraryChanged: emit });
    services.library.onChange(emit);
  }
  const { dispatch, dir } = services;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  target.page = page;
  try {
    await page.exposeBinding('__lecternIpc', async (_source, channel: unknown, input: unknown) => dispatch(String(channel), input));
    await page.exposeBinding('__benchAllRows', async () => todaysListing(dir));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/every-row.html') {
        await route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><body><script>${everyRow}</script></body>` });
        return;
      }
      const file = await resolveUnder(RENDERER_DIR, `app://lectern${path}`);
      if (!file) return route.fulfill({ status: 404 });
      await route.fulfill({
        status: 200,
        headers: { 'Content-Type': contentTypeFor(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
        body: await readFile(file),
      });
    });
    await page.addInitScript({ content: shim });
    await page.addInitScript(installHelpers);
    await page.goto(`${ORIGIN}/${kind === 'baseline' ? 'every-row.html' : 'index.html'}`);
    const firstRowMs = (await (
      await page.waitForFunction(() => (window as unknown as BenchWindow).__firstRow() !== null && performance.now(), undefined, {
        polling: 'raf',
        timeout: 600_000,
      })
    ).jsonValue()) as number;
    if (kind === 'cold') {
      // End goes to the last row the window knows of: wait until the rebuilt catalog has reached it.
      await services.library.reconciled();
      await page.waitForFunction((n) => (window as unknown as BenchWindow).__countText().startsWith(n), size.toLocaleString('en-GB'), {
        polling: 100,
        timeout: 120_000,
      });
    }
    // To the last row with the keyboard.
    await page.evaluate(() => (window as unknown as BenchWindow).__firstRow()!.focus());
    await page.keyboard.press('End');
    const lastRowReached = await page
      .waitForFunction((n) => (window as unknown as BenchWindow).__focusedRow()?.getAttribute('aria-posinset') === String(n), size, {
        polling: 'raf',
        timeout: 600_000,
      })
      .then(
        () => true,
        () => false,
      );
    // A change to one article: the focused (last) row marked read in main, as the reader would.
    let changeMs: number | null = null;
    const id = await page.evaluate(() => (window as unknown as BenchWindow).__focusedRow()?.querySelector('button.open')?.getAttribute('data-id'));
    if (kind !== 'baseline' && id) {
      const answered = await dispatch('article:set-read', { id, read: true }).then(() => page.evaluate(() => performance.now()));
      const shown = (await (
        await page.waitForFunction(
          () => /Finished/.test((window as unknown as BenchWindow).__focusedRow()?.textContent ?? '') && performance.now(),
          undefined,
          { polling: 'raf', timeout: 60_000 },
        )
      ).jsonValue()) as number;
      changeMs = shown - answered;
    }
    const rowsInDom = await page.evaluate(() => {
      const row = (window as unknown as BenchWindow).__firstRow() ?? (window as unknown as BenchWindow).__focusedRow();
      return row ? (row.getRootNode() as ShadowRoot).querySelectorAll('li.row').length : 0;
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const tasks = await page.evaluate(() => (window as unknown as BenchWindow).__tasks);
    const longest = (from: number, to: number) =>
      Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    return {
      firstRowMs,
      openTaskMs: longest(0, firstRowMs),
      scrollTaskMs: longest(firstRowMs, Infinity),
      changeMs,
      rowsInDom,
      heapMB: usedSize / 2 ** 20,
      lastRowReached,
    };
  } finally {
    await page.close();
    await services.search.close();
    await services.library.close();
  }
}

// Once each, not counted: the first page of each kind pays for compiling its scripts.
await open(SIZES[0]!, 'warm');
await open(SIZES[0]!, 'baseline');

const LABEL: Record<Kind, string> = {
  warm: 'catalog + window + virtualizer',
  cold: '… catalog deleted (rebuilt)',
  baseline: 'every row, every article.json (before)',
};
const rows: Record<string, string | number>[] = [];
for (const size of SIZES) {
  for (const kind of ['warm', 'cold', 'baseline'] as const) {
    if (kind === 'baseline' && !BASELINE_SIZES.includes(size)) continue;
    const m = await open(size, kind);
    const task = (ms: number) => (ms === 0 ? '< 50' : Math.round(ms));
    rows.push({
      articles: size.toLocaleString('en'),
      path: LABEL[kind],
      'first row ms': Math.round(m.firstRowMs),
      'longest task, open ms': task(m.openTaskMs),
      'longest task, End + a change ms': task(m.scrollTaskMs),
      'change → row ms': m.changeMs === null ? '—' : Math.round(m.changeMs),
      'rows in DOM': m.rowsInDom,
      'heap MB': Number(m.heapMB.toFixed(1)),
      'End reached last row': m.lastRowReached ? 'yes' : 'no',
    });
  }
}
console.log(
  '\nOpening the library in Chromium, real main services (first row: from navigation; longest task (Long Tasks API, only tasks over 50 ms exist): to the first row, then through End to the last row and a change to it; change → row: from main answering article:set-read to "Finished" on screen; heap: JS heap used after a GC):',
);
console.table(rows);

describe('library open — Chromium, real main services', () => {
  bench('open 1,000 articles (window + virtualizer), to the first row', async () => {
    await open(1_000, 'warm');
  }, { iterations: 1, time: 0, warmupIterations: 0 });
});
