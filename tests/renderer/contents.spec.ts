/**
 * Finding your way in a long article: the Contents panel (built from the body's
 * headings, the current section marked as the page scrolls, a click or Enter jumps
 * there), the reading progress bar and the minutes left, and keyboard reading
 * (Space / Shift+Space, j / k, Home / End). The long article is a Markdown file saved
 * through main's real `library:add-files` (granted as a drop, as the preload does).
 */
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../main/library';
import { expect, test } from './fixtures';
import { seriousViolations } from './page-helpers';
import { STORY } from './story';

const LONG_TITLE = 'Field notes on a long walk';

/** The sections of the long article: [level, heading, paragraphs]. An empty heading is in there too. */
const SECTIONS: [number, string, number][] = [
  [2, 'Before the walk', 3],
  [3, 'Packing light', 4],
  [3, 'The first map', 4],
  [2, '', 1],
  [2, 'On the road', 2],
  [3, 'Rain in the hills', 5],
  [3, 'A detour through the valley', 4],
  [2, 'Arrival', 3],
  [3, 'Short last words', 1],
];
const HEADINGS = SECTIONS.filter(([, text]) => text).map(([, text]) => text);

const WORDS = ['river', 'stone', 'path', 'lantern', 'orchard', 'ridge', 'meadow', 'bridge', 'cloud', 'village', 'harbour', 'pine'];

function paragraph(section: number, n: number): string {
  const sentences: string[] = [];
  for (let s = 0; s < 7; s++) {
    const w = (i: number) => WORDS[(section * 7 + n * 3 + s + i) % WORDS.length];
    sentences.push(`The ${w(0)} by the ${w(1)} led past a ${w(2)} and on towards the ${w(3)}, where we stopped for a while.`);
  }
  return `Section ${section + 1}, paragraph ${n + 1}. ${sentences.join(' ')}`;
}

function longMarkdown(): string {
  const parts = [`---\ntitle: ${LONG_TITLE}\nauthor: A. Walker\n---\n`, paragraph(99, 0), paragraph(99, 1)];
  SECTIONS.forEach(([level, text, paragraphs], i) => {
    parts.push(`${'#'.repeat(level)} ${text}`);
    for (let n = 0; n < paragraphs; n++) parts.push(paragraph(i, n));
  });
  return parts.join('\n\n') + '\n';
}

let folder = '';
test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'lectern-contents-'));
  await writeFile(join(folder, 'field-notes.md'), longMarkdown());
});
test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Fixtures = Parameters<Parameters<typeof test>[2]>[0];

/** Save the long article as a dropped file would be, and show it in the library. */
async function addLongArticle({ app, dispatch, grantDroppedFiles }: Pick<Fixtures, 'app' | 'dispatch' | 'grantDroppedFiles'>) {
  const path = join(folder, 'field-notes.md');
  grantDroppedFiles([path]); // HARNESS: as the preload grants a drop
  const answer = await dispatch('library:add-files', { paths: [path] });
  if (!answer.ok) throw new Error(answer.error.message);
  await app.reload();
}

async function openArticle(app: Page, title: string) {
  await app.getByRole('button', { name: title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: title })).toBeFocused();
}

const scrollY = (app: Page) => app.evaluate(() => Math.round(window.scrollY));

/**
 * Where the page comes to rest: Chromium animates its own keyboard scrolling (whatever
 * prefers-reduced-motion says) and the docked find bar may still move the page, so wait
 * until two readings 150 ms apart agree.
 */
async function settledScrollY(app: Page): Promise<number> {
  let last = await scrollY(app);
  for (;;) {
    await app.waitForTimeout(150);
    const now = await scrollY(app);
    if (now === last) return now;
    last = now;
  }
}
const maxScroll = (app: Page) => app.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
const bodyLine = (app: Page) =>
  app.locator('article-view').evaluate((view) => parseFloat(getComputedStyle(view.shadowRoot!.querySelector('.body')!).lineHeight));
/** Where a heading of the body now is (its top, in the viewport). */
const headingTop = async (app: Page, name: string) => (await app.getByRole('heading', { name, exact: true }).boundingBox())!.y;

const contents = (app: Page) => app.getByRole('navigation', { name: 'Contents' });
const current = (app: Page) => contents(app).locator('[aria-current="location"]');
const progress = (app: Page) => app.getByRole('progressbar', { name: 'Reading progress' });
const timeLeft = (app: Page) => app.locator('article-view').getByText(/ min left$|^Less than a minute left$|^Finished$/);

test.describe('contents', () => {
  test('built from the headings; the current section marked as the page scrolls; click and Enter jump there; remembered; axe clean', async ({
    app,
    dispatch,
    grantDroppedFiles,
  }, testInfo) => {
    await addLongArticle({ app, dispatch, grantDroppedFiles });
    await openArticle(app, LONG_TITLE);

    const toggle = app.getByRole('button', { name: 'Contents', exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+O Meta+Shift+O');
    await expect(contents(app)).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');

    // Every non-empty heading of the body, in order, nested by level; not the title.
    const items = contents(app).getByRole('button').filter({ hasNotText: '×' });
    await expect(items).toHaveText(HEADINGS);
    await expect(contents(app).getByRole('listitem')).toHaveCount(HEADINGS.length);
    await expect(contents(app).getByRole('list')).toHaveCount(1 + 3); // the top list and one under each h2 with h3s
    await expect(current(app)).toHaveCount(0); // above the first heading
    await app.screenshot({ path: testInfo.outputPath('contents-top.png') });

    // Scroll with the wheel: the section under the top of the view is marked.
    const target = await headingTop(app, 'Rain in the hills');
    await app.mouse.move(400, 400);
    await app.mouse.wheel(0, target - 100);
    await expect(current(app)).toHaveText('Rain in the hills');
    // …and by keyboard (End): at the end, the last section.
    await app.getByRole('heading', { level: 1, name: LONG_TITLE }).focus();
    await app.keyboard.press('End');
    await expect(current(app)).toHaveText('Short last words');
    await app.keyboard.press('Home');
    await expect(current(app)).toHaveCount(0);

    // A click jumps: the heading at the top (under the 3 px bar), focus on it.
    await contents(app).getByRole('button', { name: 'The first map' }).click();
    const map = app.getByRole('heading', { name: 'The first map', exact: true });
    await expect(map).toBeFocused();
    const top = await headingTop(app, 'The first map');
    expect(top).toBeGreaterThanOrEqual(3);
    expect(top).toBeLessThan(40);
    await expect(current(app)).toHaveText('The first map');

    // Enter on another one, from the keyboard.
    await contents(app).getByRole('button', { name: 'A detour through the valley' }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'A detour through the valley', exact: true })).toBeFocused();
    expect(await headingTop(app, 'A detour through the valley')).toBeLessThan(40);
    await expect(current(app)).toHaveText('A detour through the valley');

    // A short last section near the end: the page cannot bring it to the top, it is marked all the same.
    await contents(app).getByRole('button', { name: 'Arrival' }).click();
    await expect(current(app)).toHaveText('Arrival');

    // Both panels: Contents above Notes in the side column.
    await app.keyboard.press('Control+Shift+N');
    const notes = app.getByRole('complementary', { name: 'Notes' });
    await expect(notes).toBeVisible();
    const contentsBox = (await contents(app).boundingBox())!;
    const notesBox = (await notes.boundingBox())!;
    expect(contentsBox.y + contentsBox.height).toBeLessThanOrEqual(notesBox.y + 1);
    expect(Math.abs(contentsBox.x - notesBox.x)).toBeLessThan(2);
    await contents(app).getByRole('button', { name: 'Rain in the hills' }).click();
    await app.screenshot({ path: testInfo.outputPath('contents-and-notes.png') });
    expect(await seriousViolations(app)).toEqual([]);
    await app.keyboard.press('Control+Shift+N');

    await app.screenshot({ path: testInfo.outputPath('contents.png') });
    expect(await seriousViolations(app)).toEqual([]);
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('contents-dark.png') });
    expect(await seriousViolations(app)).toEqual([]);
    await app.emulateMedia({ colorScheme: 'light' });

    // Remembered across sessions; Ctrl+Shift+O closes it, and opens it with focus in it.
    await app.reload();
    await openArticle(app, LONG_TITLE);
    await expect(contents(app)).toBeVisible();
    await expect(items).toHaveText(HEADINGS);
    await app.keyboard.press('Control+Shift+O');
    await expect(contents(app)).toHaveCount(0);
    await expect(app.getByRole('status').filter({ hasText: 'Contents hidden.' })).toHaveCount(1);
    await app.keyboard.press('Control+Shift+O');
    await expect(contents(app).getByRole('heading', { name: 'Contents' })).toBeFocused();
    // Close from the panel: focus goes back to the toggle.
    await contents(app).getByRole('button', { name: 'Close contents' }).click();
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    // A narrow window: the panel lies over the article's side, and still jumps.
    await app.setViewportSize({ width: 700, height: 800 });
    await toggle.click();
    await contents(app).getByRole('button', { name: 'On the road' }).click();
    await expect(app.getByRole('heading', { name: 'On the road', exact: true })).toBeFocused();
    await app.screenshot({ path: testInfo.outputPath('contents-narrow.png') });
    expect(await seriousViolations(app)).toEqual([]);
  });

  test('an article without headings says so', async ({ app }) => {
    await openArticle(app, STORY.title);
    await app.getByRole('button', { name: 'Contents', exact: true }).click();
    await expect(contents(app)).toContainText('This article has no headings.');
    await expect(contents(app).getByRole('listitem')).toHaveCount(0);
    expect(await seriousViolations(app)).toEqual([]);
  });
});

test.describe('reading progress', () => {
  test('the bar and the minutes left follow the page, to Finished and 100 at the end', async ({ app, dispatch, grantDroppedFiles }, testInfo) => {
    await addLongArticle({ app, dispatch, grantDroppedFiles });
    const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: LONG_TITLE, exact: true }) });
    const minutes = Number(/(\d+) min read/.exec((await row.textContent()) ?? '')?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(4);
    await openArticle(app, LONG_TITLE);

    await expect(progress(app)).toHaveAttribute('aria-valuenow', '0');
    await expect(timeLeft(app)).toHaveText(`${minutes} min left`);
    await expect(progress(app)).toHaveAttribute('aria-valuetext', `0%, ${minutes} min left`);
    // At the top of the reader, 3 px, not focusable.
    const bar = (await progress(app).boundingBox())!;
    const view = (await app.locator('article-view').boundingBox())!;
    expect(bar.y).toBe(view.y);
    expect(bar.height).toBe(3);
    expect(await progress(app).evaluate((el) => (el as HTMLElement).tabIndex)).toBe(-1);

    // Half way down: about half, about half the minutes.
    const max = await maxScroll(app);
    await app.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), Math.round(max / 2));
    await expect(progress(app)).toHaveAttribute('aria-valuenow', '50');
    // Pinned to the top of the window while the article scrolls under it.
    expect((await progress(app).boundingBox())!.y).toBe(0);
    const half = Math.round(minutes / 2);
    await expect(timeLeft(app)).toHaveText(new RegExp(`^(${half - 1}|${half}|${half + 1}) min left$`));
    // The bar's fill is drawn at that width, and the minutes left stay in view at the bottom.
    const fill = await progress(app).evaluate((el) => {
      const inner = el.querySelector('.fill')!.getBoundingClientRect();
      return inner.width / el.getBoundingClientRect().width;
    });
    expect(fill).toBeCloseTo(0.5, 1);
    const label = (await timeLeft(app).boundingBox())!;
    expect(label.y + label.height).toBeLessThanOrEqual(800);
    expect(label.y).toBeGreaterThan(700);
    await app.screenshot({ path: testInfo.outputPath('progress-half.png') });

    await app.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), max - 200);
    await expect(timeLeft(app)).toHaveText('Less than a minute left');
    await app.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await expect(progress(app)).toHaveAttribute('aria-valuenow', '100');
    await expect(timeLeft(app)).toHaveText('Finished');
    await expect(progress(app)).toHaveAttribute('aria-valuetext', '100%, Finished');
  });
});

test.describe('keyboard reading', () => {
  test('Space / Shift+Space page, j / k a line, Home / End; not in the find field or a note', async ({ app, dispatch, grantDroppedFiles }) => {
    await addLongArticle({ app, dispatch, grantDroppedFiles });
    await openArticle(app, LONG_TITLE);
    const line = await bodyLine(app);
    expect(line).toBeGreaterThan(20);
    const page = 800 - 3 - line; // the viewport, less the 3 px bar, less a line of overlap

    expect(await scrollY(app)).toBe(0);
    await app.keyboard.press('Space');
    expect(Math.abs((await scrollY(app)) - page)).toBeLessThanOrEqual(1);
    await app.keyboard.press('Space');
    expect(Math.abs((await scrollY(app)) - 2 * page)).toBeLessThanOrEqual(1);
    await app.keyboard.press('Shift+Space');
    expect(Math.abs((await scrollY(app)) - page)).toBeLessThanOrEqual(1);

    // j / k glide a line (smoothly here; at once under reduced motion).
    const before = await scrollY(app);
    await app.keyboard.press('j');
    await expect.poll(() => scrollY(app)).toBe(Math.round(before + line));
    await app.keyboard.press('k');
    await expect.poll(() => scrollY(app)).toBe(before);
    await app.emulateMedia({ reducedMotion: 'reduce' });
    await app.keyboard.press('j');
    expect(Math.abs((await scrollY(app)) - (before + line))).toBeLessThanOrEqual(1);
    await app.keyboard.press('k');
    await app.emulateMedia({ reducedMotion: null });

    await app.keyboard.press('End');
    expect(await scrollY(app)).toBe(await maxScroll(app));
    await app.keyboard.press('Home');
    expect(await scrollY(app)).toBe(0);

    // In the find field the keys type.
    await app.keyboard.press('Space');
    await app.keyboard.press('Control+f');
    const field = app.getByRole('search', { name: 'Find in article' }).getByRole('textbox', { name: 'Find in article' });
    await expect(field).toBeFocused();
    await app.keyboard.type('jk j');
    await expect(field).toHaveValue('jk j');
    // Typing finds as you type, and a match found on the way ("j") scrolls the page: wait for
    // the last query's answer, then take the place (End and Home below must not move it).
    await expect(app.getByRole('search', { name: 'Find in article' })).toContainText('No matches');
    const at = await settledScrollY(app);
    await app.keyboard.press('End');
    await app.keyboard.press('Home');
    await expect(field).toHaveValue('jk j');
    expect(await scrollY(app)).toBe(at);
    await app.keyboard.press('Escape');

    // In a note, too.
    await app.keyboard.press('Control+Shift+N');
    const note = app.getByRole('textbox', { name: 'Article note' });
    await note.focus();
    const noteAt = await scrollY(app);
    await app.keyboard.type('kj k');
    await app.keyboard.press('End');
    await expect(note).toHaveValue('kj k');
    expect(await scrollY(app)).toBe(noteAt);
    // On a control of the panel (the Colors disclosure), Space is the control's.
    const colors = app.getByRole('complementary', { name: 'Notes' }).getByText('Colors', { exact: true });
    await colors.focus();
    await app.keyboard.press('Space');
    await expect(app.getByText('Name each color for what it means to you.')).toBeVisible();
    expect(await scrollY(app)).toBe(noteAt);
  });

  test('single keys off: j and k do nothing, Space is the browser’s own, Home and End still work', async ({
    app,
    dispatch,
    grantDroppedFiles,
    libraryDir,
  }) => {
    await new SettingsStore(libraryDir).setSingleKeyShortcuts(false);
    await addLongArticle({ app, dispatch, grantDroppedFiles });
    await openArticle(app, LONG_TITLE);
    await app.keyboard.press('j');
    await app.keyboard.press('j');
    await app.waitForTimeout(300); // a glide would have started by now
    expect(await scrollY(app)).toBe(0);
    await app.keyboard.press('Space');
    await expect.poll(() => scrollY(app)).toBeGreaterThan(300);
    const afterSpace = await settledScrollY(app);
    await app.keyboard.press('k');
    await app.waitForTimeout(300);
    expect(await scrollY(app)).toBe(afterSpace);
    await app.keyboard.press('End');
    expect(await scrollY(app)).toBe(await maxScroll(app));
    await app.keyboard.press('Home');
    expect(await scrollY(app)).toBe(0);
  });
});
