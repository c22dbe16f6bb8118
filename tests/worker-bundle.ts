/**
 * The worker threads for tests, each bundled (with what it imports) into one ES
 * module, as electron-vite bundles them for the app: the search worker
 * (main/search/worker.ts; node:sqlite is a builtin) and the document worker
 * (main/saving/document-worker.ts; jsdom, DOMPurify, Readability, markdown-it and yaml
 * stay external). Node's builtins stay external too, so the files are written under
 * node_modules/.cache, from where packages resolve as they do from out/main. Built
 * once per test file.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const CACHE = fileURLToPath(new URL('../node_modules/.cache/lectern-tests', import.meta.url));
const BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

async function bundle(entry: string, name: string, packages: string[]): Promise<URL> {
  const ENTRY = fileURLToPath(new URL(entry, import.meta.url));
  const EXTERNAL = [...packages, ...BUILTINS];
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, external: packages },
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
  const file = join(CACHE, `${name}-${hash}.mjs`);
  const temp = `${file}.${process.pid}.tmp`;
  await mkdir(CACHE, { recursive: true });
  await writeFile(temp, code);
  await rename(temp, file);
  return pathToFileURL(file);
}

let search: Promise<URL> | undefined;
let documents: Promise<URL> | undefined;

/** The URL of the bundled search worker (a `file:` URL of a cached .mjs). */
export function workerUrl(): Promise<URL> {
  search ??= bundle('../main/search/worker.ts', 'search-worker', []);
  return search;
}

/** The URL of the bundled document worker (a `file:` URL of a cached .mjs). */
export function documentWorkerUrl(): Promise<URL> {
  documents ??= bundle('../main/saving/document-worker.ts', 'document-worker', [
    'jsdom',
    'dompurify',
    '@mozilla/readability',
    'markdown-it',
    'yaml',
    'valibot',
  ]);
  return documents;
}
