/**
 * Runs the real app in Electron. Where the binary is missing (as on the machine this
 * was written on) the suite reports one skip with the reason, and nothing else.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronExecutable, SKIP_REASON } from './electron-binary';

const ROOT = resolve(import.meta.dirname, '../..');
const TITLE = 'Russian intelligence chief discusses security cooperation in Pyongyang';
const executable = electronExecutable();

if (!executable) {
  test('Electron suite', () => {
    test.skip(true, SKIP_REASON);
  });
} else {
  test.describe('Lectern in Electron', () => {
    let app: ElectronApplication;
    let page: Page;
    let libraryDir: string;

    const launch = async () => {
      app = await electron.launch({
        executablePath: executable,
        args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        env: { ...process.env, LECTERN_LIBRARY_DIR: libraryDir },
      });
      page = await app.firstWindow();
    };

    test.beforeAll(async () => {
      libraryDir = await mkdtemp(join(tmpdir(), 'lectern-electron-'));
      await launch();
    });

    test.afterAll(async () => {
      await app?.close();
      await rm(libraryDir, { recursive: true, force: true });
    });

    test('launches on the library and renders the story', async () => {
      await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
      await page.getByRole('button', { name: TITLE }).click();
      await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
      await expect(page.locator('article-view')).toContainText('North Koreaan Minister of State Security');
    });

    test('the page has no Node: require and process are undefined', async () => {
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        lectern: typeof (globalThis as { lectern?: unknown }).lectern,
      }));
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', lectern: 'object' });
    });

    test('the window is sandboxed, isolated and refuses navigation', async () => {
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        const before = win.webContents.getURL();
        return { before, count: BrowserWindow.getAllWindows().length };
      });
      expect(prefs.count).toBe(1);
      await page.evaluate(() => {
        window.location.href = 'file:///etc/passwd';
      });
      await page.waitForTimeout(500);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())).toBe(
        prefs.before,
      );
    });

    test('library search runs on SQLite FTS5 in Electron: a typo finds the story', async () => {
      await page.getByRole('button', { name: 'Back to library' }).click().catch(() => {});
      await page.keyboard.press('Control+k');
      await page.keyboard.type('Naryshkn');
      // Typo tolerance exists only in the FTS5 engine (the fallback scan has none).
      await expect(page.getByRole('status').filter({ hasText: 'showing “naryshkin”' })).toBeVisible();
      await page.getByRole('searchbox', { name: 'Search the library' }).fill('');
    });

    test('PDF export prints with Electron (the save dialog answered in main)', async () => {
      const file = join(libraryDir, '..', `lectern-electron-${Date.now()}.pdf`);
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
      }, file);
      await page.getByRole('button', { name: TITLE, exact: true }).click();
      await page.keyboard.press('Control+Shift+E');
      const exportDialog = page.getByRole('dialog', { name: 'Export notes' });
      await exportDialog.getByRole('radio', { name: /PDF/ }).check();
      await exportDialog.getByRole('button', { name: 'Save…' }).click();
      await expect(exportDialog.getByRole('status')).toContainText('Saved');
      const pdf = await readFile(file);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await rm(file, { force: true });
      await page.keyboard.press('Escape');
    });

    test('Add Files… saves a page through the document worker and its image through lectern-asset:', async () => {
      const page_ = join(ROOT, 'tests/fixtures/import/files/saved-page.html');
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
      }, page_);
      await page.getByRole('button', { name: 'Back to library' }).click().catch(() => {});
      await page.keyboard.press('Control+o');
      await expect(page.getByRole('status').filter({ hasText: 'Added 1 article.' })).toBeVisible({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Der Leuchtturm', exact: true }).click();
      const image = page.locator('article-view .body img').first();
      await expect(image).toBeVisible();
      expect(await image.evaluate((img) => [(img as HTMLImageElement).currentSrc.split(':')[0], (img as HTMLImageElement).naturalWidth > 0])).toEqual([
        'lectern-asset',
        true,
      ]);
      await page.getByRole('button', { name: 'Back to library' }).click();
    });

    test('a highlight and the reading position survive a restart', async () => {
      await page.setViewportSize({ width: 900, height: 500 });
      await page.getByRole('button', { name: 'Back to library' }).click().catch(() => {});
      await page.getByRole('button', { name: TITLE }).click();
      const phrase = 'Sergey Naryshkin';
      await page.locator('article-view').evaluate((view, text) => {
        const body = view.shadowRoot!.querySelector('.body')!;
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(text);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          const selection = (view.shadowRoot as unknown as { getSelection?: () => Selection }).getSelection?.() ?? getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return;
        }
      }, phrase);
      await page.keyboard.press('h');
      await expect.poll(() => page.evaluate(() => CSS.highlights.size)).toBeGreaterThan(0);
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(800); // the throttled position save
      await app.close();

      await launch();
      await page.getByRole('button', { name: TITLE }).click();
      await expect
        .poll(() =>
          page.evaluate(() =>
            ['yellow', 'green', 'blue', 'pink', 'purple'].reduce(
              (n, c) => n + ((CSS.highlights.get(`lectern-${c}`) as Highlight | undefined)?.size ?? 0),
              0,
            ),
          ),
        )
        .toBe(1);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    });
  });
}
