/**
 * Saving articles as a user: from a URL served by a loopback server, from
 * files dropped on the window and from main's open dialog; deleting with Undo, the
 * Trash, read/unread, tags, sort and filter. Pages are fetched by the real
 * ImportService with Node's fetch, in the test process (the app fetches through
 * Chromium's network stack, main/electron/net-fetch.ts); saved images are served to
 * Chromium by main/electron/asset-protocol.ts's handler (see fixtures.ts).
 */
import type { Page } from '@playwright/test';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, startServer, type TestServer } from '../unit/saving/server';
import { expect, test } from './fixtures';
import { dragSelect, seriousViolations } from './page-helpers';
import { STORY } from './story';

const NEWS = 'Harbour reopens after storm repairs';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});

/**
 * Drop files on the window as the desktop would. HARNESS: the paths reach the preload shim's
 * stand-in for webUtils (see preload-shim.ts), and are granted to main from Node as the
 * preload grants a trusted drop (fixtures.ts `grantDroppedFiles`).
 */
async function dropFiles(
  app: Page,
  grantDroppedFiles: (paths: readonly string[]) => void,
  files: { name: string; path: string; type: string }[],
): Promise<void> {
  grantDroppedFiles(files.map((file) => file.path));
  await app.evaluate((list) => {
    const register = (window as unknown as { __lecternTestRegisterFile(f: File, p: string): void }).__lecternTestRegisterFile;
    const transfer = new DataTransfer();
    for (const { name, path, type } of list) {
      const file = new File(['(contents are read by main from the path)'], name, { type });
      register(file, path);
      transfer.items.add(file);
    }
    const target = document.querySelector('lectern-app')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

test.describe('saving articles', () => {
  test('add a URL (Ctrl+L), read it offline with its images, highlight, delete, undo, delete again, restore from the Trash', async ({
    app,
    assetRequests,
    libraryDir,
  }, testInfo) => {
    await app.keyboard.press('Control+L');
    const dialog = app.getByRole('dialog', { name: 'Add from URL' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Web address' })).toBeFocused();
    await app.keyboard.type(`${server.origin}/news.html`);
    await app.keyboard.press('Enter');

    // The saved article opens.
    await expect(app.getByRole('heading', { level: 1, name: NEWS })).toBeVisible({ timeout: 20_000 });
    await expect(dialog).toBeHidden();
    const body = app.locator('article-view .body');
    await expect(body).toContainText('ARTICLE-END-MARKER');
    await expect(body).not.toContainText('COMMENT-TEXT');
    await expect(body).not.toContainText('FOOTER-TEXT');

    // Its images render from lectern-asset:, answered by main's asset handler.
    const images = body.locator('img');
    await expect(images.first()).toBeVisible();
    const sources = await images.evaluateAll((list) => list.map((img) => [(img as HTMLImageElement).currentSrc, (img as HTMLImageElement).naturalWidth]));
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const [src, width] of sources) {
      expect(String(src)).toMatch(/^lectern-asset:\/\/[a-z0-9-]+\/[0-9a-f]{64}\.(png|jpg|gif|webp)$/);
      expect(width).toBeGreaterThan(0);
    }
    expect(assetRequests.length).toBeGreaterThanOrEqual(3);
    expect(assetRequests.every((r) => r.status === 200)).toBe(true);
    await app.screenshot({ path: testInfo.outputPath('saved-article.png') });

    // A highlight.
    await dragSelect(app, 'The old harbour reopened to fishing boats');
    await app.getByRole('toolbar', { name: 'Highlight' }).getByRole('button', { name: 'Highlight: Key point' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Highlighted in Key point.' })).toBeAttached();
    const [id] = (await readdir(join(libraryDir, 'articles'))).filter((name) => name !== STORY.id);

    // Delete from the reader → the library, with Undo.
    await app.getByRole('button', { name: 'Delete article' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await expect(app.getByRole('button', { name: NEWS, exact: true })).toHaveCount(0);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(app.getByRole('button', { name: NEWS, exact: true })).toBeVisible();

    // Delete from its row, then restore from the Trash: the highlight came along.
    const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: NEWS, exact: true }) });
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(app.getByRole('button', { name: NEWS, exact: true })).toHaveCount(0);
    expect(await readdir(join(libraryDir, '.trash'))).toContain(id);
    await app.getByRole('toolbar', { name: 'Library' }).getByRole('button', { name: 'Trash' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Trash' })).toBeFocused();
    await app.screenshot({ path: testInfo.outputPath('trash.png') });
    await app.getByRole('button', { name: `Restore ${NEWS}` }).click();
    await expect(app.getByText('The trash is empty.')).toBeVisible();
    await app.getByRole('button', { name: 'Back to library' }).click();
    await app.getByRole('button', { name: NEWS, exact: true }).click();
    await expect(app.getByRole('heading', { level: 1, name: NEWS })).toBeVisible();
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await expect(app.getByRole('complementary', { name: 'Notes' })).toContainText('The old harbour reopened to fishing boats');
  });

  test('an article saved with crossorigin on its images (before main stripped it) still shows them', async ({
    app,
    dispatch,
    libraryDir,
    assetRequests,
  }) => {
    const answer = await dispatch('library:add-url', { url: `${server.origin}/crossorigin.html` });
    if (!answer.ok) throw new Error(answer.error.message);
    const { id, title } = answer.value as { id: string; title: string };
    // As an older Lectern wrote it: the page's crossorigin kept on each image.
    const file = join(libraryDir, 'articles', id, 'content.html');
    const saved = await readFile(file, 'utf8');
    expect(saved).not.toMatch(/<img[^>]*crossorigin/i);
    await writeFile(file, saved.replaceAll('<img ', '<img crossorigin="anonymous" '));
    await app.reload();
    await app.getByRole('button', { name: title, exact: true }).click();
    const images = app.locator('article-view .body img');
    await expect(images).toHaveCount(3);
    const shown = await images.evaluateAll((list) =>
      list.map((img) => ({ crossorigin: img.hasAttribute('crossorigin'), width: (img as HTMLImageElement).naturalWidth })),
    );
    expect(shown.every((image) => !image.crossorigin)).toBe(true);
    await expect.poll(() => images.evaluateAll((list) => list.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    expect(assetRequests.every((r) => r.status === 200)).toBe(true);
  });

  test('failures say what happened, a slow save can be cancelled, and a pasted address is offered', async ({ app }) => {
    await app.getByRole('button', { name: 'Add from URL…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Add from URL' });
    const field = dialog.getByRole('textbox', { name: 'Web address' });

    await field.fill('ftp://example.com/a.html');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Only http:// and https:// addresses can be saved.');

    expect(await seriousViolations(app)).toEqual([]);

    await field.fill(`${server.origin}/missing-page`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('404');
    await expect(field).toBeFocused();

    await field.fill(`${server.origin}/doc.pdf`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText(/PDF|not a web page|HTML/i);

    // A page that never finishes: progress shows, Cancel stops it, nothing is added.
    await field.fill(`${server.origin}/hang`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('status')).toContainText(/Downloading the page/);
    await dialog.getByRole('button', { name: 'Cancel saving' }).click();
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText('');
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('list').first().getByRole('listitem')).toHaveCount(1);

    // Pasting an address into the library offers to save it.
    await app.evaluate((url) => {
      const data = new DataTransfer();
      data.setData('text/plain', url);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `${server.origin}/news.html`);
    await expect(dialog).toBeVisible();
    await expect(field).toHaveValue(`${server.origin}/news.html`);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: NEWS })).toBeVisible({ timeout: 20_000 });
  });

  test('drop files on the window, and File ▸ Add Files…: a summary of what was added and refused', async ({ app, dialogs, emit, grantDroppedFiles }, testInfo) => {
    // HARNESS (differs from Electron): Chromium has no webUtils.getPathForFile; the
    // test registers each File it makes with the path it stands for (preload-shim.ts).
    const folder = await mkdtemp(join(tmpdir(), 'lectern-drop-'));
    try {
      await cp(join(FIXTURES, 'files'), folder, { recursive: true });
      await writeFile(join(folder, 'report.pdf'), '%PDF-1.4');
      await dropFiles(app, grantDroppedFiles, [
        { name: 'saved-page.html', path: join(folder, 'saved-page.html'), type: 'text/html' },
        { name: 'report.pdf', path: join(folder, 'report.pdf'), type: 'application/pdf' },
      ]);
      // The PDF is refused by name; the page is added, with its images from beside the file.
      await expect(app.getByRole('status').filter({ hasText: 'Added 1 article.' })).toContainText(
        '1 file was refused: report.pdf — Only .html, .htm, .md, .markdown and .txt files can be added.',
      );
      await expect(app.getByRole('button', { name: 'Der Leuchtturm', exact: true })).toBeVisible();
      await app.screenshot({ path: testInfo.outputPath('drop-summary.png') });
      await app.getByRole('button', { name: 'Dismiss' }).click();

      // A File made by page script has no path: nothing is sent to main.
      await app.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['<p>x</p>'], '/etc/passwd.html', { type: 'text/html' }));
        document.querySelector('lectern-app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      await expect(app.getByRole('status').filter({ hasText: 'Only files from your disk can be added.' })).toBeVisible();
      await app.getByRole('button', { name: 'Dismiss' }).click();

      // A path main never granted (no trusted drop; or a drop's grant already used) is refused in words, unread.
      const again = await app.evaluate(async (path) => {
        const file = new File(['x'], 'field-notes.md', { type: 'text/markdown' });
        (window as unknown as { __lecternTestRegisterFile(f: File, p: string): void }).__lecternTestRegisterFile(file, path);
        return (window as unknown as { lectern: { addDroppedFiles(files: File[]): Promise<unknown> } }).lectern.addDroppedFiles([file]);
      }, join(folder, 'field-notes.md'));
      expect(again).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not dropped on Lectern') } });

      // File ▸ Add Files… asks main's open dialog; one added, one refused, said in words.
      dialogs.files = [join(folder, 'field-notes.md'), join(folder, 'missing.txt')];
      await emit('menu:command', { command: 'add-files' });
      const summary = app.getByRole('status').filter({ hasText: 'Added 1 article.' });
      await expect(summary).toContainText('1 file was refused: missing.txt — The file does not exist.');
      expect(dialogs.asked.at(-1)).toEqual({ kind: 'files', title: 'Add files to the library' });
      await expect(app.getByRole('listitem')).toHaveCount(3);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('mark read and unread, tags, sort and filter, empty the trash; keyboard and axe', async ({ app, dispatch, grantDroppedFiles }) => {
    const folder = await mkdtemp(join(tmpdir(), 'lectern-files-'));
    try {
      await cp(join(FIXTURES, 'files'), folder, { recursive: true });
      const paths = [join(folder, 'meeting.txt'), join(folder, 'field-notes.md')];
      grantDroppedFiles(paths); // HARNESS: as the preload grants a drop
      const added = await dispatch('library:add-files', { paths });
      expect(added.ok).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    await expect(app.getByRole('listitem')).toHaveCount(3);
    const titles = () => app.locator('library-view button.open').allTextContents();

    // Sort by title; filter unread / finished.
    await app.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Title' });
    const sorted = await titles();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    const storyRow = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title, exact: true }) });
    await storyRow.getByRole('button', { name: 'Mark as read' }).click();
    await expect(storyRow).toContainText('Finished');
    await app.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Finished' });
    await expect.poll(titles).toEqual([STORY.title]);
    await app.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Unread' });
    await expect.poll(async () => (await titles()).length).toBe(2);
    await app.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All articles' });
    await expect.poll(async () => (await titles()).length).toBe(3);
    expect(await seriousViolations(app)).toEqual([]);

    // Tags in the reader: type and Enter; they show on the row and filter the library.
    await app.getByRole('button', { name: STORY.title, exact: true }).click();
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
    const tagField = app.getByRole('textbox', { name: 'Add a tag to the article' });
    await tagField.fill('korea, security');
    await tagField.press('Enter');
    await expect(app.getByRole('button', { name: 'Remove tag security' })).toBeVisible();
    await app.getByRole('button', { name: 'Remove tag korea' }).click();
    await expect(app.getByRole('button', { name: 'Remove tag korea' })).toHaveCount(0);
    expect(await seriousViolations(app)).toEqual([]);
    await app.getByRole('button', { name: 'Back to library' }).click();
    await expect(storyRow).toContainText('#security');
    await app.getByRole('combobox', { name: 'Show' }).selectOption({ label: '#security' });
    await expect.poll(titles).toEqual([STORY.title]);
    await app.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All articles' });

    // Delete two from the keyboard, then empty the trash (asks first).
    for (let i = 0; i < 2; i++) {
      await app.getByRole('listitem').first().getByRole('button', { name: 'Delete' }).focus();
      await app.keyboard.press('Enter');
      await expect(app.getByRole('listitem')).toHaveCount(2 - i);
    }
    await app.getByRole('button', { name: 'Trash', exact: true }).click();
    await expect(app.getByRole('heading', { level: 2 })).toHaveCount(2);
    expect(await seriousViolations(app)).toEqual([]);
    await app.getByRole('button', { name: 'Empty trash…' }).click();
    const confirm = app.getByRole('alertdialog');
    await expect(confirm).toContainText('Delete 2 articles and their notes for good?');
    await expect(confirm.getByRole('button', { name: 'Keep them' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 2 })).toHaveCount(2);
    await app.getByRole('button', { name: 'Empty trash…' }).click();
    await app.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();
    await expect(app.getByText('The trash is empty.')).toBeVisible();
  });
});
