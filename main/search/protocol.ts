/**
 * Messages between the search service (main thread) and its worker, as schemas:
 * each side parses what it receives as `unknown` once, here, and hands typed values
 * inward (ARCHITECTURE.md §8). The worker parses its `workerData` and each request;
 * the client parses each message from the worker.
 */
import * as v from 'valibot';
import { SearchQueryInputSchema, type SearchAnswer } from '../../common/search';

/** `workerData` of the search worker. */
export const WorkerOptionsSchema = v.object({
  libraryDir: v.string(),
  /** Where the index lives; default `<libraryDir>/.index`. A read-only library's index is kept outside it. */
  indexDir: v.optional(v.string()),
  /** The built-in SQLite module to use instead of node:sqlite (tests of the scan fallback). */
  sqliteModule: v.optional(v.string()),
  /** Force an engine (tests and the bench); FTS with the scan fallback by default. */
  engine: v.optional(v.picklist(['fts', 'scan'])),
  /** Accept the test-only `crash` request. */
  testHooks: v.optional(v.boolean()),
});
export type WorkerOptions = v.InferOutput<typeof WorkerOptionsSchema>;

const Id = v.number();
const Ids = v.array(v.string());

export const RequestSchema = v.variant('type', [
  v.object({ id: Id, type: v.literal('query'), input: SearchQueryInputSchema }),
  v.object({ id: Id, type: v.literal('refresh'), ids: Ids }),
  v.object({ id: Id, type: v.literal('remove'), ids: Ids }),
  /** Index these articles before anything queued (answered once they are searchable). */
  v.object({ id: Id, type: v.literal('index'), ids: Ids }),
  /** Answered once the start-up indexing and every queued refresh are done. */
  v.object({ id: Id, type: v.literal('ready') }),
  /** Close the index (the worker then only waits to be terminated). */
  v.object({ id: Id, type: v.literal('close') }),
  /** Test hook: the worker exits at once with code 70. */
  v.object({ id: Id, type: v.literal('crash') }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/**
 * A query request whose input does not parse: answered with why (its caller waits for
 * an answer); any other request that does not parse is ignored with a log line.
 */
export const QueryEnvelopeSchema = v.object({ id: Id, type: v.literal('query') });

/** What each request is answered with (the worker's own values: see the engines). */
export interface Replies {
  query: SearchAnswer;
  refresh: null;
  remove: null;
  index: null;
  ready: { engine: 'fts' | 'scan' };
  close: null;
  crash: null;
}

export const WorkerMessageSchema = v.union([
  v.object({ type: v.literal('reply'), id: Id, ok: v.literal(true), value: v.optional(v.unknown()) }),
  v.object({ type: v.literal('reply'), id: Id, ok: v.literal(false), message: v.string() }),
  v.object({ type: v.literal('log'), message: v.string() }),
]);
export type WorkerMessage = v.InferOutput<typeof WorkerMessageSchema>;
