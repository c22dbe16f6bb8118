/**
 * The clean-up of what a killed process left (ARCHITECTURE.md §3, the library lock):
 * temp files of atomic writes in every folder they are written in — the root
 * (library.json, settings.json, drafts.json), `articles/<id>/`, `.trash/` (its notes)
 * and `.trash/<id>/` — and uncommitted staging folders. It runs in the background after
 * `Library.open` (start-up does only what the first paint needs), while this process
 * holds the lock, with the age rule of the open; a temp file or staging folder this
 * process is using is never touched (atomic.ts's in-flight set, staging.ts's own set).
 */
import { join } from 'node:path';
import { mapLimit, paths, removeStaleTemps, subfolders } from './layout';
import { isOwnStaging, removeStaleStaging } from './staging';
import { TRASH_DIR } from './trash';

export interface SweepOptions {
  /** Only what was last changed before this (ms since the epoch); Infinity: everything a dead process left. */
  before: number;
  /** False once the lock is gone or the library is closing: stop. */
  holding: () => boolean;
  /** When the library was opened (ms): staging folders this process made since are its saves under way. */
  openedAt: number;
}

/** Remove stale temp files and staging folders; resolves to how many things were removed. */
export async function sweepLibrary(root: string, { before, holding, openedAt }: SweepOptions): Promise<number> {
  let removed = 0;
  const clean = async (folder: string) => {
    if (holding()) removed += await removeStaleTemps(folder, before);
  };
  await clean(root);
  await mapLimit(await subfolders(paths.articles(root)), 8, (id) => clean(paths.article(root, id)));
  await clean(join(root, TRASH_DIR));
  await mapLimit(await subfolders(join(root, TRASH_DIR)), 8, (id) => clean(join(root, TRASH_DIR, id)));
  // Saves a killed process left half-done, uncommitted (never visible as articles).
  if (holding()) removed += await removeStaleStaging(root, before, (folder) => isOwnStaging(folder, openedAt));
  return removed;
}
