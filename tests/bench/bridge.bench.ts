/**
 * `npm run bench`: what an oversized payload costs main's thread, now (the dispatcher:
 * the bounds walk of main/bridge-bounds.ts, then valibot) beside the old unbounded parse
 * (valibot alone) in the same run — `article:set-tags` with many tags and
 * `library:add-files` with many paths (ARCHITECTURE.md §5, §7). Numbers, not assertions.
 * Each figure is the median of a few synchronous runs: all of it holds main's thread.
 */
import * as v from 'valibot';
import { bench, describe } from 'vitest';
import { channels } from '../../common/ipc';
import { createDispatcher, type Services } from '../../main/handlers';

const SIZES = [100, 10_000, 1_000_000];
const RUNS = 3;
// A refused payload never reaches a service; none is needed.
const dispatch = createDispatcher({} as Services);

const payloads = {
  'article:set-tags': (n: number) => ({ id: 'an-article', tags: Array.from({ length: n }, (_, i) => `tag-${i}`) }),
  'library:add-files': (n: number) => ({ paths: Array.from({ length: n }, (_, i) => `/home/reader/articles/file-${i}.md`) }),
} as const;
type BenchChannel = keyof typeof payloads;

/** Milliseconds of main's thread: the median of RUNS runs (the dispatcher answers a refusal before its first await). */
function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

const rows = [];
for (const channel of Object.keys(payloads) as BenchChannel[]) {
  for (const size of SIZES) {
    const payload = payloads[channel](size);
    // The dispatch call runs synchronously up to its answer for a refused payload (and up
    // to the missing service for a valid one, which then fails: no service is wired here).
    const bounded = median(() => void dispatch(channel, payload));
    const result = await dispatch(channel, payload);
    const answer =
      !result.ok && result.error.code === 'invalid-input'
        ? result.error.message.replace(`${channel}: `, '')
        : 'valid: parsed in full, on to the service';
    const unbounded = median(() => v.safeParse(channels[channel].input, payload));
    rows.push({
      channel,
      items: size.toLocaleString('en-US'),
      'old: valibot alone, ms': Number(unbounded.toFixed(2)),
      'now: bounds + valibot, ms': Number(bounded.toFixed(2)),
      'answer now': answer.length > 60 ? `${answer.slice(0, 57)}…` : answer,
    });
  }
}
console.log('\nWhat one payload costs main\'s thread before an answer (median of 3 runs):');
console.table(rows);

for (const channel of Object.keys(payloads) as BenchChannel[]) {
  const payload = payloads[channel](1_000_000);
  describe(`${channel} — 1,000,000 items`, () => {
    bench('old: valibot alone', () => void v.safeParse(channels[channel].input, payload), { iterations: 3, time: 0 });
    bench('now: the dispatcher (bounds first)', async () => void (await dispatch(channel, payload)), { iterations: 20, time: 0 });
  });
}
