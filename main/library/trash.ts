/**
 * The library's trash (ARCHITECTURE.md §3, the library on disk): a trashed article
 * is its folder moved whole to `.trash/<id>/`, with `.trash/<id>.json` noting when;
 * restoring moves it back exactly as it was; emptying deletes for good.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { ArticleIdSchema, type TrashedArticle } from '../../common/model';
import { checkId } from './article-id';
import { atomicSettings, renameWithRetry, syncFolderAfterRename, writeFileAtomic } from './atomic';
import { requireArticleFolder } from './containment';
import { LibraryError, errorCode, ioError } from './errors';
import { exists, paths, readIfExists, subfolders, toJson } from './layout';
import { rowRemoved, rowWritten } from './row-changes';

export const TRASH_DIR = '.trash';


/** Where the trashed article `id` is. */
export const trashFolder = (dir: string, id: string) => join(dir, TRASH_DIR, id);
const trashNote = (dir: string, id: string) => join(dir, TRASH_DIR, `${id}.json`);

/**
 * Move an article to `.trash/<id>/` (with a note of when). A trashed copy with the same
 * id is replaced. Once the folder is moved the call succeeds: both folders are fsynced
 * (a failure there is logged, ARCHITECTURE.md §3), and a note that cannot be written
 * only costs the exact time (the folder's own time is used instead).
 */
export async function trashArticle(dir: string, id: string, now: Date = new Date()): Promise<void> {
  checkId(id);
  await requireArticleFolder(dir, id);
  const from = paths.article(dir, id);
  const to = trashFolder(dir, id);
  const kept = 'The article was not moved to the trash; it is still in the library, unchanged.';
  try {
    await mkdir(join(dir, TRASH_DIR), { recursive: true });
    await rm(to, { recursive: true, force: true });
    await renameWithRetry(from, to);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !(await exists(from).catch(() => true))) {
      throw new LibraryError('not-found', `No article with id "${id}"`);
    }
    throw ioError('move', from, error, kept);
  }
  // Its row leaves the catalog in the same step (ARCHITECTURE.md §3, the catalog).
  rowRemoved(dir, id);
  await syncFolderAfterRename(paths.articles(dir));
  await syncFolderAfterRename(join(dir, TRASH_DIR));
  try {
    await writeFileAtomic(trashNote(dir, id), toJson({ trashedAt: now.toISOString() }));
  } catch (error) {
    atomicSettings.warn(`Lectern: the article "${id}" is in the trash, but the note of when could not be written.`, error);
  }
}

/** Bring a trashed article back, exactly as it was; both folders are fsynced once it has moved. */
export async function restoreArticle(dir: string, id: string): Promise<void> {
  checkId(id);
  await requireArticleFolder(dir, id, [TRASH_DIR, id], `No article with id "${id}" in the trash`);
  const from = trashFolder(dir, id);
  const to = paths.article(dir, id);
  if (await exists(to)) {
    throw new LibraryError('invalid-input', `The article "${id}" cannot be restored: an article with that id exists`);
  }
  try {
    await mkdir(paths.articles(dir), { recursive: true });
    await renameWithRetry(from, to);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !(await exists(from).catch(() => true))) {
      throw new LibraryError('not-found', `No article with id "${id}" in the trash`);
    }
    throw ioError('move', from, error, 'The article was not restored; it is still in the trash, unchanged.');
  }
  // Its row comes back into the catalog in the same step (ARCHITECTURE.md §3, the catalog).
  await rowWritten(dir, id);
  await syncFolderAfterRename(join(dir, TRASH_DIR));
  await syncFolderAfterRename(paths.articles(dir));
  await rm(trashNote(dir, id), { force: true }).catch((error: unknown) => {
    atomicSettings.warn(`Lectern: the article "${id}" is restored, but its trash note could not be removed.`, error);
  });
}

/** The trashed articles, most recently trashed first. */
export async function listTrash(dir: string): Promise<TrashedArticle[]> {
  const out: TrashedArticle[] = [];
  for (const id of await subfolders(join(dir, TRASH_DIR))) {
    if (!v.is(ArticleIdSchema, id)) continue;
    const json = await readIfExists(join(trashFolder(dir, id), 'article.json'));
    const note = await readIfExists(trashNote(dir, id));
    let title = id;
    let url: string | null = null;
    let trashedAt: string | undefined;
    try {
      const record = JSON.parse(json ?? '{}') as { title?: unknown; url?: unknown };
      if (typeof record.title === 'string') title = record.title;
      if (typeof record.url === 'string') url = record.url;
      const parsed = JSON.parse(note ?? '{}') as { trashedAt?: unknown };
      if (typeof parsed.trashedAt === 'string') trashedAt = parsed.trashedAt;
    } catch {
      // A damaged file still lists the article by its id.
    }
    trashedAt ??= (await stat(trashFolder(dir, id))).mtime.toISOString();
    out.push({ id, title, url, trashedAt });
  }
  return out.sort((a, b) => b.trashedAt.localeCompare(a.trashedAt) || a.id.localeCompare(b.id));
}

/** Delete every trashed article for good; returns how many. */
export async function emptyTrash(dir: string): Promise<number> {
  const root = join(dir, TRASH_DIR);
  const ids = await subfolders(root);
  try {
    for (const id of ids) {
      await rm(trashFolder(dir, id), { recursive: true, force: true });
      await rm(trashNote(dir, id), { force: true });
    }
  } catch (error) {
    throw ioError('write', root, error);
  }
  return ids.length;
}

