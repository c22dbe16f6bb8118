/**
 * A second Lectern for tests/unit/library/lock.test.ts, as a real OS process: opens the
 * library in argv[2] with the real Library.open (taking its lock), leaves a temp file and
 * a staging folder as a save in flight would, prints one JSON line (its pid and whether
 * it is read-only), then waits until it is killed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Library } from '../../../main/library';

const dir = process.argv[2];
if (!dir) throw new Error('usage: lock-child <library>');
const library = await Library.open(dir, { bundled: [], lock: { heartbeatMs: 200 } });
if (!library.readOnly) {
  // After the open's own clean-up, which runs in the background: what follows is a save in flight.
  await library.swept();
  await writeFile(join(dir, '.library.json.inflight.tmp'), '{"half');
  await mkdir(join(dir, '.staging', 'inflight', 'assets'), { recursive: true });
}
process.stdout.write(`${JSON.stringify({ pid: process.pid, readOnly: library.readOnly })}\n`);
setInterval(() => {}, 60_000);
