/**
 * The one small interface every search engine implements (SQLite FTS5, the plain
 * scan), and the documents they index. Engines are synchronous and live in the
 * search worker; nothing here touches the disk or Electron.
 */
import type { HighlightColor } from '../../common/colors';
import type { ArticleSummary } from '../../common/model';
import type { SearchAnswer, SearchQueryInput } from '../../common/search';

/** A live highlight or article note, as indexed (tombstoned ones are never indexed). */
export interface IndexAnnotation {
  id: string;
  kind: 'highlight' | 'article-note';
  /** The highlight's quote (TextQuoteSelector.exact); '' for an article note. */
  quote: string;
  note: string;
  tags: readonly string[];
  color: HighlightColor | null;
}

/**
 * Everything searchable about one article: the summary's metadata (`savedAt` orders an
 * empty query with filters, most recent first, like the library), the article's tags,
 * text.txt, and its live annotations.
 */
export type IndexDoc = Pick<ArticleSummary, 'id' | 'title' | 'byline' | 'site' | 'savedAt'> & {
  /** What the article's files looked like when read (see indexer.ts); unchanged → not reindexed. */
  fingerprint: string;
  tags: readonly string[];
  text: string;
  annotations: readonly IndexAnnotation[];
};

/** What an engine answers; the worker adds `state` and `progress`. */
export type EngineAnswer = Pick<SearchAnswer, 'corrections' | 'results' | 'total'>;

/** A search index. Swappable: the worker only ever talks to this. */
export interface SearchEngine {
  readonly kind: 'fts' | 'scan';
  /** Add or replace these articles (one transaction). */
  upsert(docs: readonly IndexDoc[]): void;
  /** Forget these articles (unknown ids are ignored). */
  remove(ids: readonly string[]): void;
  query(input: SearchQueryInput): EngineAnswer;
  /** Whether no article is indexed (cheap: called at start-up). */
  isEmpty(): boolean;
  /** Article id → fingerprint of every indexed article. */
  fingerprints(): Map<string, string>;
  close(): void;
}

/** Hits per result, best first. */
export const MAX_HITS = 5;
