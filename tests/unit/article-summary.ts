/** Shared by the unit tests that need a library row without a library (ARCHITECTURE.md §7). */
import type { ArticleSummary } from '../../common/model';

/** An `ArticleSummary` titled `id`, saved 2024-05-01, unread and untagged; `extra` overrides any field. */
export const articleSummary = (id: string, extra: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id,
  title: id,
  byline: null,
  site: null,
  url: null,
  publishedAt: null,
  savedAt: '2024-05-01T10:00:00.000Z',
  language: null,
  wordCount: 100,
  readingMinutes: 1,
  progress: null,
  tags: [],
  ...extra,
});
