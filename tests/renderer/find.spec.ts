import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { STORY } from './story';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const highlightSize = (app: Page, name: string) =>
  app.evaluate((n) => (CSS.highlights.get(n) as Highlight | undefined)?.size ?? 0, name);

/** How often "Pyongyang" appears in the story's body. */
const PYONGYANG = STORY.paragraphs.join('\n').match(/pyongyang/giu)?.length ?? 0;

test.describe('find in the article', () => {
  test('Ctrl+F finds every match, steps through them and Escape clears them', async ({ app }) => {
    expect(PYONGYANG).toBeGreaterThan(2);
    await openStory(app);
    const before = await app.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.textContent ?? '';
    });
    await app.keyboard.press('Control+f');
    const search = app.getByRole('search', { name: 'Find in article' });
    const field = search.getByRole('textbox', { name: 'Find in article' });
    await expect(field).toBeFocused();
    const status = search.getByRole('status');

    await field.fill('Pyongyang');
    await expect(status).toHaveText(`1 of ${PYONGYANG}`);
    expect(await highlightSize(app, 'lectern-find')).toBe(PYONGYANG);
    expect(await highlightSize(app, 'lectern-find-current')).toBe(1);

    await app.keyboard.press('Enter');
    await expect(status).toHaveText(`2 of ${PYONGYANG}`);
    await app.keyboard.press('Shift+Enter');
    await expect(status).toHaveText(`1 of ${PYONGYANG}`);
    await app.keyboard.press('Shift+Enter');
    await expect(status).toHaveText(`${PYONGYANG} of ${PYONGYANG}`);
    await app.keyboard.press('F3');
    await expect(status).toHaveText(`1 of ${PYONGYANG}`);
    await search.getByRole('button', { name: 'Next match' }).click();
    await expect(status).toHaveText(`2 of ${PYONGYANG}`);
    await search.getByRole('button', { name: 'Previous match' }).click();
    await expect(status).toHaveText(`1 of ${PYONGYANG}`);

    await field.fill('Koreaan');
    await expect(status).toHaveText('1 of 1');
    await field.fill('zzzz');
    await expect(status).toHaveText('No matches');
    expect(await highlightSize(app, 'lectern-find')).toBe(0);

    await field.fill('pyongyang');
    const toggle = search.getByRole('button', { name: 'Match case' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(status).toHaveText('No matches');
    await toggle.click();
    await expect(status).toHaveText(new RegExp(`of ${PYONGYANG}$`, 'u'));

    await field.press('Escape');
    await expect(search).toHaveCount(0);
    expect(await highlightSize(app, 'lectern-find')).toBe(0);
    expect(await highlightSize(app, 'lectern-find-current')).toBe(0);
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    const after = await app.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.textContent ?? '';
    });
    expect(after).toBe(before);
  });

  test('/ opens the bar too, and Close find closes it', async ({ app }) => {
    await openStory(app);
    await app.keyboard.press('/');
    const search = app.getByRole('search', { name: 'Find in article' });
    await expect(search.getByRole('textbox', { name: 'Find in article' })).toBeFocused();
    await search.getByRole('textbox', { name: 'Find in article' }).fill('Moscow');
    await expect(search.getByRole('status')).toHaveText(/^1 of \d+$/u);
    await search.getByRole('button', { name: 'Close find' }).click();
    await expect(search).toHaveCount(0);
    expect(await highlightSize(app, 'lectern-find')).toBe(0);
  });

  test('the bar is docked above the text: the article moves down, the bar stays on screen, the current match is never under it', async ({
    app,
  }, testInfo) => {
    await app.setViewportSize({ width: 1000, height: 520 });
    await openStory(app);
    const bar = app.locator('article-view find-bar');
    /** The bar's box, the current match's box and the viewport's height, as the page has them. */
    const boxes = () =>
      app.locator('article-view').evaluate((view) => {
        const band = view.shadowRoot!.querySelector('find-bar')!.getBoundingClientRect();
        const range = [...(CSS.highlights.get('lectern-find-current') as Highlight)][0] as Range;
        const match = range.getBoundingClientRect();
        return { bar: { top: band.top, bottom: band.bottom }, match: { top: match.top, bottom: match.bottom }, height: innerHeight };
      });

    // At the top of the page the bar takes its own room: the title starts below it.
    const titleBefore = (await app.getByRole('heading', { level: 1, name: STORY.title }).boundingBox())!;
    await app.keyboard.press('Control+f');
    await expect(bar).toBeVisible();
    const barBox = (await bar.boundingBox())!;
    const titleAfter = (await app.getByRole('heading', { level: 1, name: STORY.title }).boundingBox())!;
    expect(titleAfter.y).toBeGreaterThanOrEqual(barBox.y + barBox.height);
    expect(titleAfter.y).toBeGreaterThan(titleBefore.y);
    await app.screenshot({ path: testInfo.outputPath('find-docked-opened.png') });

    const search = app.getByRole('search', { name: 'Find in article' });
    await search.getByRole('textbox', { name: 'Find in article' }).fill('Pyongyang');
    await expect(search.getByRole('status')).toHaveText(`1 of ${PYONGYANG}`);
    await app.screenshot({ path: testInfo.outputPath('find-docked-top.png') });
    // Every match in turn, from the top of the article down and round again.
    for (let i = 1; i <= PYONGYANG + 1; i++) {
      const { bar: band, match, height } = await boxes();
      expect(match.top, `match ${i}`).toBeGreaterThanOrEqual(band.bottom);
      expect(match.bottom, `match ${i}`).toBeLessThanOrEqual(height);
      await app.keyboard.press('Enter');
      await expect(search.getByRole('status')).toHaveText(`${(i % PYONGYANG) + 1} of ${PYONGYANG}`);
    }

    // Scrolled by hand, the bar stays at the top of the view, and nothing of the text shows above it.
    await app.mouse.move(500, 400);
    await app.mouse.wheel(0, 900);
    await expect.poll(async () => (await bar.boundingBox())?.y).toBe(0);
    await expect(search.getByRole('textbox', { name: 'Find in article' })).toBeInViewport();
    // Stepping from there still brings the match out from under the bar.
    await app.keyboard.press('Shift+Enter');
    const after = await boxes();
    expect(after.match.top).toBeGreaterThanOrEqual(after.bar.bottom);
    expect(after.match.bottom).toBeLessThanOrEqual(after.height);
    await app.screenshot({ path: testInfo.outputPath('find-docked-scrolled.png') });
  });

  test('no serious accessibility violations with the bar open', async ({ app }) => {
    await openStory(app);
    await app.keyboard.press('Control+f');
    await app.getByRole('textbox', { name: 'Find in article' }).fill('Pyongyang');
    const results = await new AxeBuilder({ page: app }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });
});
