import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { highlightVia } from './seed';
import { STORY } from './story';

const searchField = (app: Page) =>
  app.getByRole('search', { name: 'Search the library' }).getByRole('searchbox', { name: 'Search the library' });
const results = (app: Page) => app.getByRole('list', { name: 'Search results' });

test.describe('library search', () => {
  test('a typo finds the story, and the text hit opens it at the word with the find bar filled in', async ({ app }) => {
    await searchField(app).fill('Naryshkn');
    const status = app.getByRole('status').filter({ hasText: 'match' });
    await expect(status).toContainText('1 article matches.');
    await expect(status).toContainText('showing “naryshkin”');
    const result = results(app).getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title, exact: true }) });
    await expect(result).toHaveCount(1);
    const hit = result.getByRole('button', { name: /^Text / });
    await expect(hit.locator('mark').first()).toHaveText(/naryshkin/iu);

    await hit.click();
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    const find = app.getByRole('search', { name: 'Find in article' });
    await expect(find.getByRole('textbox', { name: 'Find in article' })).toHaveValue(/^naryshkin$/iu);
    await expect(find.getByRole('status')).toHaveText('1 of 1');
    // The match is on screen.
    const inView = await app.evaluate(() => {
      const range = [...(CSS.highlights.get('lectern-find-current') as Highlight)][0] as Range;
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
  });

  test('as-you-type prefixes, folding and the source’s own misspelling', async ({ app }) => {
    const field = searchField(app);
    const status = app.getByRole('status').filter({ hasText: 'match' });
    for (const query of ['Pyongyan', 'pyong', 'PYÖNGYANG', 'Korean', 'Koreaan']) {
      await field.fill(query);
      await expect(status, query).toContainText('1 article matches.');
      await expect(results(app).getByRole('button', { name: STORY.title, exact: true }), query).toBeVisible();
    }
    await field.fill('zzzqqxv');
    await expect(app.getByRole('status').filter({ hasText: 'No articles match.' })).toBeVisible();
    await field.press('Escape');
    await expect(field).toHaveValue('');
    await expect(results(app)).toHaveCount(0);
    await expect(app.getByRole('button', { name: STORY.title, exact: true })).toBeVisible();
  });

  test('a word only in a note finds the note, and opening it shows that highlight', async ({ app, dispatch, libraryDir }) => {
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note: 'Compare with the <script>zeppelin</script> briefing.', tags: ['sources'] });
    await searchField(app).fill('zeppelin');
    const hit = results(app).getByRole('button', { name: /^Note / });
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText('<script>zeppelin</script>');
    await expect(hit.locator('mark')).toHaveText('zeppelin');
    await expect(results(app).getByRole('button', { name: /^Text / })).toHaveCount(0);

    await hit.click();
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('textbox', { name: 'Note' })).toHaveValue('Compare with the <script>zeppelin</script> briefing.');
    await expect(popover.getByRole('radio', { name: 'Question' })).toBeChecked();
  });

  test('filters by color, tag and notes; Ctrl+K searches from the reader', async ({ app, dispatch, libraryDir }) => {
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note: 'who he met', tags: ['sources'] });
    const status = app.getByRole('status').filter({ hasText: 'match' });
    const filters = app.getByRole('search', { name: 'Search the library' });

    await filters.getByRole('button', { name: 'Has notes' }).click();
    await expect(status).toHaveText('1 article matches.');
    await filters.getByRole('button', { name: 'Has notes' }).click();
    await filters.getByRole('group', { name: 'Only articles with highlights in' }).getByRole('button', { name: 'Evidence' }).click();
    await expect(status).toHaveText('No articles match.');
    await filters.getByRole('group', { name: 'Only articles with highlights in' }).getByRole('button', { name: 'Evidence' }).click();
    await filters.getByRole('group', { name: 'Only articles with highlights in' }).getByRole('button', { name: 'Question' }).click();
    await expect(status).toHaveText('1 article matches.');
    await filters.getByRole('group', { name: 'Only articles with highlights in' }).getByRole('button', { name: 'Question' }).click();
    await filters.getByRole('textbox', { name: 'Tags' }).fill('#sources');
    await expect(status).toHaveText('1 article matches.');
    await filters.getByRole('textbox', { name: 'Tags' }).fill('');
    await expect(results(app)).toHaveCount(0);

    await app.getByRole('button', { name: STORY.title, exact: true }).click();
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    await app.keyboard.press('Control+k');
    await expect(searchField(app)).toBeFocused();
    await app.keyboard.type('Naryshkin');
    await expect(status).toHaveText('1 article matches.');
    // Down arrow goes to the results, Enter opens the article.
    await app.keyboard.press('ArrowDown');
    await expect(results(app).getByRole('button', { name: STORY.title, exact: true })).toBeFocused();
    await app.keyboard.press('ArrowUp');
    await expect(searchField(app)).toBeFocused();

    const axe = await new AxeBuilder({ page: app }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  test('hits of every kind line up: one label column, every snippet starting at the same place', async ({
    app,
    dispatch,
    libraryDir,
  }, testInfo) => {
    await highlightVia(dispatch, libraryDir, 'Minister of State Security Ri Chang Dae', {
      color: 'purple',
      note: 'Ri Chang Dae: who else was in the meetings?',
      tags: ['ri'],
    });
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { color: 'yellow', note: 'Ri was his host.' });
    await searchField(app).fill('Ri Chang Dae');
    const result = results(app).getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title, exact: true }) });
    const hits = result.getByRole('button', { name: /^(Text|Note|Highlight|Highlight tag) / });
    await expect.poll(() => hits.count()).toBeGreaterThanOrEqual(3);
    const labels = await hits.locator('.label').allTextContents();
    // Labels of different lengths: the case the grid is for.
    expect(new Set(labels.map((l) => l.length)).size).toBeGreaterThan(1);
    const snippetLefts = await hits.locator('.snippet').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().left));
    const labelRights = await hits.locator('.label').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().right));
    for (const left of snippetLefts) expect(left).toBeCloseTo(snippetLefts[0]!, 0);
    // No label runs into its snippet.
    for (const right of labelRights) expect(right).toBeLessThanOrEqual(snippetLefts[0]!);
    await app.screenshot({ path: testInfo.outputPath('search-hits-aligned.png') });
  });
});
