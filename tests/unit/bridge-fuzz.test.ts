/**
 * Fuzzing the bridge (ARCHITECTURE.md §5): every contract channel — a generic loop over
 * CHANNEL_NAMES, so a channel added later is fuzzed too — gets FUZZ_PER_CHANNEL payloads
 * generated from its own valibot schema (valid and near-valid) and hostile shapes, sent
 * to the real dispatcher over the real services on a temporary library (main's dialogs
 * answer "cancelled", pages come from a fake fetch: tests/unit/real-services.ts).
 *
 * Invariants: every call answers a Result (nothing throws or rejects; a known error
 * code with words; a success matches the contract's output schema; an invalid payload
 * answers invalid-input); invalid payloads leave the library's bytes unchanged (hashed
 * before and after each run of them; `.index/`, the search cache, excepted); no call holds
 * the thread over 50 ms — the synchronous part of the dispatch call, which for an invalid
 * payload is all of its work, taken as the lesser of wall and process CPU time (the machine
 * is shared), the least of three tries when over. Work a valid call does after its first
 * `await` (reading and writing files, parsing a page — in the app that runs in the
 * document worker) is not in that figure. The long run is tests/stress/bridge-fuzz.stress.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../common/ipc';
import { fuzzBridge, hostilePool, type FuzzReport } from './bridge-fuzz-kit';
import { markdownFile, realServices } from './real-services';

const FUZZ_PER_CHANNEL = 1_000;
const SEED = 20_261_203;
const MAX_SYNC_MS = 50;

describe('fuzzing the bridge', () => {
  let services: Awaited<ReturnType<typeof realServices>>;
  let corpus: { strings: string[] };
  let report: FuzzReport | undefined;

  beforeAll(async () => {
    services = await realServices();
    hostilePool();
    const listing = await services.dispatch('library:list', undefined);
    const ids = listing.ok ? (listing.value as { articles: { id: string }[] }).articles.map((a) => a.id) : [];
    const file = await markdownFile(services.dir, 'fuzz.md');
    corpus = {
      strings: [...ids, 'missing-article', 'https://example.com/fuzzed-page', file, '/home/reader/missing.md', 'history', 'fox', 'Reading list'],
    };
  }, 60_000);

  afterAll(() => {
    if (report) {
      console.log(
        `bridge fuzz: ${report.payloads.toLocaleString('en-US')} payloads on ${report.channels} channels ` +
          `(${report.invalid.toLocaleString('en-US')} invalid, ${report.valid.toLocaleString('en-US')} valid); answers ${JSON.stringify(report.answers)}; ` +
          `longest synchronous stretch ${report.slowest.ms.toFixed(1)} ms (${report.slowest.channel}: ${report.slowest.what.slice(0, 60)}; ` +
          `${report.remeasured} calls over ${MAX_SYNC_MS} ms once, measured again; longest wall time ${report.slowestWallMs.toFixed(1)} ms); ms per channel ${JSON.stringify(report.perChannelMs)}`,
      );
    }
  });

  it(`sends ${FUZZ_PER_CHANNEL} generated payloads to every channel: always a Result, nothing written for an invalid one, no call over ${MAX_SYNC_MS} ms`, async () => {
    report = await fuzzBridge({
      dispatch: services.dispatch,
      dir: services.dir,
      settle: services.settle,
      corpus,
      perChannel: FUZZ_PER_CHANNEL,
      seed: SEED,
      maxSyncMs: MAX_SYNC_MS,
    });
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.channels).toBe(CHANNEL_NAMES.length);
    expect(report.payloads).toBe(FUZZ_PER_CHANNEL * CHANNEL_NAMES.length);
    // The generators reach both sides: the contract accepts some payloads and refuses most.
    expect(report.valid).toBeGreaterThan(CHANNEL_NAMES.length);
    expect(report.invalid).toBeGreaterThan(report.payloads / 2);
  }, 180_000);
});
