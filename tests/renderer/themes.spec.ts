/**
 * The themes (ARCHITECTURE.md §8) as the page paints them: each one chosen through the
 * real setting (`settings:update`, then a reload reads settings.json), its tokens read
 * from the computed styles inside the article, translucent washes laid over the paper,
 * and every pair measured with WCAG 2 contrast (tests/renderer/contrast.ts). The table
 * goes to test-results/renderer/contrast.md. Then axe in every view × every theme, with
 * screenshots of the library and the reader in each.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Theme } from '../../common/reading';
import type { Dispatch } from '../../main/handlers';
import { contrastOver } from './contrast';
import { expect, test } from './fixtures';
import { clickText, seriousViolations } from './page-helpers';
import { FIVE_HIGHLIGHTS, highlightVia } from './seed';
import { STORY } from './story';

const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

/** The themes as a person picks them; "system" twice, under the OS's light and dark. */
const VARIANTS: { name: string; theme: Theme; scheme: 'light' | 'dark'; attribute: string | null; bg: string }[] = [
  // The papers main paints the window with (main/electron/window.ts WINDOW_BACKGROUND): the page must match them.
  { name: 'light', theme: 'light', scheme: 'light', attribute: 'light', bg: 'rgb(250, 248, 243)' },
  { name: 'sepia', theme: 'sepia', scheme: 'light', attribute: 'sepia', bg: 'rgb(244, 236, 216)' },
  { name: 'dark', theme: 'dark', scheme: 'light', attribute: 'dark', bg: 'rgb(22, 21, 19)' },
  { name: 'black', theme: 'black', scheme: 'light', attribute: 'black', bg: 'rgb(0, 0, 0)' },
  { name: 'system (OS light)', theme: 'system', scheme: 'light', attribute: null, bg: 'rgb(250, 248, 243)' },
  { name: 'system (OS dark)', theme: 'system', scheme: 'dark', attribute: null, bg: 'rgb(22, 21, 19)' },
];

const TOKENS = [
  'bg', 'ink', 'ink-soft', 'ink-muted', 'rule', 'hover', 'surface', 'accent', 'accent-wash', 'link', 'focus', 'track', 'meter',
  'selection', 'notice-bg', 'notice-rule', 'notice-ink', 'error-bg', 'error-rule', 'error-ink', 'danger',
  ...COLORS.flatMap((c) => [`hl-${c}`, `hl-${c}-swatch`]), 'hl-note', 'hl-flash', 'find-match', 'find-current', 'find-current-line', 'speaking', 'speaking-line',
] as const;
type Tokens = Record<(typeof TOKENS)[number], string>;

interface Pair {
  label: string;
  /** The text or mark. */
  fore: keyof Tokens;
  /** What is under it, bottom first: an opaque token, then washes laid over it. */
  ground: (keyof Tokens)[];
  min: number;
}

/** Every pair the themes promise, with its threshold (WCAG 2: 7 body text, 4.5 UI text, 3 non-text). */
const PAIRS: Pair[] = [
  { label: 'body text (ink on bg)', fore: 'ink', ground: ['bg'], min: 7 },
  ...(['ink', 'ink-soft', 'ink-muted', 'link', 'accent', 'danger'] as const).flatMap((fore) => [
    { label: `${fore} on bg`, fore, ground: ['bg'], min: 4.5 } satisfies Pair,
    { label: `${fore} on hover`, fore, ground: ['bg', 'hover'], min: 4.5 } satisfies Pair,
  ]),
  { label: 'ink-muted on surface', fore: 'ink-muted', ground: ['bg', 'surface'], min: 4.5 },
  { label: 'ink on accent-wash', fore: 'ink', ground: ['bg', 'accent-wash'], min: 4.5 },
  { label: 'bg on accent (buttons)', fore: 'bg', ground: ['accent'], min: 4.5 },
  { label: 'bg on ink (toast)', fore: 'bg', ground: ['ink'], min: 4.5 },
  { label: 'notice-ink on notice-bg', fore: 'notice-ink', ground: ['notice-bg'], min: 4.5 },
  { label: 'error-ink on error-bg', fore: 'error-ink', ground: ['error-bg'], min: 4.5 },
  { label: 'ink on selection', fore: 'ink', ground: ['bg', 'selection'], min: 4.5 },
  ...COLORS.map((c): Pair => ({ label: `ink on ${c} highlight`, fore: 'ink', ground: ['bg', `hl-${c}`], min: 4.5 })),
  ...COLORS.flatMap((c, i) =>
    COLORS.slice(i + 1).map((d): Pair => ({ label: `ink on ${c} + ${d}`, fore: 'ink', ground: ['bg', `hl-${c}`, `hl-${d}`], min: 4.5 })),
  ),
  { label: 'ink on find match', fore: 'ink', ground: ['bg', 'find-match'], min: 4.5 },
  { label: 'ink on current find match', fore: 'ink', ground: ['bg', 'find-current'], min: 4.5 },
  ...COLORS.map((c): Pair => ({ label: `ink on ${c} + current find`, fore: 'ink', ground: ['bg', `hl-${c}`, 'find-current'], min: 4.5 })),
  { label: 'ink on flash', fore: 'ink', ground: ['bg', 'hl-flash'], min: 4.5 },
  { label: 'ink on the sentence read aloud', fore: 'ink', ground: ['bg', 'speaking'], min: 4.5 },
  ...COLORS.map((c): Pair => ({ label: `ink on ${c} + sentence read aloud`, fore: 'ink', ground: ['bg', `hl-${c}`, 'speaking'], min: 4.5 })),
  { label: 'read-aloud underline on its wash', fore: 'speaking-line', ground: ['bg', 'speaking'], min: 3 },
  { label: 'focus ring on bg', fore: 'focus', ground: ['bg'], min: 3 },
  { label: 'focus ring on hover', fore: 'focus', ground: ['bg', 'hover'], min: 3 },
  ...COLORS.flatMap((c): Pair[] => [
    { label: `${c} dot on bg`, fore: `hl-${c}-swatch`, ground: ['bg'], min: 3 },
    { label: `${c} dot on hover (Notes items)`, fore: `hl-${c}-swatch`, ground: ['bg', 'hover'], min: 3 },
  ]),
  { label: 'note underline on bg', fore: 'hl-note', ground: ['bg'], min: 3 },
  { label: 'current find underline on its wash', fore: 'find-current-line', ground: ['bg', 'find-current'], min: 3 },
  { label: 'progress meter on track', fore: 'meter', ground: ['bg', 'track'], min: 3 },
];

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

/** Choose the theme as the shell does (settings:update saves settings.json), then reload: the page reads it back. */
async function chooseTheme(app: Page, dispatch: Dispatch, variant: (typeof VARIANTS)[number]): Promise<void> {
  const answer = await dispatch('settings:update', { reading: { theme: variant.theme } });
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  await app.emulateMedia({ colorScheme: variant.scheme });
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect.poll(() => app.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(variant.attribute);
}

/**
 * Every token as the article's text sees it: a probe inside the article body's shadow
 * tree (so a component that redefined a token would be caught) has its color set to the
 * token, and its computed color is read back (rgb()/rgba()). An undefined token fails.
 */
const readTokens = (app: Page): Promise<{ tokens: Tokens; undefinedTokens: string[]; htmlBackground: string }> =>
  app.locator('article-view').evaluate((view, names) => {
    const body = view.shadowRoot!.querySelector('.body')!;
    const probe = document.createElement('span');
    body.append(probe);
    const tokens: Record<string, string> = {};
    const undefinedTokens: string[] = [];
    for (const name of names) {
      if (getComputedStyle(probe).getPropertyValue(`--${name}`).trim() === '') undefinedTokens.push(name);
      probe.style.color = `var(--${name})`;
      tokens[name] = getComputedStyle(probe).color;
    }
    probe.remove();
    return { tokens: tokens as Tokens, undefinedTokens, htmlBackground: getComputedStyle(document.documentElement).backgroundColor };
  }, TOKENS as readonly string[]);

test.describe('themes', () => {
  test('every theme keeps its contrast (measured on the computed styles); the table goes to contrast.md', async ({
    app,
    dispatch,
  }, testInfo) => {
    test.setTimeout(120_000); // six reloads on a busy 2-core machine
    const table: Record<string, Record<string, number>> = {};
    const failures: string[] = [];
    for (const variant of VARIANTS) {
      await chooseTheme(app, dispatch, variant);
      await openStory(app);
      const { tokens, undefinedTokens, htmlBackground } = await readTokens(app);
      expect(undefinedTokens, `${variant.name}: tokens not defined`).toEqual([]);
      expect(htmlBackground, `${variant.name}: the page's paper is main's window background`).toBe(variant.bg);
      expect(tokens.bg).toBe(variant.bg);
      const column: Record<string, number> = {};
      for (const pair of PAIRS) {
        const token = (name: string): string => tokens[name] ?? `missing --${name}`; // (a missing one fails above, and parseColor throws)
        const ratio = contrastOver(token(pair.fore), ...pair.ground.map(token));
        column[pair.label] = ratio;
        if (!(ratio >= pair.min)) failures.push(`${variant.name}: ${pair.label} ${ratio.toFixed(2)} < ${pair.min}`);
      }
      table[variant.name] = column;
      await app.getByRole('button', { name: 'Back to library' }).click();
    }
    // Dark and Match system under a dark OS are the same tokens (global.css says so; this keeps them in step).
    expect(table['system (OS dark)']).toEqual(table['dark']);
    expect(table['system (OS light)']).toEqual(table['light']);

    const names = VARIANTS.map((v) => v.name);
    const lines = [
      '| pair | min | ' + names.join(' | ') + ' |',
      '| --- | ---: | ' + names.map(() => '---:').join(' | ') + ' |',
      ...PAIRS.map(
        (pair) =>
          `| ${pair.label} | ${pair.min} | ` +
          names.map((n) => `${table[n]![pair.label]! >= pair.min ? '' : '**FAIL** '}${table[n]![pair.label]!.toFixed(2)}`).join(' | ') +
          ' |',
      ),
    ];
    const markdown = `# Contrast of Lectern's themes (WCAG 2 ratios, measured in Chromium on the computed styles)\n\n${lines.join('\n')}\n`;
    const file = join(dirname(testInfo.outputDir), 'contrast.md');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, markdown);
    await testInfo.attach('contrast.md', { body: markdown, contentType: 'text/markdown' });
    console.log(markdown);
    expect(failures).toEqual([]);
  });
});


test.describe('every view in every theme: axe finds nothing serious, screenshots', () => {
  for (const variant of VARIANTS.filter((v) => v.name !== 'system (OS light)')) {
    test(`${variant.name}`, async ({ app, dispatch, libraryDir }, testInfo) => {
      test.setTimeout(180_000); // nine axe runs over the whole page on a busy 2-core machine
      for (const [quote, color, note] of FIVE_HIGHLIGHTS) await highlightVia(dispatch, libraryDir, quote, { color, note });
      await chooseTheme(app, dispatch, variant);
      const slug = variant.name.replace(/\W+/g, '-').replace(/-$/, '');
      const problems: string[] = [];
      const axe = async (view: string) => problems.push(...(await seriousViolations(app)).map((v) => `${view}: ${v}`));

      await axe('library');
      await app.screenshot({ path: testInfo.outputPath(`library-${slug}.png`) });

      await openStory(app);
      await expect.poll(() => app.evaluate(() => (CSS.highlights.get('lectern-purple') as Highlight | undefined)?.size ?? 0)).toBe(1);
      await app.keyboard.press('Control+f');
      await app.keyboard.type('Korea');
      await expect(app.getByRole('search', { name: 'Find in article' }).getByRole('status')).toHaveText(/^1 of \d+/);
      await axe('reader with highlights and find');
      await app.screenshot({ path: testInfo.outputPath(`reader-${slug}.png`) });
      await app.keyboard.press('Escape');

      await app.getByRole('button', { name: 'Notes', exact: true }).click();
      await expect(app.getByRole('complementary', { name: 'Notes' })).toContainText('Vague on purpose?');
      await axe('reader with the Notes panel');
      await app.screenshot({ path: testInfo.outputPath(`reader-notes-${slug}.png`) });

      await clickText(app, 'Sergey Naryshkin');
      await expect(app.getByRole('dialog', { name: 'Highlight' })).toBeVisible();
      await axe('highlight popover');
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog', { name: 'Highlight' })).toBeHidden();

      // Contents, the Text and Layout panel and the Listen bar (no voice in this Chromium: its alert) open together.
      await app.keyboard.press('Control+Shift+O');
      await expect(app.getByRole('navigation', { name: 'Contents' })).toContainText('This article has no headings.');
      await app.getByRole('button', { name: 'Aa Text and Layout' }).click();
      await expect(app.getByRole('dialog', { name: 'Text and Layout' })).toBeVisible();
      await app.getByRole('button', { name: 'Listen', exact: true }).click();
      await expect(app.getByRole('toolbar', { name: 'Read aloud' })).toBeVisible();
      await axe('reader with Contents, Text and Layout and the Listen bar');
      await app.screenshot({ path: testInfo.outputPath(`reader-panels-${slug}.png`) });
      await app.getByRole('toolbar', { name: 'Read aloud' }).getByRole('button', { name: 'Stop' }).click();
      await app.getByRole('button', { name: 'Aa Text and Layout' }).click();
      await expect(app.getByRole('dialog', { name: 'Text and Layout' })).toBeHidden();
      await app.keyboard.press('Control+Shift+O');
      await expect(app.getByRole('navigation', { name: 'Contents' })).toBeHidden();

      await app.getByRole('button', { name: 'Back to library' }).click();
      await app.getByRole('search', { name: 'Search the library' }).getByRole('searchbox', { name: 'Search the library' }).fill('Naryshkin');
      await expect(app.getByRole('list', { name: 'Search results' }).getByRole('button', { name: STORY.title, exact: true })).toBeVisible();
      await axe('search results');
      await app.screenshot({ path: testInfo.outputPath(`search-${slug}.png`) });
      await app.getByRole('search', { name: 'Search the library' }).getByRole('searchbox', { name: 'Search the library' }).fill('');

      await app.keyboard.press('Control+Shift+E');
      await expect(app.getByRole('dialog', { name: 'Export notes' })).toBeVisible();
      await axe('export dialog');
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog', { name: 'Export notes' })).toBeHidden();
      // The dialog's `close` event (a task after Escape hides it) gives focus back: only then has
      // the shell let go of the dialog, and Ctrl+L opens the next one.
      await expect(app.getByRole('search', { name: 'Search the library' }).getByRole('searchbox', { name: 'Search the library' })).toBeFocused();

      await app.keyboard.press('Control+l');
      await expect(app.getByRole('dialog', { name: 'Add from URL' })).toBeVisible();
      await axe('add-URL dialog');
      await app.keyboard.press('Escape');
      await expect(app.getByRole('dialog', { name: 'Add from URL' })).toBeHidden();

      // The story to the Trash (with the Undo toast showing), then the Trash itself.
      const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title, exact: true }) });
      await row.getByRole('button', { name: 'Delete' }).click();
      await expect(app.getByRole('button', { name: 'Undo' })).toBeVisible();
      await app.getByRole('toolbar', { name: 'Library' }).getByRole('button', { name: 'Trash' }).click();
      await expect(app.getByRole('heading', { level: 1, name: 'Trash' })).toBeFocused();
      await axe('Trash');
      await app.screenshot({ path: testInfo.outputPath(`trash-${slug}.png`) });

      expect(problems).toEqual([]);
    });
  }
});
