/**
 * The test data copied from the shared handbook (the story's seed, the W3C annotation
 * assertions) so a clone runs on its own: where the handbook sits beside the checkout
 * (../shared, as on the team's machines and CI), the copies must equal it byte for byte.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const PAIRS: [string, string][] = [
  ['seeds/000_a8e41e044feb8823.txt', 'seed/000_a8e41e044feb8823.txt'],
  ['w3c-annotation-model', 'w3c-annotation-model'],
];

describe('vendored test data', () => {
  it.skipIf(!existsSync(SHARED))('equals the shared handbook’s copy (skipped: no ../shared beside this checkout)', () => {
    for (const [shared, vendored] of PAIRS) {
      const from = join(SHARED, shared);
      const to = join(FIXTURES, vendored);
      const list = (root: string) => (statSync(root).isDirectory() ? files(root).map((f) => relative(root, f)).sort() : ['']);
      expect(list(to), vendored).toEqual(list(from));
      for (const file of list(from)) expect(readFileSync(join(to, file)).equals(readFileSync(join(from, file))), join(vendored, file)).toBe(true);
    }
  });
});
