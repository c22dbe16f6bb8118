import { test as base, expect } from './fixtures';
import { seedBigLibrary } from './big-library';
import { writeFileSync } from 'node:fs';
let cdp: import('@playwright/test').CDPSession;
const test = base.extend({
  libraryDir: async ({ libraryDir }, use) => { seedBigLibrary(libraryDir, 1999); await use(libraryDir); },
  page: async ({ page }, use) => {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.addInitScript(() => {
      const seen: unknown[] = []; (window as any).__lt = seen;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) seen.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    });
    await use(page);
  },
});
test('profile', async ({ app }) => {
  test.setTimeout(120000);
  await expect(app.locator('library-view button.open').first()).toBeVisible({ timeout: 60000 });
  await app.waitForTimeout(3000);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
  console.log(JSON.stringify([...self].sort((a, b) => b[1] - a[1]).slice(0, 25)));
  console.log('LT', JSON.stringify(await app.evaluate(() => (window as any).__lt)));
});
