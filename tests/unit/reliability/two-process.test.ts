/**
 * Two processes on one library (RELIABILITY.md, "One writer per library"): two
 * children create 500 highlights each on one library, the second opening it while
 * the first writes. It passes when the second is refused (it opens the library
 * read-only and its writes fail with `read-only`) or every acknowledged create is on
 * disk; and in both cases no write fails with any other error. The long version is
 * tests/stress/two-process.stress.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { childScript, describeTwo, twoProcesses } from './harness';

const CREATES = 500;
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(`two processes making ${CREATES} highlights each on one library: the second is refused or nothing acknowledged is lost`, { timeout: 120_000 }, async () => {
  await childScript();
  dir = await mkdtemp(join(tmpdir(), 'lectern-two-'));
  const result = await twoProcesses(join(dir, 'library'), CREATES, 7);
  console.log(`two processes: ${describeTwo(result)}${result.errors.map((e) => `\n  failed: ${e}`).join('')}`);
  expect(result.errors).toEqual([]);
  // Refused or not, whatever was acknowledged is on disk.
  expect(result.survived).toBe(result.acked[0] + result.acked[1]);
  if (result.refused.length === 0) {
    expect(result.acked).toEqual([CREATES, CREATES]);
  } else {
    // Only the second opener is refused; the first (the lock holder) made all of its creates.
    expect(result.refused).toEqual([expect.stringMatching(/^second: read-only: /)]);
    expect(result.acked[0]).toBe(CREATES);
  }
});
