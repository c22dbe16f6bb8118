/**
 * One contender of the cross-process race in tests/unit/library/lock.test.ts: waits until
 * the start time in argv[3] (ms since the epoch), tries to take the lock of argv[2], prints
 * what it got (and its token) as one JSON line, then stays alive (holding, if it won)
 * until the parent kills it: a winner that exited would be a dead holder, rightly taken over.
 */
import { acquireLock } from '../../../main/library/lock';

const [dir, start] = [process.argv[2], Number(process.argv[3])];
if (!dir || !Number.isFinite(start)) throw new Error('usage: lock-race-child <library> <start ms>');
while (Date.now() < start) {
  // spin: every contender starts at the same moment
}
const attempt = await acquireLock(dir, { retryMs: 1 });
const token = attempt.kind === 'acquired' ? attempt.lock.record.token : null;
process.stdout.write(`${JSON.stringify({ kind: attempt.kind, token })}\n`);
setInterval(() => {}, 60_000);
