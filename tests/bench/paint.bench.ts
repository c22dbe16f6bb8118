/**
 * Painting 1,000 highlights on a ~100,000-character article in Chromium with the
 * app's HighlightPainter (CSS Custom Highlight API). Script time is measured inside
 * the page (target ≤ 16 ms, one frame); the table is printed.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { bundleScript } from '../bundle-script';
import { chromiumLaunchOptions } from '../chromium';

// Playwright closes the browser when the bench process exits.
const browser: Browser = await chromium.launch(chromiumLaunchOptions());
const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.setContent('<!doctype html><html><body></body></html>');
await page.addScriptTag({ content: await bundleScript(resolve(import.meta.dirname, 'paint-page.ts'), 'PaintBench') });
const stats = await page.evaluate(() =>
  (window as unknown as { measure: (c: number, n: number, r: number) => Record<string, number> }).measure(
    100_000,
    1_000,
    30,
  ),
);
const row = (name: string, ms: number) => ({ approach: name, 'median ms': Number(ms.toFixed(2)) });
console.log(`\nPainting ${stats['highlights']} highlights on ${stats['characters']} characters (script time in the page, 30 runs):`);
console.table([
  row('HighlightPainter.paint (CSS Custom Highlight API)', stats['paintMedian']!),
  row('  … worst run', stats['paintMax']!),
  row('  … plus the style/layout flush', stats['paintWithStyleMedian']!),
]);

describe('paint 1,000 highlights — ~100,000 characters, Chromium', () => {
  bench(
    'HighlightPainter.paint, 1,000 highlights (round trip through Playwright)',
    async () => {
      await page.evaluate(() =>
        (window as unknown as { measure: (c: number, n: number, r: number) => unknown }).measure(100_000, 1_000, 1),
      );
    },
    { iterations: 5, time: 0, warmupIterations: 0 },
  );
});
