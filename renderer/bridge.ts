/**
 * The only file that touches `window.lectern`. It unwraps each {@link Result}:
 * a value is returned, an error is thrown as a {@link LecternError} with its code,
 * so components and controllers deal in plain values and one error type.
 */
import type { ErrorCode, Result } from '../common/result';
import type { AppInfo, AppSettings,
  SettingsUpdate, ArticleAnnotations, ArticleNote, ColorNames, Highlight, HighlightTarget, ArticleView, LibraryListing, ReadingProgress, AddFilesReport, ArticleSummary, ImportProgress, LibraryFilter, LibrarySort, SavedArticle, TrashedArticle } from '../common/model';
import type { HighlightColor } from '../common/colors';
import type { SearchAnswer, SearchFilters } from '../common/search';
import type { ExportOptions, ExportPreview, ExportSaveInput, ExportSaveResult, ImportReport, PreviewFormat } from '../common/notes';
import type { Draft, LecternApi, LibraryChange, LibraryListInput, LibraryLocateInput, MenuCommand } from '../common/ipc';

declare global {
  interface Window {
    readonly lectern?: LecternApi;
  }
}

export class LecternError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LecternError';
  }
}

function api(): LecternApi {
  const lectern = window.lectern;
  if (!lectern) {
    throw new LecternError('internal', 'The Lectern bridge is missing: the preload script did not run.');
  }
  return lectern;
}

async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (cause) {
    throw new LecternError('internal', `The bridge call failed: ${String(cause)}`);
  }
  if (result.ok) return result.value;
  throw new LecternError(result.error.code, result.error.message);
}

export const bridge = {
  /** A window of the ordered listing (at most MAX_LIST_WINDOW rows), its total and every tag. */
  listArticles: (view?: Partial<LibraryListInput> & { sort: LibrarySort; filter: LibraryFilter }): Promise<LibraryListing> =>
    unwrap(api().listArticles(view)),
  /** Where an article (by id, or the next title starting with a prefix) is in the ordered listing; null when it is not. */
  locateArticle: async (input: Partial<LibraryLocateInput> & { sort: LibrarySort; filter: LibraryFilter }): Promise<number | null> =>
    (await unwrap(api().locateArticle(input))).index,
  addUrl: (url: string): Promise<SavedArticle> => unwrap(api().addUrl({ url })),
  /** Files of a drop: the preload finds their paths; the page never names one. */
  addDroppedFiles: (files: readonly File[]): Promise<AddFilesReport> => unwrap(api().addDroppedFiles(files)),
  chooseFiles: (): Promise<AddFilesReport> => unwrap(api().chooseFiles()),
  cancelImport: (): Promise<null> => unwrap(api().cancelImport()),
  deleteArticle: (id: string): Promise<null> => unwrap(api().deleteArticle({ id })),
  restoreArticle: (id: string): Promise<null> => unwrap(api().restoreArticle({ id })),
  listTrash: (): Promise<TrashedArticle[]> => unwrap(api().listTrash()),
  emptyTrash: (): Promise<{ removed: number }> => unwrap(api().emptyTrash()),
  setArticleRead: (id: string, read: boolean): Promise<ArticleSummary> => unwrap(api().setArticleRead({ id, read })),
  setArticleTags: (id: string, tags: string[]): Promise<ArticleSummary> => unwrap(api().setArticleTags({ id, tags })),
  onImportProgress: (listener: (progress: ImportProgress) => void): (() => void) => api().onImportProgress(listener),
  getArticle: (id: string): Promise<ArticleView> => unwrap(api().getArticle({ id })),
  setReadingProgress: (id: string, progress: ReadingProgress): Promise<null> =>
    unwrap(api().setReadingProgress({ id, progress })),
  getAppInfo: (): Promise<AppInfo> => unwrap(api().getAppInfo()),
  listAnnotations: (articleId: string): Promise<ArticleAnnotations> => unwrap(api().listAnnotations({ articleId })),
  createHighlight: (input: {
    id?: string;
    articleId: string;
    target: HighlightTarget;
    color: HighlightColor;
    note?: string;
    tags?: string[];
  }): Promise<Highlight> => unwrap(api().createHighlight(input)),
  updateHighlight: (
    articleId: string,
    id: string,
    patch: { color?: HighlightColor; note?: string; tags?: string[] },
  ): Promise<Highlight> => unwrap(api().updateHighlight({ articleId, id, patch })),
  deleteHighlight: (articleId: string, id: string): Promise<Highlight> =>
    unwrap(api().deleteHighlight({ articleId, id })),
  restoreHighlight: (articleId: string, id: string): Promise<Highlight> =>
    unwrap(api().restoreHighlight({ articleId, id })),
  setArticleNote: (articleId: string, note: string): Promise<ArticleNote> =>
    unwrap(api().setArticleNote({ articleId, note })),
  getColorNames: (): Promise<ColorNames> => unwrap(api().getColorNames()),
  getSettings: (): Promise<AppSettings> => unwrap(api().getSettings()),
  updateSettings: (update: SettingsUpdate): Promise<AppSettings> => unwrap(api().updateSettings(update)),
  onSettingsChanged: (listener: (settings: AppSettings) => void): (() => void) => api().onSettingsChanged(listener),
  renameColor: (color: HighlightColor, name: string): Promise<ColorNames> =>
    unwrap(api().renameColor({ color, name })),
  search: (query: string, filters: SearchFilters, limit?: number): Promise<SearchAnswer> =>
    unwrap(api().search({ query, filters, ...(limit === undefined ? {} : { limit }) })),
  previewExport: (articleId: string, format: PreviewFormat, options: ExportOptions): Promise<ExportPreview> =>
    unwrap(api().previewExport({ articleId, format, options })),
  saveExport: (input: ExportSaveInput): Promise<ExportSaveResult> => unwrap(api().saveExport(input)),
  cancelExport: (): Promise<null> => unwrap(api().cancelExport()),
  importNotes: (): Promise<ImportReport> => unwrap(api().importNotes()),
  onExportProgress: (listener: (progress: { done: number; total: number }) => void): (() => void) =>
    api().onExportProgress(listener),
  /** Main says which rows appeared, changed or went. */
  onLibraryChanged: (listener: (change: LibraryChange) => void): (() => void) =>
    api().onLibraryChanged((change) => listener(change)),
  /** The library became read-only while open; `reason` says why in words. */
  onLibraryReadOnly: (listener: (reason: string) => void): (() => void) =>
    api().onLibraryReadOnly(({ reason }) => listener(reason)),
  onMenuCommand: (listener: (command: MenuCommand) => void): (() => void) =>
    api().onMenuCommand(({ command }) => listener(command)),
  /** A note as typed, kept by main until it is saved (target: a highlight id or 'article'). */
  putDraft: (articleId: string, target: string, text: string): Promise<null> =>
    unwrap(api().putDraft({ articleId, target, text })),
  /** Notes of an article typed in a window that closed or crashed before saving them, newer than the saved ones. */
  listDrafts: (articleId: string): Promise<Draft[]> => unwrap(api().listDrafts({ articleId })),
  /** The window is closing: main asks the page to save what it holds. */
  onFlushRequest: (listener: (request: number) => void): (() => void) =>
    api().onFlushRequest(({ request }) => listener(request)),
  /** The page saved what it held (the answer to an `app:flush`). */
  flushed: (request: number): Promise<null> => unwrap(api().flushed({ request })),
};
export type Bridge = typeof bridge;
