/**
 * The hostile corpus (tests/fixtures/hostile/) saved the way a user saves —
 * every document through the file path, a sample through the URL path from the
 * loopback server — and then shown in the renderer one after another in one page.
 * Afterwards: no payload ran (the corpus's canary `window.__pwned`, and alert/confirm/
 * prompt/open/print never called), the renderer asked for nothing but the harness
 * origin (and the saved images, served by main's asset handler), the page never
 * navigated and grew no frames, and `window.lectern` is the same object with the same methods.
 */
import type { Page } from '@playwright/test';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { API_METHODS } from '../../common/ipc';
import { HOSTILE, startServer, type TestServer } from '../unit/saving/server';
import { expect, test } from './fixtures';

/** Served through the URL path too (the rest go through files only, to keep the suite quick). */
const URL_SAMPLE = [
  'script-inline.html',
  'img-onerror.html',
  'javascript-href.html',
  'svg-foreignobject.html',
  'mxss-noscript.html',
  'clobber-lectern.html',
  'meta-refresh.html',
  'base-href.html',
  'lectern-asset-forgery.html',
  'css-style-element.html',
];

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});

/** Traps the page's dialogs and popups from the start, so a payload that calls them is counted. */
const TRAPS = `
  window.__calls = [];
  for (const name of ['alert', 'confirm', 'prompt', 'open', 'print']) {
    const original = window[name];
    Object.defineProperty(window, name, { value: function () { window.__calls.push(name); }, configurable: false, writable: false });
    void original;
  }
`;

interface AppElement {
  openArticle(id: string): Promise<void>;
  showLibrary(): Promise<void>;
}

async function openEach(app: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    await app.evaluate((articleId) => (document.querySelector('lectern-app') as unknown as AppElement).openArticle(articleId), id);
    const body = app.locator('article-view .body');
    await expect(body).toBeAttached();
    // Give load/error/animation handlers their chance, and pass the pointer and focus over the text.
    const box = await body.boundingBox();
    if (box) {
      await app.mouse.move(box.x + 10, box.y + 10);
      await app.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 600) / 2, { steps: 4 });
    }
    await app.keyboard.press('Tab');
    await app.waitForTimeout(60);
  }
}

test.describe('hostile documents', () => {
  test('saved from files and from URLs, shown in the reader: nothing runs, nothing is fetched, nothing navigates', async ({
    app,
    dispatch,
    rendererUrl,
    pageErrors,
    grantDroppedFiles,
  }) => {
    test.setTimeout(180_000);
    await app.addInitScript({ content: TRAPS });
    await app.reload();
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();

    const requests: string[] = [];
    app.on('request', (request) => requests.push(request.url()));
    const navigations: string[] = [];
    app.on('framenavigated', (frame) => navigations.push(frame.url()));
    const lectern = await app.evaluateHandle(() => (window as unknown as { lectern: unknown }).lectern);
    // The traps are in place (a positive control for the canary below).
    expect(await app.evaluate(() => Array.isArray((window as unknown as { __calls?: unknown }).__calls))).toBe(true);
    const startUrl = app.url();

    const names = (await readdir(HOSTILE)).filter((name) => name.endsWith('.html')).sort();
    expect(names.length).toBeGreaterThanOrEqual(40);
    const hostilePaths = names.map((name) => join(HOSTILE, name));
    grantDroppedFiles(hostilePaths); // HARNESS: as the preload grants a drop
    const fromFiles = await dispatch('library:add-files', { paths: hostilePaths });
    if (!fromFiles.ok) throw new Error(fromFiles.error.message);
    const report = fromFiles.value as { added: { id: string; file: string }[]; refused: { file: string; reason: string }[] };
    // A document with no readable article is refused in words; it is not shown, so nothing of it can run.
    for (const refused of report.refused) expect(refused.reason, refused.file).toMatch(/\S/);
    expect(report.added.length).toBeGreaterThanOrEqual(names.length - 5);

    const fromUrls: string[] = [];
    for (const name of URL_SAMPLE) {
      const answer = await dispatch('library:add-url', { url: `${server.origin}/hostile/${name}` });
      if (answer.ok) fromUrls.push((answer.value as { id: string }).id);
      else expect(answer.error.message, name).toMatch(/\S/);
    }
    expect(fromUrls.length).toBeGreaterThanOrEqual(URL_SAMPLE.length - 2);

    // A benign page with images, as a positive control for the request log.
    const news = await dispatch('library:add-url', { url: `${server.origin}/news.html` });
    if (!news.ok) throw new Error(news.error.message);
    const ids = [...new Set([...report.added.map((a) => a.id), ...fromUrls, (news.value as { id: string }).id])];
    await openEach(app, ids);
    await app.evaluate(() => (document.querySelector('lectern-app') as unknown as AppElement).showLibrary());

    // No payload ran.
    const canary = await app.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { pwned: w['__pwned'], calls: w['__calls'], title: document.title, frames: window.frames.length };
    });
    expect(canary).toEqual({ pwned: undefined, calls: [], title: 'Lectern', frames: 0 });
    expect(app.frames()).toHaveLength(1);

    // The bridge is untouched: the same object, frozen, with exactly the contract's methods.
    expect(
      await app.evaluate((original) => {
        const api = (window as unknown as { lectern: Record<string, unknown> }).lectern;
        return {
          same: api === original,
          frozen: Object.isFrozen(api),
          methods: Object.keys(api).sort(),
          functions: Object.values(api).every((value) => typeof value === 'function'),
        };
      }, lectern),
    ).toEqual({ same: true, frozen: true, methods: [...API_METHODS], functions: true });

    // No navigation, and no request to anywhere but the harness origin and the asset scheme.
    expect(app.url()).toBe(startUrl);
    expect(navigations.filter((url) => url !== startUrl)).toEqual([]);
    const origin = new URL(rendererUrl).origin;
    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('lectern-asset://'));
    expect(elsewhere).toEqual([]);
    // The log did see the page's own loads: the saved images of the control page.
    expect(requests.some((url) => url.startsWith('lectern-asset://'))).toBe(true);

    // Forged lectern-asset: URLs in a page are answered 403/404 by the handler and logged
    // by Chromium as failed loads; those are expected here, and nothing else is.
    const unexpected = pageErrors.filter((text) => !/Failed to load resource: the server responded with a status of 40[34]/.test(text));
    pageErrors.splice(0, pageErrors.length, ...unexpected);
  });
});
