/**
 * The bridge contract: every channel between the renderer and main, declared once.
 *
 * Main (`main/ipc.ts`) parses each payload against `input` before a service runs;
 * the preload builds one named method per channel from this table; the renderer
 * imports only the types. Every answer is a {@link Result}, never a thrown error.
 */
import * as v from 'valibot';
import { HIGHLIGHT_COLORS, type HighlightColor } from './colors';

/** The closed list of error codes an answer may carry. */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'io',
  'corrupt',
  'network',
  'too-large',
  'forbidden',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BridgeError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

// ---------------------------------------------------------------- schemas

/** Article ids are folder names: lower-case ASCII, digits and dashes, at most 64 characters. */
export const ArticleIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an article id is 1–64 characters of a–z, 0–9 and "-"'),
);

const Fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
const ShortText = v.pipe(v.string(), v.maxLength(2000));

/** Where the reader was: how far through (0–1) and the text offset of the first visible block. */
export const ReadingProgressSchema = v.strictObject({
  fraction: Fraction,
  /** Offset into the article's text content of the first visible character's block. */
  position: Offset,
  /** How far (0–1) into that block the top of the viewport was. */
  within: Fraction,
});
export type ReadingProgress = v.InferOutput<typeof ReadingProgressSchema>;

/** One row of the library: a plain view object, never the storage record. */
export const ArticleSummarySchema = v.strictObject({
  id: ArticleIdSchema,
  title: ShortText,
  byline: v.nullable(ShortText),
  site: v.nullable(ShortText),
  url: v.nullable(ShortText),
  /** As given by the source: an ISO date-time, possibly without a zone ("2024-03-28T02:00"). */
  publishedAt: v.nullable(ShortText),
  savedAt: ShortText,
  language: v.nullable(ShortText),
  wordCount: Offset,
  /** Minutes at 230 words a minute, at least 1. */
  readingMinutes: Offset,
  progress: v.nullable(ReadingProgressSchema),
  /** The article's own tags (not its highlights'). */
  tags: v.array(ShortText),
});
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>;

/** A file the library could not read and moved aside (never deleted). */
export const LibraryProblemSchema = v.strictObject({
  /** Path relative to the library folder, as it was. */
  file: ShortText,
  /** Where it is now, relative to the library folder. */
  movedTo: ShortText,
  reason: ShortText,
});
export type LibraryProblem = v.InferOutput<typeof LibraryProblemSchema>;

export const LibraryListingSchema = v.strictObject({
  articles: v.array(ArticleSummarySchema),
  problems: v.array(LibraryProblemSchema),
});
export type LibraryListing = v.InferOutput<typeof LibraryListingSchema>;

export const ArticleViewSchema = v.strictObject({
  ...ArticleSummarySchema.entries,
  /** Credit line shown under the article ("AFP"). */
  credit: v.nullable(ShortText),
  /** Sanitized article HTML (sanitize again before rendering). */
  html: v.string(),
});
export type ArticleView = v.InferOutput<typeof ArticleViewSchema>;

export const AppInfoSchema = v.strictObject({
  name: ShortText,
  version: ShortText,
  platform: ShortText,
  libraryPath: ShortText,
});
export type AppInfo = v.InferOutput<typeof AppInfoSchema>;

export const SetProgressInputSchema = v.strictObject({
  id: ArticleIdSchema,
  progress: ReadingProgressSchema,
});

// ---------------------------------------------------------------- annotations (DESIGN.md §4)

/** The five highlight colors; their display names are the user's (see {@link ColorNamesSchema}). */
export { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS, type HighlightColor } from './colors';

/** A note may be at most this many UTF-8 bytes; more is `too-large` (checked by the service). */
export const MAX_NOTE_BYTES = 100_000;
/** Payload ceiling for a note string: beyond this the call is not even parsed (`invalid-input`). */
const NOTE_PAYLOAD_CHARS = 2_000_000;

export const AnnotationIdSchema = v.pipe(v.string(), v.uuid('an annotation id is a UUID'));
const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const NoteText = v.pipe(v.string(), v.maxLength(NOTE_PAYLOAD_CHARS));
const Tag = v.pipe(v.string(), v.trim(), v.minLength(1, 'a tag is not empty'), v.maxLength(64), v.regex(/^[^\s#,]+$/u, 'a tag has no spaces, "#" or ","'));
const Tags = v.pipe(v.array(Tag), v.maxLength(50));
const ColorSchema = v.picklist(HIGHLIGHT_COLORS);

/** W3C TextQuoteSelector: the exact text and up to 32 characters either side. */
export const TextQuoteSelectorSchema = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(100_000)),
  prefix: v.pipe(v.string(), v.maxLength(32)),
  suffix: v.pipe(v.string(), v.maxLength(32)),
});
export type TextQuoteSelector = v.InferOutput<typeof TextQuoteSelectorSchema>;

/** W3C TextPositionSelector over the article body's text content (`textContent`). */
export const TextPositionSelectorSchema = v.pipe(
  v.strictObject({ type: v.literal('TextPositionSelector'), start: Offset, end: Offset }),
  v.check((s) => s.start < s.end, 'a position selector has start < end'),
);
export type TextPositionSelector = v.InferOutput<typeof TextPositionSelectorSchema>;

export const HighlightTargetSchema = v.strictObject({
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
});
export type HighlightTarget = v.InferOutput<typeof HighlightTargetSchema>;

/** A highlight (with an optional note) as the renderer sees it: a plain view object. */
export const HighlightSchema = v.strictObject({
  id: AnnotationIdSchema,
  articleId: ArticleIdSchema,
  created: Timestamp,
  modified: Timestamp,
  /** `highlighting` without a note, `commenting` with one. */
  motivation: v.picklist(['highlighting', 'commenting']),
  target: HighlightTargetSchema,
  color: ColorSchema,
  /** Markdown; '' when there is none. */
  note: NoteText,
  tags: Tags,
});
export type Highlight = v.InferOutput<typeof HighlightSchema>;

/** The article-level note (an annotation whose target is the whole article). */
export const ArticleNoteSchema = v.strictObject({
  id: AnnotationIdSchema,
  articleId: ArticleIdSchema,
  created: Timestamp,
  modified: Timestamp,
  note: NoteText,
});
export type ArticleNote = v.InferOutput<typeof ArticleNoteSchema>;

const ColorName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40));
export const ColorNamesSchema = v.strictObject({
  yellow: ColorName,
  green: ColorName,
  blue: ColorName,
  pink: ColorName,
  purple: ColorName,
} satisfies Record<HighlightColor, typeof ColorName>);
export type ColorNames = v.InferOutput<typeof ColorNamesSchema>;

/**
 * The app's preferences the renderer follows. `singleKeyShortcuts`: N, P, H and /
 * in the reader (WCAG 2.1.4: they can be turned off, View ▸ Single-Key Shortcuts).
 */
export const AppSettingsSchema = v.strictObject({ singleKeyShortcuts: v.boolean() });
export type AppSettings = v.InferOutput<typeof AppSettingsSchema>;

export const ArticleAnnotationsSchema = v.strictObject({
  articleId: ArticleIdSchema,
  /** Live highlights (not deleted), in document order of their stored position. */
  highlights: v.array(HighlightSchema),
  articleNote: v.nullable(ArticleNoteSchema),
});
export type ArticleAnnotations = v.InferOutput<typeof ArticleAnnotationsSchema>;

export const CreateHighlightInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  target: HighlightTargetSchema,
  color: ColorSchema,
  note: v.optional(NoteText, ''),
  tags: v.optional(Tags, []),
});
export const UpdateHighlightInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  id: AnnotationIdSchema,
  patch: v.pipe(
    v.strictObject({ color: v.optional(ColorSchema), note: v.optional(NoteText), tags: v.optional(Tags) }),
    v.check((p) => p.color !== undefined || p.note !== undefined || p.tags !== undefined, 'a patch changes something'),
  ),
});
export const HighlightRefSchema = v.strictObject({ articleId: ArticleIdSchema, id: AnnotationIdSchema });
export const SetArticleNoteInputSchema = v.strictObject({ articleId: ArticleIdSchema, note: NoteText });
export const RenameColorInputSchema = v.strictObject({ color: ColorSchema, name: ColorName });

// ---------------------------------------------------------------- library search

/** A query longer than this is refused (`invalid-input`): nobody types 500 characters into a search box. */
export const MAX_QUERY_CHARS = 500;
const TagFilter = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64));

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
  title: ShortText,
  byline: v.nullable(ShortText),
  site: v.nullable(ShortText),
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

// ---------------------------------------------------------------- export and import of notes

/** What notes can be exported as; `pdf` is printed by Electron from the `html` export. */
export const EXPORT_FORMATS = ['markdown', 'json', 'csv', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats with a text preview (PDF is printed from the HTML one). */
export const PREVIEW_FORMATS = ['markdown', 'json', 'csv', 'html'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

export const ExportOptionsSchema = v.strictObject({
  includeArticleNote: v.optional(v.boolean(), true),
  includeTags: v.optional(v.boolean(), true),
  /** Highlights whose text is no longer in the article. */
  includeOrphans: v.optional(v.boolean(), true),
});
export type ExportOptions = v.InferOutput<typeof ExportOptionsSchema>;

export const ExportScopeSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('article'), articleId: ArticleIdSchema }),
  v.strictObject({ kind: v.literal('library') }),
]);
export type ExportScope = v.InferOutput<typeof ExportScopeSchema>;

export const ExportPreviewInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  format: v.picklist(PREVIEW_FORMATS),
  options: v.optional(ExportOptionsSchema, {}),
});
/** Previews stop at this many characters (`truncated` says so); Copy and Save are never cut. */
export const PREVIEW_MAX_CHARS = 200_000;
export const ExportPreviewSchema = v.strictObject({ text: v.string(), truncated: v.boolean() });
export type ExportPreview = v.InferOutput<typeof ExportPreviewSchema>;

export const ExportSaveInputSchema = v.strictObject({
  format: v.picklist(EXPORT_FORMATS),
  scope: ExportScopeSchema,
  options: v.optional(ExportOptionsSchema, {}),
});
export type ExportSaveInput = v.InferOutput<typeof ExportSaveInputSchema>;

export const ExportSaveResultSchema = v.strictObject({
  /** False when the reader closed the save dialog without choosing. */
  saved: v.boolean(),
  /** The file, or the folder for one-file-per-article exports. */
  path: v.nullable(ShortText),
  files: Offset,
  annotations: Offset,
});
export type ExportSaveResult = v.InferOutput<typeof ExportSaveResultSchema>;

export const ImportReportSchema = v.strictObject({
  /** False when the reader closed the open dialog without choosing. */
  imported: v.boolean(),
  path: v.nullable(ShortText),
  added: Offset,
  updated: Offset,
  skipped: Offset,
  orphaned: Offset,
  noArticle: Offset,
  problems: v.pipe(v.array(ShortText), v.maxLength(100)),
});
export type ImportReport = v.InferOutput<typeof ImportReportSchema>;

export const MENU_COMMANDS = [
  'go-library',
  'go-back',
  'find-library',
  'export-notes',
  'import-notes',
  'add-url',
  'add-files',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

// ---------------------------------------------------------------- saving articles and managing the library (issue 6)

/** Longest URL accepted for saving (the article record keeps at most 2000 characters). */
export const MAX_URL_CHARS = 2000;
/**
 * Paths per add-files call the bridge carries at all; the import service itself takes
 * at most 1000 at once and says so in words.
 */
export const MAX_FILES_PER_ADD = 10_000;
/** The kinds of file that can be added. */
export const ARTICLE_FILE_EXTENSIONS = ['.html', '.htm', '.md', '.markdown', '.txt'] as const;

export const LIBRARY_SORTS = ['saved', 'title', 'published', 'progress'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];
export const LIBRARY_FILTERS = ['all', 'unread', 'in-progress', 'finished', 'tag'] as const;
export type LibraryFilter = (typeof LIBRARY_FILTERS)[number];

/** How to order and narrow the library listing; every field optional (recently saved, all). */
export const LibraryListInputSchema = v.optional(
  v.pipe(
    v.strictObject({
      sort: v.optional(v.picklist(LIBRARY_SORTS), 'saved'),
      filter: v.optional(v.picklist(LIBRARY_FILTERS), 'all'),
      /** The tag for `filter: 'tag'` (compared without regard to case). */
      tag: v.optional(TagFilter),
    }),
    v.check((input) => input.filter !== 'tag' || input.tag !== undefined, 'filter "tag" needs a tag'),
  ),
);
export type LibraryListInput = v.InferOutput<typeof LibraryListInputSchema>;

/** An http(s) address of at most {@link MAX_URL_CHARS} characters, nothing else. */
export const WebUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'the address is empty'),
  v.maxLength(MAX_URL_CHARS, `an address is at most ${MAX_URL_CHARS} characters`),
  v.check((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'only http:// and https:// addresses can be saved'),
);

/**
 * A path main may read a file to add from: absolute (POSIX or Windows drive), no NUL.
 * The renderer never names one: they come from main's open dialog or from the preload
 * (`webUtils.getPathForFile` on dropped files). Main then checks each file on its own —
 * a supported extension (before touching the disk), an existing regular file, the size
 * cap — and refuses the ones that fail by name, so one PDF in a drop does not refuse the rest.
 */
export const ArticleFilePathSchema = v.pipe(
  v.string(),
  v.maxLength(4096),
  v.check((path) => !path.includes('\0'), 'a path has no NUL character'),
  v.check((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), 'a path is absolute'),
);

/** Whether `path` names a kind of file that can be added (by its extension). */
export const isArticleFile = (path: string): boolean => {
  const lower = path.toLowerCase();
  return ARTICLE_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension));
};

export const AddFilesInputSchema = v.strictObject({
  paths: v.pipe(v.array(ArticleFilePathSchema), v.minLength(1), v.maxLength(MAX_FILES_PER_ADD)),
});

/** One saved article: its id (open it), title, whether it replaced one saved from the same URL, and what was left out. */
export const SavedArticleSchema = v.strictObject({
  id: ArticleIdSchema,
  title: ShortText,
  updated: v.boolean(),
  warnings: v.pipe(v.array(ShortText), v.maxLength(200)),
});
export type SavedArticle = v.InferOutput<typeof SavedArticleSchema>;

export const AddFilesReportSchema = v.strictObject({
  /** False when the reader closed main's open dialog without choosing. */
  chosen: v.boolean(),
  /** File names (not paths) with what became of them. */
  added: v.array(v.strictObject({ ...SavedArticleSchema.entries, file: ShortText })),
  refused: v.array(v.strictObject({ file: ShortText, code: v.picklist(ERROR_CODES), reason: ShortText })),
});
export type AddFilesReport = v.InferOutput<typeof AddFilesReportSchema>;

export const TrashedArticleSchema = v.strictObject({
  id: ArticleIdSchema,
  title: ShortText,
  url: v.nullable(ShortText),
  trashedAt: ShortText,
});
export type TrashedArticle = v.InferOutput<typeof TrashedArticleSchema>;

export const SetReadInputSchema = v.strictObject({ id: ArticleIdSchema, read: v.boolean() });
export const SetTagsInputSchema = v.strictObject({ id: ArticleIdSchema, tags: Tags });

/** Where a save is (the `library:import-progress` event). */
export const ImportProgressSchema = v.variant('stage', [
  v.strictObject({ stage: v.literal('fetching'), bytes: Offset, total: v.nullable(Offset) }),
  v.strictObject({ stage: v.literal('extracting') }),
  v.strictObject({ stage: v.literal('images'), done: Offset, total: Offset }),
  v.strictObject({ stage: v.literal('saving') }),
  v.strictObject({ stage: v.literal('file'), index: Offset, count: Offset, file: ShortText }),
]);
export type ImportProgress = v.InferOutput<typeof ImportProgressSchema>;

/**
 * What the preload accepts for dropped files: the `File` objects of a drop event. Only
 * the preload can turn them into paths (`webUtils.getPathForFile`); a File made in
 * the page has no path and is refused.
 */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

// ---------------------------------------------------------------- channels

/** The preload method for `library:add-files`: it takes dropped `File`s, never path strings. */
export const DROPPED_FILES_METHOD = 'addDroppedFiles';

/** A request/answer channel: `method` is the name the preload exposes. */
const channel = <I extends v.GenericSchema, O extends v.GenericSchema, M extends string>(
  method: M,
  input: I,
  output: O,
) => ({ method, input, output }) as const;

export const channels = {
  'library:list': channel('listArticles', LibraryListInputSchema, LibraryListingSchema),
  'article:get': channel('getArticle', v.strictObject({ id: ArticleIdSchema }), ArticleViewSchema),
  'article:set-progress': channel('setReadingProgress', SetProgressInputSchema, v.null()),
  'app:info': channel('getAppInfo', v.undefined(), AppInfoSchema),
  'annotations:list': channel('listAnnotations', v.strictObject({ articleId: ArticleIdSchema }), ArticleAnnotationsSchema),
  'annotations:create': channel('createHighlight', CreateHighlightInputSchema, HighlightSchema),
  'annotations:update': channel('updateHighlight', UpdateHighlightInputSchema, HighlightSchema),
  'annotations:delete': channel('deleteHighlight', HighlightRefSchema, HighlightSchema),
  'annotations:restore': channel('restoreHighlight', HighlightRefSchema, HighlightSchema),
  'annotations:set-article-note': channel('setArticleNote', SetArticleNoteInputSchema, ArticleNoteSchema),
  'colors:get': channel('getColorNames', v.undefined(), ColorNamesSchema),
  'colors:rename': channel('renameColor', RenameColorInputSchema, ColorNamesSchema),
  'settings:get': channel('getSettings', v.undefined(), AppSettingsSchema),
  'search:query': channel('search', SearchQueryInputSchema, SearchAnswerSchema),
  'export:preview': channel('previewExport', ExportPreviewInputSchema, ExportPreviewSchema),
  'export:save': channel('saveExport', ExportSaveInputSchema, ExportSaveResultSchema),
  'export:cancel': channel('cancelExport', v.undefined(), v.null()),
  'notes:import': channel('importNotes', v.undefined(), ImportReportSchema),
  // Saving articles and managing the library (issue 6).
  'library:add-url': channel('addUrl', v.strictObject({ url: WebUrlSchema }), SavedArticleSchema),
  /** Exposed by the preload as `addDroppedFiles(files)`: paths only from `webUtils.getPathForFile`. */
  'library:add-files': channel(DROPPED_FILES_METHOD, AddFilesInputSchema, AddFilesReportSchema),
  'library:choose-files': channel('chooseFiles', v.undefined(), AddFilesReportSchema),
  'library:cancel-import': channel('cancelImport', v.undefined(), v.null()),
  'article:delete': channel('deleteArticle', v.strictObject({ id: ArticleIdSchema }), v.null()),
  'article:restore': channel('restoreArticle', v.strictObject({ id: ArticleIdSchema }), v.null()),
  'trash:list': channel('listTrash', v.undefined(), v.array(TrashedArticleSchema)),
  'trash:empty': channel('emptyTrash', v.undefined(), v.strictObject({ removed: Offset })),
  'article:set-read': channel('setArticleRead', SetReadInputSchema, ArticleSummarySchema),
  'article:set-tags': channel('setArticleTags', SetTagsInputSchema, ArticleSummarySchema),
} as const;

/** Main → renderer events: `method` is the subscribe function the preload exposes. */
export const events = {
  'library:changed': {
    method: 'onLibraryChanged',
    payload: v.strictObject({ ids: v.array(ArticleIdSchema) }),
  },
  'export:progress': {
    method: 'onExportProgress',
    payload: v.strictObject({ done: Offset, total: Offset }),
  },
  'menu:command': {
    method: 'onMenuCommand',
    payload: v.strictObject({ command: v.picklist(MENU_COMMANDS) }),
  },
  'library:import-progress': {
    method: 'onImportProgress',
    payload: ImportProgressSchema,
  },
  /** A preference changed in main (View ▸ Single-Key Shortcuts). */
  'settings:changed': {
    method: 'onSettingsChanged',
    payload: AppSettingsSchema,
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = v.InferInput<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = v.InferOutput<Channels[C]['output']>;
export type EventPayload<E extends EventName> = v.InferOutput<(typeof events)[E]['payload']>;

type MethodFor<C extends ChannelName> = C extends 'library:add-files'
  ? (files: readonly DroppedFile[]) => Promise<Result<ChannelOutput<C>>>
  : undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** What `window.lectern` is: one named method per channel, one subscribe function per event. */
export type LecternApi = {
  readonly [C in ChannelName as Channels[C]['method']]: MethodFor<C>;
} & {
  readonly [E in EventName as (typeof events)[E]['method']]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Every method name `window.lectern` must expose, sorted. */
export const API_METHODS: readonly string[] = [
  ...CHANNEL_NAMES.map((c) => channels[c].method),
  ...EVENT_NAMES.map((e) => events[e].method),
].sort();

/** Describe valibot issues in one sentence a developer can act on. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
