/**
 * Notes rendered from their Markdown (ARCHITECTURE.md §6), in Chromium against the real
 * main services: in the Notes panel and the highlight popover's read view, editing in the
 * plain textarea, links that show their address before they open, the hostile notes of
 * tests/fixtures/hostile/notes, and a 1 MB note written into annotations.json outside
 * Lectern. The harness fails a test on any console error or CSP violation.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clickText, seriousViolations } from './page-helpers';
import { highlightVia } from './seed';
import { STORY } from './story';

interface HostileNote {
  name: string;
  attacks: string;
  note: string;
}
const HOSTILE_NOTES = (
  JSON.parse(readFileSync(new URL('../fixtures/hostile/notes/hostile-notes.json', import.meta.url), 'utf8')) as {
    notes: HostileNote[];
  }
).notes;

/** Records what the page asks to open, and counts dialogs, from before the app's own scripts run. */
const TRAPS = `
  window.__opened = [];
  window.__dialogs = 0;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    Object.defineProperty(window, name, { value: function () { window.__dialogs++; }, configurable: false, writable: false });
  }
  Object.defineProperty(window, 'open', {
    value: function (...args) { window.__opened.push(args.map(String)); return null; },
    configurable: false,
    writable: false,
  });
`;

const trap = async (app: Page) => {
  await app.addInitScript({ content: TRAPS });
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
};

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

/** Four words of the story, from the start of a paragraph (then a few words in): quotes that do not overlap. */
const quoteOf = (i: number) => {
  const at = Math.floor(i / STORY.paragraphs.length) * 6;
  return STORY.paragraphs[i % STORY.paragraphs.length]!.split(/\s+/u).slice(at, at + 4).join(' ');
};

/**
 * Everything unsafe in the rendered notes of the panel and the popover (their shadow
 * roots): elements that run, load or frame, handler and style attributes, and links to
 * anything but http(s) and mailto. An empty list is clean.
 */
const unsafeInNotes = (app: Page) =>
  app.evaluate(() => {
    const found: string[] = [];
    const roots: ParentNode[] = [];
    const collect = (root: ParentNode) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          roots.push(element.shadowRoot);
          collect(element.shadowRoot);
        }
      }
    };
    collect(document);
    for (const root of roots) {
      for (const note of root.querySelectorAll('rendered-note')) {
        for (const element of note.querySelectorAll('*')) {
          const name = element.localName;
          const active = ['script', 'img', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'form', 'input', 'button'];
          // The only buttons are the link question's own (Open, Cancel).
          if (active.includes(name) && !element.closest('.link-confirm')) {
            found.push(`<${name}>`);
          }
          for (const attribute of element.attributes) {
            if (/^on/iu.test(attribute.name) || ['style', 'src', 'srcdoc', 'formaction', 'action'].includes(attribute.name)) {
              found.push(`<${name} ${attribute.name}="${attribute.value}">`);
            }
            if (attribute.name === 'href' && !/^(?:https?:\/\/|mailto:)/iu.test(attribute.value)) {
              found.push(`<${name} href="${attribute.value}">`);
            }
          }
        }
      }
    }
    return found;
  });

const canary = (app: Page) =>
  app.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    dialogs: (window as unknown as { __dialogs: number }).__dialogs,
    opened: (window as unknown as { __opened: string[][] }).__opened,
  }));

test.describe('notes rendered', () => {
  test('Markdown shows formatted in the panel and the popover; clicking it edits the Markdown; a link shows its address before it opens', async ({
    app,
    dispatch,
    libraryDir,
    annotations,
  }, testInfo) => {
    await trap(app);
    const note =
      'Some *emphasis* and **weight**.\n\n- first\n- second\n\nSee [the page](https://example.com/page) and `code`.\n\n> quoted words\n\n# A heading\n\n## Second level\n\n### A smaller one';
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note, color: 'yellow' });
    await dispatch('annotations:set-article-note', {
      articleId: STORY.id,
      note: 'Read with the **March** report:\n\n1. numbers\n2. dates\n\nFrom <https://example.org/report>',
    });
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });

    const item = panel.getByRole('listitem').filter({ hasText: 'Sergey Naryshkin' });
    await expect(item.locator('rendered-note em')).toHaveText('emphasis');
    await expect(item.locator('rendered-note strong')).toHaveText('weight');
    await expect(item.locator('rendered-note li')).toHaveText(['first', 'second']);
    await expect(item.getByRole('link', { name: 'the page' })).toHaveAttribute('href', 'https://example.com/page');
    await expect(item.locator('rendered-note code')).toHaveText('code');
    await expect(item.locator('rendered-note blockquote')).toHaveText('quoted words');
    await expect(item.locator('rendered-note h1')).toHaveText('A heading');
    await expect(item.locator('rendered-note h3')).toHaveText('A smaller one');
    // Headings in a note are no bigger than a little over its text.
    // Headings in a note are no bigger than a little over its text, in its typeface, on their own line
    // (the panel's own h2/h3 rules stay off them).
    const looks = await item.locator('rendered-note').evaluate((el) => {
      const style = (selector: string) => getComputedStyle(el.querySelector(selector)!);
      return {
        h1: parseFloat(style('h1').fontSize),
        p: parseFloat(style('p').fontSize),
        fonts: [style('h1').fontFamily, style('h2').fontFamily, style('h3').fontFamily],
        pFont: style('p').fontFamily,
        h3Display: style('h3').display,
      };
    });
    expect(looks.h1).toBeLessThanOrEqual(looks.p * 1.2);
    expect(looks.fonts).toEqual([looks.pFont, looks.pFont, looks.pFont]);
    expect(looks.h3Display).toBe('block');
    // The Markdown source is not what is shown.
    await expect(item).not.toContainText('*emphasis*');

    // The article note reads rendered too; clicking it gives the textarea with the Markdown.
    const articleNote = panel.locator('.article-note');
    await expect(articleNote.locator('rendered-note strong')).toHaveText('March');
    await expect(articleNote.locator('rendered-note ol li')).toHaveText(['numbers', 'dates']);
    await app.screenshot({ path: testInfo.outputPath('notes-rendered-panel-light.png') });
    // Its link takes a click (the field under the rendered note does not get it).
    await articleNote.getByRole('link', { name: 'https://example.org/report' }).click();
    await expect(articleNote.getByRole('group', { name: 'Open link' })).toContainText('Open https://example.org/report in your browser?');
    await articleNote.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel.getByRole('textbox', { name: 'Article note' })).not.toBeFocused();
    // The rendered note lets clicks through to the field under it (Playwright sees the
    // field receive the click, as it should, so the click is forced at the text's place).
    await articleNote.locator('rendered-note li').first().click({ force: true });
    const field = panel.getByRole('textbox', { name: 'Article note' });
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('Read with the **March** report:\n\n1. numbers\n2. dates\n\nFrom <https://example.org/report>');
    await expect(articleNote.locator('rendered-note')).toHaveCount(0);
    await field.press('Control+End');
    await app.keyboard.type('\n\n*places*');
    await field.press('Tab');
    await expect(articleNote.locator('rendered-note em')).toHaveText('places');
    await expect.poll(async () => (await annotations.list(STORY.id)).articleNote?.note).toBe(
      'Read with the **March** report:\n\n1. numbers\n2. dates\n\nFrom <https://example.org/report>\n\n*places*',
    );

    // The link in the panel: a click shows the address; Cancel puts focus back on the link.
    const link = item.getByRole('link', { name: 'the page' });
    await link.click();
    const ask = item.getByRole('group', { name: 'Open link' });
    await expect(ask).toContainText('Open https://example.com/page in your browser?');
    await expect(ask.getByRole('button', { name: 'Open' })).toBeFocused();
    await app.screenshot({ path: testInfo.outputPath('notes-rendered-link-ask.png') });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);
    await expect(link).toBeFocused();
    expect((await canary(app)).opened).toEqual([]);

    // The popover's read view: rendered, with the same link; from the keyboard, Enter asks, Enter opens.
    await clickText(app, 'Sergey Naryshkin');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover.locator('rendered-note em')).toHaveText('emphasis');
    await expect(popover.getByRole('radio', { name: 'Key point' })).toBeFocused();
    await app.screenshot({ path: testInfo.outputPath('notes-rendered-popover-light.png') });
    const popoverLink = popover.getByRole('link', { name: 'the page' });
    // Tab from the color reaches the note's link before its field.
    await app.keyboard.press('Tab');
    await expect(popoverLink).toBeFocused();
    await app.keyboard.press('Enter');
    const popoverAsk = popover.getByRole('group', { name: 'Open link' });
    await expect(popoverAsk).toContainText('Open https://example.com/page in your browser?');
    expect((await canary(app)).opened).toEqual([]);
    // Escape leaves the question, not the popover.
    await app.keyboard.press('Escape');
    await expect(popoverAsk).toHaveCount(0);
    await expect(popover).toBeVisible();
    await expect(popoverLink).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(popoverAsk.getByRole('button', { name: 'Open' })).toBeFocused();
    expect(await seriousViolations(app)).toEqual([]);
    await app.keyboard.press('Enter');
    await expect(popoverAsk).toHaveCount(0);
    expect((await canary(app)).opened).toEqual([['https://example.com/page', '_blank', 'noopener,noreferrer']]);
    // The app itself did not go anywhere.
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();

    // The open link keeps focus; Tab goes on to the field, which shows the Markdown.
    await expect(popoverLink).toBeFocused();
    await app.keyboard.press('Tab');
    const noteField = popover.getByRole('textbox', { name: 'Note' });
    await expect(noteField).toBeFocused();
    await expect(noteField).toHaveValue(note);
    await expect(popover.locator('rendered-note')).toHaveCount(0);
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();

    // Clicking the rendered note (not its link) edits the Markdown too.
    await clickText(app, 'Sergey Naryshkin');
    await popover.locator('rendered-note li').first().click({ force: true });
    await expect(noteField).toBeFocused();
    await expect(noteField).toHaveValue(note);
    await app.keyboard.press('Escape');
    await expect(popover).toBeHidden();

    await app.emulateMedia({ colorScheme: 'dark' });
    await clickText(app, 'Sergey Naryshkin');
    await expect(popover.locator('rendered-note')).toBeVisible();
    await app.screenshot({ path: testInfo.outputPath('notes-rendered-popover-dark.png') });
    expect(await seriousViolations(app)).toEqual([]);
    const { pwned, dialogs } = await canary(app);
    expect({ pwned, dialogs }).toEqual({ pwned: undefined, dialogs: 0 });
  });

  test('hostile notes on highlights and the article note: nothing runs, loads or links anywhere unsafe', async ({
    app,
    dispatch,
    libraryDir,
  }, testInfo) => {
    test.setTimeout(120_000);
    expect(HOSTILE_NOTES.length).toBeGreaterThanOrEqual(10);
    await trap(app);
    const requests: string[] = [];
    app.on('request', (request) => {
      if (!/^(?:app|http:\/\/(?:127\.0\.0\.1|localhost))/u.test(request.url())) requests.push(request.url());
    });
    const quotes = HOSTILE_NOTES.map((_, i) => quoteOf(i));
    for (const [i, hostile] of HOSTILE_NOTES.entries()) {
      await highlightVia(dispatch, libraryDir, quotes[i]!, { note: hostile.note });
    }
    await dispatch('annotations:set-article-note', {
      articleId: STORY.id,
      note: HOSTILE_NOTES.map((h) => h.note).join('\n\n'),
    });
    await openStory(app);
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await expect(panel.locator('rendered-note')).toHaveCount(HOSTILE_NOTES.length + 1);

    // The payloads are shown as text.
    const scriptItem = panel.getByRole('listitem').filter({ hasText: quotes[0]! });
    await expect(scriptItem.locator('rendered-note')).toContainText('<script>window.__pwned = 1</script>');
    const imgItem = panel.getByRole('listitem').filter({ hasText: quotes[2]! });
    await expect(imgItem.locator('rendered-note')).toContainText('<img src=x onerror="window.__pwned = 1">');
    // An image is a link named by its alt text, never an image.
    const imageItem = panel.getByRole('listitem').filter({ hasText: quotes[6]! });
    await expect(imageItem.getByRole('link', { name: 'a tracking pixel (image)' })).toHaveAttribute(
      'href',
      'https://attacker.invalid/NOFETCH-pixel.png',
    );
    // Autolinks: web and email kept, the rest text.
    const autolinks = panel.getByRole('listitem').filter({ hasText: quotes[7]! });
    await expect(autolinks.getByRole('link')).toHaveText([
      'https://example.com/ok',
      'https://example.org/bare',
      'me@example.com',
      'mailto:someone@example.com',
    ]);
    expect(await unsafeInNotes(app)).toEqual([]);

    // Pass the pointer and focus over every note, and open each link's question.
    for (const note of await panel.locator('rendered-note').all()) await note.hover({ force: true });
    for (let i = 0; i < 60; i++) await app.keyboard.press('Tab');
    // Out of any field Tab stopped in (a field being edited shows its Markdown, not the rendered note).
    await panel.getByRole('heading', { name: 'Notes', level: 2 }).focus();
    for (const link of await panel.locator('rendered-note a').all()) {
      await link.click();
      await panel.getByRole('group', { name: 'Open link' }).getByRole('button', { name: /^(Cancel|Close)$/u }).click();
    }
    const email = autolinks.getByRole('link', { name: 'me@example.com' });
    await email.click();
    await expect(autolinks.getByRole('group', { name: 'Open link' })).toContainText(
      'Lectern opens web addresses only. The email address is me@example.com',
    );
    await app.screenshot({ path: testInfo.outputPath('notes-hostile-panel.png') });
    await autolinks.getByRole('button', { name: 'Close' }).click();

    // Each note in the popover's read view.
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    for (const quote of quotes) {
      await clickText(app, quote);
      await expect(popover.locator('rendered-note')).toBeVisible();
      expect(await unsafeInNotes(app), quote).toEqual([]);
      await app.keyboard.press('Escape');
      await expect(popover).toBeHidden();
    }
    await app.waitForTimeout(200);
    expect(await canary(app)).toEqual({ pwned: undefined, dialogs: 0, opened: [] });
    expect(requests).toEqual([]);
    expect(await seriousViolations(app)).toEqual([]);
  });

  test('a 1 MB note written into annotations.json outside Lectern is shown shortened, without holding the page up', async ({
    app,
    dispatch,
    libraryDir,
    annotations,
  }, testInfo) => {
    test.setTimeout(120_000);
    await trap(app);
    await highlightVia(dispatch, libraryDir, 'Sergey Naryshkin', { note: 'short for now' });
    await dispatch('annotations:set-article-note', { articleId: STORY.id, note: 'short for now' });
    // Generated, not committed: every kind of Markdown, and a hostile line now and then.
    const lines = [
      'A paragraph with *emphasis*, **weight**, `code` and [a link](https://example.com/x).',
      '- a list item\n- another',
      '> a quotation',
      '<script>window.__pwned = 1</script> [bad](javascript:window.__pwned=1)',
      '## a heading',
    ];
    let huge = '';
    for (let i = 0; huge.length < 1_000_000; i++) huge += `${lines[i % lines.length]}\n\n`;
    const file = join(libraryDir, 'articles', STORY.id, 'annotations.json');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { annotations: { note: string }[] };
    // Two different texts, so both are rendered (the renderer caches by text).
    for (const annotation of onDisk.annotations) annotation.note = annotation === onDisk.annotations[0] ? huge : `Second. ${huge}`;
    await writeFile(file, JSON.stringify(onDisk));
    // The store hands it over as it is (it refuses only to *save* a note over the limit).
    const listed = await annotations.list(STORY.id);
    expect([listed.highlights[0]!.note.length, listed.articleNote!.note.length].sort()).toEqual([huge.length, huge.length + 8]);

    await app.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await openStory(app);
    const started = Date.now();
    await app.getByRole('button', { name: 'Notes', exact: true }).click();
    const panel = app.getByRole('complementary', { name: 'Notes' });
    await expect(panel.getByText('Note shortened for display; edit to see all of it.')).toHaveCount(2);
    const shownMs = Date.now() - started;
    const longestTaskMs = await app.evaluate(() => (window as unknown as { __longest: number }).__longest);
    testInfo.annotations.push({
      type: '1 MB note',
      description: `both notes shown ${shownMs} ms after Notes was clicked; longest task ${Math.round(longestTaskMs)} ms`,
    });
    expect(shownMs).toBeLessThan(5_000);
    expect(longestTaskMs).toBeLessThan(2_000);
    await expect(panel.locator('.article-note rendered-note em').first()).toHaveText('emphasis');
    expect(await unsafeInNotes(app)).toEqual([]);
    await app.screenshot({ path: testInfo.outputPath('notes-1mb-panel.png') });

    // The popover too; its field gets all of the note once the reader goes to edit it.
    await clickText(app, 'Sergey Naryshkin');
    const popover = app.getByRole('dialog', { name: 'Highlight' });
    await expect(popover.getByText('Note shortened for display; edit to see all of it.')).toBeAttached();
    // The popover stays a popover: the long note scrolls inside it, and the wheel over the note scrolls it.
    expect((await popover.boundingBox())!.height).toBeLessThan(700);
    const scroller = popover.locator('.note-editor');
    await popover.locator('rendered-note').hover({ force: true });
    await app.mouse.wheel(0, 400);
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await app.screenshot({ path: testInfo.outputPath('notes-1mb-popover.png') });
    const noteField = popover.getByRole('textbox', { name: 'Note' });
    await noteField.focus();
    await expect.poll(() => noteField.evaluate((t) => (t as HTMLTextAreaElement).value.length)).toBe(listed.highlights[0]!.note.length);
    await app.keyboard.press('Escape');
    expect(await canary(app)).toEqual({ pwned: undefined, dialogs: 0, opened: [] });
  });
});
