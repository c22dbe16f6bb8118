/**
 * The last keystrokes survive (ARCHITECTURE.md §3), in Chromium against the real main
 * services: a note typed just before the window closes is saved before it goes (main's
 * `app:flush`, the page's `app:flushed`), and one typed just before the page crashes is
 * kept by main (drafts.json) and shown and saved when the article is opened again. The
 * page is reopened in a fresh browser context, so nothing comes from its localStorage.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Dispatch } from '../../main/handlers';
import { expect, test } from './fixtures';
import { SHIM_FILE } from './paths';
import { STORY } from './story';

const openStory = async (page: Page) => {
  await page.getByRole('button', { name: STORY.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const articleNoteBox = (page: Page) =>
  page.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Article note' });

/** The app again, as after a restart of the window: a new browser context (no localStorage) on the same main services. */
async function reopen(browser: Browser, dispatch: Dispatch, rendererUrl: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.exposeBinding('__lecternIpc', async (source, channel: unknown, input: unknown) =>
    source.frame === source.page.mainFrame()
      ? dispatch(String(channel), input)
      : { ok: false, error: { code: 'forbidden', message: 'not our main frame' } },
  );
  await page.addInitScript({ content: await readFile(SHIM_FILE, 'utf8') });
  await page.goto(rendererUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  return page;
}

test.describe('the last keystrokes', () => {
  test('a note typed as the window closes is saved before it goes (app:flush → app:flushed)', async ({
    app,
    emit,
    flushAcks,
    annotations,
    browser,
    dispatch,
    rendererUrl,
  }) => {
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await articleNoteBox(app).click();
    await app.keyboard.type('Closed the window mid-sentence');
    // No blur, no wait: main asks the page to save, waits for the answer, then the window goes.
    const asked = Date.now();
    await emit('app:flush', { request: 1 });
    await expect.poll(() => flushAcks).toEqual([1]);
    const flushMs = Date.now() - asked;
    await app.close();
    test.info().annotations.push({ type: 'flush', description: `the page answered app:flush after ${flushMs} ms` });
    expect((await annotations.list(STORY.id)).articleNote?.note).toBe('Closed the window mid-sentence');

    const again = await reopen(browser, dispatch, rendererUrl);
    await openStory(again);
    await again.getByRole('button', { name: 'Notes', exact: true }).click();
    await expect(articleNoteBox(again)).toHaveValue('Closed the window mid-sentence');
    await again.context().close();
  });

  test('a note typed 150 ms before the page crashes is kept by main and shown and saved when the article opens again', async ({
    app,
    annotations,
    drafts,
    libraryDir,
    browser,
    dispatch,
    rendererUrl,
  }) => {
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await articleNoteBox(app).click();
    await app.keyboard.type('Typed, then the page crashed', { delay: 20 });
    await app.waitForTimeout(150);
    // A renderer crash: no blur, no pagehide, nothing saved by the page on its way out.
    const cdp = await app.context().newCDPSession(app);
    const crashed = app.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined); // never answered: the page is gone
    await crashed;
    expect((await annotations.list(STORY.id)).articleNote).toBeNull();
    // Main has the draft (and writes drafts.json within ~100 ms).
    await drafts.flush();
    const onDisk = JSON.parse(await readFile(join(libraryDir, 'drafts.json'), 'utf8')) as { drafts: { text: string }[] };
    expect(onDisk.drafts.map((d) => d.text)).toEqual(['Typed, then the page crashed']);

    const again = await reopen(browser, dispatch, rendererUrl);
    await openStory(again);
    await again.getByRole('button', { name: 'Notes', exact: true }).click();
    await expect(articleNoteBox(again)).toHaveValue('Typed, then the page crashed');
    await expect.poll(async () => (await annotations.list(STORY.id)).articleNote?.note).toBe('Typed, then the page crashed');
    await expect.poll(async () => (await drafts.all()).length).toBe(0);
    await again.context().close();
  });
});
