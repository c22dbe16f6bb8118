/**
 * The tests run main's code on the Node that Electron runs (ARCHITECTURE.md §7).
 * Electron's Node major is written once, in package.json's `engines.node`; the `node`
 * devDependency (which npm scripts run on), `.nvmrc` and the running Node must agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const electronNodeMajor = Number(/^(\d+)\.x$/.exec(pkg.engines.node)?.[1]);

describe("the Node the tests run on is Electron's", () => {
  it('package.json says which major Electron runs (engines.node: "<major>.x")', () => {
    expect(electronNodeMajor).toBe(24);
  });

  it('runs on that major', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(electronNodeMajor);
  });

  it('the node devDependency and .nvmrc name the same major', () => {
    expect(Number(pkg.devDependencies['node']?.split('.')[0])).toBe(electronNodeMajor);
    expect(readFileSync(new URL('.nvmrc', root), 'utf8').trim()).toBe(String(electronNodeMajor));
  });
});
