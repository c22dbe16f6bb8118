/**
 * The services behind each channel, and the one dispatch path every call takes:
 * parse the payload against the contract → run the service → answer a Result.
 * Plain Node (no `electron` import): `main/electron/ipc.ts` registers it with ipcMain, and the
 * Chromium test harness calls the very same dispatcher over `page.exposeBinding`.
 */
import * as v from 'valibot';
import { describeIssues, err, ok, ERROR_CODES, type ErrorCode, type Result } from '../common/result';
import { MAX_LIST_WINDOW, type AppInfo, type AddFilesReport, type SavedArticle } from '../common/model';
import type { SearchAnswer, SearchQueryInput } from '../common/search';
import type { ExportPreview, ExportPreviewInput, ExportSaveInput, ExportSaveResult, ImportReport } from '../common/notes';
import { channels, type ChannelName, type Channels, type LibraryChange } from '../common/ipc';
import type { AnnotationService, ColorService, DraftService, Library, ReadOnlyState, SettingsService } from './library';
import { boundsError } from './bridge-bounds';

export interface Services {
  library: Pick<
    Library,
    'list' | 'listWindow' | 'locate' | 'get' | 'setProgress' | 'trash' | 'restore' | 'listTrash' | 'emptyTrash' | 'setRead' | 'setTags'
  > & {
    /** Set while the library is read-only (ARCHITECTURE.md §3, the library lock): writing channels are refused. */
    readonly readOnly?: ReadOnlyState | null;
  };
  annotations: AnnotationService;
  /** Notes as typed, until saved (main/library/drafts.ts). */
  drafts: DraftService;
  /** The page answered main's `app:flush`: it has saved what it held (main/electron/lifecycle.ts). */
  pageFlushed(request: number): void;
  colors: ColorService;
  settings: SettingsService;
  appInfo: () => AppInfo;
  /** Library search (main/search): answers from the index, off the main thread. */
  search: {
    query(input: SearchQueryInput): Promise<SearchAnswer>;
    /**
     * Articles were saved (or came back from the trash, or their tags changed): index them now, ahead of
     * anything queued; resolves once a query finds them (a save is reported after that).
     * Rejects only when search is unavailable (the save itself stands).
     */
    indexNow(ids: readonly string[]): Promise<void>;
    /** An article's annotations changed: index it again (soon, off the main thread; answers say `indexing` meanwhile). */
    refreshArticle(id: string): void;
    /** An article went to the trash: drop it from the index. */
    removeArticle(id: string): void;
  };
  /** Saving articles from the web and from files (main/saving/article-saving.ts). */
  saving: {
    addUrl(url: string): Promise<SavedArticle>;
    addFiles(paths: readonly string[]): Promise<AddFilesReport>;
    chooseFiles(): Promise<AddFilesReport>;
    cancel(): void;
  };
  /** Tell the window which articles were added, changed or removed (`library:changed`). */
  libraryChanged(change: LibraryChange): void;
  /** Export and import of notes (main/notes/transfer.ts): dialogs are main's, never the renderer's. */
  notes: {
    preview(input: ExportPreviewInput): Promise<ExportPreview>;
    save(input: ExportSaveInput): Promise<ExportSaveResult>;
    cancel(): void;
    importFromFile(): Promise<ImportReport>;
  };
}

type Parsed<C extends ChannelName> = v.InferOutput<Channels[C]['input']>;
type Answer<C extends ChannelName> = v.InferOutput<Channels[C]['output']>;
export type Handlers = { [C in ChannelName]: (input: Parsed<C>) => Promise<Answer<C>> | Answer<C> };

export function createHandlers(services: Services): Handlers {
  const { library, annotations, drafts, colors, search, notes, saving } = services;
  const change = (kind: keyof LibraryChange, ids: string[]) => {
    if (ids.length > 0) services.libraryChanged({ added: [], updated: [], removed: [], [kind]: ids });
  };
  /**
   * Articles were saved (new, again, or back from the trash): index them, then tell the window — a
   * save is reported once a query finds it. Search being unavailable fails no save.
   */
  const saved = async (ids: string[], kind: 'added' | 'updated' = 'added') => {
    if (ids.length > 0) await search.indexNow(ids).catch(() => undefined);
    change(kind, ids);
  };
  const savedReport = async (report: AddFilesReport) => {
    await saved(report.added.filter((a) => !a.updated).map((a) => a.id), 'added');
    await saved(report.added.filter((a) => a.updated).map((a) => a.id), 'updated');
  };
  /** Run an annotation change, then tell the search index about the article. */
  const changing = async <T>(articleId: string, change: Promise<T>): Promise<T> => {
    const value = await change;
    search.refreshArticle(articleId);
    return value;
  };
  /** A note was saved (or its highlight deleted): the drafts typed before are done. */
  const savingNote = async <T>(articleId: string, target: string, change: () => Promise<T>): Promise<T> => {
    const mark = drafts.mark();
    const value = await changing(articleId, change());
    drafts.saved(articleId, target, mark);
    return value;
  };
  return {
    'library:list': (input) => library.listWindow(input ?? { offset: 0, limit: MAX_LIST_WINDOW }),
    'library:locate': async (input) => ({ index: await library.locate(input) }),
    'article:get': ({ id }) => library.get(id),
    'article:set-progress': async ({ id, progress }) => {
      await library.setProgress(id, progress);
      return null;
    },
    'app:info': () => services.appInfo(),
    'annotations:list': ({ articleId }) => annotations.list(articleId),
    'annotations:create': (input) => changing(input.articleId, annotations.create(input)),
    'annotations:update': async (input) => {
      if (input.patch.note !== undefined) return savingNote(input.articleId, input.id, () => annotations.update(input));
      const updated = await changing(input.articleId, annotations.update(input));
      drafts.touched(input.articleId, input.id);
      return updated;
    },
    'annotations:delete': (ref) => savingNote(ref.articleId, ref.id, () => annotations.delete(ref)),
    'annotations:restore': (ref) => changing(ref.articleId, annotations.restore(ref)),
    'annotations:set-article-note': ({ articleId, note }) =>
      savingNote(articleId, 'article', () => annotations.setArticleNote(articleId, note)),
    'colors:get': () => colors.get(),
    'colors:rename': ({ color, name }) => colors.rename(color, name),
    'settings:get': () => services.settings.settings(),
    'settings:update': (input) => services.settings.update(input),
    'search:query': (input) => search.query(input),
    'export:preview': (input) => notes.preview(input),
    'export:save': (input) => notes.save(input),
    'export:cancel': () => {
      notes.cancel();
      return null;
    },
    'notes:import': () => notes.importFromFile(),
    'library:add-url': async ({ url }) => {
      const article = await saving.addUrl(url);
      await saved([article.id], article.updated ? 'updated' : 'added');
      return article;
    },
    'library:add-files': async ({ paths }) => {
      const report = await saving.addFiles(paths);
      await savedReport(report);
      return report;
    },
    'library:choose-files': async () => {
      const report = await saving.chooseFiles();
      await savedReport(report);
      return report;
    },
    'library:cancel-import': () => {
      saving.cancel();
      return null;
    },
    'article:delete': async ({ id }) => {
      await library.trash(id);
      search.removeArticle(id);
      change('removed', [id]);
      return null;
    },
    'article:restore': async ({ id }) => {
      await library.restore(id);
      await saved([id]);
      return null;
    },
    'trash:list': () => library.listTrash(),
    'trash:empty': async () => {
      const removed = await library.emptyTrash();
      return { removed };
    },
    'article:set-read': async ({ id, read }) => {
      const summary = await library.setRead(id, read);
      change('updated', [id]);
      return summary;
    },
    'article:set-tags': async ({ id, tags }) => {
      const summary = await library.setTags(id, tags);
      await saved([id], 'updated');
      return summary;
    },
    'drafts:put': async ({ articleId, target, text }) => {
      await drafts.put(articleId, target, text);
      return null;
    },
    'drafts:list': ({ articleId }) => drafts.pending(articleId),
    'app:flushed': ({ request }) => {
      services.pageFlushed(request);
      return null;
    },
  };
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * Which channels write into the library folder: while the library is read-only they are
 * refused with 'read-only' before their service runs. Every channel is listed (a new
 * one does not compile until it is classified). `export:save` writes only the file the
 * user chose outside the library, so it stays allowed.
 */
export const WRITING_CHANNELS = {
  'library:list': false,
  'library:locate': false,
  'article:get': false,
  'article:set-progress': true,
  'app:info': false,
  'annotations:list': false,
  'annotations:create': true,
  'annotations:update': true,
  'annotations:delete': true,
  'annotations:restore': true,
  'annotations:set-article-note': true,
  'colors:get': false,
  'colors:rename': true,
  'settings:get': false,
  'settings:update': true,
  'search:query': false,
  'export:preview': false,
  'export:save': false,
  'export:cancel': false,
  'notes:import': true,
  'library:add-url': true,
  'library:add-files': true,
  'library:choose-files': true,
  'library:cancel-import': false,
  'article:delete': true,
  'article:restore': true,
  'trash:list': false,
  'trash:empty': true,
  'article:set-read': true,
  'article:set-tags': true,
  'drafts:put': true,
  'drafts:list': false,
  'app:flushed': false,
} as const satisfies Record<ChannelName, boolean>;

const isChannel = (name: string): name is ChannelName => Object.hasOwn(channels, name);
const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** Turns anything a service threw into an error answer; services throw errors with a `code`. */
export function toErrorResult(channel: string, cause: unknown): Result<never> {
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    if (isErrorCode(code)) return err(code, cause.message);
    return err('internal', `${channel} failed: ${cause.message}`);
  }
  return err('internal', `${channel} failed: ${String(cause)}`);
}

export function createDispatcher(
  services: Services,
  log: (message: string, cause: unknown) => void = () => {},
): Dispatch {
  const handlers = createHandlers(services);
  return async (channel, payload) => {
    if (!isChannel(channel)) return err('invalid-input', `Unknown channel "${channel}"`);
    const outOfBounds = boundsError(channel, payload); if (outOfBounds) return outOfBounds; // ARCHITECTURE.md §5: bounded before parsing
    const parsed = v.safeParse(channels[channel].input, payload);
    if (!parsed.success) {
      return err('invalid-input', `${channel}: ${describeIssues(parsed.issues)}`);
    }
    const readOnly = WRITING_CHANNELS[channel] ? services.library.readOnly : null;
    if (readOnly) return err('read-only', `Not saved. ${readOnly.reason}`);
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.output));
    } catch (cause) {
      const answer = toErrorResult(channel, cause);
      if (!answer.ok && answer.error.code === 'internal') log(`${channel} failed`, cause);
      return answer;
    }
  };
}
