/**
 * Find in a ~1 MB article in Chromium: each keystroke's search + paint + scroll, with
 * the app's FindInteraction (target ≤ 16 ms, one frame), against folding the whole
 * article again on every keystroke. Script time measured inside the page; the table
 * is printed.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { bundleScript } from '../bundle-script';
import { chromiumLaunchOptions } from '../chromium';

type Measure = (chars: number, queries: string[], runs: number) => {
  characters: number;
  rows: { query: string; matches: number; cachedMedian: number; cachedMax: number; uncachedMedian: number; uncachedMax: number }[];
};

const browser: Browser = await chromium.launch(chromiumLaunchOptions());
const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.setContent('<!doctype html><html><body></body></html>');
await page.addScriptTag({ content: await bundleScript(resolve(import.meta.dirname, 'find-page.ts'), 'FindBench') });
const result = await page.evaluate(() => (window as unknown as { measure: Measure }).measure(1_000_000, ['pyongyang', 'the'], 7));
const ms = (x: number) => Number(x.toFixed(2));
console.log(`\nFind as you type in a ${result.characters.toLocaleString()}-character article (script ms per keystroke, 7 runs each; at most 2,000 matches around the current one painted):`);
console.table(
  result.rows.map((r) => ({
    typed: r.query,
    matches: r.matches,
    'FindInteraction median': ms(r.cachedMedian),
    'worst': ms(r.cachedMax),
    'fold every keystroke median': ms(r.uncachedMedian),
    'fold every keystroke worst': ms(r.uncachedMax),
  })),
);

describe('find in a 1 MB article — Chromium', () => {
  bench(
    'one keystroke ("pyon"), round trip through Playwright',
    async () => {
      await page.evaluate(() => (window as unknown as { measure: Measure }).measure(1_000_000, ['pyon'], 1));
    },
    { iterations: 2, time: 0, warmupIterations: 0 },
  );
});
