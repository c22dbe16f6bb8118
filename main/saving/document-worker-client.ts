/**
 * {@link DocumentWork} in a pool of worker threads, so parsing a big page never holds
 * main's event loop (a 2 MB page takes seconds) and many pages are parsed at once.
 * The pool has {@link defaultPoolSize} threads (the machine's cores but one, at least
 * one: main keeps a core), started as pages arrive and stopped when idle.
 *
 * - Each thread holds at most one page at a time; the others wait in one queue, in
 *   order, and go to the first thread free. So the limits are per page, as with one
 *   thread: the time limit runs from when a thread takes the page up.
 * - Cancel: the call rejects at once ("Saving was cancelled."). A waiting page leaves
 *   the queue; a page being parsed keeps its thread until it answers (dropped) or its
 *   time limit ends: a cancelled page that never finishes still gets its thread replaced.
 * - A page that keeps its thread busy past `timeoutMs` is given up with a message and
 *   that thread is replaced (terminated: it is busy computing, not reading files); the
 *   other threads and their pages are not touched.
 * - A thread that dies (a crash, or past `resourceLimits`) fails the one page it held,
 *   in words; the next page starts another thread.
 * - close() waits for calls in flight (up to `closeGraceMs`), then stops every thread.
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { LibraryError } from '../library/errors';
import type { DocumentWork, FinishedArticle } from './document-work';
import * as v from 'valibot';
import { DocumentReplySchema, type BusyTimes, type DocumentRequest } from './document-protocol';
import type { ExtractedArticle } from './extract';
import type { LocalDocument } from './files';
import type { ImagePlan, PlacedImages } from './images';
import { CANCELLED_MESSAGE } from './http';
import { formatSeconds } from './limits';

export interface DocumentWorkerOptions {
  /** Longest time one page may keep a thread busy. */
  timeoutMs?: number;
  closeGraceMs?: number;
  /** Threads in the pool (tests, benches); {@link defaultPoolSize} when absent. */
  size?: number;
  /** A thread with nothing to do for this long is stopped (the next page starts one again). */
  idleMs?: number;
  /** V8 limits of each thread (`Worker` resourceLimits): a page past them fails alone, its thread replaced. */
  resourceLimits?: ResourceLimits;
  /** Lets the threads honour the test-only `hang` and `crash` requests. */
  testHooks?: boolean;
  log?: (message: string) => void;
}

export const DOCUMENT_TIMEOUT_MS = 60_000;
export const DOCUMENT_IDLE_MS = 60_000;

/** Threads for a machine of `cores` cores: all but one (main's), at least one. */
export function defaultPoolSize(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores) - 1);
}

type Payload = DocumentRequest extends infer R ? (R extends DocumentRequest ? Omit<R, 'id'> : never) : never;

interface Job {
  request: DocumentRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** The time limit, running from when a thread took the request up. */
  timer: ReturnType<typeof setTimeout> | undefined;
  cleanup: () => void;
  /** The thread holding it; undefined while it waits in the queue. */
  thread: Thread | undefined;
  /** The caller cancelled: the answer is dropped. */
  abandoned: boolean;
}

interface Thread {
  worker: Worker;
  /** The page it is parsing (one at a time). */
  job: Job | undefined;
  idle: ReturnType<typeof setTimeout> | undefined;
}

export class DocumentWorker implements DocumentWork {
  readonly #url: URL;
  readonly #timeoutMs: number;
  readonly #closeGraceMs: number;
  readonly #idleMs: number;
  readonly #size: number;
  readonly #resourceLimits: ResourceLimits | undefined;
  readonly #testHooks: boolean;
  readonly #log: (message: string) => void;
  /** Every call not yet settled, waiting or running. */
  readonly #jobs = new Map<number, Job>();
  /** Calls waiting for a free thread, in order. */
  #queue: Job[] = [];
  /** The threads running (a thread is taken out before it is stopped on purpose). */
  readonly #threads = new Set<Thread>();
  /** close() waiting for the calls in flight. */
  #drained: (() => void)[] = [];
  #nextId = 1;
  #started = 0;

  constructor(url: URL, options: DocumentWorkerOptions = {}) {
    this.#url = url;
    this.#timeoutMs = options.timeoutMs ?? DOCUMENT_TIMEOUT_MS;
    this.#closeGraceMs = options.closeGraceMs ?? 5_000;
    this.#idleMs = options.idleMs ?? DOCUMENT_IDLE_MS;
    const size = options.size ?? defaultPoolSize();
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`A document worker pool needs at least one thread (size ${size}).`);
    this.#size = size;
    this.#resourceLimits = options.resourceLimits;
    this.#testHooks = options.testHooks ?? false;
    this.#log = options.log ?? (() => undefined);
  }

  /** How many pages are parsed at once: the pool's size. */
  get parallelism(): number {
    return this.#size;
  }

  /** How many threads were started so far (tests). */
  get threadsStarted(): number {
    return this.#started;
  }

  /** How many threads run now (tests). */
  get threadsRunning(): number {
    return this.#threads.size;
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

  /** Test hook: a page that keeps its thread busy for `ms`. */
  busyForTests(ms: number, signal?: AbortSignal): Promise<BusyTimes> {
    return this.#call({ op: 'busy', ms }, signal) as Promise<BusyTimes>;
  }

  /** Let go of the threads once the calls in flight are answered; a later call starts new ones. */
  async close(): Promise<void> {
    if (this.#threads.size === 0 && this.#jobs.size === 0) return;
    if (this.#jobs.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.#drained.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#closeGraceMs))),
      ]);
      clearTimeout(timer);
    }
    const threads = [...this.#threads];
    this.#threads.clear();
    this.#queue = [];
    for (const id of [...this.#jobs.keys()]) this.#settle(id)?.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
    await Promise.all(threads.map((thread) => this.#stop(thread)));
  }

  #call(payload: Payload, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
    const request = { ...payload, id: this.#nextId++ } as DocumentRequest;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.#abandon(request.id);
      signal?.addEventListener('abort', onAbort, { once: true });
      const job: Job = {
        request,
        resolve,
        reject,
        timer: undefined,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
        thread: undefined,
        abandoned: false,
      };
      this.#jobs.set(request.id, job);
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Hand waiting calls to free threads, starting threads up to the pool's size. */
  #pump(): void {
    while (this.#queue.length > 0) {
      let free: Thread | undefined;
      for (const thread of this.#threads) {
        if (!thread.job) {
          free = thread;
          break;
        }
      }
      if (!free && this.#threads.size < this.#size) free = this.#start();
      if (!free) return;
      const job = this.#queue.shift()!;
      clearTimeout(free.idle);
      free.idle = undefined;
      free.job = job;
      job.thread = free;
      free.worker.postMessage(job.request);
    }
  }

  /** The caller gave up on call `id`: it hears "cancelled" now; a thread's answer will be dropped. */
  #abandon(id: number): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    if (!job.thread) {
      // Still waiting: it never reaches a thread.
      this.#queue = this.#queue.filter((waiting) => waiting !== job);
      this.#settle(id)?.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
      return;
    }
    // The caller's promise settles now; settling it again later (answer, failure) does nothing.
    job.abandoned = true;
    job.cleanup();
    job.reject(new LibraryError('cancelled', CANCELLED_MESSAGE));
  }

  /** Take call `id` out of the books (null when it is already settled). */
  #settle(id: number): Job | null {
    const job = this.#jobs.get(id);
    if (!job) return null;
    this.#jobs.delete(id);
    clearTimeout(job.timer);
    job.cleanup();
    if (this.#jobs.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
    return job;
  }

  /** `thread` finished its page: give it the next one, or stop it after a while with nothing to do. */
  #freed(thread: Thread): void {
    thread.job = undefined;
    this.#pump();
    if (thread.job || !this.#threads.has(thread)) return;
    clearTimeout(thread.idle);
    thread.idle = setTimeout(() => {
      if (thread.job || !this.#threads.delete(thread)) return;
      void this.#stop(thread);
    }, this.#idleMs);
    thread.idle.unref();
  }

  #start(): Thread {
    const worker = new Worker(this.#url, {
      workerData: { testHooks: this.#testHooks },
      ...(this.#resourceLimits ? { resourceLimits: this.#resourceLimits } : {}),
    });
    this.#started++;
    worker.unref();
    const thread: Thread = { worker, job: undefined, idle: undefined };
    worker.on('message', (raw: unknown) => {
      const parsed = v.safeParse(DocumentReplySchema, raw);
      if (!parsed.success) return this.#log('import: ignored a malformed message from the document worker');
      const reply = parsed.output;
      const job = thread.job;
      if (!job || job.request.id !== reply.id || !this.#threads.has(thread)) return;
      if ('started' in reply) {
        job.timer ??= setTimeout(() => this.#timedOut(thread, job), this.#timeoutMs);
        return;
      }
      this.#settle(reply.id);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new LibraryError(reply.code, reply.message));
      this.#freed(thread);
    });
    worker.on('error', (error) => this.#log(`import: the document worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      clearTimeout(thread.idle);
      if (!this.#threads.delete(thread)) return;
      this.#log(`import: the document worker stopped (exit code ${code})`);
      const job = thread.job;
      thread.job = undefined;
      if (job && this.#settle(job.request.id)) {
        job.reject(new LibraryError('internal', `The page could not be read: the reading thread stopped (exit code ${code}).`));
      }
      this.#pump();
    });
    this.#threads.add(thread);
    return thread;
  }

  async #stop(thread: Thread): Promise<void> {
    clearTimeout(thread.idle);
    await thread.worker.terminate();
  }

  /** A page kept `thread` busy too long: fail it, stop the thread; the queue goes on (a new thread if needed). */
  #timedOut(thread: Thread, job: Job): void {
    if (thread.job !== job || !this.#threads.delete(thread)) return;
    thread.job = undefined;
    this.#log(`import: a page kept the document worker busy for ${formatSeconds(this.#timeoutMs)}; starting a new one`);
    void this.#stop(thread);
    if (this.#settle(job.request.id)) {
      job.reject(
        new LibraryError('too-large', `The page took longer than ${formatSeconds(this.#timeoutMs)} to read, so saving stopped.`),
      );
    }
    this.#pump();
  }
}
