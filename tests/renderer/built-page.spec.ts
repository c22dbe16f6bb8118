/**
 * The built page (out/renderer/index.html, what app:// serves) keeps the strict meta
 * policy of renderer/index.html: the dev-only Vite plugin of electron.vite.config.ts,
 * which leaves that policy out of the dev server's page, did not run in the build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RENDERER_DIR, ROOT } from './paths';

const metaPolicy = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

test('the built page carries the same meta Content-Security-Policy as its source', async () => {
  const source = metaPolicy(await readFile(join(ROOT, 'renderer/index.html'), 'utf8'));
  const built = metaPolicy(await readFile(join(RENDERER_DIR, 'index.html'), 'utf8'));
  expect(source).toBeDefined();
  expect(built).toBe(source);
  expect(built).not.toMatch(/unsafe-|ws:/);
});
