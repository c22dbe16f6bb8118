/**
 * The one rule for folders the library reads or writes through (ARCHITECTURE.md §3):
 * an article folder (`articles/<id>/`, `.trash/<id>/`) and its `assets/` folder must be
 * real folders inside the library — not a symbolic link (or junction), and not
 * resolving anywhere outside it. The store, every writer and the `lectern-asset:`
 * protocol ask here, so a link planted in the library never makes Lectern read,
 * write or serve a file elsewhere.
 */
import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryError, describeOsError, errorCode } from './errors';
import { ARTICLES_DIR } from './layout';

/** What a folder turned out to be: inside the library, not there, or refused (with why). */
export type Containment = { kind: 'inside' } | { kind: 'missing' } | { kind: 'outside'; reason: string };

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Whether `<libraryDir>/<parts…>` is a real folder inside the library: every part
 * below the library is checked with lstat (no links), and the folder's real path
 * must be the library's real path followed by the same parts.
 * Other I/O errors (EACCES, EIO…) are thrown as they are.
 */
export async function folderContainment(libraryDir: string, ...parts: string[]): Promise<Containment> {
  let path = libraryDir;
  for (const part of parts) {
    path = join(path, part);
    let stats;
    try {
      stats = await lstat(path);
    } catch (error) {
      if (ABSENT.has(errorCode(error) ?? '')) return { kind: 'missing' };
      throw error;
    }
    if (stats.isSymbolicLink()) return { kind: 'outside', reason: `${parts.join('/')} is a symbolic link` };
    if (!stats.isDirectory()) return { kind: 'missing' };
  }
  let real: string;
  let realLibrary: string;
  try {
    [real, realLibrary] = await Promise.all([realpath(path), realpath(libraryDir)]);
  } catch (error) {
    if (ABSENT.has(errorCode(error) ?? '')) return { kind: 'missing' };
    throw error;
  }
  // A junction or bind mount is not a symbolic link to lstat, but its real path gives it away.
  if (real !== join(realLibrary, ...parts)) {
    return { kind: 'outside', reason: `${parts.join('/')} resolves outside the library` };
  }
  return { kind: 'inside' };
}

/** `articles/<id>` as a Containment. */
export const articleContainment = (libraryDir: string, id: string) => folderContainment(libraryDir, ARTICLES_DIR, id);

/**
 * Throw unless `articles/<id>/` (after {@link checkId}) is a real folder inside the
 * library: 'not-found' when it is missing, 'forbidden' (in words) when it is a link
 * or resolves outside. `missing` names the not-found message.
 */
export async function requireArticleFolder(
  libraryDir: string,
  id: string,
  parts: readonly string[] = [ARTICLES_DIR, id],
  missing = `No article with id "${id}"`,
): Promise<void> {
  let found: Containment;
  try {
    found = await folderContainment(libraryDir, ...parts);
  } catch (error) {
    throw new LibraryError('io', `Could not read ${join(libraryDir, ...parts)}: ${describeOsError(error)}. Nothing was changed.`, { cause: error });
  }
  if (found.kind === 'missing') throw new LibraryError('not-found', missing);
  if (found.kind === 'outside') {
    throw new LibraryError(
      'forbidden',
      `The article "${id}" cannot be opened: ${found.reason}, and Lectern never follows links out of the library. Nothing was read or changed.`,
    );
  }
}
