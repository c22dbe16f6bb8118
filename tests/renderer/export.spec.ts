import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { expect, test } from './fixtures';
import { highlightVia } from './seed';
import { STORY } from './story';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const NOTE = 'Who else was in the room? | "two meetings" <b>#1</b> 정보 🤝';

test.describe('export and import of notes', () => {
  test('from the Notes panel: preview Markdown, copy it, save it; PDF too; Escape closes and focus returns', async ({
    app,
    dispatch,
    libraryDir,
    dialogs,
  }) => {
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note: NOTE, tags: ['sources'] });
    await highlightVia(dispatch, libraryDir, 'two meetings with North Koreaan Minister', { color: 'yellow' });
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const exportButton = app.getByRole('complementary', { name: 'Notes' }).getByRole('button', { name: 'Export…' });
    await exportButton.click();

    const dialog = app.getByRole('dialog', { name: 'Export notes' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /Markdown/ })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: /This article/ })).toBeChecked();
    const preview = dialog.getByRole('region', { name: /Preview/ }).locator('pre');
    await expect(preview).toContainText('> Sergey Naryshkin');
    await expect(preview).toContainText(NOTE);
    await expect(preview).toContainText('#sources');

    // The preview is real Markdown: two blockquotes, the note's characters intact.
    const markdown = (await preview.textContent()) ?? '';
    const tokens = new MarkdownIt().parse(markdown, {});
    expect(tokens.filter((t) => t.type === 'blockquote_open')).toHaveLength(2);

    await dialog.getByRole('button', { name: 'Copy' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

    // Tags off: the preview follows.
    await dialog.getByRole('checkbox', { name: 'Tags' }).uncheck();
    await expect(preview).not.toContainText('#sources');
    await dialog.getByRole('checkbox', { name: 'Tags' }).check();

    const out = await mkdtemp(join(tmpdir(), 'lectern-export-'));
    dialogs.save = join(out, 'story.md');
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved 2 notes to ${dialogs.save}.`);
    // The same text, but for the moment it was exported.
    const stamp = /^exported: .*$/mu;
    expect((await readFile(dialogs.save, 'utf8')).replace(stamp, '')).toBe(markdown.replace(stamp, ''));
    expect(dialogs.asked).toEqual([
      { kind: 'save', title: 'Export notes', defaultName: 'Russian intelligence chief discusses security cooperation in Pyongyang.md' },
    ]);

    // PDF: printed from the HTML export by the browser engine.
    await dialog.getByRole('radio', { name: /PDF/ }).check();
    await expect(dialog.getByRole('heading', { name: /Preview \(the HTML the PDF is printed from\)/ })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Copy' })).toBeDisabled();
    dialogs.save = join(out, 'story.pdf');
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved 2 notes to ${dialogs.save}.`);
    const pdf = await readFile(dialogs.save);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Cancelling main's save dialog writes nothing and says nothing went wrong.
    dialogs.save = null;
    await dialog.getByRole('radio', { name: /CSV/ }).check();
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    expect((await readdir(out)).sort()).toEqual(['story.md', 'story.pdf']);

    const axe = await new AxeBuilder({ page: app }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(exportButton).toBeFocused();
  });

  test('the whole library goes into a folder, one Markdown file per article, from the keyboard', async ({
    app,
    dispatch,
    libraryDir,
    dialogs,
  }) => {
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note: 'n' });
    await app.keyboard.press('Control+Shift+E');
    const dialog = app.getByRole('dialog', { name: 'Export notes' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /The whole library/ })).toBeChecked();
    const folder = await mkdtemp(join(tmpdir(), 'lectern-export-'));
    dialogs.folder = folder;
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved 1 note to ${folder}.`);
    expect(await readdir(folder)).toEqual(['Russian intelligence chief discusses security cooperation in Pyongyang.md']);
    expect(dialogs.asked).toEqual([{ kind: 'folder', title: 'Export notes into a folder' }]);
  });

  test('File ▸ Import notes… brings an export made elsewhere into this library; importing twice adds nothing', async ({
    app,
    annotations,
    dialogs,
    emit,
  }) => {
    // The golden JSON export of the story with four highlights and an article note, made in another library.
    dialogs.open = join(import.meta.dirname, '../fixtures/export/story.json');
    await openStory(app);
    await emit('menu:command', { command: 'import-notes' });
    await expect(app.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 5 notes added.');
    const stored = await annotations.list(STORY.id);
    expect(stored.highlights).toHaveLength(4);
    expect(stored.articleNote?.note).toContain('AFP wire story');
    await expect.poll(() => app.evaluate(() => CSS.highlights.get('lectern-has-note')?.size ?? 0)).toBeGreaterThan(0);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await expect(app.getByRole('complementary', { name: 'Notes' }).getByRole('listitem').filter({ hasText: 'bilateral security cooperation' })).toHaveCount(2);

    await app.getByRole('button', { name: 'Dismiss' }).click();
    await emit('menu:command', { command: 'import-notes' });
    await expect(app.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 0 notes added, 5 already here.');
    expect((await annotations.list(STORY.id)).highlights).toHaveLength(4);
    expect(dialogs.asked.map((a) => a.kind)).toEqual(['open', 'open']);
  });
});
