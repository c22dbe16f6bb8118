/**
 * The two schemes in a real Electron session (ARCHITECTURE.md §6): `app://lectern/`
 * serving the built renderer with its CSP header, and `lectern-asset://` serving a
 * saved article's images and nothing else; and a real drop, whose paths only the
 * preload can read (`webUtils.getPathForFile`).
 *
 * Each test names the unit test, run with `electron` mocked, that it backs.
 *
 * NOT RUN HERE: written on a machine where the Electron binary cannot be downloaded;
 * there this file reports one skip. It runs on CI (ci.yml). Expect first-run fixes.
 */
import { expect, test } from '@playwright/test';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';
import { ROOT, closeQuietly, dropRealFiles, executable, SKIP_REASON, launch, makeFolders, toLibrary, type Folders, type Running } from './launch';

const SAVED_PAGE_TITLE = 'Der Leuchtturm';

if (!executable) {
  test('Electron suite', () => {
    test.skip(true, SKIP_REASON);
  });
} else {
  test.describe('protocols in Electron', () => {
    let folders: Folders;
    let running: Running;
    let dropFolder: string;

    test.beforeAll(async () => {
      folders = await makeFolders();
      running = await launch(folders);
      dropFolder = await mkdtemp(join(tmpdir(), 'lectern-electron-drop-'));
      await cp(join(ROOT, 'tests/fixtures/import/files'), dropFolder, { recursive: true });
      await writeFile(join(dropFolder, 'report.pdf'), '%PDF-1.4');
    });

    test.afterAll(async () => {
      await closeQuietly(running);
      await folders?.remove();
      if (dropFolder) await rm(dropFolder, { recursive: true, force: true });
    });

    /** Fetched in main through the default session (net.fetch goes through protocol.handle's handlers). */
    const fetchInMain = (url: string) =>
      running.app.evaluate(async ({ net }, target) => {
        const response = await net.fetch(target);
        const body = await response.text();
        return { status: response.status, headers: Object.fromEntries(response.headers.entries()), length: body.length, start: body.slice(0, 200) };
      }, url);

    // Backs tests/unit/electron/app-protocol.test.ts › createAppProtocolHandler › 'serves a file with its type, the CSP and nosniff'
    // and 'serves the index for the bare origin', and registerAppProtocol › 'handles the app scheme with a handler that answers the CSP header'.
    test('app:// serves the page and its assets with the CSP header and nosniff', async () => {
      const { page } = running;
      expect(page.url()).toBe('app://lectern/index.html');
      const index = await fetchInMain('app://lectern/');
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(index.headers['x-content-type-options']).toBe('nosniff');
      // A script the page really loaded, fetched again: served as JavaScript, with the same header.
      const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '');
      expect(script).toMatch(/^app:\/\/lectern\//);
      const asset = await fetchInMain(script);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    });

    // Backs tests/unit/electron/app-protocol.test.ts › resolveUnder (`..`, encoded separators, absolute paths refused).
    test('app:// refuses paths out of the renderer folder, with the CSP header on the refusal too', async () => {
      for (const url of ['app://lectern/../../package.json', 'app://lectern/%2e%2e/%2e%2e/package.json', 'app://lectern/..%2f..%2fpackage.json', 'app://other/index.html']) {
        const answer = await fetchInMain(url);
        expect(answer.status, url).toBe(404);
        expect(answer.start, url).not.toContain('"name": "lectern"');
        expect(answer.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      }
    });

    // Backs tests/unit/electron/app-protocol.test.ts › csp constants › 'is the exact policy': here Chromium enforces the header.
    test('the CSP is in force in the page: no eval, no fetch, Trusted Types required', async () => {
      const { page } = running;
      const outcome = await page.evaluate(async () => {
        let evalResult = 'ran';
        try {
          new Function('return 1')();
        } catch (error) {
          evalResult = (error as Error).name;
        }
        const fetchResult = await fetch('app://lectern/index.html').then(
          () => 'fetched',
          (error: unknown) => (error as Error).name,
        );
        let trustedTypes = 'assigned';
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
        } catch (error) {
          trustedTypes = (error as Error).name;
        }
        return { evalResult, fetchResult, trustedTypes };
      });
      expect(outcome).toEqual({ evalResult: 'EvalError', fetchResult: 'TypeError', trustedTypes: 'TypeError' });
    });

    // Backs tests/unit/preload.test.ts › 'sends the paths the preload found for the dropped files on library:add-files'
    // and 'never takes strings as paths, and skips files that have no path on disk' (there webUtils is a stub; here it is Electron's),
    // and tests/renderer/saving.spec.ts › 'drop files on the window, …' (there the preload shim stands in for webUtils).
    test('a drop of real files: webUtils.getPathForFile reads their paths, the document worker adds the page', async () => {
      const { page } = running;
      await toLibrary(page);
      await dropRealFiles(page, [join(dropFolder, 'saved-page.html'), join(dropFolder, 'report.pdf')]);
      await expect(page.getByRole('status').filter({ hasText: 'Added 1 article.' })).toContainText('1 file was refused: report.pdf', {
        timeout: 20_000,
      });
      await expect(page.getByRole('button', { name: SAVED_PAGE_TITLE, exact: true })).toBeVisible();
      await page.getByRole('button', { name: 'Dismiss' }).click();

      // A File made by page script has no path on disk: Electron's getPathForFile answers '', nothing is sent to main.
      await page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['<p>x</p>'], '/etc/passwd.html', { type: 'text/html' }));
        document.querySelector('lectern-app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      await expect(page.getByRole('status').filter({ hasText: 'Only files from your disk can be added.' })).toBeVisible();
      await page.getByRole('button', { name: 'Dismiss' }).click();
    });

    // Backs tests/unit/electron/asset-protocol.test.ts › createAssetProtocolHandler › 'serves the image with its type and nosniff',
    // resolveAsset › 'resolves an asset of the article to its real path and type', and registerAssetProtocol › 'handles the lectern-asset scheme'.
    test('lectern-asset:// shows a saved article’s image and refuses a `..` path', async () => {
      const { page } = running;
      await toLibrary(page);
      await page.getByRole('button', { name: SAVED_PAGE_TITLE, exact: true }).click();
      const image = page.locator('article-view .body img').first();
      await expect(image).toBeVisible();
      const src = await image.evaluate((img) => (img as HTMLImageElement).currentSrc);
      expect(src).toMatch(/^lectern-asset:\/\/[a-z0-9-]+\/[0-9a-f]{64}\.[a-z0-9]+$/);
      expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

      // Loaded as images (img-src allows lectern-asset:; the scheme has no fetch API).
      const id = new URL(src).host;
      const loads = await page.evaluate(
        (urls) =>
          Promise.all(
            urls.map(
              (url) =>
                new Promise<string>((resolve) => {
                  const img = new Image();
                  img.onload = () => resolve('loaded');
                  img.onerror = () => resolve('refused');
                  img.src = url;
                }),
            ),
          ),
        [src, `lectern-asset://${id}/../../library.json`, `lectern-asset://${id}/%2e%2e/%2e%2e/library.json`, `lectern-asset://${id}/..%2f..%2flibrary.json`],
      );
      expect(loads).toEqual(['loaded', 'refused', 'refused', 'refused']);
      await toLibrary(page);
    });
  });
}
