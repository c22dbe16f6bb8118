/** Library search (ARCHITECTURE.md §1): an index kept in a worker thread. Plain Node: nothing here imports `electron`. */
export { SearchService, type SearchServiceOptions } from './service';
export type { SearchEngine, IndexDoc, IndexAnnotation, EngineAnswer } from './types';
