/**
 * What the library stores on disk (ARCHITECTURE.md §3), and how a stored record
 * becomes the plain view objects of the bridge contract. Storage records never
 * cross the bridge (ARCHITECTURE.md §8).
 */
import * as v from 'valibot';
import { ArticleIdSchema, ArticleSummarySchema, ArticleViewSchema, type ArticleSummary, type ArticleView } from '../../common/model';

/** The library format this code writes and understands. */
export const LIBRARY_FORMAT = 1;

/**
 * `library.json`. Loose: keys written by a later version of the same format are kept.
 * `seeded` lists the bundled article ids ever written into this library.
 */
export const LibraryFileSchema = v.looseObject({
  format: v.literal(LIBRARY_FORMAT),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  seeded: v.optional(v.array(ArticleIdSchema), []),
});
export type LibraryFile = v.InferOutput<typeof LibraryFileSchema>;

const summary = ArticleSummarySchema.entries;

/**
 * `articles/<id>/article.json`: the article metadata of {@link ArticleSummarySchema}
 * (a stricter `savedAt`, the progress stored as `readingProgress`), the view's
 * `credit`, and the hash of content.html. Loose for the same reason: an update
 * rewrites only the fields it owns and keeps everything else.
 */
export const ArticleRecordSchema = v.looseObject({
  id: summary.id,
  title: summary.title,
  byline: summary.byline,
  site: summary.site,
  url: summary.url,
  publishedAt: summary.publishedAt,
  savedAt: v.pipe(v.string(), v.isoTimestamp()),
  language: summary.language,
  wordCount: summary.wordCount,
  contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest')),
  tags: summary.tags,
  readingProgress: summary.progress,
  credit: ArticleViewSchema.entries.credit,
});
export type ArticleRecord = v.InferOutput<typeof ArticleRecordSchema>;

/** Minutes at 230 words a minute, at least 1. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230));
}

/** The library row for a record: exactly the contract's fields, nothing more. */
export function toSummary(record: ArticleRecord): ArticleSummary {
  const progress = record.readingProgress;
  return {
    id: record.id,
    title: record.title,
    byline: record.byline,
    site: record.site,
    url: record.url,
    publishedAt: record.publishedAt,
    savedAt: record.savedAt,
    language: record.language,
    wordCount: record.wordCount,
    readingMinutes: readingMinutes(record.wordCount),
    progress: progress
      ? { fraction: progress.fraction, position: progress.position, within: progress.within }
      : null,
    tags: [...record.tags],
  };
}

export function toView(record: ArticleRecord, html: string): ArticleView {
  return { ...toSummary(record), credit: record.credit, html };
}

/** Library order: most recently saved first, then by title, then by id. */
export function compareSummaries(a: ArticleSummary, b: ArticleSummary): number {
  const saved = (Date.parse(b.savedAt) || 0) - (Date.parse(a.savedAt) || 0);
  if (saved !== 0) return saved;
  const title = a.title.localeCompare(b.title);
  if (title !== 0) return title;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
