/**
 * Forced colors (Windows High Contrast, emulated with `forcedColors: 'active'`) and
 * reduced motion (ARCHITECTURE.md §8). Under forced colors the five highlight colors
 * stay apart (one underline style each, read from the computed `::highlight()` styles),
 * the current find match is drawn apart from the other matches, focus rings are in a
 * system color, and the color dots keep their colors with their names written beside
 * them. Under reduced motion nothing flashes or glides.
 */
import type { Page } from '@playwright/test';
import { composite, parseColor } from './contrast';
import { expect, test } from './fixtures';
import { dragSelect } from './page-helpers';
import { FIVE_HIGHLIGHTS, highlightVia } from './seed';
import { STORY } from './story';

const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
const NAMES = { yellow: 'Key point', green: 'Evidence', blue: 'Question', pink: 'Disagree', purple: 'Follow up' } as const;

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
  await expect.poll(() => app.evaluate(() => (CSS.highlights.get('lectern-purple') as Highlight | undefined)?.size ?? 0)).toBe(1);
};

/** A system color (e.g. `Mark`, `Highlight`) as the page resolves it now. */
const systemColor = (app: Page, name: string) =>
  app.evaluate((n) => {
    const probe = document.createElement('span');
    probe.style.color = n;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }, name);

/** A system color as painted over the system's Canvas (Chromium's forced `Highlight` is translucent). */
const paintedColor = async (app: Page, name: string) => {
  const { r, g, b } = composite(parseColor(await systemColor(app, name)), parseColor(await systemColor(app, 'Canvas')));
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
};

/** The viewport box of the first `text` in the article body (scrolled into view). */
const boxOf = (app: Page, text: string) =>
  app.locator('article-view').evaluate((view, wanted) => {
    const body = view.shadowRoot!.querySelector('.body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const r = range.getClientRects()[0]!;
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    }
    throw new Error(`"${wanted}" is not in the article`);
  }, text);

/**
 * The share of a screenshot's pixels within 10 of `color` (an `rgb()` string): what is
 * painted, not what the style says (Chromium can compute one color and paint another in
 * forced colors). Decoded in a blank page of the same browser: Node has no PNG decoder here.
 */
async function shareOfColor(app: Page, png: Buffer, color: string): Promise<number> {
  const blank = await app.context().newPage();
  try {
    return await blank.evaluate(
      async ([base64, wanted]) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        const [r, g, b] = wanted.match(/\d+/g)!.map(Number) as [number, number, number];
        let near = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i]! - r) <= 10 && Math.abs(data[i + 1]! - g) <= 10 && Math.abs(data[i + 2]! - b) <= 10) near++;
        }
        return near / (data.length / 4);
      },
      [png.toString('base64'), color] as const,
    );
  } finally {
    await blank.close();
  }
}

/** The computed style of a named CSS highlight over the article's text (Chromium resolves `::highlight()` in getComputedStyle). */
const highlightStyle = (app: Page, name: string) =>
  app.locator('article-view').evaluate((view, n) => {
    const s = getComputedStyle(view.shadowRoot!.querySelector('.body p')!, `::highlight(${n})`);
    return {
      background: s.backgroundColor,
      color: s.color,
      line: s.textDecorationLine,
      style: s.textDecorationStyle,
      thickness: s.textDecorationThickness,
    };
  }, name);

test.describe('forced colors', () => {
  test('the five highlights, the current find match, focus and the color dots stay distinguishable', async (
    { app, dispatch, libraryDir },
    testInfo,
  ) => {
    for (const [quote, color, note] of FIVE_HIGHLIGHTS) await highlightVia(dispatch, libraryDir, quote, { color, note });
    await app.reload();
    await app.emulateMedia({ forcedColors: 'active' });
    expect(await app.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await openStory(app);

    // Highlights: all on Mark, each with its own underline style.
    const mark = await systemColor(app, 'Mark');
    const styles = await Promise.all(COLORS.map((c) => highlightStyle(app, `lectern-${c}`)));
    for (const [i, s] of styles.entries()) {
      expect(s.background, COLORS[i]).toBe(mark);
      expect(s.line, COLORS[i]).toContain('underline');
    }
    expect(new Set(styles.map((s) => s.style)).size, 'one underline style per color').toBe(COLORS.length);
    // And painted so: most of a highlight's box is the Mark color (not the Highlight color all would otherwise get).
    const highlightShot = await app.screenshot({ clip: await boxOf(app, 'Sergey Naryshkin') });
    expect(await shareOfColor(app, highlightShot, await paintedColor(app, 'Mark'))).toBeGreaterThan(0.4);
    expect(await shareOfColor(app, highlightShot, await paintedColor(app, 'Highlight'))).toBeLessThan(0.05);
    // Without forced colors they are told apart by their washes, with no underline.
    await app.emulateMedia({ forcedColors: 'none' });
    expect((await highlightStyle(app, 'lectern-green')).line).toBe('none');
    await app.emulateMedia({ forcedColors: 'active' });

    // Find: the current match in Highlight/HighlightText with a thick underline, unlike the others.
    await app.keyboard.press('Control+f');
    await app.keyboard.type('Korea');
    await expect(app.getByRole('search', { name: 'Find in article' }).getByRole('status')).toHaveText(/^1 of \d+/);
    const [current, other] = [await highlightStyle(app, 'lectern-find-current'), await highlightStyle(app, 'lectern-find')];
    expect(current.background).toBe(await systemColor(app, 'Highlight'));
    expect(current.color).toBe(await systemColor(app, 'HighlightText'));
    expect(current.line).toContain('underline');
    expect(parseFloat(current.thickness)).toBeGreaterThanOrEqual(3);
    expect(current.background).not.toBe(other.background);
    expect(other.line).toContain('underline');
    // Painted so: the first "Korea" (the current match) is mostly the Highlight color.
    const currentShot = await app.screenshot({ clip: await boxOf(app, 'Korea') });
    expect(await shareOfColor(app, currentShot, await paintedColor(app, 'Highlight'))).toBeGreaterThan(0.4);
    await app.keyboard.press('Escape');

    // Focus: a keyboard focus ring in the system's Highlight color.
    const notesButton = app.getByRole('button', { name: 'Notes', exact: true });
    await notesButton.focus();
    await app.keyboard.press('Shift+Tab');
    await app.keyboard.press('Tab');
    await expect(notesButton).toBeFocused();
    const ring = await notesButton.evaluate((b) => {
      const s = getComputedStyle(b);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, focusVisible: b.matches(':focus-visible') };
    });
    expect(ring.focusVisible).toBe(true);
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.color).toBe(await systemColor(app, 'Highlight'));

    // The Notes panel: each item's dot keeps its own color inside a CanvasText ring, its name beside it.
    await notesButton.click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await expect(panel).toContainText('Vague on purpose?');
    const canvas = await systemColor(app, 'Canvas');
    const canvasText = await systemColor(app, 'CanvasText');
    const dots = await panel.locator('.item .swatch').evaluateAll((spans) =>
      spans.map((s) => ({ background: getComputedStyle(s).backgroundColor, border: getComputedStyle(s).borderTopColor })),
    );
    expect(dots).toHaveLength(COLORS.length);
    expect(new Set(dots.map((d) => d.background)).size, 'five different dot colors').toBe(COLORS.length);
    for (const dot of dots) {
      expect(dot.background).not.toBe(canvas);
      expect(dot.border).toBe(canvasText);
    }
    for (const color of COLORS) {
      await expect(panel.getByRole('listitem').filter({ hasText: NAMES[color] }).locator(`.swatch--${color}`)).toBeVisible();
    }
    await app.evaluate(() => window.scrollTo(0, 0));
    await app.mouse.click(5, 5);
    await app.screenshot({ path: testInfo.outputPath('forced-colors-reader.png') });
    // A dark system palette: the article's text follows it (CanvasText), as the rest of the window does.
    await app.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    const paragraph = await app.locator('article-view').evaluate((view) => getComputedStyle(view.shadowRoot!.querySelector('.body p')!).color);
    expect(paragraph).toBe(await systemColor(app, 'CanvasText'));
    await app.screenshot({ path: testInfo.outputPath('forced-colors-reader-dark.png') });
    await app.emulateMedia({ forcedColors: 'active', colorScheme: 'light' });

    // The selection toolbar: its dots keep their colors and each button writes its color's name.
    await dragSelect(app, 'Both Russia and North Korea');
    const toolbar = app.getByRole('toolbar', { name: 'Highlight' });
    await expect(toolbar).toBeVisible();
    for (const color of COLORS) {
      const button = toolbar.getByRole('button', { name: `Highlight: ${NAMES[color]}` });
      const written = await button.evaluate((b) => {
        const after = getComputedStyle(b, '::after');
        return { content: after.content, width: b.getBoundingClientRect().width };
      });
      expect(written.content, color).not.toBe('none');
      // A dot alone is about 2rem wide; a written name makes the button wider.
      expect(written.width, color).toBeGreaterThan(48);
    }
    await app.screenshot({ path: testInfo.outputPath('forced-colors-toolbar.png') });
  });
});

test.describe('reduced motion', () => {
  test('a highlight jumped to from the Notes panel is not flashed, and nothing scrolls smoothly', async ({ app, dispatch, libraryDir }) => {
    for (const [quote, color, note] of FIVE_HIGHLIGHTS) await highlightVia(dispatch, libraryDir, quote, { color, note });
    await app.reload();
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    const flashSize = () => app.evaluate(() => (CSS.highlights.get('lectern-flash') as Highlight | undefined)?.size ?? 0);

    // As a control, with motion allowed: the jump flashes the highlight.
    await panel.getByRole('button', { name: /during the two meetings/ }).click();
    await expect.poll(flashSize).toBe(1);
    await expect.poll(flashSize, { timeout: 5_000 }).toBe(0);

    await app.emulateMedia({ reducedMotion: 'reduce' });
    await panel.getByRole('button', { name: /Sergey Naryshkin/ }).click();
    // It becomes the current highlight (marked without motion), and no flash is set.
    await expect.poll(() => app.evaluate(() => (CSS.highlights.get('lectern-current') as Highlight | undefined)?.size ?? 0)).toBe(1);
    expect(await flashSize()).toBe(0);
    // Were a flash set anyway, it would draw nothing.
    expect((await highlightStyle(app, 'lectern-flash')).background).toBe('rgba(0, 0, 0, 0)');
    expect(await app.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    // Components' own transitions are cut to nothing (a pill's, inside a shadow root, with a transition set on it here).
    const duration = await app.locator('article-view').evaluate((view) => {
      const back = view.shadowRoot!.querySelector<HTMLElement>('.back')!;
      back.style.transition = 'background-color 300ms ease';
      const value = getComputedStyle(back).transitionDuration;
      back.style.transition = '';
      return value;
    });
    expect(duration).toBe('0s');
  });
});
