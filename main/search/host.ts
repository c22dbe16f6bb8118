/**
 * What the search worker does, without the worker plumbing: opens the engine (the
 * FTS5 snapshot under `<library>/.index/`, rebuilt when it is unusable; the scan
 * engine when node:sqlite cannot open or has no FTS5), keeps it in step with the folders, and
 * answers requests. A damaged snapshot found later is deleted and rebuilt too.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchAnswer, SearchQueryInput } from '../../common/search';
import { FtsEngine } from './fts-engine';
import { SNAPSHOT_FILE, deleteSnapshot, openSnapshot } from './fts-schema';
import { Indexer } from './indexer';
import { ScanEngine } from './scan-engine';
import { checkSqlite, isCorruption } from './sqlite';
import type { WorkerOptions } from './protocol';
import type { SearchEngine } from './types';

/** The index folder inside a library. */
export const INDEX_DIR = '.index';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SearchHost {
  readonly #options: WorkerOptions;
  readonly #log: (message: string) => void;
  #engine!: SearchEngine;
  #indexer!: Indexer;
  #synced!: Promise<void>;
  #closed = false;

  constructor(options: WorkerOptions, log: (message: string) => void) {
    this.#options = options;
    this.#log = log;
    this.#start(false);
  }

  get engine(): 'fts' | 'scan' {
    return this.#engine.kind;
  }

  get snapshotPath(): string {
    return join(this.#indexDir, SNAPSHOT_FILE);
  }

  get #indexDir(): string {
    return this.#options.indexDir ?? join(this.#options.libraryDir, INDEX_DIR);
  }

  query(input: SearchQueryInput): SearchAnswer {
    let answer;
    try {
      answer = this.#engine.query(input);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#rebuild(error);
      answer = this.#engine.query(input);
    }
    const { indexing, done, total } = this.#indexer.progress;
    return { state: indexing ? 'indexing' : 'ready', progress: indexing ? { done, total } : null, ...answer };
  }

  refresh(ids: readonly string[]): Promise<void> {
    const indexer = this.#indexer;
    return indexer.refresh(ids).catch((error: unknown) => this.#failed(error, indexer));
  }

  /** Index these articles ahead of any queued work; resolves once they are searchable (or indexing failed and was logged). */
  indexNow(ids: readonly string[]): Promise<void> {
    const indexer = this.#indexer;
    return indexer.refreshNow(ids).catch((error: unknown) => this.#failed(error, indexer));
  }

  remove(ids: readonly string[]): void {
    try {
      this.#indexer.remove(ids);
    } catch (error) {
      this.#failed(error, this.#indexer);
    }
  }

  /** Resolves once start-up indexing (after any rebuild) and queued refreshes are done. */
  async ready(): Promise<void> {
    for (;;) {
      const synced = this.#synced;
      await synced;
      await this.#indexer.refresh([]);
      if (synced === this.#synced) return;
    }
  }

  /** Stop indexing, wait for the file reads in flight, then close the index. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#stopIndexing();
    this.#engine.close();
  }

  /** Stop indexing and wait until no file read is in flight (the engine stays open). */
  async #stopIndexing(): Promise<void> {
    await this.#indexer.stop();
    await this.#synced;
  }

  /** Test hook: quiet down as before a crash (no read in flight), but leave the index open. */
  async haltForCrash(): Promise<void> {
    this.#closed = true;
    await this.#stopIndexing();
  }

  #start(rebuilding: boolean): void {
    this.#engine = this.#open(rebuilding);
    const indexer = new Indexer(this.#options.libraryDir, this.#engine, this.#log);
    this.#indexer = indexer;
    this.#synced = indexer.sync().catch((error: unknown) => this.#failed(error, indexer));
  }

  /** An indexer failed: rebuild a damaged index, log anything else. An indexer replaced by a rebuild is ignored. */
  #failed(error: unknown, indexer: Indexer): void {
    if (this.#closed || indexer !== this.#indexer) return;
    if (isCorruption(error)) this.#rebuild(error);
    else this.#log(`search: indexing failed: ${reason(error)}`);
  }

  #rebuild(error: unknown): void {
    this.#log(`search: the index ${this.snapshotPath} is damaged (${reason(error)}); rebuilding it`);
    this.#engine.close();
    this.#start(true);
  }

  #open(rebuilding: boolean): SearchEngine {
    if (this.#options.engine === 'scan') return new ScanEngine();
    try {
      checkSqlite(this.#options.sqliteModule);
    } catch (error) {
      this.#log(`search: node:sqlite with FTS5 is not available (${reason(error)}); searching with the scan engine (slower, no typo tolerance)`);
      return new ScanEngine();
    }
    const path = this.snapshotPath;
    try {
      mkdirSync(this.#indexDir, { recursive: true });
      if (rebuilding) deleteSnapshot(path);
      return new FtsEngine(openSnapshot(path, this.#options.sqliteModule).db);
    } catch (error) {
      this.#log(`search: the index ${path} could not be opened (${reason(error)}); rebuilding it`);
    }
    try {
      deleteSnapshot(path);
      return new FtsEngine(openSnapshot(path, this.#options.sqliteModule).db);
    } catch (error) {
      this.#log(`search: could not create the index ${path} (${reason(error)}); searching with the scan engine`);
      return new ScanEngine();
    }
  }
}
