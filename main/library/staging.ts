/**
 * Building a new article (ARCHITECTURE.md §3, the library on disk): it is written
 * in a staging folder (`.staging/<random>/`) and renamed into `articles/<id>/` in
 * one step, so a killed or failed save leaves no half article. Saving the same
 * article again is journaled: everything new is staged, then an intent file
 * (`replace.json`) commits it, and only then is it applied; a kill after the commit
 * is finished (rolled forward) by the next `Library.open`, a kill before it leaves the
 * article as it was. annotations.json is never touched.
 *
 * Over 400 lines and still one idea: how an article folder is built aside and moved in —
 * the new save and the journaled re-save share the staging folder, its checks and its
 * clean-up; split, each half would need the other's internals.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { ArticleIdSchema } from '../../common/model';
import { describeIssues } from '../../common/result';
import { checkId } from './article-id';
import { atomicSettings, renameWithRetry, serializeOnFile, syncFolder, syncFolderAfterRename, writeFileAtomic } from './atomic';
import { requireArticleFolder } from './containment';
import { LibraryError, errorCode, ioError } from './errors';
import { ARTICLES_DIR, exists, paths, readIfExists, subfolders, toJson } from './layout';
import { readRecord, updateRecord } from './record';
import { rowWritten } from './row-changes';
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

/** The staging folders this process made and has not finished with (→ when, ms): a background sweep leaves them alone. */
const ownStaging = new Map<string, number>();

/** Whether `folder` is a staging folder this process made at or after `since` (ms) and is still using. */
export function isOwnStaging(folder: string, since = -Infinity): boolean {
  return (ownStaging.get(resolve(folder)) ?? -Infinity) >= since;
}

/** A staging folder for one save: assets go in as they arrive, the article last. */
export class ArticleStaging {
  readonly path: string;
  /** Set once a re-save's intent is written: the folder then belongs to the journal. */
  #committed = false;
  private constructor(path: string) {
    this.path = path;
  }

  /** Whether a re-save's intent was committed in this folder (then {@link discard} keeps it). */
  get committed(): boolean {
    return this.#committed;
  }

  /** Mark the folder as a committed re-save (its intent file is on disk). */
  markCommitted(): void {
    this.#committed = true;
  }

  /** A fresh, empty staging folder (with `assets/`) in the library `dir`. */
  static async create(dir: string): Promise<ArticleStaging> {
    const path = join(dir, STAGING_DIR, randomBytes(8).toString('hex'));
    ownStaging.set(resolve(path), Date.now());
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

  /**
   * Remove the staging folder and everything in it, unless it holds a committed
   * re-save: that one is finished by the next `Library.open` (ARCHITECTURE.md §3).
   */
  async discard(): Promise<void> {
    if (this.#committed) return;
    await rm(this.path, { recursive: true, force: true }).catch(() => undefined);
    ownStaging.delete(resolve(this.path));
  }
}

/** When a staging folder or its `assets/` last changed (ms since the epoch). */
async function lastChanged(folder: string): Promise<number> {
  const times = await Promise.all(
    [folder, join(folder, ASSETS_DIR)].map((path) => stat(path).then((info) => info.mtimeMs, () => 0)),
  );
  return Math.max(...times);
}

/** The staging folders old enough to be a dead process's (all of them without `before`), except those `keep` names. */
async function staleStagingFolders(dir: string, before: number, keep: (folder: string) => boolean = () => false): Promise<string[]> {
  const stale: string[] = [];
  for (const name of await subfolders(join(dir, STAGING_DIR))) {
    const folder = join(dir, STAGING_DIR, name);
    if (keep(folder)) continue;
    if (before === Infinity || (await lastChanged(folder)) < before) stale.push(folder);
  }
  return stale;
}

/**
 * Remove staging folders a killed process left; returns how many. Call when the library
 * opens, holding its lock, after {@link rollForwardReplaces}. With `before` (ms since
 * the epoch), only folders whose folder and `assets/` were last changed before it: a
 * live process may still be saving into a young one (ARCHITECTURE.md §3, the library
 * lock). A folder holding a committed re-save (its intent file) is never removed here:
 * it is the journal of a committed change, finished by the roll-forward. Folders `keep`
 * names (this process's own saves under way, {@link isOwnStaging}) are left alone.
 */
export async function removeStaleStaging(dir: string, before = Infinity, keep?: (folder: string) => boolean): Promise<number> {
  const stale: string[] = [];
  for (const folder of await staleStagingFolders(dir, before, keep)) {
    if (!(await exists(join(folder, REPLACE_INTENT)).catch(() => true))) stale.push(folder);
  }
  await Promise.all(stale.map((folder) => rm(folder, { recursive: true, force: true })));
  return stale.length;
}

/** Whether `id` names an article or a trashed article (new ids must avoid both). */
export async function articleIdTaken(dir: string, id: string): Promise<boolean> {
  return (await exists(paths.article(dir, id))) || (await exists(trashFolder(dir, id)));
}

/** What a re-save merges into article.json (everything of the draft but its files). */
type RecordFields = Omit<ArticleDraft, 'html' | 'text'>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function recordFor(id: string, draft: RecordFields, contentHash: string, savedAt: Date, previous?: ArticleRecord): ArticleRecord {
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
    contentHash,
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
  const record = recordFor(id, draft, sha256(draft.html), savedAt);
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
  ownStaging.delete(resolve(staging.path));
  // Its row in the catalog, in the same step (ARCHITECTURE.md §3, the catalog).
  await rowWritten(dir, id, record);
  // Moved in: the article is saved, and the folder fsyncs only log a failure (ARCHITECTURE.md §3).
  await syncFolderAfterRename(paths.articles(dir));
  await syncFolderAfterRename(join(dir, STAGING_DIR));
  return record;
}

// ------------------------------------------------------------------ saving again: the re-save journal

/** The intent file that commits a staged re-save (ARCHITECTURE.md §3). */
export const REPLACE_INTENT = 'replace.json';
/** The intent file's format. */
const REPLACE_FORMAT = 1;

const nullableString = v.nullable(v.string());

/** `.staging/<random>/replace.json`: which article, when, and what its record becomes. */
const ReplaceIntentSchema = v.object({
  format: v.literal(REPLACE_FORMAT),
  articleId: ArticleIdSchema,
  savedAt: v.pipe(v.string(), v.isoTimestamp()),
  contentHash: ArticleRecordSchema.entries.contentHash,
  /** The staged images (`assets/<name>`): the article's images after the re-save. */
  assets: v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}\.[a-z0-9]{2,5}$/))),
  /** The draft's fields, merged into article.json at apply time inside its write queue. */
  fields: v.object({
    title: v.string(),
    byline: nullableString,
    site: nullableString,
    url: nullableString,
    publishedAt: nullableString,
    language: nullableString,
    credit: v.unknown(),
    wordCount: v.number(),
    canonicalUrl: nullableString,
    excerpt: nullableString,
    tags: v.array(v.string()),
  }),
});
export type ReplaceIntent = v.InferOutput<typeof ReplaceIntentSchema>;

/** What a failure before the commit kept: the article is untouched. */
const REPLACE_NOT_COMMITTED = 'The article was not updated; it is as it was.';
/** What a failure after the commit kept: the journal, finished by the next open. */
const REPLACE_COMMITTED =
  'The new version is kept and is put in place the next time Lectern opens this library; its tags, reading position and highlights are kept.';

/**
 * Whether `record` already has the re-save `intent` ("applied"), has a later one
 * ("superseded": a newer save of the same article won), or still needs it ("pending").
 */
function replaceState(record: ArticleRecord, intent: ReplaceIntent): 'applied' | 'superseded' | 'pending' {
  if (record.savedAt === intent.savedAt && record.contentHash === intent.contentHash) return 'applied';
  return Date.parse(record.savedAt) > Date.parse(intent.savedAt) ? 'superseded' : 'pending';
}

/** The record the re-save makes of `previous` (tags, reading progress and unknown keys kept). */
function mergeIntent(intent: ReplaceIntent, previous: ArticleRecord): ArticleRecord {
  return recordFor(intent.articleId, intent.fields as RecordFields, intent.contentHash, new Date(intent.savedAt), previous);
}

/** Check the article can take a re-save: a real folder in the library, with a usable record and no link as `assets`. */
async function checkReplaceTarget(dir: string, id: string): Promise<ArticleRecord> {
  await requireArticleFolder(dir, id);
  // Images move into `assets/` and unused ones are removed: never through a link.
  await requireArticleFolder(dir, id, [ARTICLES_DIR, id, ASSETS_DIR]).catch((error: unknown) => {
    if (!(error instanceof LibraryError && error.code === 'not-found')) throw error;
  });
  return readRecord(dir, id);
}

/**
 * Stage a re-save of the article `id` and commit it: content.html, text.txt (and the
 * images already there) are written and fsynced in the staging folder, then the
 * intent file is written atomically beside them. Nothing in `articles/` changes.
 * Once this resolves the re-save is committed: {@link applyStagedReplace} (or the
 * next `Library.open`) puts it in place. On failure the staging folder is discarded
 * and the article is as it was.
 */
export async function commitReplace(
  dir: string,
  staging: ArticleStaging,
  id: string,
  draft: ArticleDraft,
  savedAt: Date,
): Promise<ReplaceIntent> {
  checkId(id);
  const folder = paths.article(dir, id);
  try {
    const contentHash = sha256(draft.html);
    recordFor(id, draft, contentHash, savedAt, await checkReplaceTarget(dir, id)); // refuse before changing anything
    const { html: _html, text: _text, ...fields } = draft;
    const intent: ReplaceIntent = {
      format: REPLACE_FORMAT,
      articleId: id,
      savedAt: savedAt.toISOString(),
      contentHash,
      assets: (await readdir(join(staging.path, ASSETS_DIR))).sort(),
      fields,
    };
    await writeDurable(join(staging.path, 'content.html'), draft.html);
    await writeDurable(join(staging.path, 'text.txt'), draft.text);
    await syncFolder(join(staging.path, ASSETS_DIR));
    await syncFolder(staging.path);
    await syncFolder(join(dir, STAGING_DIR));
    // The commit: once the intent is renamed in, the re-save is finished sooner or later.
    await writeFileAtomic(join(staging.path, REPLACE_INTENT), toJson(intent));
    staging.markCommitted();
    return intent;
  } catch (error) {
    await staging.discard();
    throw ioError('write', folder, error, REPLACE_NOT_COMMITTED);
  }
}

/** Move a staged file over `to`, unless an earlier apply already moved it. */
async function moveIfStaged(from: string, to: string): Promise<boolean> {
  if (!(await exists(from))) return false;
  await renameWithRetry(from, to);
  return true;
}

/**
 * Apply the committed re-save in `stagingPath` (its intent `intent`), then remove the
 * staging folder. Idempotent: a staged file already moved is skipped, and a record
 * that already has this re-save (or a later one) is left as it is, so a kill at any
 * point and a second apply give the same article. Steps: new images move into
 * `assets/`, content.html and text.txt are renamed over the old ones, article.json is
 * merged in its write queue (tags, reading position and unknown keys kept), images no
 * longer used are removed. The whole apply runs in content.html's write queue, so two
 * re-saves of one article never interleave. Resolves to the record (undefined when a
 * later save superseded this one, which is then only discarded).
 */
export async function applyStagedReplace(dir: string, stagingPath: string, intent: ReplaceIntent): Promise<ArticleRecord | undefined> {
  const id = intent.articleId;
  checkId(id);
  const folder = paths.article(dir, id);
  const record = await serializeOnFile(paths.contentHtml(dir, id), async () => {
    const current = await checkReplaceTarget(dir, id);
    if (replaceState(current, intent) === 'superseded') return undefined;
    const assets = join(folder, ASSETS_DIR);
    await mkdir(assets, { recursive: true });
    for (const name of intent.assets) {
      const staged = join(stagingPath, ASSETS_DIR, name);
      if (!(await exists(join(assets, name)))) await moveIfStaged(staged, join(assets, name));
    }
    await syncFolderAfterRename(assets);
    await moveIfStaged(join(stagingPath, 'content.html'), paths.contentHtml(dir, id));
    await moveIfStaged(join(stagingPath, 'text.txt'), paths.textTxt(dir, id));
    await syncFolderAfterRename(folder);
    const merged = await updateRecord(
      dir,
      id,
      (previous) => (replaceState(previous, intent) === 'pending' ? mergeIntent(intent, previous) : previous),
      REPLACE_COMMITTED,
    );
    // The article is updated; images no longer used are only tidied away, so a failure
    // here is logged, not reported (ARCHITECTURE.md §3).
    try {
      const keep = new Set(intent.assets);
      for (const name of await readdir(assets)) {
        if (!keep.has(name)) await unlink(join(assets, name)).catch(() => undefined);
      }
    } catch (error) {
      atomicSettings.warn(`Lectern: the article "${id}" is updated, but its unused images could not be removed.`, error);
    }
    return merged;
  });
  await removeJournal(stagingPath);
  ownStaging.delete(resolve(stagingPath));
  return record;
}

/** Remove a finished journal: its intent first, so a kill half way leaves only uncommitted garbage. */
async function removeJournal(stagingPath: string): Promise<void> {
  try {
    await rm(join(stagingPath, REPLACE_INTENT), { force: true });
    await rm(stagingPath, { recursive: true, force: true });
  } catch (error) {
    atomicSettings.warn(`Lectern: a finished update left its staging folder ${stagingPath}; the next start removes it.`, error);
  }
}

/**
 * Save new content over the existing article `id` (the same URL saved again), as a
 * journaled change (ARCHITECTURE.md §3): {@link commitReplace}, then
 * {@link applyStagedReplace}. A failure before the commit leaves the article as it
 * was; a failure after it keeps the staged change, which the next `Library.open`
 * finishes (the error says so). annotations.json is never touched: the reader
 * re-anchors its highlights by their quotes, and those that no longer fit become orphans.
 */
export async function replaceArticleContent(
  dir: string,
  staging: ArticleStaging,
  id: string,
  draft: ArticleDraft,
  savedAt: Date,
): Promise<ArticleRecord> {
  const intent = await commitReplace(dir, staging, id, draft, savedAt);
  try {
    const record = await applyStagedReplace(dir, staging.path, intent);
    // Superseded only by a later save of the same article; answer with what is there.
    return record ?? (await readRecord(dir, id));
  } catch (error) {
    throw ioError('write', paths.article(dir, id), error, REPLACE_COMMITTED);
  }
}

/** What {@link rollForwardReplaces} did. */
export interface RollForward {
  /** Committed re-saves put in place (or found already in place). */
  applied: number;
  /** Committed re-saves dropped: their article is gone, or a later save superseded them. */
  dropped: number;
  /** Committed re-saves that failed; their staging folders are left for the next open. */
  failed: number;
}

/**
 * Finish every committed re-save a killed process left (ARCHITECTURE.md §3, the re-save
 * journal): call when the library opens, holding its lock, before
 * {@link removeStaleStaging}, with the same `before`. Oldest first. A failure is
 * reported to `atomicSettings.warn` and its folder kept for the next open; it never
 * stops the library opening. An intent for an article no longer in `articles/` is
 * dropped (the article was trashed or deleted after the re-save).
 */
export async function rollForwardReplaces(dir: string, before = Infinity): Promise<RollForward> {
  const result: RollForward = { applied: 0, dropped: 0, failed: 0 };
  const pending: { folder: string; intent: ReplaceIntent }[] = [];
  let folders: string[];
  try {
    folders = await staleStagingFolders(dir, before);
  } catch (error) {
    atomicSettings.warn(`Lectern: the staging folder could not be listed; unfinished updates are finished at the next start.`, error);
    return result;
  }
  for (const folder of folders) {
    try {
      const raw = await readIfExists(join(folder, REPLACE_INTENT));
      if (raw === undefined) continue; // not committed: garbage for removeStaleStaging
      const parsed = v.safeParse(ReplaceIntentSchema, JSON.parse(raw));
      if (!parsed.success) throw new Error(`${REPLACE_INTENT} is not usable: ${describeIssues(parsed.issues)}`);
      pending.push({ folder, intent: parsed.output });
    } catch (error) {
      result.failed++;
      atomicSettings.warn(`Lectern: the unfinished update in ${folder} could not be read; it was left where it is.`, error);
    }
  }
  pending.sort((a, b) => Date.parse(a.intent.savedAt) - Date.parse(b.intent.savedAt));
  for (const { folder, intent } of pending) {
    try {
      const record = await applyStagedReplace(dir, folder, intent);
      if (record) result.applied++;
      else result.dropped++;
    } catch (error) {
      const gone = error instanceof LibraryError && error.code === 'not-found' && !(await exists(paths.article(dir, intent.articleId)).catch(() => true));
      if (gone) {
        result.dropped++;
        atomicSettings.warn(`Lectern: the article "${intent.articleId}" is no longer in the library; its unfinished update was dropped.`, error);
        await removeJournal(folder);
        continue;
      }
      result.failed++;
      atomicSettings.warn(
        `Lectern: the unfinished update of the article "${intent.articleId}" could not be finished; it is kept in ${folder} and tried again at the next start.`,
        error,
      );
    }
  }
  return result;
}
