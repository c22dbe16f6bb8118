/**
 * Runs the real app in Electron. Where the binary is missing (as on the machine this
 * was written on) the suite reports one skip with the reason, and nothing else.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
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

    test.beforeAll(async () => {
      libraryDir = await mkdtemp(join(tmpdir(), 'lectern-electron-'));
      app = await electron.launch({
        executablePath: executable,
        args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        env: { ...process.env, LECTERN_LIBRARY_DIR: libraryDir },
      });
      page = await app.firstWindow();
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
  });
}
