/** Library search as it crosses the bridge: the query, its filters, and the answer (ARCHITECTURE.md §5). */
import * as v from 'valibot';
import { AnnotationIdSchema, ArticleIdSchema, ArticleSummarySchema, ColorSchema, HIGHLIGHT_COLORS, Offset, TagFilter } from './model';

/** A query longer than this is refused (`invalid-input`): nobody types 500 characters into a search box. */
export const MAX_QUERY_CHARS = 500;


export const SearchFiltersSchema = v.strictObject({
  /** Only articles with a live highlight of one of these colors. */
  colors: v.optional(v.pipe(v.array(ColorSchema), v.maxLength(HIGHLIGHT_COLORS.length)), []),
  /** Only articles with every one of these tags (on the article or on one of its highlights). */
  tags: v.optional(v.pipe(v.array(TagFilter), v.maxLength(20)), []),
  /** Only articles with a note (on a highlight or on the article). */
  hasNotes: v.optional(v.boolean(), false),
});
export type SearchFilters = v.InferOutput<typeof SearchFiltersSchema>;

export const SearchQueryInputSchema = v.strictObject({
  query: v.pipe(v.string(), v.maxLength(MAX_QUERY_CHARS, `a search is at most ${MAX_QUERY_CHARS} characters`)),
  filters: v.optional(SearchFiltersSchema, {}),
  /** At most this many articles in the answer. */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 30),
});
export type SearchQueryInput = v.InferOutput<typeof SearchQueryInputSchema>;

/** A piece of a snippet: plain text, `match` when it is a matched word. Never HTML. */
export const SnippetPartSchema = v.strictObject({ text: v.string(), match: v.boolean() });
export type SnippetPart = v.InferOutput<typeof SnippetPartSchema>;

export const SEARCH_FIELDS = ['title', 'byline', 'site', 'text', 'tag', 'highlight', 'note', 'article-note'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Where in an article a query matched. */
export const SearchHitSchema = v.strictObject({
  field: v.picklist(SEARCH_FIELDS),
  /** A few words around the match (the whole value for short fields). */
  snippet: v.pipe(v.array(SnippetPartSchema), v.maxLength(200)),
  /** The highlight (`highlight`, `note`, `tag` of a highlight) or article note hit; null for article fields. */
  annotationId: v.nullable(AnnotationIdSchema),
  /** The highlight's color for highlight hits. */
  color: v.nullable(ColorSchema),
  /** The first matched word as it is written in the text: what "find in the article" is opened with. */
  term: v.pipe(v.string(), v.maxLength(200)),
});
export type SearchHit = v.InferOutput<typeof SearchHitSchema>;

export const SearchResultSchema = v.strictObject({
  articleId: ArticleIdSchema,
  ...v.pick(ArticleSummarySchema, ['title', 'byline', 'site']).entries,
  /** Higher is better; only comparable within one answer. */
  score: v.pipe(v.number(), v.finite()),
  /** Best first; at most a few per article. */
  hits: v.pipe(v.array(SearchHitSchema), v.maxLength(10)),
});
export type SearchResult = v.InferOutput<typeof SearchResultSchema>;

export const SearchAnswerSchema = v.strictObject({
  /** `indexing`: the index is being built and the answer may miss articles. */
  state: v.picklist(['ready', 'indexing']),
  /** Articles indexed so far and in all, while indexing. */
  progress: v.nullable(v.strictObject({ done: Offset, total: Offset })),
  /** Words of the query that were not in the library and what was searched instead ("did you mean"). */
  corrections: v.array(v.strictObject({ from: v.string(), to: v.array(v.string()) })),
  results: v.array(SearchResultSchema),
  /** How many articles matched in all (results holds at most `limit`). */
  total: Offset,
});
export type SearchAnswer = v.InferOutput<typeof SearchAnswerSchema>;
