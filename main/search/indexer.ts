/**
 * Keeps an engine in step with the article folders: on start, compares each
 * folder's fingerprint with the indexed one and (re)indexes only what differs,
 * removing articles that are gone; afterwards, applies refreshes. Work happens in
 * batches (one transaction each), yielding between them so queries are answered
 * while a large library is indexed. Articles just saved go first ({@link Indexer.refreshNow}):
 * a save waits at most for the batch in flight, never for a whole start-up sync.
 */
import { setTimeout as sleep, setImmediate as yieldToQueries } from 'node:timers/promises';
import { isArticleId } from '../../common/model';
import { mapLimit, paths, subfolders } from '../library/layout';
import { fingerprintOf, readArticle } from './read-article';
import type { IndexDoc, SearchEngine } from './types';

/** How long a snapshot answers as it is before its fingerprints are checked. */
const SNAPSHOT_CHECK_DELAY_MS = 150;
/** Articles per transaction. */
const BATCH = 200;

export interface IndexerProgress {
  /** True while the start-up (re)indexing runs: answers may miss articles. */
  indexing: boolean;
  done: number;
  total: number;
}

/** A caller of {@link Indexer.refreshNow}: its articles not yet indexed by a batch started after it asked. */
interface Waiter {
  remaining: Set<string>;
  /** Only batches numbered from this one on read the files after the caller asked. */
  from: number;
  resolve: () => void;
}

export class Indexer {
  readonly #dir: string;
  readonly #engine: SearchEngine;
  readonly #log: (message: string) => void;
  readonly #queue = new Set<string>();
  /** Ids queued by the start-up sync and not indexed yet. */
  readonly #syncing = new Set<string>();
  /** Ids asked for by refreshNow, indexed before the queue. */
  readonly #urgent = new Set<string>();
  readonly #waiters = new Set<Waiter>();
  /** Batches started so far. */
  #batches = 0;
  #total = 0;
  #listing = false;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(dir: string, engine: SearchEngine, log: (message: string) => void) {
    this.#dir = dir;
    this.#engine = engine;
    this.#log = log;
  }

  get progress(): IndexerProgress {
    const indexing = this.#listing || this.#syncing.size > 0;
    return { indexing, done: this.#total - this.#syncing.size, total: this.#total };
  }

  /**
   * Bring the index in step with the folders. An empty index is "indexing" from the
   * start; a snapshot answers as it is while its fingerprints are checked.
   */
  async sync(): Promise<void> {
    const empty = this.#engine.isEmpty();
    this.#listing = empty;
    // With a snapshot, the first queries (sent as the app starts) are answered from it
    // before the check competes with them for this thread.
    if (empty) await yieldToQueries();
    else await sleep(SNAPSHOT_CHECK_DELAY_MS);
    if (this.#stopped) return;
    const stored = this.#engine.fingerprints();
    try {
      const ids = (await subfolders(paths.articles(this.#dir))).filter(isArticleId);
      if (this.#stopped) return;
      const present = new Set(ids);
      const gone = [...stored.keys()].filter((id) => !present.has(id));
      if (gone.length > 0) this.#engine.remove(gone);
      let changed = ids;
      if (stored.size > 0) {
        const prints = await mapLimit(ids, 32, (id) => fingerprintOf(this.#dir, id));
        if (this.#stopped) return;
        changed = ids.filter((id, i) => prints[i] !== stored.get(id));
      }
      this.#total = changed.length;
      for (const id of changed) this.#syncing.add(id);
    } finally {
      this.#listing = false;
    }
    await this.refresh(this.#syncing);
  }

  /**
   * Stop: nothing more is read or written; resolves once the batch in flight is
   * done. (Terminating a worker thread while a file read is in flight aborts the
   * whole process on Node 20, so the worker is only let go after this.)
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#queue.clear();
    this.#urgent.clear();
    this.#syncing.clear();
    this.#release();
    await this.#running;
  }

  /** Reindex these articles (or drop them if their folder is gone); resolves once applied. */
  refresh(ids: Iterable<string>): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    for (const id of ids) this.#queue.add(id);
    return this.#run();
  }

  /**
   * Reindex these articles ahead of the queue (just saved);
   * resolves once a batch that read their files after this call has been applied.
   * Rejects as {@link refresh} does when the index fails.
   */
  refreshNow(ids: Iterable<string>): Promise<void> {
    const remaining = new Set(ids);
    if (this.#stopped || remaining.size === 0) return Promise.resolve();
    let resolve!: () => void;
    const done = new Promise<void>((res) => (resolve = res));
    this.#waiters.add({ remaining, from: this.#batches + 1, resolve });
    for (const id of remaining) this.#urgent.add(id);
    return Promise.race([done, this.#run()]);
  }

  /** Drop these articles now. */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.#queue.delete(id);
      this.#urgent.delete(id);
    }
    this.#engine.remove(ids);
    this.#settle(ids, 0);
  }

  #run(): Promise<void> {
    this.#running ??= this.#drain()
      .catch((error: unknown) => {
        this.#release();
        throw error;
      })
      .finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Waiters whose articles are all in: answered. `ids` were applied by batch number `batch` (0: removed, counts for all). */
  #settle(ids: Iterable<string>, batch: number): void {
    if (this.#waiters.size === 0) return;
    const applied = [...ids];
    for (const waiter of this.#waiters) {
      if (batch !== 0 && batch < waiter.from) continue;
      for (const id of applied) waiter.remaining.delete(id);
      if (waiter.remaining.size > 0) continue;
      this.#waiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** Answer every waiter (stopped, or the index failed: the host rebuilds or logs). */
  #release(): void {
    for (const waiter of this.#waiters) waiter.resolve();
    this.#waiters.clear();
  }

  /** The next batch: articles just saved first, then the queue. */
  #take(): string[] {
    const from = this.#urgent.size > 0 ? this.#urgent : this.#queue;
    const batch = [...from].slice(0, BATCH);
    // Out of the queue before reading: a refresh asked for meanwhile queues it again.
    for (const id of batch) {
      this.#urgent.delete(id);
      this.#queue.delete(id);
    }
    return batch;
  }

  async #drain(): Promise<void> {
    while ((this.#urgent.size > 0 || this.#queue.size > 0) && !this.#stopped) {
      const batch = this.#take();
      const number = ++this.#batches;
      const read = await mapLimit(batch, 16, (id) => readArticle(this.#dir, id, this.#log));
      if (this.#stopped) return;
      const docs: IndexDoc[] = [];
      const drop: string[] = [];
      read.forEach((outcome, i) => {
        const id = batch[i]!;
        if (outcome.kind === 'doc') docs.push(outcome.doc);
        else drop.push(id);
        if (outcome.kind === 'unreadable') this.#log(`search: skipped "${id}": ${outcome.reason}`);
      });
      try {
        if (docs.length > 0) this.#engine.upsert(docs);
        if (drop.length > 0) this.#engine.remove(drop);
      } catch (error) {
        // Not "indexing" forever: the host rebuilds (damaged index) or logs, and a later refresh retries.
        this.#syncing.clear();
        this.#release();
        throw error;
      }
      for (const id of batch) this.#syncing.delete(id);
      this.#settle(batch, number);
      await yieldToQueries();
    }
  }
}
