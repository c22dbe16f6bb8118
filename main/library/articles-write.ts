/**
 * Writing articles into the library: a new article is built in a staging
 * folder (`.staging/<random>/`) and renamed into `articles/<id>/` in one step, so a
 * killed or failed save leaves no half article; saving the same article again
 * replaces its content file by file (each atomic) and never touches annotations.json.
 * Also: the trash (`.trash/<id>/`, restorable), read/unread, and tags.
 *
 * Plain functions over the library folder, so `Library` can expose them as methods.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describeIssues } from '../../common/result';
import { ArticleIdSchema, TagSchema, type TrashedArticle } from '../../common/model';
import { checkId } from './article-id';
import { updateFileAtomic, writeFileAtomic } from './atomic';
import { LibraryError, errorCode, ioError } from './errors';
import { exists, paths, readIfExists, subfolders, toJson } from './layout';
import { ArticleRecordSchema, type ArticleRecord } from './schema';

export const STAGING_DIR = '.staging';
export const TRASH_DIR = '.trash';
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

const trashFolder = (dir: string, id: string) => join(dir, TRASH_DIR, id);
const trashNote = (dir: string, id: string) => join(dir, TRASH_DIR, `${id}.json`);

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

async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes(errorCode(error) ?? '')) throw error;
  }
}

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
      throw ioError('create', path, error);
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
      if (errorCode(error) !== 'EEXIST') throw ioError('write', path, error);
    }
    return name;
  }

  /** Remove the staging folder and everything in it. */
  async discard(): Promise<void> {
    await rm(this.path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Remove staging folders a killed process left; returns how many. Call when the library opens. */
export async function removeStaleStaging(dir: string): Promise<number> {
  const names = await subfolders(join(dir, STAGING_DIR));
  await Promise.all(names.map((name) => rm(join(dir, STAGING_DIR, name), { recursive: true, force: true })));
  return names.length;
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
    await rename(staging.path, target);
    await syncFolder(paths.articles(dir));
  } catch (error) {
    await staging.discard();
    throw ioError('write', target, error);
  }
  return record;
}

async function readRecord(dir: string, id: string): Promise<ArticleRecord> {
  const path = paths.articleJson(dir, id);
  const raw = await readIfExists(path);
  if (raw === undefined) throw new LibraryError('not-found', `No article with id "${id}"`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new LibraryError('corrupt', `Could not update ${path}: it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = v.safeParse(ArticleRecordSchema, json);
  if (!parsed.success) throw new LibraryError('corrupt', `Could not update ${path}: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** Read-modify-write article.json in its write queue; unknown keys are kept. */
async function updateRecord(dir: string, id: string, change: (record: ArticleRecord) => ArticleRecord): Promise<ArticleRecord> {
  checkId(id);
  const path = paths.articleJson(dir, id);
  let result: ArticleRecord | undefined;
  try {
    await updateFileAtomic(path, async () => {
      result = change(await readRecord(dir, id));
      return toJson(result);
    });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new LibraryError('not-found', `No article with id "${id}"`);
    throw ioError('write', path, error);
  }
  return result!;
}

/**
 * Save new content over the existing article `id` (the same URL saved again): new
 * images move in, content.html and text.txt are replaced atomically, then
 * article.json (tags, reading progress and unknown keys kept), then images no longer
 * used are removed. annotations.json is never touched: the reader re-anchors its
 * highlights by their quotes, and those that no longer fit become orphans.
 */
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
    recordFor(id, draft, savedAt, await readRecord(dir, id)); // refuse before changing anything
    const assets = join(folder, ASSETS_DIR);
    await mkdir(assets, { recursive: true });
    const incoming = await readdir(join(staging.path, ASSETS_DIR));
    for (const name of incoming) {
      if (!(await exists(join(assets, name)))) await rename(join(staging.path, ASSETS_DIR, name), join(assets, name));
    }
    await syncFolder(assets);
    await writeFileAtomic(paths.contentHtml(dir, id), draft.html);
    await writeFileAtomic(paths.textTxt(dir, id), draft.text);
    const record = await updateRecord(dir, id, (previous) => recordFor(id, draft, savedAt, previous));
    const keep = new Set(incoming);
    for (const name of await readdir(assets)) {
      if (!keep.has(name)) await unlink(join(assets, name)).catch(() => undefined);
    }
    return record;
  } catch (error) {
    throw ioError('write', folder, error);
  } finally {
    await staging.discard();
  }
}

/** Move an article to `.trash/<id>/` (with a note of when). A trashed copy with the same id is replaced. */
export async function trashArticle(dir: string, id: string, now: Date = new Date()): Promise<void> {
  checkId(id);
  const from = paths.article(dir, id);
  const to = trashFolder(dir, id);
  if (!(await exists(from))) throw new LibraryError('not-found', `No article with id "${id}"`);
  try {
    await mkdir(join(dir, TRASH_DIR), { recursive: true });
    await rm(to, { recursive: true, force: true });
    await rename(from, to);
    await syncFolder(join(dir, TRASH_DIR));
    await writeFileAtomic(trashNote(dir, id), toJson({ trashedAt: now.toISOString() }));
  } catch (error) {
    throw ioError('move', from, error);
  }
}

/** Bring a trashed article back, exactly as it was. */
export async function restoreArticle(dir: string, id: string): Promise<void> {
  checkId(id);
  const from = trashFolder(dir, id);
  const to = paths.article(dir, id);
  if (!(await exists(from))) throw new LibraryError('not-found', `No article with id "${id}" in the trash`);
  if (await exists(to)) {
    throw new LibraryError('invalid-input', `The article "${id}" cannot be restored: an article with that id exists`);
  }
  try {
    await rename(from, to);
    await syncFolder(paths.articles(dir));
    await rm(trashNote(dir, id), { force: true });
  } catch (error) {
    throw ioError('move', from, error);
  }
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

/** Mark read (progress 100 %, position kept) or unread (no progress). */
export async function setArticleRead(dir: string, id: string, read: boolean): Promise<ArticleRecord> {
  return updateRecord(dir, id, (record) => ({
    ...record,
    readingProgress: read
      ? { fraction: 1, position: record.readingProgress?.position ?? 0, within: record.readingProgress?.within ?? 0 }
      : null,
  }));
}

/** Tags from free text (front matter): whitespace, "#" and "," become "-", duplicates and empties dropped, at most 50. */
export function normalizeTags(raw: readonly string[]): string[] {
  return uniqueCleanTags(raw).slice(0, 50);
}

function uniqueCleanTags(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of raw) {
    const clean = tag.trim().replace(/[\s#,]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 64);
    if (clean && !out.some((t) => t.toLowerCase() === clean.toLowerCase())) out.push(clean);
  }
  return out;
}

/** Replace an article's tags (each 1–64 characters without spaces, "#" or ","; at most 50; duplicates dropped). */
export async function setArticleTags(dir: string, id: string, tags: readonly string[]): Promise<string[]> {
  const bad = tags.find((tag) => !v.is(TagSchema, tag));
  if (bad !== undefined) {
    throw new LibraryError('invalid-input', `Invalid tag ${JSON.stringify(bad)}: a tag is 1–64 characters without spaces, "#" or ","`);
  }
  const unique = uniqueCleanTags(tags);
  if (unique.length > 50) throw new LibraryError('invalid-input', 'An article has at most 50 tags');
  return (await updateRecord(dir, id, (record) => ({ ...record, tags: unique }))).tags;
}
