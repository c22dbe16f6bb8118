import { describe, expect, it } from 'vitest';
import { throttle, type Clock } from './throttle';

function fakeClock() {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.push({ at: now + ms, callback, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.callback();
    }
    now = until;
  };
  return { clock, advance };
}

describe('throttle', () => {
  it('runs at once, then at most once per window, always with a trailing run', () => {
    const { clock, advance } = fakeClock();
    const runs: number[] = [];
    const t = throttle(() => runs.push(clock.now()), 400, clock);
    for (let i = 0; i < 20; i++) {
      t();
      advance(50);
    }
    advance(1000);
    expect(runs).toEqual([0, 400, 800, 1200]);
  });

  it('flush runs a waiting call now; cancel drops it', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const t = throttle(() => runs++, 400, clock);
    t();
    t();
    expect(t.pending).toBe(true);
    t.flush();
    expect([runs, t.pending]).toEqual([2, false]);
    advance(10);
    t();
    t.cancel();
    advance(1000);
    expect(runs).toBe(2);
    t.flush();
    expect(runs).toBe(2);
  });
});
