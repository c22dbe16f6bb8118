/**
 * Library search for main: answers `search:query` from an index kept in a worker
 * thread, so the main process never blocks on it. Plain Node (no `electron`).
 */
import type { SearchAnswer, SearchQueryInput } from '../../common/search';
import { WorkerClient } from './client';
import type { WorkerOptions } from './protocol';

export interface SearchServiceOptions {
  /** The library folder; the index lives in its `.index/`. */
  libraryDir: string;
  /** Keep the index here instead (a read-only library: nothing is written inside it; ARCHITECTURE.md §3). */
  indexDir?: string;
  /**
   * The built worker. Default: `search-worker.js` next to the module that bundles
   * this file (`out/main/`). Tests pass a bundle of main/search/worker.ts.
   */
  workerUrl?: URL | string;
  /** The built-in SQLite module to use instead of node:sqlite (tests of the scan fallback). */
  sqliteModule?: string;
  /** Where problems go (a binding that does not load, a damaged index, a worker crash). */
  log?: (message: string) => void;
  /** Refreshes asked for within this many ms are applied together (default 250). */
  refreshDelayMs?: number;
  /** Force an engine (tests, bench). Default: FTS5, or the scan engine if node:sqlite cannot open or has no FTS5. */
  engine?: 'fts' | 'scan';
  /** Allow {@link SearchService.crashWorkerForTests}. */
  testHooks?: boolean;
}

/** Refreshes wait at most this long even while new ones keep coming (typing a note saves often). */
const MAX_REFRESH_WAIT_MS = 2_000;

export class SearchService {
  readonly #client: WorkerClient;
  readonly #delay: number;
  readonly #queued = new Set<string>();
  /** Articles asked to be (re)indexed and not applied yet, with how many requests wait for each. */
  readonly #pending = new Map<string, number>();
  #flush: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstQueuedAt = 0;

  private constructor(client: WorkerClient, delay: number) {
    this.#client = client;
    this.#delay = delay;
  }

  /** Start the worker; it opens or builds the index in the background (queries answer meanwhile). */
  static start(options: SearchServiceOptions): SearchService {
    const url = options.workerUrl ?? new URL('./search-worker.js', import.meta.url);
    const data: WorkerOptions = { libraryDir: options.libraryDir };
    if (options.indexDir !== undefined) data.indexDir = options.indexDir;
    if (options.sqliteModule !== undefined) data.sqliteModule = options.sqliteModule;
    if (options.engine !== undefined) data.engine = options.engine;
    if (options.testHooks) data.testHooks = true;
    const log = options.log ?? ((message: string) => console.warn(`[lectern] ${message}`));
    const client = new WorkerClient(typeof url === 'string' ? new URL(url) : url, data, log);
    return new SearchService(client, options.refreshDelayMs ?? 250);
  }

  /**
   * Search the library (`input` is already validated against SearchQueryInputSchema).
   * While a refresh asked for here is not applied yet, the answer says `indexing`
   * (it may miss that change), never `ready`: the worker answers in the order it was
   * asked, so a refresh answered before this query's answer was applied before it.
   */
  async query(input: SearchQueryInput): Promise<SearchAnswer> {
    const answer = await this.#client.request('query', { input });
    const pending = this.#pending.size;
    if (pending === 0 || answer.state === 'indexing') return answer;
    return { ...answer, state: 'indexing', progress: { done: 0, total: pending } };
  }

  /**
   * Index these articles now, ahead of anything queued: resolves once a query finds
   * them. A save awaits this before it is reported.
   */
  async indexNow(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) if (this.#queued.delete(id)) this.#release([id]);
    await this.#tracked(ids, this.#client.request('index', { ids: [...ids] }));
  }

  /**
   * Reindex an article after its files changed (saved, annotated). The worker
   * reads the files. Calls close together are coalesced; resolves once applied.
   */
  refreshArticle(id: string): Promise<void> {
    if (!this.#queued.has(id)) this.#pending.set(id, (this.#pending.get(id) ?? 0) + 1);
    this.#queued.add(id);
    if (!this.#flush) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.#flush = { promise, resolve, reject };
      this.#firstQueuedAt = Date.now();
    }
    clearTimeout(this.#timer);
    const wait = Math.min(this.#delay, Math.max(0, this.#firstQueuedAt + MAX_REFRESH_WAIT_MS - Date.now()));
    this.#timer = setTimeout(() => this.#sendRefresh(), wait);
    return this.#flush.promise;
  }

  /** Drop an article from the index now (deleted or moved to the trash). */
  async removeArticle(id: string): Promise<void> {
    if (this.#queued.delete(id)) this.#release([id]);
    await this.#client.request('remove', { ids: [id] });
  }

  /** Resolves once the index has caught up with the library; says which engine answers. */
  whenReady(): Promise<{ engine: 'fts' | 'scan' }> {
    return this.#client.request('ready', {});
  }

  /** How many times the worker had to be restarted. */
  get workerRestarts(): number {
    return this.#client.restarts;
  }

  /** Test hook (needs `testHooks: true`): the worker exits as if it crashed. */
  async crashWorkerForTests(): Promise<void> {
    await this.#client.request('crash', {});
  }

  /** Apply pending refreshes, close the index and stop the worker. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      await this.#sendRefresh().catch(() => undefined);
    }
    await this.#client.close();
  }

  #sendRefresh(): Promise<void> {
    this.#timer = undefined;
    const ids = [...this.#queued];
    const flush = this.#flush;
    this.#queued.clear();
    this.#flush = undefined;
    const sent = this.#tracked(ids, this.#client.request('refresh', { ids }), false);
    sent.then(flush?.resolve, flush?.reject);
    return sent;
  }

  /** `request` (re)indexes `ids`: they are pending until it is answered. `count` false: already counted when queued. */
  async #tracked(ids: readonly string[], request: Promise<unknown>, count = true): Promise<void> {
    if (count) for (const id of ids) this.#pending.set(id, (this.#pending.get(id) ?? 0) + 1);
    try {
      await request;
    } finally {
      this.#release(ids);
    }
  }

  #release(ids: readonly string[]): void {
    for (const id of ids) {
      const left = (this.#pending.get(id) ?? 1) - 1;
      if (left > 0) this.#pending.set(id, left);
      else this.#pending.delete(id);
    }
  }
}
