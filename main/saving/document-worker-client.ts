/**
 * {@link DocumentWork} in a worker thread, so parsing a big page never holds main's
 * event loop (a 2 MB page takes seconds). One thread, started on first use.
 *
 * - Cancel: the call rejects at once ("Saving was cancelled."); what the thread
 *   answers later is dropped, but its time limit still runs: a cancelled page that
 *   never finishes still gets the thread replaced.
 * - A page that keeps the thread busy past `timeoutMs` is given up with a message and
 *   the thread is replaced (terminated: it is busy computing, not reading files); the
 *   other calls waiting on it are sent to the new one.
 * - A thread that dies fails the calls it held, in words; the next call starts another.
 * - close() waits for calls in flight (up to `closeGraceMs`), then stops the thread.
 */
import { Worker } from 'node:worker_threads';
import { LibraryError } from '../library/errors';
import type { DocumentWork, FinishedArticle } from './document-work';
import * as v from 'valibot';
import { DocumentReplySchema, type DocumentRequest } from './document-protocol';
import type { ExtractedArticle } from './extract';
import type { LocalDocument } from './files';
import type { ImagePlan, PlacedImages } from './images';
import { CANCELLED_MESSAGE } from './http';
import { formatSeconds } from './limits';

export interface DocumentWorkerOptions {
  /** Longest time one page may keep the thread busy. */
  timeoutMs?: number;
  closeGraceMs?: number;
  /** Lets the thread honour the test-only `hang` and `crash` requests. */
  testHooks?: boolean;
  log?: (message: string) => void;
}

export const DOCUMENT_TIMEOUT_MS = 60_000;

type Payload = DocumentRequest extends infer R ? (R extends DocumentRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  request: DocumentRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** The time limit, running from when the thread took the request up. */
  timer: ReturnType<typeof setTimeout> | undefined;
  cleanup: () => void;
  /** The caller cancelled: the answer is dropped, and a new thread is not given it again. */
  abandoned: boolean;
}

export class DocumentWorker implements DocumentWork {
  readonly #url: URL;
  readonly #timeoutMs: number;
  readonly #closeGraceMs: number;
  readonly #testHooks: boolean;
  readonly #log: (message: string) => void;
  readonly #pending = new Map<number, Pending>();
  /** close() waiting for the calls in flight. */
  #drained: (() => void)[] = [];
  #worker: Worker | undefined;
  #nextId = 1;
  #started = 0;

  constructor(url: URL, options: DocumentWorkerOptions = {}) {
    this.#url = url;
    this.#timeoutMs = options.timeoutMs ?? DOCUMENT_TIMEOUT_MS;
    this.#closeGraceMs = options.closeGraceMs ?? 5_000;
    this.#testHooks = options.testHooks ?? false;
    this.#log = options.log ?? (() => undefined);
  }

  /** How many threads were started so far (tests). */
  get threadsStarted(): number {
    return this.#started;
  }

  extractArticle(html: string, pageUrl: string, signal?: AbortSignal): Promise<ExtractedArticle> {
    return this.#call({ op: 'extract', html, pageUrl }, signal) as Promise<ExtractedArticle>;
  }

  documentFromBytes(path: string, bytes: Uint8Array, signal?: AbortSignal): Promise<LocalDocument> {
    return this.#call({ op: 'file', path, bytes }, signal) as Promise<LocalDocument>;
  }

  planImages(html: string, maxImages: number, signal?: AbortSignal): Promise<ImagePlan> {
    return this.#call({ op: 'plan', html, maxImages }, signal) as Promise<ImagePlan>;
  }

  finishArticle(html: string, placed: PlacedImages, signal?: AbortSignal): Promise<FinishedArticle> {
    return this.#call({ op: 'finish', html, placed }, signal) as Promise<FinishedArticle>;
  }

  /** Test hooks: a page that never finishes; a thread that dies. */
  hangForTests(signal?: AbortSignal): Promise<unknown> {
    return this.#call({ op: 'hang' }, signal);
  }

  crashForTests(): Promise<unknown> {
    return this.#call({ op: 'crash' });
  }

  /** Let go of the thread once the calls in flight are answered; a later call starts a new one. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    if (this.#pending.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.#drained.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#closeGraceMs))),
      ]);
      clearTimeout(timer);
    }
    if (this.#worker === worker) this.#worker = undefined;
    this.#failAll(new LibraryError('cancelled', CANCELLED_MESSAGE));
    await worker.terminate();
  }

  #call(payload: Payload, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
    const request = { ...payload, id: this.#nextId++ } as DocumentRequest;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.#abandon(request.id);
      signal?.addEventListener('abort', onAbort, { once: true });
      const pending: Pending = {
        request,
        resolve,
        reject,
        timer: undefined,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
        abandoned: false,
      };
      this.#pending.set(request.id, pending);
      this.#thread().postMessage(request);
    });
  }

  /** The caller gave up on call `id`: it hears "cancelled" now; the thread's answer will be dropped. */
  #abandon(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    // The caller's promise settles now; settling it again later (answer, failure) does nothing.
    pending.abandoned = true;
    pending.cleanup();
    pending.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
  }

  /** Take call `id` out of the books (null when it is already settled). */
  #settle(id: number): Pending | null {
    const pending = this.#pending.get(id);
    if (!pending) return null;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.cleanup();
    if (this.#pending.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
    return pending;
  }

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#url, { workerData: { testHooks: this.#testHooks } });
    this.#started++;
    worker.unref();
    worker.on('message', (raw: unknown) => {
      const parsed = v.safeParse(DocumentReplySchema, raw);
      if (!parsed.success) return this.#log('import: ignored a malformed message from the document worker');
      const reply = parsed.output;
      if ('started' in reply) {
        const taken = this.#pending.get(reply.id);
        if (taken && worker === this.#worker) taken.timer ??= setTimeout(() => this.#timedOut(reply.id), this.#timeoutMs);
        return;
      }
      const pending = this.#settle(reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new LibraryError(reply.code, reply.message));
    });
    worker.on('error', (error) => this.#log(`import: the document worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (worker !== this.#worker) return;
      this.#worker = undefined;
      this.#log(`import: the document worker stopped (exit code ${code})`);
      this.#failAll(new LibraryError('internal', `The page could not be read: the reading thread stopped (exit code ${code}).`));
    });
    this.#worker = worker;
    return worker;
  }

  #failAll(error: LibraryError): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error);
  }

  /** A call kept the thread busy too long: fail it, replace the thread, resend the others. */
  #timedOut(id: number): void {
    const late = this.#settle(id);
    if (!late) return;
    late.reject(
      new LibraryError('too-large', `The page took longer than ${formatSeconds(this.#timeoutMs)} to read, so saving stopped.`),
    );
    const old = this.#worker;
    this.#worker = undefined;
    if (old) {
      this.#log(`import: a page kept the document worker busy for ${formatSeconds(this.#timeoutMs)}; starting a new one`);
      void old.terminate();
    }
    for (const [other, pending] of [...this.#pending]) if (pending.abandoned) this.#settle(other);
    const others = [...this.#pending.values()];
    if (others.length > 0) {
      const thread = this.#thread();
      for (const pending of others) {
        clearTimeout(pending.timer);
        pending.timer = undefined;
        thread.postMessage(pending.request);
      }
    }
  }
}
