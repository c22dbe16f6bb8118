/**
 * kill -9 (RELIABILITY.md, "A crash loses nothing acknowledged"): a child process
 * writes a seeded random mix to a library and is killed with SIGKILL at a random
 * moment, again and again on the same library (its state accumulates); after each
 * kill the library is reopened with `Library.open` and checked (harness.ts states
 * exactly what is checked). The long version is tests/stress/kill.stress.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { childScript, describeKills, killRoundsParallel, problemKinds } from './harness';

/** Kills in `npm test` (the issue asks for at least 200); LECTERN_KILLS overrides. */
const KILLS = Number(process.env['LECTERN_KILLS'] ?? 200);
const SEED = Number(process.env['LECTERN_KILL_SEED'] ?? 12);
/** Libraries killed at once: a child spends most of its start-up loading code. */
const PARALLEL = 2;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(`${KILLS} kill -9 rounds lose no acknowledged write and leave the library clean`, { timeout: 900_000 }, async () => {
  await childScript();
  dir = await mkdtemp(join(tmpdir(), 'lectern-kill-'));
  const figures = await killRoundsParallel({ dir, kills: KILLS, seed: SEED, parallel: PARALLEL });
  console.log(`kill -9: ${describeKills(figures)}${problemKinds(figures.problems).map((k) => `\n  ${k}`).join('')}`);
  expect(figures.problems.slice(0, 20)).toEqual([]);
  expect(figures.kills).toBe(KILLS);
  // The kills land while writes are under way, not only between them.
  expect(figures.killsMidWrite).toBeGreaterThan(KILLS / 2);
  // And the children get work done between kills (about 30 acknowledged writes a kill here).
  expect(figures.acknowledged).toBeGreaterThan(KILLS * 2);
});
