/**
 * The main thread's end of the search worker: typed requests matched to replies
 * by id. If the worker dies, it is started again (it reopens the snapshot, or
 * rebuilds it if the crash left it damaged) and unanswered requests are sent again.
 */
import { Worker } from 'node:worker_threads';
import * as v from 'valibot';
import { WorkerMessageSchema, type Replies, type Request, type RequestType, type WorkerOptions } from './protocol';

/** Restarts after which the worker is given up (requests then fail). */
export const MAX_RESTARTS = 5;
/** How long close() waits for the worker to end by itself. */
export const CLOSE_GRACE_MS = 5_000;

type Payload<T extends RequestType> = Omit<Extract<Request, { type: T }>, 'id' | 'type'>;

interface Pending {
  request: Request;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class WorkerClient {
  readonly #url: URL;
  readonly #data: WorkerOptions;
  readonly #log: (message: string) => void;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker;
  #nextId = 1;
  #restarts = 0;
  #closing = false;
  #dead: Error | undefined;

  constructor(url: URL, data: WorkerOptions, log: (message: string) => void) {
    this.#url = url;
    this.#data = data;
    this.#log = log;
    this.#worker = this.#spawn();
  }

  /** How many times the worker was restarted after dying. */
  get restarts(): number {
    return this.#restarts;
  }

  request<T extends RequestType>(type: T, payload: Payload<T>): Promise<Replies[T]> {
    if (this.#dead) return Promise.reject(this.#dead);
    if (this.#closing && type !== 'close') return Promise.reject(new Error('the search service is closed'));
    const request = { ...payload, type, id: this.#nextId++ } as unknown as Request;
    return new Promise<Replies[T]>((resolve, reject) => {
      this.#pending.set(request.id, { request, resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage(request);
    });
  }

  /**
   * Close the index in the worker and let the thread end by itself; terminate it
   * only if it has not ended `graceMs` later. (On Node 20, terminating a worker
   * while it awaits a file read aborts the whole process: the worker first stops
   * indexing and waits for its reads, then lets go of its port.)
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    if (this.#closing) return;
    const worker = this.#worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const closed = this.#dead ? Promise.resolve(null) : this.request('close', {}).catch(() => null);
    this.#closing = true;
    await closed;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    // A dead client's last worker has already exited.
    const outcome = this.#dead ? 'exited' : await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.#log(`search: the worker did not stop within ${graceMs} ms; terminating it`);
      await worker.terminate();
    }
    for (const pending of this.#pending.values()) pending.reject(new Error('the search service is closed'));
    this.#pending.clear();
  }

  #spawn(): Worker {
    const worker = new Worker(this.#url, { workerData: this.#data });
    worker.on('message', (raw: unknown) => {
      const parsed = v.safeParse(WorkerMessageSchema, raw);
      if (!parsed.success) return this.#log('search: ignored a malformed message from the worker');
      const message = parsed.output;
      if (message.type === 'log') return this.#log(message.message);
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(message.message));
    });
    worker.on('error', (error) => this.#log(`search: the worker failed: ${error.message}`));
    worker.on('exit', (code) => this.#exited(worker, code));
    return worker;
  }

  #exited(worker: Worker, code: number): void {
    if (this.#closing || worker !== this.#worker) return;
    for (const [id, pending] of this.#pending) {
      if (pending.request.type !== 'crash') continue;
      this.#pending.delete(id);
      pending.resolve(null);
    }
    if (this.#restarts >= MAX_RESTARTS) {
      this.#dead = new Error(`search is unavailable: the search worker stopped ${this.#restarts + 1} times`);
      this.#log(this.#dead.message);
      for (const pending of this.#pending.values()) pending.reject(this.#dead);
      this.#pending.clear();
      return;
    }
    this.#restarts++;
    this.#log(`search: the worker exited with code ${code}; starting it again`);
    this.#worker = this.#spawn();
    for (const pending of this.#pending.values()) this.#worker.postMessage(pending.request);
  }
}
