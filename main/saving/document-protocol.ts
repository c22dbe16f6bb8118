/**
 * Messages between main and the document worker (document-worker.ts), as schemas:
 * the worker parses each request once, the client each reply, and both hand typed
 * values inward (ARCHITECTURE.md §8).
 */
import * as v from 'valibot';
import { ERROR_CODES } from '../../common/result';
import { PlacedImagesSchema } from './images';

const Id = v.pipe(v.number(), v.safeInteger());

export const DocumentRequestSchema = v.variant('op', [
  v.object({ id: Id, op: v.literal('extract'), html: v.string(), pageUrl: v.string() }),
  v.object({ id: Id, op: v.literal('file'), path: v.string(), bytes: v.custom<Uint8Array>((bytes) => bytes instanceof Uint8Array) }),
  v.object({ id: Id, op: v.literal('plan'), html: v.string(), maxImages: v.pipe(v.number(), v.safeInteger()) }),
  v.object({ id: Id, op: v.literal('finish'), html: v.string(), placed: PlacedImagesSchema }),
  /** Tests only (the worker refuses them without `testHooks`). */
  v.object({ id: Id, op: v.literal('hang') }),
  v.object({ id: Id, op: v.literal('crash') }),
  /** Tests only: keep the thread busy for `ms`, then answer when the work started and ended ({@link BusyTimes}). */
  v.object({ id: Id, op: v.literal('busy'), ms: v.pipe(v.number(), v.minValue(0), v.maxValue(60_000)) }),
]);
export type DocumentRequest = v.InferOutput<typeof DocumentRequestSchema>;

export const DocumentReplySchema = v.union([
  /** The thread took up request `id` (its time limit starts now). */
  v.object({ id: Id, started: v.literal(true) }),
  v.object({ id: Id, ok: v.literal(true), value: v.optional(v.unknown()) }),
  v.object({ id: Id, ok: v.literal(false), code: v.picklist(ERROR_CODES), message: v.string() }),
]);
export type DocumentReply = v.InferOutput<typeof DocumentReplySchema>;

/** `workerData` of the document worker. */
export const DocumentWorkerDataSchema = v.nullish(v.object({ testHooks: v.optional(v.boolean()) }));

/** The answer to a `busy` request: the thread, and when (epoch ms) its work started and ended. */
export interface BusyTimes {
  threadId: number;
  start: number;
  end: number;
}
