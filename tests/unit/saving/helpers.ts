/** Shared by the import tests: a fresh library, reading what was saved. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { Library } from '../../../main/library';
import { LibraryError } from '../../../main/library/errors';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh empty folder, removed after the test. */
export async function freshDir(prefix = 'lectern-import-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh, opened library with no bundled articles. */
export async function freshLibrary(): Promise<{ dir: string; library: Library }> {
  const dir = await freshDir();
  return { dir, library: await Library.open(dir, { bundled: [] }) };
}

/** One saved article's files. */
export async function saved(dir: string, id: string) {
  const folder = join(dir, 'articles', id);
  const assets = await readdir(join(folder, 'assets')).catch(() => [] as string[]);
  return {
    record: JSON.parse(await readFile(join(folder, 'article.json'), 'utf8')) as Record<string, unknown>,
    html: await readFile(join(folder, 'content.html'), 'utf8'),
    text: await readFile(join(folder, 'text.txt'), 'utf8'),
    assets: assets.sort(),
  };
}

/** The LibraryError `promise` rejects with, as { code, message }. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError);
    const { code, message } = error as LibraryError;
    return { code, message };
  }
  throw new Error('expected a failure');
}

/** A fixed clock. */
export const at = (iso: string) => () => new Date(iso);
