/**
 * The long two-process run (`npm run stress`): the unit test's check
 * (tests/unit/reliability/two-process.test.ts) on LECTERN_STRESS_TWO_ROUNDS fresh
 * libraries (10 unless set), LECTERN_STRESS_TWO_CREATES creates per child (500 unless set).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { childScript, describeTwo, twoProcesses } from '../unit/reliability/harness';
import { stressCount } from './scale';

const ROUNDS = stressCount('TWO_ROUNDS', 10);
const CREATES = stressCount('TWO_CREATES', 500);

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(`${ROUNDS} rounds of two processes making ${CREATES} highlights each: refused or nothing lost`, async () => {
  await childScript();
  dir = await mkdtemp(join(tmpdir(), 'lectern-two-stress-'));
  const failures: string[] = [];
  let acked = 0;
  let survived = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const result = await twoProcesses(join(dir, `library-${round}`), CREATES, 1000 + round * 2);
    console.log(`round ${round}: ${describeTwo(result)}`);
    acked += result.acked[0] + result.acked[1];
    survived += result.survived;
    const lost = result.acked[0] + result.acked[1] - result.survived;
    const refusedRight = result.refused.every((r) => r.startsWith('second: read-only: ')) && result.refused.length <= 1;
    const complete = result.refused.length > 0 ? result.acked[0] === CREATES : result.acked[0] === CREATES && result.acked[1] === CREATES;
    if (result.errors.length > 0 || lost > 0 || !refusedRight || !complete) failures.push(`round ${round}: ${describeTwo(result)}; ${result.errors.slice(0, 3).join('; ')}`);
  }
  console.log(`two processes (stress): ${ROUNDS} rounds, ${survived} of ${acked} acknowledged creates on disk, ${failures.length} rounds failed`);
  expect(failures).toEqual([]);
});
