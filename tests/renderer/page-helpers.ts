/** What several renderer specs do to the page as a user: find text on screen, select it, ask axe. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe's serious and critical violations on the page, one line each (an empty list is clean). */
export async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

type Point = { x: number; y: number };

/** Viewport points just inside the first and last characters of `text` in the article body (scrolled into view). */
export const textEnds = (app: Page, text: string): Promise<{ start: Point; end: Point; middle: Point }> =>
  app.locator('article-view').evaluate((view, wanted) => {
    const body = view.shadowRoot!.querySelector('.body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
      const char = (i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect();
      };
      const first = char(at);
      const last = char(at + wanted.length - 1);
      return {
        start: { x: first.left + 1, y: first.top + first.height / 2 },
        end: { x: last.right - 1, y: last.top + last.height / 2 },
        middle: { x: (first.left + first.right) / 2, y: first.top + first.height / 2 },
      };
    }
    throw new Error(`"${wanted}" is not in the article`);
  }, text);

/** Select `text` in the article by dragging the mouse over it. */
export async function dragSelect(app: Page, text: string): Promise<void> {
  const { start, end } = await textEnds(app, text);
  await app.mouse.move(start.x, start.y);
  await app.mouse.down();
  await app.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await app.mouse.move(end.x, end.y, { steps: 4 });
  await app.mouse.up();
}

/** Click the first character of `text`. */
export async function clickText(app: Page, text: string): Promise<void> {
  const { middle } = await textEnds(app, text);
  await app.mouse.click(middle.x, middle.y);
}
