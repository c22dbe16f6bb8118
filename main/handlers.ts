/**
 * The services behind each channel, and the one dispatch path every call takes:
 * parse the payload against the contract → run the service → answer a Result.
 * Plain Node (no `electron` import): `main/electron/ipc.ts` registers it with ipcMain, and the
 * Chromium test harness calls the very same dispatcher over `page.exposeBinding`.
 */
import * as v from 'valibot';
import { describeIssues, err, ok, ERROR_CODES, type ErrorCode, type Result } from '../common/result';
import type { AppInfo, AddFilesReport, SavedArticle } from '../common/model';
import type { SearchAnswer, SearchQueryInput } from '../common/search';
import type { ExportPreview, ExportPreviewInput, ExportSaveInput, ExportSaveResult, ImportReport } from '../common/notes';
import { channels, type ChannelName, type Channels } from '../common/ipc';
import type { AnnotationService, ColorService, Library, SettingsService } from './library';
import { boundsError } from './bridge-bounds';

export interface Services {
  library: Pick<
    Library,
    'list' | 'get' | 'setProgress' | 'trash' | 'restore' | 'listTrash' | 'emptyTrash' | 'setRead' | 'setTags'
  >;
  annotations: AnnotationService;
  colors: ColorService;
  settings: SettingsService;
  appInfo: () => AppInfo;
  /** Library search (main/search): answers from the index, off the main thread. */
  search: {
    query(input: SearchQueryInput): Promise<SearchAnswer>;
    /** An article or its annotations changed (or it came back from the trash): index it again (soon, off the main thread). */
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
  libraryChanged(ids: string[]): void;
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
  const { library, annotations, colors, search, notes, saving } = services;
  /** Articles were saved: index them and tell the window. */
  const saved = (ids: string[]) => {
    for (const id of ids) search.refreshArticle(id);
    if (ids.length > 0) services.libraryChanged(ids);
  };
  /** Run an annotation change, then tell the search index about the article. */
  const changing = async <T>(articleId: string, change: Promise<T>): Promise<T> => {
    const value = await change;
    search.refreshArticle(articleId);
    return value;
  };
  return {
    'library:list': (input) => library.list(input ?? {}),
    'article:get': ({ id }) => library.get(id),
    'article:set-progress': async ({ id, progress }) => {
      await library.setProgress(id, progress);
      return null;
    },
    'app:info': () => services.appInfo(),
    'annotations:list': ({ articleId }) => annotations.list(articleId),
    'annotations:create': (input) => changing(input.articleId, annotations.create(input)),
    'annotations:update': (input) => changing(input.articleId, annotations.update(input)),
    'annotations:delete': (ref) => changing(ref.articleId, annotations.delete(ref)),
    'annotations:restore': (ref) => changing(ref.articleId, annotations.restore(ref)),
    'annotations:set-article-note': ({ articleId, note }) =>
      changing(articleId, annotations.setArticleNote(articleId, note)),
    'colors:get': () => colors.get(),
    'colors:rename': ({ color, name }) => colors.rename(color, name),
    'settings:get': () => services.settings.settings(),
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
      saved([article.id]);
      return article;
    },
    'library:add-files': async ({ paths }) => {
      const report = await saving.addFiles(paths);
      saved(report.added.map((a) => a.id));
      return report;
    },
    'library:choose-files': async () => {
      const report = await saving.chooseFiles();
      saved(report.added.map((a) => a.id));
      return report;
    },
    'library:cancel-import': () => {
      saving.cancel();
      return null;
    },
    'article:delete': async ({ id }) => {
      await library.trash(id);
      search.removeArticle(id);
      services.libraryChanged([id]);
      return null;
    },
    'article:restore': async ({ id }) => {
      await library.restore(id);
      saved([id]);
      return null;
    },
    'trash:list': () => library.listTrash(),
    'trash:empty': async () => {
      const removed = await library.emptyTrash();
      return { removed };
    },
    'article:set-read': async ({ id, read }) => {
      const summary = await library.setRead(id, read);
      services.libraryChanged([id]);
      return summary;
    },
    'article:set-tags': async ({ id, tags }) => {
      const summary = await library.setTags(id, tags);
      saved([id]);
      return summary;
    },
  };
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

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
