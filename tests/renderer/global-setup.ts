import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Library, bundledSource } from '../../main/library';
import { bundleScript } from '../bundle-script';
import { CONTENT_DIR, RENDERER_DIR, SEARCH_WORKER_FILE, SHIM_FILE, TEMPLATE_LIBRARY } from './paths';

/**
 * Once per run: checks the renderer was built (`npm run build`), bundles the preload
 * shim, and seeds a template library that each test copies (seeding parses and
 * sanitizes the bundled Markdown, which loads jsdom: once here, not once per worker).
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npm run build\` before the renderer suite.`);
  }
  if (!existsSync(SEARCH_WORKER_FILE)) {
    throw new Error('out/main/search-worker.js is missing: run `npm run build` before the renderer suite.');
  }
  const shim = await bundleScript(resolve(import.meta.dirname, 'preload-shim.ts'), 'LecternPreloadShim');
  mkdirSync(dirname(SHIM_FILE), { recursive: true });
  writeFileSync(SHIM_FILE, shim);

  rmSync(TEMPLATE_LIBRARY, { recursive: true, force: true });
  // Closed, so its lock is not copied into each test's library.
  await (await Library.open(TEMPLATE_LIBRARY, { bundled: await bundledSource(CONTENT_DIR) })).close();
}
