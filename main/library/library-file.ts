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
import { writeFileAtomic } from './atomic';
import type { BundledArticle, BundledSource } from './bundled';
import { ioError } from './errors';
import { judgeJson, loadJsonFile, type JsonFileKind } from './json-file';
import { LIBRARY_FILE, exists, paths, subfolders, toJson } from './layout';
import { rowWritten } from './row-changes';
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

const LIBRARY_JSON: JsonFileKind<typeof LibraryFileSchema> = {
  name: LIBRARY_FILE,
  schema: LibraryFileSchema,
  schemaName: 'library',
  format: { newest: LIBRARY_FORMAT, update: 'Update Lectern to open this library.' },
};

/**
 * Read, recover or create `library.json` in `dir`, creating `dir` and `articles/`.
 *
 * When the file is recreated for a library that already has article folders (it
 * was quarantined, or only it was deleted), every bundled id counts as seeded: a
 * bundled article the user deleted must not come back.
 */
export async function openLibraryFile(dir: string, bundledIds: readonly string[], now: () => Date): Promise<LibraryFile> {
  const path = paths.libraryFile(dir);
  const read = await loadJsonFile({
    dir,
    file: LIBRARY_FILE,
    quarantineName: LIBRARY_FILE,
    judge: (raw) => judgeJson(LIBRARY_JSON, path, raw),
    now,
  });
  if (read.kind === 'ok') return read.value;
  const recovered = read.kind === 'quarantined';
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
  const record = recordFor(article, savedAt);
  await write(paths.articleJson(dir, article.id), toJson(record));
  await rowWritten(dir, article.id, record);
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
