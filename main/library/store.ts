/**
 * The library: a folder of articles (ARCHITECTURE.md §3). Plain Node; `main/electron/index.ts`
 * hands it a folder. Every answer is a view type from the bridge contract; every
 * failure is a LibraryError with a contract error code.
 *
 * Over 400 lines and still one idea: the `Library` facade — open (lock, recovery,
 * catalog), the read-only guard and each public operation; the work itself lives in
 * record.ts, staging.ts, trash.ts, catalog.ts, reconcile.ts and sweep.ts.
 */
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type LibraryProblem, type ReadOnlyState, type TrashedArticle, type ArticleSummary, type ArticleView, type LibraryListing, type ReadingProgress } from '../../common/model';
import type { LibraryChange } from '../../common/ipc';
import { checkId } from './article-id';
import type { BundledArticle, BundledSource } from './bundled';
import { CATALOG_FILE, Catalog, type Fingerprint } from './catalog';
import { requireArticleFolder } from './containment';
import { LibraryError, describeOsError, errorCode, ioError } from './errors';
import { judgeJson, loadJsonFile, type JsonFileRead } from './json-file';
import { LIBRARY_FILE, paths, readIfExists, relativeArticleJson } from './layout';
import { LOCK_FILE, acquireLock, type LibraryLock, type LockOptions } from './lock';
import { openLibraryFile, seedBundled } from './library-file';
import { registerOpen } from './opens';
import { problemsFor } from './quarantine';
import { fingerprintOf, reconcile, type ReconcileResult } from './reconcile';
import { watchRows } from './row-changes';
import { LIBRARY_FORMAT, LibraryFileSchema, toSummary, toView, type ArticleRecord } from './schema';
import { judgeArticle, setArticleProgress, setArticleRead, setArticleTagsRecord } from './record';
import { rollForwardReplaces } from './staging';
import { sweepLibrary } from './sweep';
import { emptyTrash, listTrash, restoreArticle, trashArticle } from './trash';
import type { ListOptions } from './listing';


/** The folder of caches inside a library (the catalog, the search index). */
export const INDEX_DIR = '.index';

/** `listWindow` at the top of a listing checks the folders again when the last check is older than this. */
export const RECHECK_MS = 5_000;

export interface LibraryOpenOptions {
  /**
   * Articles shipped with the app; each is written once into a library. A
   * {@link BundledSource} is loaded only when one of its ids was never seeded.
   */
  bundled: readonly BundledArticle[] | BundledSource;
  /** The clock (savedAt, createdAt, quarantine names). */
  now?: () => Date;
  /** The library lock's settings (tests inject clocks, pids and hosts); the app passes its version. */
  lock?: Omit<LockOptions, 'onLost'>;
  /** The lock was lost while open (taken over by another Lectern): the library is read-only from now on. */
  onReadOnly?: (reason: string) => void;
  /**
   * Temp files and staging folders younger than this (ms) are left alone at open unless
   * the lock's last holder is known to be dead (default {@link CLEAN_UP_MIN_AGE_MS}).
   */
  cleanUpMinAgeMs?: number;
  /** What the catalog's reconcile found changed on disk (also {@link Library.onChange}). */
  onChange?: (change: LibraryChange) => void;
  /** Where the catalog's reasons (rebuilt, kept in memory) and background failures are told; console.warn by default. */
  log?: (message: string) => void;
  /** The SQLite module of the catalog (tests name a missing one). */
  sqliteModule?: string;
}

/** A half-done save or write younger than this may belong to a live process (a hung one whose lock went stale). */
export const CLEAN_UP_MIN_AGE_MS = 60 * 60 * 1000;

/** Why the library is read-only, in words for the user (the view type of the bridge contract). */
export type { ReadOnlyState };

export class Library {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #now: () => Date;
  readonly #log: (message: string) => void;
  #lock: LibraryLock | null = null;
  #readOnly: ReadOnlyState | null = null;
  /** Forgets this open in quarantine's count of read-only and lock-holding opens. */
  #releaseOpen: () => void = () => {};
  readonly #onReadOnly: ((reason: string) => void) | undefined;
  #catalog!: Catalog;
  #closed = false;
  #stopWatching: () => void = () => {};
  readonly #listeners = new Set<(change: LibraryChange) => void>();
  /** Problems the last reconcile found. */
  #problems: LibraryProblem[] = [];
  /** Counts the library's own changes of rows; the last count per id (a reconcile leaves newer rows alone). */
  #writes = 0;
  readonly #lastWrites = new Map<string, number>();
  #chain: Promise<unknown> = Promise.resolve();
  #queued: { run: Promise<ReconcileResult>; quarantine: boolean } | null = null;
  #lastReconcile!: Promise<ReconcileResult>;
  #checkedAt = 0;
  #swept: Promise<void> = Promise.resolve();

  private constructor(dir: string, now: () => Date, log: (message: string) => void, onReadOnly?: (reason: string) => void) {
    this.dir = dir;
    this.#now = now;
    this.#log = log;
    this.#onReadOnly = onReadOnly;
  }

  /**
   * Open the library in `dir`, creating it if needed, and take its lock (ARCHITECTURE.md §3).
   * Holding the lock: check or create library.json, finish the re-saves a killed
   * process committed (only the staging folder is listed), and seed bundled articles
   * not seeded before. The catalog answers at once; in the background the catalog is
   * reconciled with the folders ({@link reconciled}) and then the temp files and
   * uncommitted staging folders a killed process left are removed ({@link swept}; only
   * those older than the clean-up age unless its holder is known dead). When another
   * live Lectern holds the lock (or the folder cannot be written), the library opens
   * read-only ({@link readOnly} says why), its catalog is kept in memory, and nothing
   * in the folder is written.
   */
  static async open(dir: string, options: LibraryOpenOptions): Promise<Library> {
    const log = options.log ?? ((message: string) => console.warn(`[lectern] ${message}`));
    const openedAt = Date.now();
    const library = new Library(resolve(dir), options.now ?? (() => new Date()), log, options.onReadOnly);
    if (options.onChange) library.#listeners.add(options.onChange);
    const root = library.dir;
    const bundled: BundledSource = Array.isArray(options.bundled)
      ? { ids: options.bundled.map((article) => article.id), load: async () => options.bundled as BundledArticle[] }
      : (options.bundled as BundledSource);
    try {
      await mkdir(root, { recursive: true });
    } catch (error) {
      throw ioError('create', root, error);
    }
    let attempt;
    try {
      attempt = await acquireLock(root, { ...options.lock, onLost: (reason) => library.#becomeReadOnly(reason) });
    } catch (error) {
      throw ioError('create', join(root, LOCK_FILE), error);
    }
    const catalog = (path: string | null) =>
      Catalog.open({ path, log, onReset: () => void library.reconcile().catch(() => undefined), ...(options.sqliteModule ? { sqliteModule: options.sqliteModule } : {}) });
    if (attempt.kind !== 'acquired') {
      library.#readOnly = { reason: attempt.reason };
      library.#releaseOpen = registerOpen(root, attempt.reason);
      await checkLibraryFormat(root);
      // Nothing is written in a library another Lectern holds: the catalog lives in memory.
      library.#start(catalog(null));
      return library;
    }
    library.#lock = attempt.lock;
    library.#releaseOpen = registerOpen(root, null);
    try {
      const file = await openLibraryFile(root, bundled.ids, library.#now);
      library.#catalog = catalog(join(root, INDEX_DIR, CATALOG_FILE));
      library.#stopWatching = watchRows(root, library.#rowListener());
      // Left by a dead holder (or before any lock): all garbage. Otherwise only what is old enough.
      const before = attempt.previous === 'stale' ? Date.now() - (options.cleanUpMinAgeMs ?? CLEAN_UP_MIN_AGE_MS) : Infinity;
      // Re-saves a killed process committed are finished (the re-save journal) before the
      // library answers; a failure is logged and its folder kept for the next open.
      await rollForwardReplaces(root, before);
      await seedBundled(root, file, bundled, library.#now);
      library.#start(library.#catalog);
      // Then, in the background, what a killed process left: temp files in every folder
      // they are written in, and uncommitted staging folders (sweep.ts).
      library.#swept = library.#lastReconcile
        .catch(() => undefined)
        .then(() => sweepLibrary(root, { before, openedAt, holding: () => library.#lock !== null && !library.#closed }))
        .then(
          () => undefined,
          (error: unknown) => log(`library: temp files left by an earlier run could not be removed: ${reason(error)}`),
        );
    } catch (error) {
      await library.close();
      throw error;
    }
    return library;
  }

  /** Take the catalog and start the first reconcile (the catalog's rows already answer). */
  #start(catalog: Catalog): void {
    this.#catalog = catalog;
    if (this.#readOnly) this.#stopWatching = watchRows(this.dir, this.#rowListener());
    // Only reports a corrupt article.json (a caller of the library may be replacing it right
    // now); the check a page asks for with its first rows moves it to quarantine.
    void this.reconcile().catch((error: unknown) => this.#log(`library: the folders could not be checked: ${reason(error)}`));
  }

  /** Null while this Lectern holds the library's lock; otherwise why changes are refused. */
  get readOnly(): ReadOnlyState | null {
    return this.#readOnly;
  }

  /** Where the catalog is kept: its file, or null while it is in memory. */
  get catalogPath(): string | null {
    return this.#catalog.path;
  }

  /** Release the lock and stop its heartbeat; the library refuses changes afterwards. */
  async close(): Promise<void> {
    const lock = this.#lock;
    this.#lock = null;
    this.#closed = true;
    this.#releaseOpen();
    this.#readOnly ??= { reason: 'This library was closed: changes are no longer saved.' };
    // The background work stops between two steps; nothing is written once the lock is gone.
    await Promise.all([this.#chain, this.#swept]);
    this.#stopWatching();
    this.#catalog?.close();
    await lock?.release();
  }

  /** {@link close} for `process.on('exit')`, where nothing asynchronous runs. */
  closeSync(): void {
    const lock = this.#lock;
    this.#lock = null;
    this.#closed = true;
    this.#releaseOpen();
    this.#readOnly ??= { reason: 'This library was closed: changes are no longer saved.' };
    this.#stopWatching();
    this.#catalog?.close();
    lock?.releaseSync();
  }

  /** Throws LibraryError('read-only') with the reason in words while the library is read-only. */
  #writable(): void {
    if (this.#readOnly) throw new LibraryError('read-only', this.#readOnly.reason);
  }

  #becomeReadOnly(reason: string): void {
    this.#lock = null;
    this.#releaseOpen();
    this.#releaseOpen = registerOpen(this.dir, reason);
    this.#readOnly = { reason };
    this.#onReadOnly?.(reason);
  }

  // ---------------------------------------------------------------- the catalog

  /** Listen to what reconciles find changed on disk (rows added, updated, removed); returns the matching stop. */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Check the catalog against the folders now (after a check under way): stat every
   * article.json, read those that changed, add and drop rows, announce the changes.
   * Resolves to what it found; rejects when `articles/` cannot be listed. With
   * `quarantine` (as {@link list} asks) a corrupt article.json is moved to quarantine
   * as a listing always did; a background check only reports it.
   */
  reconcile(quarantine = false): Promise<ReconcileResult> {
    if (this.#queued && (this.#queued.quarantine || !quarantine)) return this.#queued.run;
    const run = this.#chain.then(async () => {
      this.#queued = null;
      const before = JSON.stringify(this.#listingProblems());
      const result = await reconcile({
        dir: this.dir,
        catalog: this.#catalog,
        load: (id, moving) => (moving ? this.#load(id) : this.#peek(id)),
        writes: () => this.#writes,
        lastWrite: (id) => this.#lastWrites.get(id) ?? 0,
        announce: (change) => this.#announce(change),
        running: () => !this.#closed,
      }, quarantine);
      this.#problems = result.problems;
      this.#checkedAt = Date.now();
      // Files that cannot be read (or were moved to quarantine) have no row: a change in them is announced without ids.
      if (JSON.stringify(this.#listingProblems()) !== before) this.#announce({ added: [], updated: [], removed: [] });
      return result;
    });
    this.#queued = { run, quarantine };
    this.#lastReconcile = run;
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** The reconcile under way or last finished (the first one starts at open). */
  reconciled(): Promise<ReconcileResult> {
    return this.#lastReconcile;
  }

  /** Resolves once the background clean-up after open (temp files, staging folders) is done. */
  swept(): Promise<void> {
    return this.#swept;
  }

  #announce(change: LibraryChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.#log(`library: a change listener failed: ${reason(error)}`);
      }
    }
  }

  /** Keeps the catalog in step with the library's own writes (row-changes.ts). */
  #rowListener() {
    const touch = (id: string) => this.#lastWrites.set(id, ++this.#writes);
    return {
      written: async (id: string, record: ArticleRecord | undefined) => {
        if (this.#closed) return;
        touch(id);
        // The fingerprint first, synchronously: the file as this write left it (a later
        // write only makes the next reconcile read it again).
        let fingerprint: Fingerprint | null = null;
        try {
          fingerprint = fingerprintOf(statSync(paths.articleJson(this.dir, id)));
        } catch {
          // Unknown: the next reconcile reads the file again.
        }
        if (record === undefined) {
          const loaded = await this.#load(id).catch(() => undefined);
          if (this.#closed) return;
          if (loaded?.kind !== 'ok') {
            this.#catalog.remove([id]);
            return;
          }
          record = loaded.value;
        }
        this.#catalog.upsert([{ summary: toSummary(record), fingerprint }]);
      },
      removed: (id: string) => {
        if (this.#closed) return;
        touch(id);
        this.#catalog.remove([id]);
      },
    };
  }

  #listingProblems(): LibraryProblem[] {
    return [...problemsFor(this.dir), ...this.#problems];
  }

  /**
   * Every readable article, most recently saved first unless `options` sorts or
   * filters otherwise, after a reconcile of the catalog with the folders. A corrupt
   * article.json is quarantined and reported; one that cannot be read (EACCES, EIO, a
   * folder in its place, a link loop…) is reported and left where it is (it is not
   * damaged); an article folder that is a symbolic link is reported and never followed
   * (ARCHITECTURE.md §3). The rest of the library lists.
   */
  async list(options: ListOptions = {}): Promise<LibraryListing> {
    await this.reconcile(true);
    const articles = this.#catalog.all(options);
    return { articles, problems: this.#listingProblems(), total: articles.length, offset: 0, tags: this.#catalog.tags() };
  }

  /**
   * A window of the ordered, filtered listing (the bridge's `library:list`) from the
   * catalog: the rows the view shows, the total, every tag. At the top of a listing the
   * folders are checked again in the background when the last check is older than
   * {@link RECHECK_MS}; what changed is announced ({@link onChange}).
   */
  async listWindow(input: ListOptions & { offset: number; limit: number; recheck?: boolean | undefined }): Promise<LibraryListing> {
    const stale = input.offset === 0 && this.#checkedAt > 0 && Date.now() - this.#checkedAt > RECHECK_MS;
    if ((input.recheck === true || stale) && !this.#queued) {
      void this.reconcile(this.#readOnly === null).catch((error: unknown) => this.#log(`library: the folders could not be checked: ${reason(error)}`));
    }
    const { articles, total } = this.#catalog.window(input, input.offset, input.limit);
    return { articles, problems: this.#listingProblems(), total, offset: Math.min(input.offset, total), tags: this.#catalog.tags() };
  }

  /**
   * The position of a row in the ordered, filtered listing: the article `id`, or the first
   * title starting with `titlePrefix` (folded) at or after `from`, wrapping around; null when none.
   */
  async locate(input: ListOptions & { id?: string | undefined; titlePrefix?: string | undefined; from: number }): Promise<number | null> {
    if (input.id !== undefined) return this.#catalog.locateId(input, input.id);
    return this.#catalog.locateTitle(input, input.titlePrefix ?? '', input.from);
  }

  /** One article's library row. */
  async summary(id: string): Promise<ArticleSummary> {
    checkId(id);
    await requireArticleFolder(this.dir, id);
    const loaded = await this.#load(id);
    if (loaded.kind !== 'ok') throw notFound(id);
    return toSummary(loaded.value);
  }

  /** Move an article to the library's trash (`.trash/<id>/`), restorable; its row leaves the catalog. */
  async trash(id: string): Promise<void> {
    this.#writable();
    await trashArticle(this.dir, id, this.#now());
  }

  /** Bring a trashed article back as it was; its row comes back into the catalog. */
  async restore(id: string): Promise<void> {
    this.#writable();
    await restoreArticle(this.dir, id);
  }

  /** The trashed articles, most recently trashed first. */
  async listTrash(): Promise<TrashedArticle[]> {
    return listTrash(this.dir);
  }

  /** Delete every trashed article for good; how many. (Trashed articles have no row in the catalog.) */
  async emptyTrash(): Promise<number> {
    this.#writable();
    return emptyTrash(this.dir);
  }

  /** Mark read (100 %) or unread (no progress); the new row. */
  async setRead(id: string, read: boolean): Promise<ArticleSummary> {
    this.#writable();
    return toSummary(await setArticleRead(this.dir, id, read));
  }

  /** Replace the article's tags; the new row. */
  async setTags(id: string, tags: readonly string[]): Promise<ArticleSummary> {
    this.#writable();
    // The record as written: once the tags are on disk, a failed re-read must not report a failure.
    return toSummary(await setArticleTagsRecord(this.dir, id, tags));
  }

  /** One article's metadata and sanitized HTML. */
  async get(id: string): Promise<ArticleView> {
    checkId(id);
    await requireArticleFolder(this.dir, id);
    const loaded = await this.#load(id);
    if (loaded.kind === 'missing') throw notFound(id);
    if (loaded.kind === 'quarantined') {
      const { movedTo, reason } = loaded.problem;
      const where = movedTo === null ? 'was left where it is' : `was moved to ${movedTo}`;
      throw new LibraryError('corrupt', `The article "${id}" could not be read and ${where}: ${reason}`);
    }
    const contentPath = paths.contentHtml(this.dir, id);
    let html: string;
    try {
      html = await readFile(contentPath, 'utf8');
    } catch (error) {
      // A missing content file means a damaged article; any other failure is the disk's.
      const code = errorCode(error) === 'ENOENT' ? 'corrupt' : 'io';
      throw new LibraryError(code, `Could not read ${contentPath}: ${describeOsError(error)}`, { cause: error });
    }
    return toView(loaded.value, html);
  }

  /** Record where the reader is in an article (read-modify-write in the file's queue); the catalog's row follows. */
  async setProgress(id: string, progress: ReadingProgress): Promise<void> {
    this.#writable();
    await setArticleProgress(this.dir, id, progress);
  }

  /** Read one article.json without moving anything: a bad file is only judged. */
  async #peek(id: string): Promise<JsonFileRead<ArticleRecord> | { kind: 'bad'; reason: string }> {
    const path = paths.articleJson(this.dir, id);
    const raw = await readIfExists(path);
    if (raw === undefined) return { kind: 'missing' };
    const judged = judgeArticle(id, path, raw);
    return 'value' in judged ? { kind: 'ok', value: judged.value } : { kind: 'bad', reason: judged.reason };
  }

  /**
   * Read one article.json. A bad file is re-read inside its write queue (a write
   * may just have replaced it) and, if still bad, moved to quarantine.
   */
  #load(id: string): Promise<JsonFileRead<ArticleRecord>> {
    const path = paths.articleJson(this.dir, id);
    return loadJsonFile({
      dir: this.dir,
      file: relativeArticleJson(id),
      quarantineName: `${id}-article.json`,
      judge: (raw) => judgeArticle(id, path, raw),
      now: this.#now,
    });
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

function notFound(id: string): LibraryError {
  return new LibraryError('not-found', `No article with id "${id}"`);
}

/**
 * Read-only open: library.json is not created, recovered or quarantined, but a newer
 * format is still refused (LibraryError('corrupt')) as a writable open would.
 */
async function checkLibraryFormat(dir: string): Promise<void> {
  const path = paths.libraryFile(dir);
  const raw = await readIfExists(path);
  if (raw === undefined) return;
  judgeJson(
    {
      name: LIBRARY_FILE,
      schema: LibraryFileSchema,
      schemaName: 'library',
      format: { newest: LIBRARY_FORMAT, update: 'Update Lectern to open this library.' },
    },
    path,
    raw,
  );
}
