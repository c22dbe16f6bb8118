/**
 * The Text and Layout panel ("Aa"): every reading setting changed there as a person
 * would (by role and name) applies to the article at once, is kept in settings.json
 * and is there again after a reload; a bad stored value is set aside and its default
 * shown; Ctrl + = / - / 0 step the article's text size (not the window's zoom); the
 * panel works from the keyboard alone and axe finds nothing serious with it open.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './page-helpers';
import { STORY } from './story';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const panel = (app: Page) => app.getByRole('dialog', { name: 'Text and Layout' });
const aa = (app: Page) => app.getByRole('button', { name: /^Aa Text and Layout$/ });

const openPanel = async (app: Page) => {
  await aa(app).click();
  await expect(panel(app)).toBeVisible();
  await expect(aa(app)).toHaveAttribute('aria-expanded', 'true');
};

/** A computed style property of the article body's first paragraph (or of `selector` in the view). */
const styleOf = (app: Page, property: string, selector = '.body p') =>
  app.locator('article-view').evaluate(
    (view, [sel, prop]) => getComputedStyle(view.shadowRoot!.querySelector(sel!)!).getPropertyValue(prop!),
    [selector, property] as const,
  );

const articleWidth = (app: Page) =>
  app.locator('article-view').evaluate((view) => view.shadowRoot!.querySelector('article')!.getBoundingClientRect().width);

/** settings.json's reading settings ({} while the file is not written yet). */
const storedReading = async (libraryDir: string): Promise<Record<string, unknown>> => {
  const text = await readFile(join(libraryDir, 'settings.json'), 'utf8').catch(() => '{}');
  return (JSON.parse(text) as { reading?: Record<string, unknown> }).reading ?? {};
};

const radio = (app: Page, group: string, name: string): Locator =>
  panel(app).getByRole('group', { name: group }).getByRole('radio', { name, exact: true });

interface Case {
  setting: string;
  key: string;
  stored: unknown;
  /** Change it in the panel. */
  change(app: Page): Promise<void>;
  /** It shows on the page (live, and after the reload). */
  applied(app: Page): Promise<void>;
}

const CASES: Case[] = [
  {
    setting: 'typeface',
    key: 'typeface',
    stored: 'sans',
    change: (app) => radio(app, 'Typeface', 'Sans Inter').check(),
    applied: async (app) => {
      expect(await styleOf(app, 'font-family')).toMatch(/^Inter,/u);
      // The bundled face itself is loaded from app:// (fonts.css), not a system fallback.
      await expect.poll(() => app.evaluate(() => document.fonts.check('19px Inter'))).toBe(true);
      await expect
        .poll(() => app.evaluate(() => [...document.fonts].some((f) => f.family === 'Inter' && f.status === 'loaded')))
        .toBe(true);
    },
  },
  {
    setting: 'text size',
    key: 'textSize',
    stored: 20,
    change: (app) => panel(app).getByRole('button', { name: 'Larger' }).click(),
    applied: async (app) => {
      expect(await styleOf(app, 'font-size')).toBe('20px');
      await expect(panel(app).getByText('20 px')).toBeVisible();
    },
  },
  {
    setting: 'line height',
    key: 'lineHeight',
    stored: 2.1,
    change: (app) => radio(app, 'Line height', '2.1').check(),
    applied: async (app) => expect(parseFloat(await styleOf(app, 'line-height'))).toBeCloseTo(19 * 2.1, 1),
  },
  {
    setting: 'width',
    key: 'width',
    stored: 'narrow',
    change: (app) => radio(app, 'Width', 'Narrow').check(),
    // Medium is 34em at 19 px = 646 px; narrow about 55 characters.
    applied: async (app) => expect(await articleWidth(app)).toBeLessThan(560),
  },
  {
    setting: 'margins',
    key: 'margins',
    stored: 'large',
    change: (app) => radio(app, 'Margins', 'Large').check(),
    // 12vw of 1280 px, capped at 8rem (medium: 64 px).
    applied: async (app) => expect(await styleOf(app, 'padding-left', '.page')).toBe('128px'),
  },
  {
    setting: 'justify',
    key: 'justify',
    stored: true,
    change: (app) => panel(app).getByRole('checkbox', { name: 'Justify and hyphenate' }).check(),
    applied: async (app) => {
      expect(await styleOf(app, 'text-align')).toBe('justify');
      expect(await styleOf(app, 'hyphens')).toBe('auto');
      expect(await app.locator('article-view').evaluate((v) => v.shadowRoot!.querySelector('article')!.lang)).toBe('en');
    },
  },
  {
    setting: 'paragraph spacing',
    key: 'paragraphSpacing',
    stored: 'spacious',
    change: (app) => radio(app, 'Paragraph spacing', 'Spacious').check(),
    applied: async (app) => expect(parseFloat(await styleOf(app, 'margin-bottom'))).toBeCloseTo(19 * 1.75, 1),
  },
  {
    setting: 'theme',
    key: 'theme',
    stored: 'sepia',
    change: (app) => radio(app, 'Theme', 'Sepia').check(),
    applied: async (app) => expect(app.locator('html')).toHaveAttribute('data-theme', 'sepia'),
  },
];

test.describe('Text and Layout panel', () => {
  for (const c of CASES) {
    test(`${c.setting}: applies at once, is saved, and holds over a reload`, async ({ app, libraryDir }) => {
      await openStory(app);
      await openPanel(app);
      const before = await storedReading(libraryDir);
      expect(before[c.key], 'not yet stored').not.toEqual(c.stored);
      await c.change(app);
      await c.applied(app);
      await expect.poll(async () => (await storedReading(libraryDir))[c.key]).toEqual(c.stored);

      await app.reload();
      await openStory(app);
      await openPanel(app);
      await c.applied(app);
      if (c.key === 'justify') await expect(panel(app).getByRole('checkbox', { name: 'Justify and hyphenate' })).toBeChecked();
    });
  }

  test('widths widen in order, and Reset puts every setting back', async ({ app, libraryDir }) => {
    await openStory(app);
    await openPanel(app);
    const widths: number[] = [];
    for (const name of ['Narrow', 'Medium', 'Wide', 'Full']) {
      await radio(app, 'Width', name).check();
      await expect(radio(app, 'Width', name)).toBeChecked();
      widths.push(await articleWidth(app));
    }
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    expect(new Set(widths).size).toBe(4);
    await radio(app, 'Theme', 'Dark').check();
    await panel(app).getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(radio(app, 'Width', 'Medium')).toBeChecked();
    await expect(radio(app, 'Theme', 'Match system')).toBeChecked();
    await expect(app.locator('html')).not.toHaveAttribute('data-theme');
    await expect.poll(async () => (await storedReading(libraryDir))['width']).toBe('medium');
    await expect(app.getByRole('status').filter({ hasText: 'Text and layout are back to the defaults.' })).toHaveCount(1);
  });

  test('a bad stored value is set aside and its default shown; the good ones are kept', async ({ app, libraryDir }) => {
    await writeFile(
      join(libraryDir, 'settings.json'),
      JSON.stringify({ format: 1, reading: { textSize: 99, theme: 'neon', typeface: 'sans', width: 'wide' } }),
    );
    await app.reload();
    await openStory(app);
    expect(await styleOf(app, 'font-size')).toBe('19px');
    expect(await styleOf(app, 'font-family')).toMatch(/^Inter,/u);
    await expect(app.locator('html')).not.toHaveAttribute('data-theme');
    await openPanel(app);
    await expect(panel(app).getByText('19 px')).toBeVisible();
    await expect(radio(app, 'Theme', 'Match system')).toBeChecked();
    await expect(radio(app, 'Width', 'Wide')).toBeChecked();

    const quarantined = await readdir(join(libraryDir, '.quarantine'));
    const setAside = (await Promise.all(quarantined.map((f) => readFile(join(libraryDir, '.quarantine', f), 'utf8')))).join('\n');
    expect(setAside).toContain('99');
    expect(setAside).toContain('neon');
    const kept = await storedReading(libraryDir);
    expect(kept).toMatchObject({ typeface: 'sans', width: 'wide' });
    expect(kept).not.toHaveProperty('textSize');
    expect(kept).not.toHaveProperty('theme');
  });

  test('Ctrl + = / - / 0 step the article text size and say it, not the window zoom', async ({ app, libraryDir }) => {
    await openStory(app);
    // Registered after the app's own handlers: sees whether they took the key from the browser.
    await app.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { __keysPrevented: boolean[] }).__keysPrevented = seen;
      window.addEventListener('keydown', (e) => {
        if (e.ctrlKey && e.key !== 'Control') seen.push(e.defaultPrevented);
      });
    });
    const zoom = () => app.evaluate(() => [window.devicePixelRatio, window.visualViewport?.scale ?? 1, window.innerWidth]);
    const zoomBefore = await zoom();
    const status = app.getByRole('status');

    await app.keyboard.press('Control+=');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('20px');
    await expect(status.filter({ hasText: 'Text size 20 px.' })).toHaveCount(1);
    await app.keyboard.press('Control+-');
    await app.keyboard.press('Control+-');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('18px');
    await expect(status.filter({ hasText: 'Text size 18 px.' })).toHaveCount(1);
    await app.keyboard.press('Control+0');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('19px');
    await expect.poll(async () => (await storedReading(libraryDir))['textSize']).toBe(19);

    for (let i = 0; i < 7; i++) await app.keyboard.press('Control+=');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('32px');
    await expect(status.filter({ hasText: 'Text size is already the largest, 32 px.' })).toHaveCount(1);
    // The title grows with the text (relative sizes).
    expect(parseFloat(await styleOf(app, 'font-size', '.title'))).toBeGreaterThan(50);

    expect(await zoom()).toEqual(zoomBefore);
    const prevented = await app.evaluate(() => (window as unknown as { __keysPrevented: boolean[] }).__keysPrevented);
    expect(prevented).toHaveLength(11);
    expect(prevented.every(Boolean)).toBe(true);
  });

  test('the reader keeps its place when the text size or typeface changes', async ({ app }) => {
    // A short window, so the story scrolls well past its middle paragraphs.
    await app.setViewportSize({ width: 1000, height: 480 });
    await openStory(app);
    for (let i = 0; i < 3; i++) await app.keyboard.press('Control+=');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('24px');
    const paragraph = STORY.paragraphs[3]!;
    await app.locator('article-view').evaluate((view, text) => {
      const p = [...view.shadowRoot!.querySelectorAll('.body p')].find((e) => e.textContent?.trim() === text)!;
      // A few pixels into it at the top of the window: the reader's place (reading-position-controller.ts).
      window.scrollTo({ top: p.getBoundingClientRect().top + window.scrollY + 8, behavior: 'instant' });
    }, paragraph);
    await app.waitForTimeout(400); // the scroll is reported (throttled), so the reader's place is this one
    const atReadingLine = () =>
      app.locator('article-view').evaluate((view) => {
        const ps = [...view.shadowRoot!.querySelectorAll('.body p')];
        return ps.find((p) => p.getBoundingClientRect().bottom > 1)?.textContent?.trim();
      });
    expect(await atReadingLine()).toBe(paragraph);
    for (let i = 0; i < 3; i++) await app.keyboard.press('Control+=');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('32px');
    await expect.poll(atReadingLine).toBe(paragraph);
    await app.keyboard.press('Control+Shift+A');
    await radio(app, 'Typeface', 'OpenDyslexic for dyslexia').check();
    await expect.poll(() => styleOf(app, 'font-family')).toMatch(/^OpenDyslexic,/u);
    await expect.poll(atReadingLine).toBe(paragraph);
  });

  test('the menu commands: View ▸ Text and Layout… from the library, and the text size items', async ({ app, emit }) => {
    await emit('menu:command', { command: 'text-layout' });
    await expect(panel(app)).toBeVisible();
    await emit('menu:command', { command: 'text-layout' });
    await expect(panel(app)).toHaveCount(0);
    await openStory(app);
    await emit('menu:command', { command: 'text-smaller' });
    await expect.poll(() => styleOf(app, 'font-size')).toBe('18px');
    await emit('menu:command', { command: 'text-larger' });
    await emit('menu:command', { command: 'text-larger' });
    await expect.poll(() => styleOf(app, 'font-size')).toBe('20px');
    await emit('menu:command', { command: 'text-reset' });
    await expect.poll(() => styleOf(app, 'font-size')).toBe('19px');
  });

  test('works from the keyboard alone; Escape closes it and puts focus back, and stays in the article', async ({ app }) => {
    await openStory(app);
    const title = app.getByRole('heading', { level: 1, name: STORY.title });
    await expect(title).toBeFocused();

    // Ctrl+Shift+A: focus moves into the panel, on the chosen typeface.
    await app.keyboard.press('Control+Shift+A');
    await expect(panel(app)).toBeVisible();
    await expect(radio(app, 'Typeface', 'Serif Literata')).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(radio(app, 'Typeface', 'Sans Inter')).toBeChecked();
    await expect.poll(() => styleOf(app, 'font-family')).toMatch(/^Inter,/u);
    await app.keyboard.press('Tab'); // Smaller
    await app.keyboard.press('Tab'); // Larger
    await expect(panel(app).getByRole('button', { name: 'Larger' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect.poll(() => styleOf(app, 'font-size')).toBe('20px');
    await app.keyboard.press('Tab'); // Line height
    await app.keyboard.press('ArrowRight');
    await expect(radio(app, 'Line height', '1.75')).toBeChecked();
    await app.keyboard.press('Tab'); // Width
    await app.keyboard.press('Tab'); // Margins
    await app.keyboard.press('Tab'); // Justify
    await app.keyboard.press('Space');
    await expect.poll(() => styleOf(app, 'text-align')).toBe('justify');
    await app.keyboard.press('Tab'); // Paragraph spacing
    await app.keyboard.press('Tab'); // Theme
    await expect(radio(app, 'Theme', 'Match system')).toBeFocused();
    await app.keyboard.press('ArrowLeft');
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'black');

    await app.keyboard.press('Escape');
    await expect(panel(app)).toHaveCount(0);
    await expect(title).toBeFocused();
    await expect(title).toBeVisible(); // Escape closed the panel, not the article

    // From the Aa button: Enter opens it, Escape brings focus back to the button.
    await aa(app).focus();
    await app.keyboard.press('Enter');
    await expect(panel(app)).toBeVisible();
    await expect(radio(app, 'Typeface', 'Sans Inter')).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(aa(app)).toBeFocused();
    await expect(aa(app)).toHaveAttribute('aria-expanded', 'false');
    // The close button too.
    await app.keyboard.press('Enter');
    await panel(app).getByRole('button', { name: 'Close' }).click();
    await expect(panel(app)).toHaveCount(0);
    await expect(aa(app)).toBeFocused();
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`axe finds nothing serious with the panel open (${theme})`, async ({ app }) => {
      await openStory(app);
      await openPanel(app);
      await radio(app, 'Theme', theme).check();
      await expect(app.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
      expect(await seriousViolations(app)).toEqual([]);
    });
  }

  for (const theme of ['Light', 'Sepia', 'Dark'] as const) {
    test(`screenshot: the panel over the story (${theme})`, async ({ app }, testInfo) => {
      await openStory(app);
      await openPanel(app);
      await radio(app, 'Theme', theme).check();
      await expect(app.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
      await app.evaluate(() => document.fonts.ready);
      await app.screenshot({ path: testInfo.outputPath(`appearance-panel-${theme.toLowerCase()}.png`) });
      // The panel's lower half (it scrolls in a short window): the themes and Reset.
      await panel(app).getByRole('button', { name: 'Reset to defaults' }).scrollIntoViewIfNeeded();
      await panel(app).screenshot({ path: testInfo.outputPath(`appearance-panel-${theme.toLowerCase()}-end.png`) });
    });
  }
});
