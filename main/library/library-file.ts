/**
 * `library.json` and first-run seeding.
 *
 * - Absent: created as `{ format: 1, createdAt, seeded: [] }`.
 * - A newer `format`: refused with LibraryError('corrupt'); nothing on disk is touched.
 * - Unparseable or the wrong shape: moved to `.quarantine/` (reported) and recreated.
 *
 * Seeding writes each bundled article whose id is not yet in `seeded`, then records
 * the ids, so an article the user deletes later is never written again.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as v from 'valibot';
import { describeIssues } from '../../common/result';
import { writeFileAtomic } from './atomic';
import type { BundledArticle, BundledSource } from './bundled';
import { LibraryError, ioError } from './errors';
import { LIBRARY_FILE, exists, notAnObject, paths, readIfExists, subfolders, toJson } from './layout';
import { quarantineFile } from './quarantine';
import { LIBRARY_FORMAT, LibraryFileSchema, type ArticleRecord, type LibraryFile } from './schema';

async function write(path: string, data: string): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw ioError('write', path, error);
  }
}

async function makeDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw ioError('create', path, error);
  }
}

/** Why `raw` is not a usable library.json, or the parsed file. Throws for a newer format. */
function judgeLibraryFile(path: string, raw: string): { file: LibraryFile } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { reason: `${LIBRARY_FILE} is not valid JSON: ${(error as Error).message}` };
  }
  const kind = notAnObject(json);
  if (kind) return { reason: `${LIBRARY_FILE} holds ${kind}, not an object` };
  const format = (json as { format?: unknown }).format;
  if (typeof format === 'number' && format > LIBRARY_FORMAT) {
    throw new LibraryError(
      'corrupt',
      `${path} has format ${format}, but this version of Lectern only reads format ${LIBRARY_FORMAT}. ` +
        'Update Lectern to open this library.',
    );
  }
  const parsed = v.safeParse(LibraryFileSchema, json);
  if (!parsed.success) {
    return { reason: `${LIBRARY_FILE} does not match the library schema: ${describeIssues(parsed.issues)}` };
  }
  return { file: parsed.output };
}

/**
 * Read, recover or create `library.json` in `dir`, creating `dir` and `articles/`.
 *
 * When the file is recreated for a library that already has article folders (it
 * was quarantined, or only it was deleted), every bundled id counts as seeded: a
 * bundled article the user deleted must not come back.
 */
export async function openLibraryFile(dir: string, bundledIds: readonly string[], now: () => Date): Promise<LibraryFile> {
  const path = paths.libraryFile(dir);
  const raw = await readIfExists(path);
  let recovered = false;
  if (raw !== undefined) {
    const judged = judgeLibraryFile(path, raw);
    if ('file' in judged) return judged.file;
    await quarantineFile(dir, LIBRARY_FILE, LIBRARY_FILE, judged.reason, now());
    recovered = true;
  }
  const hadArticles = (await subfolders(paths.articles(dir))).length > 0;
  await makeDir(paths.articles(dir));
  const file: LibraryFile = {
    format: LIBRARY_FORMAT,
    createdAt: now().toISOString(),
    seeded: recovered || hadArticles ? [...bundledIds] : [],
  };
  await write(path, toJson(file));
  return file;
}

/** The stored record for a freshly written article. */
export function recordFor(article: BundledArticle, savedAt: Date): ArticleRecord {
  return {
    id: article.id,
    title: article.title,
    byline: article.byline,
    site: article.site,
    url: article.url,
    publishedAt: article.publishedAt,
    savedAt: savedAt.toISOString(),
    language: article.language,
    wordCount: article.wordCount,
    contentHash: createHash('sha256').update(article.html, 'utf8').digest('hex'),
    tags: [],
    readingProgress: null,
    credit: article.credit,
  };
}

/** Write one article's folder; article.json last, so its presence means the article is whole. */
export async function writeArticle(dir: string, article: BundledArticle, savedAt: Date): Promise<void> {
  await makeDir(paths.article(dir, article.id));
  await write(paths.contentHtml(dir, article.id), article.html);
  await write(paths.textTxt(dir, article.id), article.text);
  await write(paths.articleJson(dir, article.id), toJson(recordFor(article, savedAt)));
}

/**
 * Write every bundled article not yet seeded, then record them in library.json.
 * An article whose article.json already exists is recorded but not overwritten.
 * Returns the ids newly written.
 */
export async function seedBundled(
  dir: string,
  file: LibraryFile,
  bundled: BundledSource,
  now: () => Date,
): Promise<string[]> {
  const seeded = new Set(file.seeded);
  const written: string[] = [];
  if (bundled.ids.every((id) => seeded.has(id))) return written;
  for (const article of await bundled.load()) {
    if (seeded.has(article.id)) continue;
    if (!(await exists(paths.articleJson(dir, article.id)))) {
      await writeArticle(dir, article, now());
      written.push(article.id);
    }
    seeded.add(article.id);
  }
  if (seeded.size !== file.seeded.length) {
    await write(paths.libraryFile(dir), toJson({ ...file, seeded: [...seeded] }));
  }
  return written;
}
