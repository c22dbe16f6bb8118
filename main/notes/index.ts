/**
 * Export and import of notes. Plain Node: nothing here imports `electron`.
 * The lead wires {@link ExportService} to the bridge; the writers are pure functions
 * of an {@link ExportModel} and may be used directly (e.g. in tests).
 */
export { ExportService, EXTENSIONS, type ExportRunOptions, type ExportServiceOptions } from './service';
export { importNotes, MAX_PROBLEMS, type ImportCounts } from './import';
export { MAX_IMPORT_BYTES, MAX_IMPORT_DEPTH } from './import-read';
export {
  DEFAULT_EXPORT_OPTIONS,
  applyOptions,
  type ExportArticle,
  type ExportHighlight,
  type ExportModel,
  type ExportProgress,
  type ExportResult,
} from './types';
export { chunksToString, type Chunks } from './chunks';
export { markdownChunks, markdownToString } from './markdown';
export { jsonChunks, jsonToString, annotationsOf, type CollectionHeader } from './json';
export { csvChunks, csvToString, CSV_HEADER } from './csv';
export { htmlChunks, htmlToString } from './html';
export { FileNamer, MAX_NAME_BYTES, safeStem } from './filenames';
export { StagedFolder } from './folder';
export { ANNO_CONTEXT, ARTICLE_IRI_PREFIX, ARTICLE_KEY, articleSource, type W3CAnnotation } from './w3c';
export { loadModel, type ExportSources } from './model';
