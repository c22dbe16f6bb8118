// @vitest-environment jsdom
/**
 * The reading position is never more than PROGRESS_INTERVAL_MS behind the reader while
 * they scroll (so the saved position is under 400 ms old once main has written it), and
 * is reported at once when the page is hidden or unloaded (ARCHITECTURE.md §3).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleView, ReadingProgress } from '../../../common/model';
import { PROGRESS_INTERVAL_MS, ReadingPositionController } from './reading-position-controller';

/** The controller with the geometry replaced by a counter (jsdom has no layout). */
class Probe extends ReadingPositionController {
  position = 0;
  override measure(): ReadingProgress {
    return { fraction: 0, position: this.position, within: 0 };
  }
}

function setup() {
  const host = Object.assign(document.createElement('div'), {
    addController: vi.fn(),
    removeController: vi.fn(),
    requestUpdate: vi.fn(),
    updateComplete: Promise.resolve(true),
  });
  const body = document.createElement('div');
  const article = { id: 'a', progress: null } as unknown as ArticleView;
  const probe = new Probe(host, { body: () => body, shown: () => article });
  const reports: { at: number; position: number }[] = [];
  host.addEventListener('reading-progress', (event) => {
    reports.push({ at: performance.now(), position: (event as CustomEvent<{ progress: ReadingProgress }>).detail.progress.position });
  });
  probe.hostConnected();
  probe.attach(article, body);
  probe.track();
  return { probe, reports };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReadingPositionController', () => {
  it(`is at most ${PROGRESS_INTERVAL_MS} ms behind a reader who scrolls without pause (under 400 ms)`, async () => {
    expect(PROGRESS_INTERVAL_MS).toBeLessThan(400);
    const { probe, reports } = setup();
    const scrolls: { at: number; position: number }[] = [];
    for (let i = 0; i < 200; i++) {
      probe.position++;
      scrolls.push({ at: performance.now(), position: probe.position });
      window.dispatchEvent(new Event('scroll'));
      await vi.advanceTimersByTimeAsync(16);
    }
    await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS);
    const staleness = scrolls.map((s) => reports.find((r) => r.position >= s.position)!.at - s.at);
    expect(Math.max(...staleness)).toBeLessThanOrEqual(PROGRESS_INTERVAL_MS);
    expect(reports.at(-1)?.position).toBe(200); // the last scroll is always reported
    expect(reports.length).toBeLessThan(200 / 10); // and it is a throttle: not a report per scroll
  });

  it.each(['pagehide', 'visibilitychange'])('reports at once on %s, without waiting for the throttle', async (type) => {
    const { probe, reports } = setup();
    probe.position = 1;
    window.dispatchEvent(new Event('scroll')); // reported at once (the first in a while)
    probe.position = 2;
    window.dispatchEvent(new Event('scroll')); // waits for the throttle
    expect(reports.map((r) => r.position)).toEqual([1]);
    probe.position = 3;
    if (type === 'visibilitychange') {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    } else {
      window.dispatchEvent(new Event('pagehide'));
    }
    expect(reports.map((r) => r.position)).toEqual([1, 3]);
    await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS * 2);
    expect(reports.map((r) => r.position)).toEqual([1, 3]); // the waiting report was dropped, not repeated
  });
});
