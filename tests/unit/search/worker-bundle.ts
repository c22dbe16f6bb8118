/**
 * The search worker for tests: main/search/worker.ts bundled (with what it imports)
 * into one ES module, as electron-vite bundles it for the app. better-sqlite3 and
 * Node's builtins stay external, so the file is written under node_modules/.cache
 * (better-sqlite3 resolves from there as it does from out/main). Built once per test
 * file.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('../../../main/search/worker.ts', import.meta.url));
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/lectern-tests', import.meta.url));
const EXTERNAL = ['better-sqlite3', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

let bundled: Promise<URL> | undefined;

async function bundle(): Promise<URL> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['better-sqlite3'] },
    build: {
      ssr: ENTRY,
      write: false,
      minify: false,
      rolldownOptions: { external: EXTERNAL, output: { format: 'es' } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((o) => ('output' in o ? o.output : [])).filter((o) => o.type === 'chunk');
  if (chunks.length !== 1 || chunks[0]?.type !== 'chunk') throw new Error(`${ENTRY} did not build into one chunk`);
  // Named by content: test files bundling at once write the same file (atomically), and
  // runs do not pile up copies.
  const code = chunks[0].code;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = join(CACHE, `search-worker-${hash}.mjs`);
  const temp = `${file}.${process.pid}.tmp`;
  await mkdir(CACHE, { recursive: true });
  await writeFile(temp, code);
  await rename(temp, file);
  return pathToFileURL(file);
}

/** The URL of the bundled worker (a `file:` URL of a temp .mjs). */
export function workerUrl(): Promise<URL> {
  bundled ??= bundle();
  return bundled;
}
