/**
 * better-sqlite3 is a native module built for one runtime at a time: `npm install`
 * builds it for Node (what the tests run on), `npm start` rebuilds it for Electron
 * (`electron-builder install-app-deps`). Before the tests use it, make sure it loads
 * in this Node, and rebuild it for Node if it was last built for Electron.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROBE = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

function loads(): { ok: boolean; why: string } {
  const probe = spawnSync(process.execPath, ['-e', PROBE], { cwd: ROOT, encoding: 'utf8' });
  return { ok: probe.status === 0, why: (probe.stderr || '').split('\n').find((line) => /Error|NODE_MODULE_VERSION/.test(line)) ?? '' };
}

export function ensureNodeAbi(): void {
  const first = loads();
  if (first.ok) return;
  console.log(`better-sqlite3 does not load in Node ${process.version} (${first.why.trim()}); rebuilding it for Node…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const rebuild = spawnSync(npm, ['rebuild', 'better-sqlite3'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  const second = loads();
  if (rebuild.status !== 0 || !second.ok) {
    throw new Error(`better-sqlite3 could not be rebuilt for Node: ${second.why.trim() || `npm rebuild exited ${rebuild.status}`}`);
  }
}
