/**
 * View ▸ Single-Key Shortcuts (WCAG 2.1.4): with them off, N, P, H and / do nothing in
 * the reader, and Ctrl+Shift+H and Ctrl+F still work. The preference comes from main
 * (settings.json at start, `settings:changed` when the menu item is toggled).
 */
import type { Page } from '@playwright/test';
import { DEFAULT_APP_SETTINGS } from '../../common/model';
import { SettingsStore } from '../../main/library';
import { expect, test } from './fixtures';
import { highlightVia } from './seed';
import { STORY } from './story';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const highlightCount = (app: Page, name: string) =>
  app.evaluate((n) => (CSS.highlights.get(n) as Highlight | undefined)?.size ?? 0, name);

test.describe('single-key shortcuts', () => {
  test('off (as stored in settings.json): N, P, H and / do nothing; the Ctrl shortcuts still work; back on from the menu', async ({
    app,
    dispatch,
    libraryDir,
    emit,
  }) => {
    await highlightVia(dispatch, libraryDir, 'Russian intelligence chief');
    await new SettingsStore(libraryDir).setSingleKeyShortcuts(false);
    await app.reload();
    await openStory(app);
    const find = app.getByRole('search', { name: 'Find in article' });

    await app.keyboard.press('n');
    await app.keyboard.press('p');
    expect(await highlightCount(app, 'lectern-current')).toBe(0);
    await app.keyboard.press('/');
    await expect(find).toHaveCount(0);
    // H with a selection does not highlight; Ctrl+Shift+H does.
    for (let i = 0; i < 2; i++) await app.keyboard.press('Control+Shift+ArrowRight');
    await expect(app.getByRole('toolbar', { name: 'Highlight' })).toBeVisible();
    await app.keyboard.press('h');
    expect(await highlightCount(app, 'lectern-yellow')).toBe(0);
    await app.keyboard.press('Control+Shift+H');
    await expect.poll(() => highlightCount(app, 'lectern-yellow')).toBe(1);
    await app.keyboard.press('Control+f');
    await expect(find.getByRole('textbox', { name: 'Find in article' })).toBeFocused();
    await app.keyboard.press('Escape');

    // View ▸ Single-Key Shortcuts checked again: main saves it and tells the window.
    await emit('settings:changed', { ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: true });
    await expect(app.getByRole('status').filter({ hasText: 'Single-key shortcuts are on.' })).toHaveCount(1);
    await app.keyboard.press('n');
    await expect(app.getByRole('status').filter({ hasText: /^Highlight [12] of 2/ })).toHaveCount(1);
    expect(await highlightCount(app, 'lectern-current')).toBe(1);
    await app.keyboard.press('/');
    await expect(find.getByRole('textbox', { name: 'Find in article' })).toBeFocused();
  });
});
