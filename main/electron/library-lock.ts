/**
 * The library lock's part in the app's lifecycle (ARCHITECTURE.md §3): what
 * `main/electron/index.ts` does with a read-only library outside the bridge. No `electron`
 * import, so the unit tests call these with plain objects.
 */
import { rm } from 'node:fs/promises';
import { LibraryError, type Library } from '../library';

/**
 * Run a change main makes by itself (a menu's setting) only while the library is
 * writable; read-only, it is refused with the reason (the menu puts its checkbox back).
 */
export function refuseWhenReadOnly<T>(library: Pick<Library, 'readOnly'>, change: () => Promise<T>): Promise<T> {
  const readOnly = library.readOnly;
  if (readOnly) return Promise.reject(new LibraryError('read-only', `Not saved. ${readOnly.reason}`));
  return change();
}

/** On quit: release the lock, and remove the search index a read-only library kept in a temp folder. */
export async function closeLibrary(library: Pick<Library, 'close'>, indexDir: string | undefined): Promise<void> {
  await library.close();
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
}
