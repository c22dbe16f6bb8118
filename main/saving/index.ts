/** Saving articles from the web and from files. Plain Node: nothing here imports `electron`. */
export {
  ImportService,
  type AddFilesResult,
  type ImportCallOptions,
  type ImportServiceOptions,
} from './service';
export { DEFAULT_LIMITS, type ImportLimits } from './limits';
export { fetchPage, type FetchedPage, type FetchPageOptions } from './fetch-page';
export { extractArticle, NOT_AN_ARTICLE, type ExtractedArticle } from './extract';
export { readLocalFile, UNSUPPORTED_FILE, type LocalDocument } from './files';
export { CANCELLED_MESSAGE, type FetchLike } from './http';
export { inThisThread, type DocumentWork, type FinishedArticle } from './document-work';
export { DocumentWorker, DOCUMENT_TIMEOUT_MS, defaultPoolSize, type DocumentWorkerOptions } from './document-worker-client';
