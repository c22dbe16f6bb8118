/**
 * A library of many articles (ARCHITECTURE.md §7): written into the test library
 * before the page loads, then opened, walked to the end with the keyboard, the last
 * article read and the listing come back to — with only the rows near the viewport in
 * the DOM, "row N of total" on each row, and no long task on the renderer's thread.
 *
 * Until main answers a window from its catalog, each `library:list` reads every
 * article.json (seconds at 20,000): that is main's time, not the renderer's, hence
 * the long timeouts.
 */
import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { bigTitle, seedBigLibrary } from './big-library';
import { seriousViolations } from './page-helpers';

/** Articles in the library (the bundled story and SIZE − 1 seeded ones). 2,000 with LECTERN_SCALE=2000 while developing. */
const SIZE = Number(process.env['LECTERN_SCALE'] ?? 20_000);
/** Row elements allowed in the DOM at any time. */
const MAX_ROWS = 150;
/** The Long Tasks API's threshold; any entry is a task longer than this. */
const LONG_TASK_MS = 50;

const test = base.extend({
  libraryDir: async ({ libraryDir }, use) => {
    seedBigLibrary(libraryDir, SIZE - 1);
    await use(libraryDir);
  },
  page: async ({ page }, use) => {
    // Before the renderer's first script: every task of the whole run is seen.
    await page.addInitScript(() => {
      const seen: { start: number; duration: number }[] = [];
      (window as unknown as { __longTasks: typeof seen }).__longTasks = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
      }).observe({ type: 'longtask', buffered: true });
    });
    await use(page);
  },
});

/** The focused element's row, as a screen reader hears it. */
function focusedRow(app: Page) {
  return app.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const row = active?.closest('li');
    return row
      ? {
          title: active?.textContent?.trim() ?? '',
          heading: row.querySelector('h2')?.textContent?.trim() ?? '',
          posinset: row.getAttribute('aria-posinset'),
          setsize: row.getAttribute('aria-setsize'),
          top: Math.round(row.getBoundingClientRect().top),
        }
      : null;
  });
}

/** The rows intersecting the viewport: position and top, in px. */
const rowsOnScreen = (app: Page) =>
  app.locator('library-view').evaluate((view) =>
    [...view.shadowRoot!.querySelectorAll('li.row')]
      .map((row) => ({ at: row.getAttribute('aria-posinset'), top: Math.round(row.getBoundingClientRect().top) }))
      .filter(({ top }) => top < window.innerHeight && top >= 0)
      .sort((a, b) => a.top - b.top),
  );
const rowCount = (app: Page) => app.locator('library-view li.row').count();
const longTasks = (app: Page) =>
  app.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);

test.describe('library at scale', () => {
  test(`${SIZE} articles: to the end with the keyboard, read the last, come back to it; few rows in the DOM, no long task`, async ({ app, search }) => {
    test.setTimeout(600_000);
    // As on every start but the very first: the search index exists. (Building it for 20,000
    // articles keeps one of this machine's two cores busy for about 20 s; the bench measures
    // opening during that build too.) Then the library is opened again, and every task from
    // navigation on is counted.
    await search.whenReady();
    await app.reload();
    await expect(app.locator('library-view h1')).toHaveText('Library');
    // The shell is up (the fixture saw the Library heading); the listing is still on its way from main.
    const shellAt = await app.evaluate(() => performance.now());
    const rows = app.locator('library-view li.row');
    const first = app.locator('library-view button.open').first();
    await expect(first).toBeVisible({ timeout: 120_000 });
    await expect(app.locator('library-view .count')).toHaveText(`${SIZE.toLocaleString('en-GB')} articles`);
    expect(await rowCount(app)).toBeLessThanOrEqual(MAX_ROWS);
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(SIZE));
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');

    const steps: Record<string, number> = {};
    const mark = async (name: string) => (steps[name] = Math.round(await app.evaluate(() => performance.now())));
    await mark('shown');
    await first.focus();
    for (let i = 0; i < 3; i++) await app.keyboard.press('PageDown');
    await expect.poll(async () => Number((await focusedRow(app))?.posinset), { timeout: 120_000 }).toBeGreaterThan(3);
    for (let i = 0; i < 3; i++) await app.keyboard.press('ArrowDown');
    expect(await rowCount(app)).toBeLessThanOrEqual(MAX_ROWS);

    await mark('paged');
    await app.keyboard.press('End');
    await expect.poll(async () => (await focusedRow(app))?.posinset, { timeout: 180_000 }).toBe(String(SIZE));
    const last = (await focusedRow(app))!;
    expect(last).toMatchObject({ title: bigTitle(0), posinset: String(SIZE), setsize: String(SIZE) });
    expect(await rowCount(app)).toBeLessThanOrEqual(MAX_ROWS);
    expect(await app.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    const onScreen = await rowsOnScreen(app);

    // Read it, and come back.
    await mark('end');
    await app.keyboard.press('Enter');
    // CSS, not role, locators while timing: Playwright's role queries walk every shadow root on the page's own thread.
    await expect(app.locator('h1', { hasText: bigTitle(0) })).toBeVisible({ timeout: 60_000 });
    await mark('read');
    await app.keyboard.press('Escape');
    await expect(app.locator('library-view h1')).toHaveText('Library');
    await expect.poll(async () => (await focusedRow(app))?.title, { timeout: 60_000 }).toBe(bigTitle(0));
    const back = (await focusedRow(app))!;
    expect(back.posinset).toBe(String(SIZE));
    expect(Math.abs(back.top - last.top)).toBeLessThanOrEqual(2);
    // The same rows on screen, where they were (the window's scrollY in px may differ: rows the
    // virtualizer has not measured since it was made again are counted at an estimated height).
    const again = await rowsOnScreen(app);
    expect(again.map((r) => r.at)).toEqual(onScreen.map((r) => r.at));
    again.forEach((row, i) => expect(Math.abs(row.top - onScreen[i]!.top)).toBeLessThanOrEqual(2));
    expect(await rowCount(app)).toBeLessThanOrEqual(MAX_ROWS);

    await mark('back');
    // Home and type-to-find over the whole library.
    await app.keyboard.press('Home');
    await expect.poll(async () => (await focusedRow(app))?.posinset, { timeout: 60_000 }).toBe('1');
    await app.keyboard.type('saved article 00001');
    await expect.poll(async () => (await focusedRow(app))?.title, { timeout: 120_000 }).toBe(bigTitle(1));
    expect((await focusedRow(app))?.posinset).toBe(String(SIZE - 1));
    await mark('found');

    // A change to one article (main then says it was updated: only its block is asked again).
    await app.keyboard.press('Tab');
    await expect.poll(async () => (await focusedRow(app))?.title).toBe('Mark as read');
    await app.keyboard.press('Enter');
    await expect(app.locator('library-view li.row', { hasText: bigTitle(1) })).toContainText('Finished', { timeout: 60_000 });
    await mark('changed');

    // Another sort, then a filter: the rows at the shown positions come in place of the old ones.
    await app.locator('library-toolbar select').first().selectOption('title');
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(SIZE));
    await app.locator('library-toolbar select').nth(1).selectOption('finished');
    await expect(app.locator('library-view li.row button.open')).toHaveText([bigTitle(0), bigTitle(1)], { timeout: 120_000 });
    await expect(rows.first()).toHaveAttribute('aria-setsize', '2');
    await mark('sorted');

    const tasks = await longTasks(app);
    await app.screenshot({ path: test.info().outputPath('library-scale.png') });
    // Every task from navigation on: the app's start-up, the first rows, the walk to the end,
    // the article and back, type-to-find, a change, a sort and a filter. (This suite runs alone,
    // after the others: playwright.config.ts.)
    expect(
      tasks.filter((t) => t.duration > LONG_TASK_MS),
      `long tasks on the renderer thread (steps, ms from navigation: ${JSON.stringify({ shellAt: Math.round(shellAt), ...steps })})`,
    ).toEqual([]);

    // The big list as assistive technology sees it (after the timing: axe itself is slow).
    expect(await seriousViolations(app)).toEqual([]);
  });
});

/** Trashed articles: more than the shared list renders all at once. */
const TRASHED = 120;
const trashTest = base.extend({
  libraryDir: async ({ libraryDir }, use) => {
    seedBigLibrary(libraryDir, TRASHED, { into: '.trash' });
    await use(libraryDir);
  },
});

trashTest('a long Trash is the same list: only the rows near the viewport, "N of total", End and type-to-find', async ({ app }) => {
  await app.getByRole('button', { name: 'Trash', exact: true }).click();
  const rows = app.locator('trash-view li.row');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(TRASHED));
  expect(await rows.count()).toBeLessThan(TRASHED);
  await app.locator('trash-view button.restore').first().focus();
  await app.keyboard.press('End');
  await expect.poll(async () => (await focusedRow(app))?.posinset).toBe(String(TRASHED));
  expect((await focusedRow(app))?.setsize).toBe(String(TRASHED));
  await app.keyboard.press('Home');
  await expect.poll(async () => (await focusedRow(app))?.posinset).toBe('1');
  await app.keyboard.type('saved article 00010');
  await expect.poll(async () => (await focusedRow(app))?.heading).toBe(bigTitle(10));
  expect(await rows.count()).toBeLessThan(TRASHED);
  expect(await seriousViolations(app)).toEqual([]);
});
