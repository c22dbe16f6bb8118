/**
 * Highlights and notes as a user makes them, in Chromium against the real main
 * services: mouse and keyboard selection, the toolbar, overlaps, the popover, notes,
 * delete and undo, orphans, the Notes panel, axe. Long because it is one user journey
 * (ARCHITECTURE.md §4) told in its steps.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clickText, dragSelect, seriousViolations } from './page-helpers';
import { STORY } from './story';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

/** How many ranges the named CSS highlight holds (0 when it is not registered). */
const highlightSize = (app: Page, name: string) =>
  app.evaluate((n) => (CSS.highlights.get(n) as Highlight | undefined)?.size ?? 0, name);

const SENTENCE = STORY.paragraphs[6]!; // "Following this summit, the United States claimed …"

test.describe('highlights', () => {
  test('a sentence selected with the mouse is highlighted from the toolbar, noted, and both survive a reload', async ({
    app,
  }) => {
    await openStory(app);
    await dragSelect(app, SENTENCE);
    const toolbar = app.getByRole('toolbar', { name: 'Highlight' });
    await expect(toolbar).toBeVisible();
    await toolbar.getByRole('button', { name: 'Highlight: Key point' }).click();
    await expect(toolbar).toBeHidden();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);

    await clickText(app, 'United States');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('radio', { name: 'Key point' })).toBeChecked();
    await popover.getByRole('textbox', { name: 'Note' }).fill('Claimed, not shown.\n\nCompare with the March figures.');
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect.poll(() => highlightSize(app, 'lectern-has-note')).toBe(1);

    await app.reload();
    await openStory(app);
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
    expect(await highlightSize(app, 'lectern-has-note')).toBe(1);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    const item = panel.getByRole('listitem').filter({ hasText: 'United States claimed' });
    await expect(item).toContainText('Key point');
    await expect(item).toContainText('Claimed, not shown.');
    await expect(item).toContainText('Has note');
  });

  test('keyboard only: Shift+arrows select, H highlights, Tab reaches the toolbar, n/p and Enter open a highlight', async ({
    app,
    annotations,
  }) => {
    await app.getByRole('button', { name: STORY.title }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeFocused();

    // Three words from the start of the first paragraph in view, then H.
    for (let i = 0; i < 3; i++) await app.keyboard.press('Control+Shift+ArrowRight');
    const toolbar = app.getByRole('toolbar', { name: 'Highlight' });
    await expect(toolbar).toBeVisible();
    await app.keyboard.press('h');
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
    await expect(toolbar).toBeHidden();
    const first = (await annotations.list(STORY.id)).highlights[0]!;
    expect(first.target.quote.exact).toBe('Pyongyang announced on');
    expect(first.color).toBe('yellow');

    // A line, then Tab into the toolbar, → to the second color, Enter.
    await app.keyboard.press('Shift+ArrowDown');
    await expect(toolbar).toBeVisible();
    await app.keyboard.press('Tab');
    await expect(toolbar.getByRole('button', { name: 'Highlight: Key point' })).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name: 'Highlight: Evidence' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect.poll(() => highlightSize(app, 'lectern-green')).toBe(1);

    // n / p move between them and announce; Enter opens the current one; Escape closes it.
    await app.keyboard.press('p');
    await expect(app.getByRole('status').filter({ hasText: 'Highlight 1 of 2, Key point: Pyongyang announced on' })).toHaveCount(1);
    await app.keyboard.press('n');
    await expect(app.getByRole('status').filter({ hasText: /Highlight 2 of 2, Evidence: Pyongyang announced on Thursday/ })).toHaveCount(1);
    expect(await highlightSize(app, 'lectern-current')).toBe(1);
    await app.keyboard.press('Enter');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('radio', { name: 'Evidence' })).toBeFocused();
    // Arrow keys change the color in the radio group.
    await app.keyboard.press('ArrowRight');
    await expect(popover.getByRole('radio', { name: 'Question' })).toBeChecked();
    await expect.poll(() => highlightSize(app, 'lectern-blue')).toBe(1);
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    // Focus came back to the article, not the start of the page: the reader is still here.
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    await app.keyboard.press('Enter');
    await expect(popover).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  });

  test('a programmatic selection across paragraphs and inline formatting, highlighted with Ctrl+Shift+H', async ({
    app,
    libraryDir,
    annotations,
  }) => {
    await writeFile(
      join(libraryDir, 'articles', STORY.id, 'content.html'),
      '<p>Alpha <em>beta</em> gamma.</p>\n<p>Delta <strong>epsilon</strong> zeta.</p>\n',
    );
    await openStory(app);
    await app.locator('article-view').evaluate((view) => {
      const root = view.shadowRoot!;
      const em = root.querySelector('.body em')!.firstChild!;
      const strong = root.querySelector('.body strong')!.firstChild!;
      document.getSelection()!.setBaseAndExtent(em, 0, strong, 7);
    });
    await expect(app.getByRole('toolbar', { name: 'Highlight' })).toBeVisible();
    await app.keyboard.press('Control+Shift+H');
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
    const [stored] = (await annotations.list(STORY.id)).highlights;
    expect(stored!.target.quote).toMatchObject({ exact: 'beta gamma.\nDelta epsilon', prefix: 'Alpha ', suffix: ' zeta.\n' });
    expect(stored!.target.position).toMatchObject({ start: 6, end: 31 });
    await app.reload();
    await openStory(app);
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
  });

  test('overlapping highlights both stay drawn, and a click in the overlap lets you pick either', async ({ app }) => {
    await openStory(app);
    const toolbar = app.getByRole('toolbar', { name: 'Highlight' });
    await dragSelect(app, 'Pyongyang had begun supplying Moscow');
    await toolbar.getByRole('button', { name: 'Highlight: Key point' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
    await dragSelect(app, 'supplying Moscow with weapons');
    await toolbar.getByRole('button', { name: 'Highlight: Question' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-blue')).toBe(1);
    expect(await highlightSize(app, 'lectern-yellow')).toBe(1);

    await clickText(app, 'supplying Moscow');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover).toContainText('2 highlights overlap here. Which one?');
    const choices = popover.getByRole('list').getByRole('button');
    await expect(choices).toHaveCount(2);
    await expect(choices.nth(0)).toContainText('Pyongyang had begun supplying Moscow');
    await expect(choices.nth(1)).toContainText('supplying Moscow with weapons');
    await expect(choices.nth(0)).toBeFocused();

    await choices.nth(1).click();
    await expect(popover.getByRole('radio', { name: 'Question' })).toBeChecked();
    await popover.getByRole('button', { name: 'Other highlights here' }).click();
    await popover.getByRole('button', { name: /Pyongyang had begun supplying Moscow/ }).click();
    await expect(popover.getByRole('radio', { name: 'Key point' })).toBeChecked();
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();

    // A click outside the overlap opens the one highlight there, without a picker.
    await clickText(app, 'with weapons');
    await expect(popover.getByRole('radio', { name: 'Question' })).toBeChecked();
  });

  test('without highlightsFromPoint and getComposedRanges, the caret position and ShadowRoot.getSelection do the work', async ({
    app,
  }) => {
    const left = await app.evaluate(() => {
      type Loose = Partial<Record<string, unknown>>;
      delete (HighlightRegistry.prototype as unknown as Loose)['highlightsFromPoint'];
      delete (Selection.prototype as unknown as Loose)['getComposedRanges'];
      return [typeof (CSS.highlights as unknown as Loose)['highlightsFromPoint'], typeof getSelection()!.getComposedRanges];
    });
    expect(left).toEqual(['undefined', 'undefined']);
    await openStory(app);
    await dragSelect(app, 'Pyongyang had begun supplying Moscow');
    await app.getByRole('button', { name: 'Highlight: Key point' }).click();
    await dragSelect(app, 'supplying Moscow with weapons');
    await app.getByRole('button', { name: 'Highlight: Question' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-blue')).toBe(1);
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await clickText(app, 'supplying Moscow');
    await expect(popover.getByRole('list').getByRole('button')).toHaveCount(2);
    await app.keyboard.press('Escape');
    await clickText(app, 'Pyongyang had begun');
    await expect(popover.getByRole('radio', { name: 'Key point' })).toBeChecked();
    await app.keyboard.press('Escape');
    // Plain text between highlights opens nothing.
    await clickText(app, 'Following this summit');
    await expect(popover).toBeHidden();
  });

  test('delete shows Undo, which restores the highlight; Ctrl+Z does too', async ({ app, annotations }) => {
    await openStory(app);
    await dragSelect(app, SENTENCE);
    await app.getByRole('button', { name: 'Highlight: Key point' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);

    await clickText(app, 'United States');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await popover.getByRole('button', { name: 'Delete' }).click();
    await expect(popover).toBeHidden();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(0);
    const toast = app.getByRole('status').filter({ hasText: 'Highlight deleted: “Following this summit, the United States claimed that…”.' });
    await expect(toast).toBeVisible();
    expect((await annotations.list(STORY.id)).highlights).toHaveLength(0);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
    await expect(app.getByRole('button', { name: 'Undo' })).toBeHidden();
    expect((await annotations.list(STORY.id)).highlights).toHaveLength(1);

    await clickText(app, 'United States');
    await popover.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(0);
    await app.keyboard.press('Control+z');
    await expect.poll(() => highlightSize(app, 'lectern-yellow')).toBe(1);
  });

  test('tags, color names, filters, Copy quote, and reaching a highlight from the panel', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await expect(app.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute('aria-expanded', 'true');
    const panel = app.getByRole('complementary', { name: 'Notes' });

    await panel.getByText('Colors').click();
    await panel.getByRole('textbox', { name: 'Yellow' }).fill('Main idea');
    await panel.getByRole('textbox', { name: 'Yellow' }).press('Enter');

    await dragSelect(app, 'around 7,000 containers of weapons');
    await app.getByRole('button', { name: 'Highlight: Main idea' }).click();
    await dragSelect(app, SENTENCE);
    await app.getByRole('button', { name: 'Highlight: Evidence' }).click();
    await expect(panel.getByRole('listitem')).toHaveCount(2);

    await clickText(app, '7,000 containers');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    const tag = popover.getByRole('textbox', { name: 'Add tag' });
    await tag.fill('weapons');
    await tag.press('Enter');
    await tag.fill('#numbers');
    await tag.press('Enter');
    await expect(popover.getByRole('button', { name: 'Remove tag weapons' })).toBeVisible();
    await popover.getByRole('button', { name: 'Remove tag numbers' }).click();
    await expect(popover.getByRole('button', { name: 'Remove tag numbers' })).toBeHidden();
    await popover.getByRole('button', { name: 'Copy quote' }).click();
    await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('around 7,000 containers of weapons');
    await popover.getByRole('button', { name: 'Close' }).click();
    await expect(popover).toBeHidden();

    // Document order, whatever order they were made in.
    const items = panel.getByRole('listitem').filter({ has: app.getByRole('button') });
    await expect(items.nth(0)).toContainText('Following this summit');
    await expect(items.nth(1)).toContainText('around 7,000 containers');
    await expect(items.nth(1)).toContainText('Main idea');
    await expect(items.nth(1)).toContainText('weapons');

    await panel.getByRole('combobox', { name: 'Filter by tag' }).selectOption('weapons');
    await expect(panel.getByRole('button', { name: /Following this summit/ })).toBeHidden();
    await panel.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
    await panel.getByRole('combobox', { name: 'Filter by color' }).selectOption({ label: 'Evidence' });
    await expect(panel.getByRole('button', { name: /7,000 containers/ })).toBeHidden();
    await expect(panel.getByRole('button', { name: /Following this summit/ })).toBeVisible();
    await panel.getByRole('combobox', { name: 'Filter by color' }).selectOption('');

    await app.evaluate(() => window.scrollTo(0, 0));
    await panel.getByRole('button', { name: /7,000 containers/ }).focus();
    await app.keyboard.press('Enter');
    expect(await highlightSize(app, 'lectern-flash')).toBe(1);
    expect(await highlightSize(app, 'lectern-current')).toBe(1);
    await expect(app.getByRole('status').filter({ hasText: /Main idea: around 7,000 containers/ })).toHaveCount(1);
  });

  test('an orphan (its text changed on disk) is listed under "Could not be placed" with its note, and can be deleted', async ({
    app,
    libraryDir,
    annotations,
  }) => {
    await openStory(app);
    await dragSelect(app, 'the United States claimed that Pyongyang');
    await app.getByRole('button', { name: 'Add note' }).click();
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover.getByRole('textbox', { name: 'Note' })).toBeFocused();
    await app.keyboard.type('Who said so?');
    await app.keyboard.press('Escape');
    await expect.poll(async () => (await annotations.list(STORY.id)).highlights[0]?.note).toBe('Who said so?');

    const file = join(libraryDir, 'articles', STORY.id, 'content.html');
    const html = await readFile(file, 'utf8');
    await writeFile(file, html.replace(SENTENCE, 'Following this summit, officials said nothing more.'));
    await app.reload();
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const orphans = app.getByRole('region', { name: /Could not be placed/ });
    await expect(orphans).toContainText('the United States claimed that Pyongyang');
    await expect(orphans).toContainText('Who said so?');
    expect(await highlightSize(app, 'lectern-yellow')).toBe(0);
    // Still stored: an orphan is never dropped silently.
    expect((await annotations.list(STORY.id)).highlights).toHaveLength(1);
    await app.getByRole('complementary', { name: 'Notes' }).getByText('Colors').click();
    expect(await seriousViolations(app)).toEqual([]);

    await orphans.getByRole('button', { name: /Delete highlight/ }).click();
    await expect(orphans).toBeHidden();
    expect((await annotations.list(STORY.id)).highlights).toHaveLength(0);
  });

  test('the article note and a highlight note typed just before a reload are not lost', async ({ app, annotations }) => {
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await panel.getByRole('textbox', { name: 'Article note' }).fill('Read with the March report.\n- check the numbers');
    // Escape while writing stays in the article.
    await app.keyboard.press('Escape');
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    await dragSelect(app, SENTENCE);
    await app.getByRole('button', { name: 'Add note' }).click();
    await expect(app.getByRole('dialog', { name: 'Highlight' }).getByRole('textbox', { name: 'Note' })).toBeFocused();
    await app.keyboard.type('Typed, then the window closed');
    // No blur, no wait: the page goes away at once.
    await app.reload();
    await openStory(app);
    await expect(app.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Article note' })).toHaveValue(
      'Read with the March report.\n- check the numbers',
    );
    await expect(app.getByRole('complementary', { name: 'Notes' })).toContainText('Typed, then the window closed');
    await expect.poll(async () => (await annotations.list(STORY.id)).articleNote?.note).toBe(
      'Read with the March report.\n- check the numbers',
    );
    await expect.poll(async () => (await annotations.list(STORY.id)).highlights[0]?.note).toBe('Typed, then the window closed');
  });

  test('Ctrl+Shift+N toggles the Notes panel and moves focus into it', async ({ app }) => {
    await openStory(app);
    await app.keyboard.press('Control+Shift+N');
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Notes' })).toBeFocused();
    await expect(app.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute('aria-expanded', 'true');
    await app.keyboard.press('Control+Shift+N');
    await expect(panel).toBeHidden();
    await expect(app.getByRole('button', { name: 'Notes', exact: true })).toBeFocused();
  });
});


test.describe('highlights: accessibility and looks', () => {
  test('no serious accessibility violations with the toolbar, the popover (and its picker) and the panel open', async ({
    app,
  }) => {
    test.setTimeout(90_000); // four axe runs over the whole page
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    await dragSelect(app, 'Pyongyang had begun supplying Moscow');
    await app.getByRole('button', { name: 'Highlight: Key point' }).click();
    await dragSelect(app, 'supplying Moscow with weapons');
    await expect(app.getByRole('toolbar', { name: 'Highlight' })).toBeVisible();
    expect(await seriousViolations(app)).toEqual([]);

    await app.getByRole('button', { name: 'Add note' }).click();
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover.getByRole('textbox', { name: 'Note' })).toBeFocused();
    await app.keyboard.type('A note');
    await popover.getByRole('textbox', { name: 'Add tag' }).fill('supply');
    await popover.getByRole('textbox', { name: 'Add tag' }).press('Enter');
    expect(await seriousViolations(app)).toEqual([]);
    await app.keyboard.press('Escape');

    await clickText(app, 'supplying Moscow');
    await expect(popover).toContainText('Which one?');
    expect(await seriousViolations(app)).toEqual([]);
    await app.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(app)).toEqual([]);
  });

  test('screenshots: the reader with highlights and the Notes panel, light and dark', async ({ app }, testInfo) => {
    test.setTimeout(90_000); // five highlights made through the UI, on a busy 2-core CI machine
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await panel.getByRole('textbox', { name: 'Article note' }).fill('Background for the sanctions piece.');
    const painted = () =>
      app.evaluate(() =>
        ['yellow', 'green', 'blue', 'pink', 'purple'].reduce(
          (n, c) => n + ((CSS.highlights.get(`lectern-${c}`) as Highlight | undefined)?.size ?? 0),
          0,
        ),
      );
    let count = 0;
    const make = async (text: string, color: string, note = '') => {
      await dragSelect(app, text);
      await app.getByRole('button', { name: `Highlight: ${color}` }).click();
      // Wait until main has saved it and it is drawn, before clicking on it.
      await expect.poll(painted).toBe(++count);
      if (note) {
        await clickText(app, text);
        await app.getByRole('dialog', { name: 'Highlight' }).getByRole('textbox', { name: 'Note' }).fill(note);
        await app.keyboard.press('Escape');
      }
    };
    await make('discussed bilateral security cooperation', 'Key point', 'The headline claim.');
    await make('Sergey Naryshkin', 'Question');
    await make('"to confront increasing espionage activities and conspiracies plotted by hostile forces."', 'Evidence');
    await make('complete agreement on pending issues', 'Disagree', 'Vague on purpose?');
    await make('agreement on pending issues during the two meetings', 'Follow up');
    await app.evaluate(() => window.scrollTo(0, 0));
    await app.mouse.click(5, 5);
    await app.screenshot({ path: testInfo.outputPath('reader-highlights-light.png') });
    await clickText(app, 'Sergey Naryshkin');
    await app.screenshot({ path: testInfo.outputPath('reader-popover-light.png') });
    await app.keyboard.press('Escape');
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('reader-highlights-dark.png') });
    await dragSelect(app, 'Both Russia and North Korea');
    await app.screenshot({ path: testInfo.outputPath('reader-toolbar-dark.png') });
  });
});
