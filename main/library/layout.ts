/**
 * Where things live inside a library folder (ARCHITECTURE.md §3), and small file helpers
 * shared by the store.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_FILE_PATTERN, isTempInFlight } from './atomic';
import { errorCode, ioError } from './errors';

export const LIBRARY_FILE = 'library.json';
export const ARTICLES_DIR = 'articles';

export const paths = {
  libraryFile: (dir: string) => join(dir, LIBRARY_FILE),
  articles: (dir: string) => join(dir, ARTICLES_DIR),
  article: (dir: string, id: string) => join(dir, ARTICLES_DIR, id),
  articleJson: (dir: string, id: string) => join(dir, ARTICLES_DIR, id, 'article.json'),
  contentHtml: (dir: string, id: string) => join(dir, ARTICLES_DIR, id, 'content.html'),
  textTxt: (dir: string, id: string) => join(dir, ARTICLES_DIR, id, 'text.txt'),
};



/** `articles/<id>/article.json` with forward slashes, as reported to the user. */
export const relativeArticleJson = (id: string) => `${ARTICLES_DIR}/${id}/article.json`;

/** JSON as the library writes it: two-space indent, trailing newline. */
export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The file's text, or undefined when it does not exist. Other errors are LibraryError('io'). */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw ioError('read', path, error);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
    throw ioError('read', path, error);
  }
}

/** Names of the sub-folders of `dir` (none if it does not exist). */
export async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw ioError('list', dir, error);
  }
}

/**
 * Remove temp files (`.*.tmp`) a killed process left in `dir`. Only files are
 * removed, and only those last changed before `before` (ms since the epoch) when
 * given: a live process may still be writing a young one (ARCHITECTURE.md §3, the
 * library lock). A temp file this process is writing now is never removed. Returns how many.
 */
export async function removeStaleTemps(dir: string, before = Infinity): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw ioError('list', dir, error);
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !TEMP_FILE_PATTERN.test(entry.name)) continue;
    const file = join(dir, entry.name);
    if (isTempInFlight(file)) continue;
    try {
      if (before !== Infinity && (await stat(file)).mtimeMs >= before) continue;
      await unlink(file);
      removed++;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw ioError('write', file, error);
    }
  }
  return removed;
}

/** Map with at most `limit` calls in flight (so a big library does not hit EMFILE). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
