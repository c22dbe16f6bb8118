/**
 * Reading comfort in real Electron: what only Electron does with it — the native theme
 * and the window's background following the chosen theme, one Ctrl/⌘+= press stepping
 * the article's text once (the View menu's accelerator and the page's own key handler
 * must not both act) without zooming the window, and read aloud with the system's real
 * `speechSynthesis` (a voice speaks, or Listen says in words that there is none).
 *
 * Each test names the unit or renderer test it backs (there `electron` is mocked, or
 * the page runs in plain Chromium).
 *
 * NOT RUN HERE: written on a machine where the Electron binary cannot be downloaded;
 * there this file reports one skip. It runs on CI (ci.yml). Expect first-run fixes.
 */
import { expect, test, type Page } from '@playwright/test';
import { SKIP_REASON, STORY_TITLE, closeQuietly, executable, launch, makeFolders, type Folders, type Running } from './launch';

const openStory = async (page: Page) => {
  await page.getByRole('button', { name: STORY_TITLE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: STORY_TITLE })).toBeVisible();
};

const bodyFontSize = (page: Page) =>
  page.locator('article-view').evaluate((view) => getComputedStyle(view.shadowRoot!.querySelector('.body p')!).fontSize);

if (!executable) {
  test('Electron suite', () => {
    test.skip(true, SKIP_REASON);
  });
} else {
  test.describe('reading comfort in Electron', () => {
    let folders: Folders;
    let running: Running;

    test.beforeAll(async () => {
      folders = await makeFolders();
      running = await launch(folders);
    });

    test.afterAll(async () => {
      await closeQuietly(running);
      await folders?.remove();
    });

    // Backs tests/unit/electron/theme.test.ts (nativeTheme and the window background with `electron` mocked)
    // and tests/renderer/themes.spec.ts (the page's own colors per theme).
    test('the chosen theme sets the native theme and the window background', async () => {
      const { app, page } = running;
      await openStory(page);
      await page.getByRole('button', { name: 'Aa Text and Layout' }).click();
      const panel = page.getByRole('dialog', { name: 'Text and Layout' });
      const theme = (name: string) => panel.getByRole('group', { name: 'Theme' }).getByRole('radio', { name, exact: true });
      const native = () =>
        app.evaluate(({ nativeTheme, BrowserWindow }) => ({
          source: nativeTheme.themeSource,
          background: BrowserWindow.getAllWindows()[0]?.getBackgroundColor().toLowerCase(),
        }));
      await theme('Sepia').check();
      await expect.poll(native).toEqual({ source: 'light', background: '#f4ecd8' });
      await theme('Black').check();
      await expect.poll(native).toEqual({ source: 'dark', background: '#000000' });
      await theme('Match system').check();
      await expect.poll(async () => (await native()).source).toBe('system');
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
    });

    // Backs tests/unit/electron/menu.test.ts › 'View ▸ Increase Text Size sends text-larger with CmdOrCtrl+=' and
    // "keeps the window's zoom in View without the keys the article's text size took", and
    // tests/renderer/appearance.spec.ts (the page's handler, where no menu exists).
    test('one Ctrl/⌘+= is one step of the article’s text, and the window does not zoom', async () => {
      const { app, page } = running;
      if (!(await page.getByRole('heading', { level: 1, name: STORY_TITLE }).isVisible())) await openStory(page);
      await page.keyboard.press('ControlOrMeta+0');
      await expect.poll(() => bodyFontSize(page)).toBe('19px');
      await page.keyboard.press('ControlOrMeta+=');
      await expect.poll(() => bodyFontSize(page)).toBe('20px');
      await page.waitForTimeout(300); // a second handler would have acted by now
      expect(await bodyFontSize(page)).toBe('20px');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getZoomLevel())).toBe(0);
      await page.keyboard.press('ControlOrMeta+0');
      await expect.poll(() => bodyFontSize(page)).toBe('19px');
    });

    // Backs tests/renderer/read-aloud.spec.ts (a stand-in speech engine; plain Chromium there has no voices).
    test('Listen uses the system’s speech: it reads, or says in words that there is no voice', async () => {
      const { page } = running;
      if (!(await page.getByRole('heading', { level: 1, name: STORY_TITLE }).isVisible())) await openStory(page);
      const voices = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const count = () => speechSynthesis.getVoices().filter((v) => v.localService).length;
            if (count() > 0) return resolve(count());
            speechSynthesis.addEventListener('voiceschanged', () => resolve(count()), { once: true });
            setTimeout(() => resolve(count()), 2000);
          }),
      );
      await page.getByRole('button', { name: 'Listen', exact: true }).click();
      const bar = page.getByRole('toolbar', { name: 'Read aloud' });
      await expect(bar).toBeVisible();
      if (voices === 0) {
        await expect(bar.getByRole('alert')).toContainText('Read aloud needs a voice installed on this computer');
      } else {
        await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();
        await expect.poll(() => page.evaluate(() => speechSynthesis.speaking)).toBe(true);
      }
      await bar.getByRole('button', { name: 'Stop' }).click();
      await expect(bar).toBeHidden();
    });
  });
}
