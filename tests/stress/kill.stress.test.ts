/**
 * The long kill -9 run (`npm run stress`): the unit test's rounds
 * (tests/unit/reliability/kill.test.ts), LECTERN_STRESS_KILLS of them (2,000 unless
 * set) over LECTERN_STRESS_PARALLEL libraries (2 unless set).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { childScript, describeKills, killRoundsParallel, problemKinds } from '../unit/reliability/harness';
import { stressCount } from './scale';

const KILLS = stressCount('KILLS', 2000);
const PARALLEL = stressCount('PARALLEL', 2);
const SEED = stressCount('SEED', 2026);

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(`${KILLS} kill -9 rounds lose no acknowledged write and leave the library clean`, async () => {
  await childScript();
  dir = await mkdtemp(join(tmpdir(), 'lectern-kill-stress-'));
  let reported = 0;
  const figures = await killRoundsParallel({
    dir,
    kills: KILLS,
    seed: SEED,
    parallel: PARALLEL,
    onRound: (_round, f) => {
      // Figures so far, every 100 kills: a long run that is stopped still has them.
      if (f.kills - reported >= 100) {
        reported = f.kills;
        console.log(`… ${describeKills(f)}`);
      }
    },
  });
  console.log(`kill -9 (stress): ${describeKills(figures)}${problemKinds(figures.problems).map((k) => `\n  ${k}`).join('')}`);
  expect(figures.problems.slice(0, 50)).toEqual([]);
  expect(figures.kills).toBe(KILLS);
  expect(figures.killsMidWrite).toBeGreaterThan(KILLS / 2);
});
