import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_METHODS } from '../../common/ipc';
import { expect, test } from './fixtures';
import { seriousViolations } from './page-helpers';
import { STORY } from './story';
import type { Page } from '@playwright/test';

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

/** Text of the first paragraph in the article body whose bottom is below the viewport top. */
const firstVisibleParagraph = (app: Page) =>
  app.locator('article-view').evaluate((view) => {
    const root = view.shadowRoot ?? view;
    const blocks = [...root.querySelectorAll('p')];
    const first = blocks.find((p) => p.getBoundingClientRect().bottom > 80);
    return first?.textContent?.trim() ?? '';
  });


test.describe('library view', () => {
  test('lists the bundled story with its source, date, reading time and progress', async ({ app }, testInfo) => {
    const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('AFP');
    await expect(row).toContainText('28 March 2024');
    await expect(row).toContainText('1 min read'); // 285 words at 230 a minute
    await expect(row).toContainText('Not started');
    await expect(app).toHaveTitle('Lectern');
    await app.screenshot({ path: testInfo.outputPath('library-light.png') });
  });

  test('opens an article from the keyboard and goes back with Escape and Alt+Left', async ({ app }) => {
    await app.getByRole('button', { name: STORY.title }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeFocused();
    await expect(app).toHaveTitle(`${STORY.title} — Lectern`);
    await app.keyboard.press('Escape');
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await expect(app.getByRole('button', { name: STORY.title })).toBeFocused();

    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
    await app.keyboard.press('Alt+ArrowLeft');
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  });

  test('reports a corrupt article file, moves it to .quarantine and still lists the rest', async ({
    app,
    libraryDir,
  }) => {
    const broken = join(libraryDir, 'articles', 'broken-one');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'article.json'), '{"id": "broken-one", "title": ');
    await app.reload();
    await expect(app.getByRole('button', { name: STORY.title })).toBeVisible();
    await expect(app.getByText(/1 file could not be read/)).toBeVisible();
    const moved = await readdir(join(libraryDir, '.quarantine'));
    expect(moved).toHaveLength(1);
    expect(await readFile(join(libraryDir, '.quarantine', moved[0]!), 'utf8')).toBe('{"id": "broken-one", "title": ');
  });

  test('reloads the list when main says the library changed', async ({ app, library, emit }) => {
    await openStory(app);
    await app.getByRole('button', { name: 'Back to library' }).click();
    await library.setProgress(STORY.id, { fraction: 1, position: 0, within: 0 });
    await emit('library:changed', { added: [], updated: [STORY.id], removed: [] });
    const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title }) });
    await expect(row).toContainText('Finished');
  });

  test('has no serious accessibility violations', async ({ app }) => {
    expect(await seriousViolations(app)).toEqual([]);
  });
});

test.describe('reader view', () => {
  test('shows the title, source, date, credit and every paragraph word for word', async ({ app }, testInfo) => {
    await openStory(app);
    const article = app.locator('article-view');
    for (const paragraph of STORY.paragraphs) {
      await expect(article.getByText(paragraph, { exact: true })).toBeVisible();
    }
    await expect(article).toContainText('North Koreaan Minister of State Security');
    await expect(article).toContainText('AFP');
    await expect(article).toContainText('28 March 2024');
    await app.screenshot({ path: testInfo.outputPath('reader-light.png'), fullPage: true });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('reader-dark.png') });
  });

  test('sets the text for long reading: a 60–80 character measure and a serif face', async ({ app }) => {
    await openStory(app);
    const metrics = await app.locator('article-view').evaluate((view) => {
      const p = (view.shadowRoot ?? view).querySelector('p');
      if (!p) return null;
      const style = getComputedStyle(p);
      const canvas = document.createElement('canvas').getContext('2d');
      if (!canvas) return null;
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const charWidth = canvas.measureText('abcdefghijklmnopqrstuvwxyz ').width / 27;
      return {
        chars: p.getBoundingClientRect().width / charWidth,
        lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
        family: style.fontFamily,
      };
    });
    expect(metrics).not.toBeNull();
    expect(metrics!.chars).toBeGreaterThan(55);
    expect(metrics!.chars).toBeLessThan(85);
    expect(metrics!.lineHeight).toBeGreaterThanOrEqual(1.4);
    expect(metrics!.family).toMatch(/serif/);
  });

  test('restores the reading position after a reload', async ({ app, library }) => {
    await app.setViewportSize({ width: 900, height: 500 });
    await openStory(app);
    const target = STORY.paragraphs[5]!;
    await app.locator('article-view').getByText(target, { exact: true }).evaluate((p) => {
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - 100);
    });
    await expect.poll(() => firstVisibleParagraph(app)).toBe(target);
    // Saved by the throttled writer (not on every scroll event) as a place in the text.
    await expect
      .poll(async () => (await library.get(STORY.id)).progress?.position ?? 0, { timeout: 5000 })
      .toBeGreaterThan(STORY.paragraphs.slice(0, 3).join('').length);

    await app.reload();
    const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title }) });
    await expect(row).toContainText(/\d+% read/);
    await openStory(app);
    await expect.poll(() => firstVisibleParagraph(app)).toBe(target);
  });

  test('a scroll made while the article is still opening (its face loading) is kept and saved, not pulled back', async ({
    app,
    library,
  }) => {
    // The bundled faces arrive 1.2 s late (a slow disk): the view waits for them before it restores a place.
    await app.route(/\.woff2$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    await app.reload();
    await app.setViewportSize({ width: 900, height: 500 });
    await openStory(app);
    const target = STORY.paragraphs[5]!;
    await app.locator('article-view').getByText(target, { exact: true }).evaluate((p) => {
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - 100);
    });
    await expect
      .poll(async () => (await library.get(STORY.id)).progress?.position ?? 0, { timeout: 8000 })
      .toBeGreaterThan(STORY.paragraphs.slice(0, 3).join('').length);
    // Still there once the face arrived (the place is kept in the text: the line at the top
    // of the view, the end of the paragraph before the target, may now reach a little lower).
    await app.waitForTimeout(1500);
    expect(STORY.paragraphs.slice(4, 6)).toContain(await firstVisibleParagraph(app));
  });

  test('sanitizes article HTML again before rendering it', async ({ app, libraryDir, pageErrors }) => {
    const file = join(libraryDir, 'articles', STORY.id, 'content.html');
    await writeFile(
      file,
      '<p>Safe text</p><img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
        '<a href="javascript:window.__pwned=3">link</a><p style="color:red">styled</p>',
    );
    await openStory(app);
    const article = app.locator('article-view');
    await expect(article.getByText('Safe text')).toBeVisible();
    await article.getByText('link').click();
    const state = {
      pwned: await app.evaluate(() => (window as { __pwned?: number }).__pwned ?? null),
      scripts: await article.evaluate(
        (view) => (view.shadowRoot ?? view).querySelectorAll('script, [onerror], [style], a[href^="javascript"]').length,
      ),
    };
    expect(state).toEqual({ pwned: null, scripts: 0 });
    // The broken image's failed load is expected; nothing else may have gone wrong.
    const unexpected = pageErrors.filter((e) => !/Failed to load resource/.test(e));
    pageErrors.length = 0;
    expect(unexpected).toEqual([]);
  });

  test('has no serious accessibility violations', async ({ app }) => {
    await openStory(app);
    expect(await seriousViolations(app)).toEqual([]);
  });
});

test.describe('bridge', () => {
  test('window.lectern exposes exactly the contract methods, and nothing can replace it', async ({ app }) => {
    const methods = await app.evaluate(() => {
      const api = (window as unknown as { lectern: Record<string, unknown> }).lectern;
      try {
        (window as unknown as { lectern: unknown }).lectern = {};
      } catch {
        /* strict-mode assignment to a read-only property */
      }
      return {
        names: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((f) => typeof f === 'function'),
        frozen: Object.isFrozen(api),
        same: (window as unknown as { lectern: unknown }).lectern === api,
      };
    });
    expect(methods).toEqual({ names: [...API_METHODS], allFunctions: true, frozen: true, same: true });
  });

  test('a wrong payload from the page is refused with invalid-input; an unknown id is not-found', async ({ app }) => {
    const answers = await app.evaluate(async () => {
      const api = (window as unknown as { lectern: Record<string, (i?: unknown) => Promise<unknown>> }).lectern;
      return {
        traversal: await api['getArticle']!({ id: '../../etc/passwd' }),
        missing: await api['getArticle']!({ id: 'no-such-article' }),
        wrongType: await api['setReadingProgress']!({ id: 'x', progress: { fraction: 2, position: -1, within: 0 } }),
      };
    });
    expect(answers.traversal).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(answers.missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No article with id "no-such-article"' },
    });
    expect(answers.wrongType).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  test('the menu command "go-library" returns to the library', async ({ app, emit }) => {
    await openStory(app);
    await emit('menu:command', { command: 'go-library' });
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  });
});
