/**
 * The bridge contract: every channel between the renderer and main, declared once
 * (ARCHITECTURE.md §5). Main (`main/electron/ipc.ts`) parses each payload against
 * `input` before a service runs; the preload builds one named method per channel from
 * this table; the renderer imports only the types. Every answer is a {@link Result}.
 */
import * as v from 'valibot';
import type { Result } from './result';
import {
  AddFilesReportSchema,
  AppInfoSchema,
  ReadOnlyStateSchema,
  AppSettingsSchema,
  SettingsUpdateSchema,
  ArticleAnnotationsSchema,
  ArticleFilePathSchema,
  ArticleIdSchema,
  ArticleNoteSchema,
  ArticleSummarySchema,
  ArticleViewSchema,
  ColorName,
  ColorNamesSchema,
  ColorSchema,
  HighlightSchema,
  HighlightTargetSchema,
  AnnotationIdSchema,
  ImportProgressSchema,
  LIBRARY_FILTERS,
  MAX_LIST_WINDOW,
  type LibraryFilter,
  LIBRARY_SORTS,
  LibraryListingSchema,
  MAX_FILES_PER_ADD,
  NoteText,
  Offset,
  ReadingProgressSchema,
  SavedArticleSchema,
  Timestamp,
  TagFilter,
  Tags,
  TrashedArticleSchema,
  WebUrlSchema,
} from './model';
import { ExportPreviewInputSchema, ExportPreviewSchema, ExportSaveInputSchema, ExportSaveResultSchema, ImportReportSchema } from './notes';
import { SearchAnswerSchema, SearchQueryInputSchema } from './search';

// ---------------------------------------------------------------- channel inputs

export const SetProgressInputSchema = v.strictObject({
  id: ArticleIdSchema,
  progress: ReadingProgressSchema,
});

export const CreateHighlightInputSchema = v.strictObject({
  /**
   * The new highlight's id, chosen by the caller so a retried create is idempotent:
   * creating again with the same id and target returns the existing highlight
   * (ARCHITECTURE.md §4). Main picks one when absent.
   */
  id: v.optional(AnnotationIdSchema),
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

/** Which note a draft is of: a highlight's (its id) or the article's own (`'article'`). */
export const DraftTargetSchema = v.union([AnnotationIdSchema, v.literal('article')]);
/** A note as typed, before it is saved (main keeps it in the library's drafts.json). */
export const PutDraftInputSchema = v.strictObject({ articleId: ArticleIdSchema, target: DraftTargetSchema, text: NoteText });
/** A draft left unsaved (by a window that closed or crashed) that is newer than the saved note. */
export const DraftSchema = v.strictObject({ target: DraftTargetSchema, text: NoteText, at: Timestamp });
export type Draft = v.InferOutput<typeof DraftSchema>;
/** Main asks the page to save what it holds (the window is closing); the page answers with `app:flushed`. */
export const FlushRequestSchema = v.strictObject({ request: v.pipe(v.number(), v.safeInteger(), v.minValue(1)) });

const listView = {
  sort: v.optional(v.picklist(LIBRARY_SORTS), 'saved'),
  filter: v.optional(v.picklist(LIBRARY_FILTERS), 'all'),
  /** The tag for `filter: 'tag'` (compared without regard to case). */
  tag: v.optional(TagFilter),
};
const needsTag = (input: { filter: LibraryFilter; tag?: string | undefined }) => input.filter !== 'tag' || input.tag !== undefined;
const TAG_NEEDED = 'filter "tag" needs a tag';

/**
 * How to order and narrow the library listing, and which window of it to answer; every
 * field optional (recently saved, all, the first {@link MAX_LIST_WINDOW} rows).
 */
export const LibraryListInputSchema = v.optional(
  v.pipe(
    v.strictObject({
      ...listView,
      /** The position of the first row wanted. */
      offset: v.optional(Offset, 0),
      /** Check the folders against the catalog now, in the background (a page that just loaded asks). */
      recheck: v.optional(v.boolean()),
      /** How many rows from `offset`, at most {@link MAX_LIST_WINDOW}. */
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_LIST_WINDOW)), MAX_LIST_WINDOW),
    }),
    v.check((input) => needsTag(input), TAG_NEEDED),
  ),
);
export type LibraryListInput = v.InferOutput<typeof LibraryListInputSchema>;

/**
 * Where a row is in an ordered listing: the article `id`, or the first article after
 * position `from` (wrapping around) whose title starts with `titlePrefix` (compared
 * without regard to case or accents) — type-to-find in the library view.
 */
export const LibraryLocateInputSchema = v.pipe(
  v.strictObject({
    ...listView,
    id: v.optional(ArticleIdSchema),
    titlePrefix: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
    /** Search from this position on (type-to-find continues after the focused row). */
    from: v.optional(Offset, 0),
  }),
  v.check((input) => needsTag(input), TAG_NEEDED),
  v.check((input) => (input.id === undefined) !== (input.titlePrefix === undefined), 'give either an id or a titlePrefix'),
);
export type LibraryLocateInput = v.InferOutput<typeof LibraryLocateInputSchema>;

/** What `library:changed` says: the ids whose rows appeared, changed or went (trash, deleted by hand). */
export const LibraryChangeSchema = v.strictObject({
  added: v.array(ArticleIdSchema),
  updated: v.array(ArticleIdSchema),
  removed: v.array(ArticleIdSchema),
});
export type LibraryChange = v.InferOutput<typeof LibraryChangeSchema>;
export const AddFilesInputSchema = v.strictObject({
  paths: v.pipe(v.array(ArticleFilePathSchema), v.minLength(1), v.maxLength(MAX_FILES_PER_ADD)),
});
export const SetReadInputSchema = v.strictObject({ id: ArticleIdSchema, read: v.boolean() });
export const SetTagsInputSchema = v.strictObject({ id: ArticleIdSchema, tags: Tags });

export const MENU_COMMANDS = [
  'go-library',
  'go-back',
  'find-library',
  'export-notes',
  'import-notes',
  'add-url',
  'add-files',
  // View ▸ Text and Layout…, Increase / Decrease / Reset Text Size, Listen.
  'text-layout',
  'text-larger',
  'text-smaller',
  'text-reset',
  'listen',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
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

/**
 * Preload → main only, never on `window.lectern` (not in `channels`): the paths of files
 * the reader really dropped on the window (a trusted `drop` event seen by the preload),
 * which `library:add-files` may then read once (main/saving/file-grants.ts).
 */
export const GRANT_DROPPED_FILES_CHANNEL = 'preload:grant-dropped-files';
export const GrantDroppedFilesInputSchema = v.strictObject({
  paths: v.pipe(v.array(ArticleFilePathSchema), v.minLength(1), v.maxLength(MAX_FILES_PER_ADD)),
});

/** A request/answer channel: `method` is the name the preload exposes. */
const channel = <I extends v.GenericSchema, O extends v.GenericSchema, M extends string>(
  method: M,
  input: I,
  output: O,
) => ({ method, input, output }) as const;

export const channels = {
  'library:list': channel('listArticles', LibraryListInputSchema, LibraryListingSchema),
  'library:locate': channel('locateArticle', LibraryLocateInputSchema, v.strictObject({ index: v.nullable(Offset) })),
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
  /** Change reading or listening settings (the Aa panel, read aloud); answers every setting. */
  'settings:update': channel('updateSettings', SettingsUpdateSchema, AppSettingsSchema),
  'search:query': channel('search', SearchQueryInputSchema, SearchAnswerSchema),
  'export:preview': channel('previewExport', ExportPreviewInputSchema, ExportPreviewSchema),
  'export:save': channel('saveExport', ExportSaveInputSchema, ExportSaveResultSchema),
  'export:cancel': channel('cancelExport', v.undefined(), v.null()),
  'notes:import': channel('importNotes', v.undefined(), ImportReportSchema),
  // Saving articles and managing the library.
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
  // Notes as typed, kept by main until saved (ARCHITECTURE.md §3), and closing the window.
  'drafts:put': channel('putDraft', PutDraftInputSchema, v.null()),
  'drafts:list': channel('listDrafts', v.strictObject({ articleId: ArticleIdSchema }), v.array(DraftSchema)),
  'app:flushed': channel('flushed', FlushRequestSchema, v.null()),
} as const;

/** Main → renderer events: `method` is the subscribe function the preload exposes. */
export const events = {
  'library:changed': {
    method: 'onLibraryChanged',
    payload: LibraryChangeSchema,
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
  /** The library became read-only while open (another Lectern took over its lock). */
  'library:read-only': {
    method: 'onLibraryReadOnly',
    payload: ReadOnlyStateSchema,
  },
  /** A preference changed in main (View ▸ Single-Key Shortcuts). */
  'settings:changed': {
    method: 'onSettingsChanged',
    payload: AppSettingsSchema,
  },
  /** The window is closing: save notes, drafts and the reading position, then answer `app:flushed`. */
  'app:flush': {
    method: 'onFlushRequest',
    payload: FlushRequestSchema,
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
