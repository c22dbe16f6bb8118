/**
 * Messages between the search service (main thread) and its worker. Each side
 * parses what it receives as `unknown` first (ARCHITECTURE.md §8).
 */
import type { SearchAnswer, SearchQueryInput } from '../../common/search';

/** `workerData` of the search worker. */
export interface WorkerOptions {
  libraryDir: string;
  /** Path of better_sqlite3.node to load (the Electron-ABI build in the app). */
  nativeBinding?: string;
  /** Force an engine (tests and the bench); FTS with the scan fallback by default. */
  engine?: 'fts' | 'scan';
  /** Accept the test-only `crash` request. */
  testHooks?: boolean;
}

export type Request =
  | { id: number; type: 'query'; input: SearchQueryInput }
  | { id: number; type: 'refresh'; ids: string[] }
  | { id: number; type: 'remove'; ids: string[] }
  /** Answered once the start-up indexing and every queued refresh are done. */
  | { id: number; type: 'ready' }
  /** Close the index (the worker then only waits to be terminated). */
  | { id: number; type: 'close' }
  /** Test hook: the worker exits at once with code 70. */
  | { id: number; type: 'crash' };

export type RequestType = Request['type'];

export interface Replies {
  query: SearchAnswer;
  refresh: null;
  remove: null;
  ready: { engine: 'fts' | 'scan' };
  close: null;
  crash: null;
}

export type WorkerMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'log'; message: string };

const REQUEST_TYPES: readonly string[] = ['query', 'refresh', 'remove', 'ready', 'close', 'crash'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A request from the service, or undefined for anything else. */
export function parseRequest(value: unknown): Request | undefined {
  if (!isObject(value) || typeof value['id'] !== 'number' || !REQUEST_TYPES.includes(value['type'] as string)) return undefined;
  if ((value['type'] === 'refresh' || value['type'] === 'remove') && !(Array.isArray(value['ids']) && value['ids'].every((id) => typeof id === 'string'))) {
    return undefined;
  }
  if (value['type'] === 'query' && !isObject(value['input'])) return undefined;
  return value as unknown as Request;
}

/** A message from the worker, or undefined for anything else. */
export function parseWorkerMessage(value: unknown): WorkerMessage | undefined {
  if (!isObject(value)) return undefined;
  if (value['type'] === 'log' && typeof value['message'] === 'string') return { type: 'log', message: value['message'] };
  if (value['type'] !== 'reply' || typeof value['id'] !== 'number') return undefined;
  if (value['ok'] === true) return { type: 'reply', id: value['id'], ok: true, value: value['value'] };
  if (value['ok'] === false && typeof value['message'] === 'string') {
    return { type: 'reply', id: value['id'], ok: false, message: value['message'] };
  }
  return undefined;
}
