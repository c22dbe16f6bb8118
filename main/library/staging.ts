/**
 * Building a new article (ARCHITECTURE.md §3, the library on disk): it is written
 * in a staging folder (`.staging/<random>/`) and renamed into `articles/<id>/` in
 * one step, so a killed or failed save leaves no half article. Saving the same
 * article again replaces its content file by file (each atomic) and never touches
 * annotations.json.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describeIssues } from '../../common/result';
import { checkId } from './article-id';
import { atomicSettings, renameWithRetry, syncFolder, syncFolderAfterRename, writeFileAtomic } from './atomic';
import { requireArticleFolder } from './containment';
import { LibraryError, errorCode, ioError } from './errors';
import { ARTICLES_DIR, exists, paths, subfolders, toJson } from './layout';
import { readRecord, updateRecord } from './record';
import { ArticleRecordSchema, type ArticleRecord } from './schema';
import { trashFolder } from './trash';

export const STAGING_DIR = '.staging';
export const ASSETS_DIR = 'assets';

/**
 * What a save hands over to be stored: the record's metadata, plus the excerpt and
 * canonical address (kept in article.json beside the schema's keys), the sanitized
 * HTML (images already pointing at `lectern-asset:`), its text and the tags.
 */
export type ArticleDraft = Pick<
  ArticleRecord,
  'title' | 'byline' | 'site' | 'url' | 'publishedAt' | 'language' | 'credit' | 'wordCount'
> & { canonicalUrl: string | null; excerpt: string | null; html: string; text: string; tags: string[] };

/** Write a file in a folder no reader sees yet: exclusive create, write, fsync. */
async function writeDurable(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a failure while staging kept: nothing of the save is in the library yet. */
const STAGING_KEPT = 'The article was not saved; the library is unchanged.';

/** A staging folder for one save: assets go in as they arrive, the article last. */
export class ArticleStaging {
  readonly path: string;
  private constructor(path: string) {
    this.path = path;
  }

  /** A fresh, empty staging folder (with `assets/`) in the library `dir`. */
  static async create(dir: string): Promise<ArticleStaging> {
    const path = join(dir, STAGING_DIR, randomBytes(8).toString('hex'));
    try {
      await mkdir(join(path, ASSETS_DIR), { recursive: true });
    } catch (error) {
      throw ioError('create', path, error, STAGING_KEPT);
    }
    return new ArticleStaging(path);
  }

  /** Store image bytes as `assets/<sha256>.<extension>`; the file name. Storing the same bytes twice is a no-op. */
  async storeAsset(bytes: Uint8Array, extension: string): Promise<string> {
    if (!/^[a-z0-9]{2,5}$/.test(extension)) throw new LibraryError('invalid-input', `Invalid image extension "${extension}"`);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
    const path = join(this.path, ASSETS_DIR, name);
    try {
      await writeDurable(path, bytes);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw ioError('write', path, error, STAGING_KEPT);
    }
    return name;
  }

  /** Remove the staging folder and everything in it. */
  async discard(): Promise<void> {
    await rm(this.path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Remove staging folders a killed process left; returns how many. Call when the library
 * opens, holding its lock. With `before` (ms since the epoch), only folders whose
 * folder and `assets/` were last changed before it: a live process may still be saving
 * into a young one (ARCHITECTURE.md §3, the library lock).
 */
export async function removeStaleStaging(dir: string, before = Infinity): Promise<number> {
  const names = await subfolders(join(dir, STAGING_DIR));
  const lastChanged = async (folder: string) => {
    const times = await Promise.all(
      [folder, join(folder, ASSETS_DIR)].map((path) => stat(path).then((info) => info.mtimeMs, () => 0)),
    );
    return Math.max(...times);
  };
  const stale: string[] = [];
  for (const name of names) {
    const folder = join(dir, STAGING_DIR, name);
    if (before === Infinity || (await lastChanged(folder)) < before) stale.push(folder);
  }
  await Promise.all(stale.map((folder) => rm(folder, { recursive: true, force: true })));
  return stale.length;
}

/** Whether `id` names an article or a trashed article (new ids must avoid both). */
export async function articleIdTaken(dir: string, id: string): Promise<boolean> {
  return (await exists(paths.article(dir, id))) || (await exists(trashFolder(dir, id)));
}

function recordFor(id: string, draft: ArticleDraft, savedAt: Date, previous?: ArticleRecord): ArticleRecord {
  const tags = [...(previous?.tags ?? [])];
  for (const tag of draft.tags) if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const record: ArticleRecord = {
    ...previous,
    id,
    title: draft.title,
    byline: draft.byline,
    site: draft.site,
    url: draft.url,
    publishedAt: draft.publishedAt,
    savedAt: savedAt.toISOString(),
    language: draft.language,
    wordCount: draft.wordCount,
    contentHash: createHash('sha256').update(draft.html, 'utf8').digest('hex'),
    tags,
    readingProgress: previous?.readingProgress ?? null,
    credit: draft.credit,
    excerpt: draft.excerpt,
    canonicalUrl: draft.canonicalUrl,
  };
  const parsed = v.safeParse(ArticleRecordSchema, record);
  if (!parsed.success) throw new LibraryError('invalid-input', `The article cannot be saved: ${describeIssues(parsed.issues)}`);
  return record;
}
/**
 * Finish a new article: write content.html, text.txt and article.json into the
 * staging folder, then rename it to `articles/<id>/`. The staging folder is gone
 * afterwards, whether this succeeds or not.
 */
export async function saveNewArticle(
  dir: string,
  staging: ArticleStaging,
  id: string,
  draft: ArticleDraft,
  savedAt: Date,
): Promise<ArticleRecord> {
  checkId(id);
  const record = recordFor(id, draft, savedAt);
  const target = paths.article(dir, id);
  try {
    await writeDurable(join(staging.path, 'content.html'), draft.html);
    await writeDurable(join(staging.path, 'text.txt'), draft.text);
    await writeDurable(join(staging.path, 'article.json'), toJson(record));
    await syncFolder(join(staging.path, ASSETS_DIR));
    await syncFolder(staging.path);
    await mkdir(paths.articles(dir), { recursive: true });
    if (await exists(target)) throw new LibraryError('io', `Could not create ${target}: it already exists`);
    await renameWithRetry(staging.path, target);
  } catch (error) {
    await staging.discard();
    throw ioError('write', target, error, STAGING_KEPT);
  }
  // Moved in: the article is saved, and the folder fsyncs only log a failure (ARCHITECTURE.md §3).
  await syncFolderAfterRename(paths.articles(dir));
  await syncFolderAfterRename(join(dir, STAGING_DIR));
  return record;
}

/**
 * Save new content over the existing article `id` (the same URL saved again): new
 * images move in, content.html and text.txt are replaced atomically, then
 * article.json (tags, reading progress and unknown keys kept), then images no longer
 * used are removed. annotations.json is never touched: the reader re-anchors its
 * highlights by their quotes, and those that no longer fit become orphans.
 */
/**
 * What a failed re-save kept: each file is replaced atomically and article.json last,
 * so nothing is half written, though content.html may already be the new one.
 */
const REPLACE_KEPT =
  'The article was not fully updated: its tags, reading position and highlights are as they were; saving it again finishes the update.';

export async function replaceArticleContent(
  dir: string,
  staging: ArticleStaging,
  id: string,
  draft: ArticleDraft,
  savedAt: Date,
): Promise<ArticleRecord> {
  checkId(id);
  const folder = paths.article(dir, id);
  try {
    await requireArticleFolder(dir, id);
    // Images move into `assets/` and unused ones are removed: never through a link.
    await requireArticleFolder(dir, id, [ARTICLES_DIR, id, ASSETS_DIR]).catch((error: unknown) => {
      if (!(error instanceof LibraryError && error.code === 'not-found')) throw error;
    });
    recordFor(id, draft, savedAt, await readRecord(dir, id)); // refuse before changing anything
    const assets = join(folder, ASSETS_DIR);
    await mkdir(assets, { recursive: true });
    const incoming = await readdir(join(staging.path, ASSETS_DIR));
    for (const name of incoming) {
      if (!(await exists(join(assets, name)))) await renameWithRetry(join(staging.path, ASSETS_DIR, name), join(assets, name));
    }
    await syncFolderAfterRename(assets);
    await writeFileAtomic(paths.contentHtml(dir, id), draft.html);
    await writeFileAtomic(paths.textTxt(dir, id), draft.text);
    const record = await updateRecord(dir, id, (previous) => recordFor(id, draft, savedAt, previous), REPLACE_KEPT);
    // The article is updated; images no longer used are only tidied away, so a failure
    // here is logged, not reported (ARCHITECTURE.md §3).
    try {
      const keep = new Set(incoming);
      for (const name of await readdir(assets)) {
        if (!keep.has(name)) await unlink(join(assets, name)).catch(() => undefined);
      }
    } catch (error) {
      atomicSettings.warn(`Lectern: the article "${id}" is updated, but its unused images could not be removed.`, error);
    }
    return record;
  } catch (error) {
    throw ioError('write', folder, error, REPLACE_KEPT);
  } finally {
    await staging.discard();
  }
}
