/* global console, process */
// `npm run bench:drivers`: the search bench (search.bench.ts) on the same corpus with
// both SQLite drivers, one after the other in one run, then one table with the ratio
// node:sqlite / better-sqlite3 per figure (ARCHITECTURE.md §7: numbers, not assertions).
// better-sqlite3 is a native module built for the Node npm itself runs on
// (npm_node_execpath), so its side runs there; node:sqlite runs on the scripts' Node 24.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'lectern-drivers-'));
const runs = [
  { driver: 'better-sqlite3', node: process.env.npm_node_execpath ?? 'node' },
  { driver: 'node:sqlite', node: process.execPath },
];
const results = {};
for (const { driver, node } of runs) {
  const file = join(out, `${driver.replace(':', '-')}.json`);
  const started = Date.now();
  const run = spawnSync(node, ['node_modules/vitest/vitest.mjs', 'bench', '--run', 'tests/bench/search.bench.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SEARCH_DRIVER: driver, SEARCH_BENCH_OUT: file },
  });
  if (run.status !== 0) throw new Error(`the ${driver} bench failed (exit ${run.status})`);
  results[driver] = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${driver}: ${((Date.now() - started) / 1000).toFixed(0)} s for the whole run`);
}

const fmt = (n) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 2 : 1)}`);
const old = results['better-sqlite3'];
const now = results['node:sqlite'];
console.log(`\nbetter-sqlite3 on Node ${old[0]?.node}, node:sqlite on Node ${now[0]?.node}; ms unless said; ratio = node:sqlite / better-sqlite3`);
const lines = ['| articles | figure | better-sqlite3 | node:sqlite | ratio |', '|---:|---|---:|---:|---:|'];
let worst = { ratio: 0 };
for (const row of now) {
  const before = old.find((r) => r.size === row.size);
  for (const [key, value] of Object.entries(row)) {
    if (typeof value !== 'number' || key === 'size' || !before) continue;
    const ratio = value / before[key];
    if (ratio > worst.ratio) worst = { ratio, key, size: row.size };
    lines.push(`| ${row.size.toLocaleString('en')} | ${key} | ${fmt(before[key])} | ${fmt(value)} | ${ratio.toFixed(2)}× |`);
  }
}
console.log(lines.join('\n'));
console.log(`\nworst ratio: ${worst.ratio.toFixed(2)}× (${worst.key}, ${worst.size} articles); switch when every figure ≤ 1.25×`);
