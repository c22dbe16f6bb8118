/**
 * `npm run stress`: the long bridge fuzz — tests/unit/bridge-fuzz.test.ts with more
 * payloads per channel and a fresh seed each run (printed, so a failure can be replayed):
 * LECTERN_STRESS_FUZZ_PER_CHANNEL (default 20,000) and LECTERN_STRESS_FUZZ_SEED.
 * Same real dispatcher over real services, same invariants (ARCHITECTURE.md §5, §7).
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../common/ipc';
import { fuzzBridge, hostilePool } from '../unit/bridge-fuzz-kit';
import { markdownFile, realServices } from '../unit/real-services';

const PER_CHANNEL = Number(process.env['LECTERN_STRESS_FUZZ_PER_CHANNEL'] ?? 20_000);
const SEED = Number(process.env['LECTERN_STRESS_FUZZ_SEED'] ?? Date.now() % 2 ** 31);

describe('fuzzing the bridge (stress)', () => {
  it(`${PER_CHANNEL.toLocaleString('en-US')} payloads per channel (seed ${SEED})`, async () => {
    expect(Number.isInteger(PER_CHANNEL) && PER_CHANNEL > 0, 'LECTERN_STRESS_FUZZ_PER_CHANNEL is a positive whole number').toBe(true);
    const services = await realServices();
    hostilePool();
    const listing = await services.dispatch('library:list', undefined);
    const ids = listing.ok ? (listing.value as { articles: { id: string }[] }).articles.map((a) => a.id) : [];
    const file = await markdownFile(services.dir, 'fuzz.md');
    const report = await fuzzBridge({
      dispatch: services.dispatch,
      dir: services.dir,
      settle: services.settle,
      corpus: { strings: [...ids, 'missing-article', 'https://example.com/fuzzed-page', file, '/home/reader/missing.md', 'history', 'fox'] },
      perChannel: PER_CHANNEL,
      seed: SEED,
      maxSyncMs: 50,
      chunk: 500,
    });
    console.log(
      `bridge fuzz (stress, seed ${SEED}): ${report.payloads.toLocaleString('en-US')} payloads on ${report.channels} channels ` +
        `(${report.invalid.toLocaleString('en-US')} invalid); answers ${JSON.stringify(report.answers)}; ` +
        `longest synchronous stretch ${report.slowest.ms.toFixed(1)} ms (${report.slowest.channel}; ${report.remeasured} measured again)`,
    );
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.payloads).toBe(PER_CHANNEL * CHANNEL_NAMES.length);
  }, 3_600_000);
});
