import { test as base, expect } from './fixtures';
import { seedBigLibrary } from './big-library';
let cdp: import('@playwright/test').CDPSession;
const test = base.extend({
  libraryDir: async ({ libraryDir }, use) => { seedBigLibrary(libraryDir, 1999); await use(libraryDir); },
  page: async ({ page }, use) => {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.addInitScript(() => {
      const seen: unknown[] = []; (window as any).__lt = seen;
      (window as any).__t0 = performance.timeOrigin;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) seen.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    });
    await use(page);
  },
});
test('profile', async ({ app }) => {
  test.setTimeout(120000);
  const first = app.locator('library-view button.open').first();
  await expect(first).toBeVisible({ timeout: 60000 });
  await first.focus();
  for (let i = 0; i < 3; i++) await app.keyboard.press('PageDown');
  await app.keyboard.press('End');
  await app.waitForTimeout(3000);
  const { profile } = await cdp.send('Profiler.stop');
  const lt = (await app.evaluate(() => (window as any).__lt)) as [number, number][];
  const origin = (await app.evaluate(() => performance.timeOrigin)) as number;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // profile times are in microseconds, monotonic; map to page time via startTime offset guess: use first sample ~ navigation.
  let t = profile.startTime;
  const samples = (profile.samples ?? []).map((id, i) => { t += profile.timeDeltas![i]!; return { id, t }; });
  // Estimate page-time offset: Profiler timestamps are in the same clock as performance.timeOrigin*1000? use monotonic: assume profile.startTime us ~ process monotonic. Align by longest dense region instead: print per window.
  const frame = (id: number) => { const n = byId.get(id)!; return `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; };
  const stack = (id: number) => { const s: string[] = []; let c: number | undefined = id; while (c !== undefined && s.length < 12) { s.push(frame(c)); c = parent.get(c); } return s; };
  // bucket into 50ms windows, print windows with > 40ms non-idle
  const buckets = new Map<number, Map<string, number>>();
  let prev = profile.startTime;
  for (const s of samples) {
    const dt = (s.t - prev) / 1000; prev = s.t;
    const f = frame(s.id); if (f.startsWith('(idle)')) continue;
    const b = Math.floor((s.t - profile.startTime) / 1000 / 50);
    const m = buckets.get(b) ?? new Map(); buckets.set(b, m);
    const st = stack(s.id); const key = st.filter((x) => !x.startsWith('(anon)@:')).slice(0, 4).join(' < ');
    m.set(key, (m.get(key) ?? 0) + dt);
  }
  for (const [b, m] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total < 35) continue;
    console.log(`W ${b * 50}ms total ${total.toFixed(0)}: ` + [...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${v.toFixed(0)} ${k}`).join(' | '));
  }
  console.log('LT', JSON.stringify(lt.map(([s, d]) => [Math.round(s), Math.round(d)])));
});
