/**
 * Edits of one article's record, `articles/<id>/article.json` (ARCHITECTURE.md §3,
 * the library on disk): how the file is judged, and the read-modify-writes in its
 * write queue that change reading progress, the read flag and tags. Unknown keys a
 * later version wrote are kept.
 */
import * as v from 'valibot';
import { TagSchema, type ReadingProgress } from '../../common/model';
import { describeIssues } from '../../common/result';
import { checkId } from './article-id';
import { updateFileAtomic } from './atomic';
import { requireArticleFolder } from './containment';
import { LibraryError, errorCode, ioError, withKept } from './errors';
import { judgeJson, type JsonFileKind, type Judged } from './json-file';
import { exists, paths, readIfExists, toJson } from './layout';
import { rowWritten } from './row-changes';
import { ArticleRecordSchema, type ArticleRecord } from './schema';

/** article.json has no `format` of its own: library.json's covers it. */
const ARTICLE_JSON: JsonFileKind<typeof ArticleRecordSchema> = {
  name: 'article.json',
  schema: ArticleRecordSchema,
  schemaName: 'article',
};

/** Why `raw` (the text of articles/<id>/article.json at `path`) is not a usable record, or the record. */
export function judgeArticle(id: string, path: string, raw: string): Judged<ArticleRecord> {
  const judged = judgeJson(ARTICLE_JSON, path, raw);
  if ('value' in judged && judged.value.id !== id) {
    return { reason: `article.json has the id "${judged.value.id}" but is in the folder "${id}"` };
  }
  return judged;
}

const notFound = (id: string) => new LibraryError('not-found', `No article with id "${id}"`);

/**
 * The error for a failed change of article.json. ENOENT is not-found only when the
 * article really is missing: an ENOENT from inside the write (its temp file removed
 * under it, a rename refused) with article.json still there is an I/O error, and the
 * message says what was kept (ARCHITECTURE.md §3).
 */
export async function recordWriteError(dir: string, id: string, error: unknown, kept: string): Promise<LibraryError> {
  const path = paths.articleJson(dir, id);
  if (errorCode(error) === 'ENOENT') {
    const there = await exists(path).catch(() => true);
    if (!there) return notFound(id);
  }
  return ioError('write', path, error, kept);
}

/** Record where the reader is in an article (read-modify-write in the file's queue); `progress` was parsed by the dispatcher. */
export async function setArticleProgress(dir: string, id: string, progress: ReadingProgress): Promise<void> {
  checkId(id);
  const { fraction, position, within } = progress;
  const path = paths.articleJson(dir, id);
  let written: ArticleRecord | undefined;
  try {
    // The folder check runs inside the file's queue, so calls keep their order.
    await updateFileAtomic(path, async (current) => {
      await requireArticleFolder(dir, id);
      const judged = judgeArticle(id, path, current);
      if ('reason' in judged) throw new LibraryError('corrupt', `Could not update ${path}: ${judged.reason}`);
      // Rewrite the file as it was (unknown keys included), with only the progress changed.
      const json = JSON.parse(current) as Record<string, unknown>;
      json['readingProgress'] = { fraction, position, within };
      written = { ...judged.value, readingProgress: { fraction, position, within } };
      return toJson(json);
    });
  } catch (error) {
    const kept = 'Your reading position was not saved; the article is unchanged.';
    if (error instanceof LibraryError) throw error.code === 'io' ? withKept(error, kept) : error;
    throw await recordWriteError(dir, id, error, kept);
  }
  // Its row in the catalog, in the same step (ARCHITECTURE.md §3, the catalog).
  await rowWritten(dir, id, written);
}

/**
 * The article's record, for a change: a missing file is not-found, a bad one corrupt
 * (reported, not quarantined). Unlike {@link judgeArticle} it does not check the id
 * against the folder, and its reasons have their own wording.
 */
export async function readRecord(dir: string, id: string): Promise<ArticleRecord> {
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

/**
 * Read-modify-write article.json in its write queue; unknown keys are kept. `kept`
 * ends the message of an I/O failure (what is still as it was).
 */
export async function updateRecord(
  dir: string,
  id: string,
  change: (record: ArticleRecord) => ArticleRecord,
  kept = 'Nothing was changed; the article is as it was.',
): Promise<ArticleRecord> {
  checkId(id);
  const path = paths.articleJson(dir, id);
  let result: ArticleRecord | undefined;
  try {
    await updateFileAtomic(path, async () => {
      await requireArticleFolder(dir, id);
      result = change(await readRecord(dir, id));
      return toJson(result);
    });
  } catch (error) {
    if (error instanceof LibraryError) throw error.code === 'io' ? withKept(error, kept) : error;
    throw await recordWriteError(dir, id, error, kept);
  }
  // Its row in the catalog, in the same step (ARCHITECTURE.md §3, the catalog).
  await rowWritten(dir, id, result);
  return result!;
}

/** Mark read (progress 100 %, position kept) or unread (no progress). */
export async function setArticleRead(dir: string, id: string, read: boolean): Promise<ArticleRecord> {
  const kept = `The article was not marked ${read ? 'read' : 'unread'}; it is unchanged.`;
  return updateRecord(dir, id, (record) => ({
    ...record,
    readingProgress: read
      ? { fraction: 1, position: record.readingProgress?.position ?? 0, within: record.readingProgress?.within ?? 0 }
      : null,
  }), kept);
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
  return (await setArticleTagsRecord(dir, id, tags)).tags;
}

/** {@link setArticleTags}, answering with the record as written (so the caller need not read it again). */
export async function setArticleTagsRecord(dir: string, id: string, tags: readonly string[]): Promise<ArticleRecord> {
  const bad = tags.find((tag) => !v.is(TagSchema, tag));
  if (bad !== undefined) {
    throw new LibraryError('invalid-input', `Invalid tag ${JSON.stringify(bad)}: a tag is 1–64 characters without spaces, "#" or ","`);
  }
  const unique = uniqueCleanTags(tags);
  if (unique.length > 50) throw new LibraryError('invalid-input', 'An article has at most 50 tags');
  const kept = 'The tags were not saved; the article is unchanged.';
  return updateRecord(dir, id, (record) => ({ ...record, tags: unique }), kept);
}

