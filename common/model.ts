/**
 * The model both processes share, each rule defined once: ids, article metadata,
 * reading progress, highlights and their W3C selectors, colors, tags, limits and the
 * URL rule (ARCHITECTURE.md §2, §4). valibot schemas give validation and types in one
 * declaration; every other shape of an article (the storage record in
 * main/library/schema.ts, a search row, an export article, a trashed or saved
 * article) derives from {@link ArticleSummarySchema}.
 */
import * as v from 'valibot';
import { ERROR_CODES } from './result';
import { HIGHLIGHT_COLORS, type HighlightColor } from './colors';
import { COLUMN_WIDTHS, LINE_HEIGHTS, MARGINS, PARAGRAPH_SPACINGS, SPEECH_RATES, TEXT_SIZES, THEMES, TYPEFACES } from './reading';

export { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS, type HighlightColor } from './colors';
export { DEFAULT_APP_SETTINGS, DEFAULT_LISTENING_SETTINGS, DEFAULT_READING_SETTINGS } from './reading';

/** Article ids are folder names: lower-case ASCII, digits and dashes, at most 64 characters. */
export const ArticleIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an article id is 1–64 characters of a–z, 0–9 and "-"'),
);
/** Whether `name` (a folder's, say) is an article id. */
export const isArticleId = (name: string): boolean => v.is(ArticleIdSchema, name);

/** A title, name, address or date as stored: at most this many characters. */
export const SHORT_TEXT_CHARS = 2000;
/** Shared field shapes: a fraction 0–1, an offset or count, a short text (≤ {@link SHORT_TEXT_CHARS}). */
export const Fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
export const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
export const ShortText = v.pipe(v.string(), v.maxLength(SHORT_TEXT_CHARS));


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
  /** Where it is now, relative to the library folder; null when it could not be read and was left where it is. */
  movedTo: v.nullable(ShortText),
  reason: ShortText,
});
export type LibraryProblem = v.InferOutput<typeof LibraryProblemSchema>;

/**
 * A window of the library listing (ARCHITECTURE.md §3, the catalog): the rows from
 * `offset` on, in the asked order, with how many rows the whole ordered listing has,
 * so the view knows its length before it has every row.
 */
export const LibraryListingSchema = v.strictObject({
  articles: v.array(ArticleSummarySchema),
  problems: v.array(LibraryProblemSchema),
  /** How many articles the whole listing (this sort and filter) has. */
  total: Offset,
  /** The position of `articles[0]` in the whole listing. */
  offset: Offset,
  /** Every article tag in the library, each once (first spelling seen), sorted: the filter menu. */
  tags: v.array(ShortText),
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

/** Why the library is read-only (ARCHITECTURE.md §3, the library lock), in words for the user. */
export const ReadOnlyStateSchema = v.strictObject({ reason: ShortText });
export type ReadOnlyState = v.InferOutput<typeof ReadOnlyStateSchema>;

export const AppInfoSchema = v.strictObject({
  name: ShortText,
  version: ShortText,
  platform: ShortText,
  libraryPath: ShortText,
  /** Present while the library is open read-only. */
  readOnly: v.optional(ReadOnlyStateSchema),
});
export type AppInfo = v.InferOutput<typeof AppInfoSchema>;

// ---------------------------------------------------------------- annotations (ARCHITECTURE.md §4)

/** A note may be at most this many UTF-8 bytes; more is `too-large` (checked by the service). */
export const MAX_NOTE_BYTES = 100_000;
/** Payload ceiling for a note string: beyond this the call is not even parsed (`invalid-input`). */
export const NOTE_PAYLOAD_CHARS = 2_000_000;

export const AnnotationIdSchema = v.pipe(v.string(), v.uuid('an annotation id is a UUID'));
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());
export const NoteText = v.pipe(v.string(), v.maxLength(NOTE_PAYLOAD_CHARS));
/** A tag is at most this many characters; an article or a highlight has at most {@link MAX_TAGS}. */
export const MAX_TAG_CHARS = 64;
export const MAX_TAGS = 50;
/** The tag rule: 1–64 characters, no spaces, "#" or "," (trimmed first). */
export const TagSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'a tag is not empty'),
  v.maxLength(MAX_TAG_CHARS),
  v.regex(/^[^\s#,]+$/u, 'a tag has no spaces, "#" or ","'),
);
export const Tags = v.pipe(v.array(TagSchema), v.maxLength(MAX_TAGS));
export const ColorSchema = v.picklist(HIGHLIGHT_COLORS);


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

export const ColorName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40));
export const ColorNamesSchema = v.strictObject({
  yellow: ColorName,
  green: ColorName,
  blue: ColorName,
  pink: ColorName,
  purple: ColorName,
} satisfies Record<HighlightColor, typeof ColorName>);
export type ColorNames = v.InferOutput<typeof ColorNamesSchema>;

/**
 * How the article is set and the app is coloured (the Aa panel, View ▸ Text and Layout…):
 * every value is one of a closed list, so a setting from a file or the bridge is either
 * one of them or refused.
 */
export const ReadingSettingsSchema = v.strictObject({
  theme: v.picklist(THEMES),
  typeface: v.picklist(TYPEFACES),
  textSize: v.picklist(TEXT_SIZES),
  lineHeight: v.picklist(LINE_HEIGHTS),
  width: v.picklist(COLUMN_WIDTHS),
  margins: v.picklist(MARGINS),
  /** Justified with hyphenation (in the article's language), or ragged right. */
  justify: v.boolean(),
  paragraphSpacing: v.picklist(PARAGRAPH_SPACINGS),
});
export type ReadingSettings = v.InferOutput<typeof ReadingSettingsSchema>;


/** Read aloud: the speed, the voice (`SpeechSynthesisVoice.voiceURI`, null = the system's choice), and marking the article read at its end. */
export const ListeningSettingsSchema = v.strictObject({
  rate: v.picklist(SPEECH_RATES),
  voice: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(500))),
  markReadAtEnd: v.boolean(),
});
export type ListeningSettings = v.InferOutput<typeof ListeningSettingsSchema>;


/**
 * The app's preferences the renderer follows. `singleKeyShortcuts`: N, P, H and /
 * in the reader (WCAG 2.1.4: they can be turned off, View ▸ Single-Key Shortcuts);
 * `reading`: type, layout and theme; `listening`: read aloud.
 */
export const AppSettingsSchema = v.strictObject({
  singleKeyShortcuts: v.boolean(),
  reading: ReadingSettingsSchema,
  listening: ListeningSettingsSchema,
});
export type AppSettings = v.InferOutput<typeof AppSettingsSchema>;


/** A change of some reading and listening settings (`settings:update`); keys not named stay. */
export const SettingsUpdateSchema = v.strictObject({
  reading: v.optional(v.partial(ReadingSettingsSchema)),
  listening: v.optional(v.partial(ListeningSettingsSchema)),
});
export type SettingsUpdate = v.InferOutput<typeof SettingsUpdateSchema>;

export const ArticleAnnotationsSchema = v.strictObject({
  articleId: ArticleIdSchema,
  /** Live highlights (not deleted), in document order of their stored position. */
  highlights: v.array(HighlightSchema),
  articleNote: v.nullable(ArticleNoteSchema),
});
export type ArticleAnnotations = v.InferOutput<typeof ArticleAnnotationsSchema>;

// ---------------------------------------------------------------- the library and saving articles

/** Longest URL accepted for saving: the article record keeps it as a short text. */
export const MAX_URL_CHARS = SHORT_TEXT_CHARS;
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

/** Rows one `library:list` answer carries at most (the view asks for the rows it shows). */
export const MAX_LIST_WINDOW = 500;

/** A tag typed into a filter (looser than {@link TagSchema}: it is only compared). */
export const TagFilter = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TAG_CHARS));

/** An http(s) address of at most {@link MAX_URL_CHARS} characters, nothing else. */
export const WebUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'the address is empty'),
  v.maxLength(MAX_URL_CHARS, `an address is at most ${MAX_URL_CHARS} characters`),
  v.check((text) => {
    try {
      return isWebUrl(new URL(text));
    } catch {
      return false;
    }
  }, 'only http:// and https:// addresses can be saved'),
);

/** The URL rule's scheme part: an article is saved (and its images fetched) only over http(s), from a host. */
export const isWebUrl = (url: URL): boolean => (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';

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
/** One saved article: its id (open it), title, whether it replaced one saved from the same URL, and what was left out. */
export const SavedArticleSchema = v.strictObject({
  ...v.pick(ArticleSummarySchema, ['id', 'title']).entries,
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
  ...v.pick(ArticleSummarySchema, ['id', 'title', 'url']).entries,
  trashedAt: ShortText,
});
export type TrashedArticle = v.InferOutput<typeof TrashedArticleSchema>;

/** Where a save is (the `library:import-progress` event). */
export const ImportProgressSchema = v.variant('stage', [
  v.strictObject({ stage: v.literal('fetching'), bytes: Offset, total: v.nullable(Offset) }),
  v.strictObject({ stage: v.literal('extracting') }),
  v.strictObject({ stage: v.literal('images'), done: Offset, total: Offset }),
  v.strictObject({ stage: v.literal('saving') }),
  v.strictObject({ stage: v.literal('file'), index: Offset, count: Offset, file: ShortText }),
]);
export type ImportProgress = v.InferOutput<typeof ImportProgressSchema>;
