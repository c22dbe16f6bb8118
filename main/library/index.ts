/** The folder store (ARCHITECTURE.md §3). Plain Node: nothing here imports `electron`. */
export { Library, CLEAN_UP_MIN_AGE_MS, type LibraryOpenOptions, type ReadOnlyState } from './store';
export { LOCK_FILE, HEARTBEAT_MS, STALE_MS, acquireLock, type LibraryLock, type LockOptions, type LockRecord } from './lock';
export { LibraryError, describeOsError } from './errors';
export { bundledSource, loadBundledArticles, parseBundledArticle, type BundledArticle, type BundledSource } from './bundled';
export { sanitizeArticleHtml, htmlToText, countWords } from './sanitize';
export {
  writeFileAtomic,
  updateFileAtomic,
  serializeOnFile,
  type AtomicFs,
  type AtomicFileHandle,
  type AtomicWriteOptions,
} from './atomic';
export {
  ArticleRecordSchema,
  LibraryFileSchema,
  LIBRARY_FORMAT,
  readingMinutes,
  type ArticleRecord,
  type LibraryFile,
} from './schema';
export { AnnotationStore, type AnnotationStoreOptions } from './annotations';
export {
  ANNOTATIONS_FORMAT,
  AnnotationsFileSchema,
  type AnnotationsFile,
  type StoredAnnotation,
  type StoredArticleNote,
  type StoredHighlight,
} from './annotations-schema';
export { articleText, articleTextLength, textContentOf } from './article-text';
export { SettingsStore, SETTINGS_FILE, SETTINGS_FORMAT } from './settings';
export { DraftStore, DRAFTS_FILE, type DraftService, type DraftStoreOptions } from './drafts';
export type { AnnotationService, ColorService, SettingsService } from './services';
