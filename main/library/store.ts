/**
 * The library: a folder of articles (ARCHITECTURE.md §3). Plain Node; `main/electron/index.ts`
 * hands it a folder. Every answer is a view type from the bridge contract; every
 * failure is a LibraryError with a contract error code.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SHORT_TEXT_CHARS, isArticleId, type LibraryProblem, type ReadOnlyState, type TrashedArticle, type ArticleSummary, type ArticleView, type LibraryListing, type ReadingProgress } from '../../common/model';
import { checkId } from './article-id';
import type { BundledArticle, BundledSource } from './bundled';
import { folderContainment, requireArticleFolder } from './containment';
import { LibraryError, describeOsError, errorCode, ioError } from './errors';
import { judgeJson, loadJsonFile, type JsonFileRead } from './json-file';
import { ARTICLES_DIR, LIBRARY_FILE, mapLimit, paths, readIfExists, relativeArticleJson, removeStaleTemps, subfolders } from './layout';
import { LOCK_FILE, acquireLock, type LibraryLock, type LockOptions } from './lock';
import { openLibraryFile, seedBundled } from './library-file';
import { registerOpen } from './opens';
import { problemsFor } from './quarantine';
import { LIBRARY_FORMAT, LibraryFileSchema, toSummary, toView, type ArticleRecord } from './schema';
import { judgeArticle, setArticleProgress, setArticleRead, setArticleTagsRecord } from './record';
import { removeStaleStaging, rollForwardReplaces } from './staging';
import { TRASH_DIR, emptyTrash, listTrash, restoreArticle, trashArticle } from './trash';
import { sortAndFilter, type ListOptions } from './listing';

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
}

/** A half-done save or write younger than this may belong to a live process (a hung one whose lock went stale). */
export const CLEAN_UP_MIN_AGE_MS = 60 * 60 * 1000;

/** Why the library is read-only, in words for the user (the view type of the bridge contract). */
export type { ReadOnlyState };

export class Library {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #now: () => Date;
  #lock: LibraryLock | null = null;
  #readOnly: ReadOnlyState | null = null;
  /** Forgets this open in quarantine's count of read-only and lock-holding opens. */
  #releaseOpen: () => void = () => {};
  readonly #onReadOnly: ((reason: string) => void) | undefined;

  private constructor(dir: string, now: () => Date, onReadOnly?: (reason: string) => void) {
    this.dir = dir;
    this.#now = now;
    this.#onReadOnly = onReadOnly;
  }

  /**
   * Open the library in `dir`, creating it if needed, and take its lock (ARCHITECTURE.md §3).
   * Holding the lock: check or create library.json, remove temp files a killed process
   * left, finish the re-saves it committed and remove its other staging folders (only
   * those older than the clean-up age unless its holder is known dead), and seed
   * bundled articles not seeded before. When another live Lectern holds it (or the
   * folder cannot be written), the library opens read-only ({@link readOnly} says why)
   * and nothing in the folder is written.
   */
  static async open(dir: string, options: LibraryOpenOptions): Promise<Library> {
    const library = new Library(resolve(dir), options.now ?? (() => new Date()), options.onReadOnly);
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
    if (attempt.kind !== 'acquired') {
      library.#readOnly = { reason: attempt.reason };
      library.#releaseOpen = registerOpen(root, attempt.reason);
      await checkLibraryFormat(root);
      return library;
    }
    library.#lock = attempt.lock;
    library.#releaseOpen = registerOpen(root, null);
    try {
      const file = await openLibraryFile(root, bundled.ids, library.#now);
      // Left by a dead holder (or before any lock): all garbage. Otherwise only what is old enough.
      const before = attempt.previous === 'stale' ? Date.now() - (options.cleanUpMinAgeMs ?? CLEAN_UP_MIN_AGE_MS) : Infinity;
      // Temp files of atomic writes, in every folder they are written in: the root
      // (library.json, settings.json, drafts.json), articles/<id>/, .trash/ (its notes)
      // and .trash/<id>/ (an article trashed while a write was under way).
      await removeStaleTemps(root, before);
      for (const id of await subfolders(paths.articles(root))) {
        await removeStaleTemps(paths.article(root, id), before);
      }
      await removeStaleTemps(join(root, TRASH_DIR), before);
      for (const id of await subfolders(join(root, TRASH_DIR))) {
        await removeStaleTemps(join(root, TRASH_DIR, id), before);
      }
      // Re-saves a killed process committed are finished (the re-save journal); a
      // failure is logged and its folder kept for the next open, never stopping this one.
      await rollForwardReplaces(root, before);
      // Saves a killed process left half-done, uncommitted (never visible as articles).
      await removeStaleStaging(root, before);
      await seedBundled(root, file, bundled, library.#now);
    } catch (error) {
      await library.close();
      throw error;
    }
    return library;
  }

  /** Null while this Lectern holds the library's lock; otherwise why changes are refused. */
  get readOnly(): ReadOnlyState | null {
    return this.#readOnly;
  }

  /** Release the lock and stop its heartbeat; the library refuses changes afterwards. */
  async close(): Promise<void> {
    const lock = this.#lock;
    this.#lock = null;
    this.#releaseOpen();
    this.#readOnly ??= { reason: 'This library was closed: changes are no longer saved.' };
    await lock?.release();
  }

  /** {@link close} for `process.on('exit')`, where nothing asynchronous runs. */
  closeSync(): void {
    const lock = this.#lock;
    this.#lock = null;
    this.#releaseOpen();
    this.#readOnly ??= { reason: 'This library was closed: changes are no longer saved.' };
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

  /**
   * Every readable article, most recently saved first unless `options` sorts or
   * filters otherwise. A corrupt article.json is quarantined and reported; one that
   * cannot be read (EACCES, EIO, a folder in its place, a link loop…) is reported and
   * left where it is (it is not damaged); an article folder that is a symbolic link is
   * reported and never followed (ARCHITECTURE.md §3). The rest of the library lists.
   */
  async list(options: ListOptions = {}): Promise<LibraryListing> {
    const { ids, links, problems } = await articleFolders(this.dir);
    const unreadable: LibraryProblem[] = problems;
    unreadable.push(...links.map((id) => ({
      file: `${ARTICLES_DIR}/${id}`,
      movedTo: null,
      reason: `articles/${id} is a symbolic link; Lectern never follows links out of the library, so it was left where it is`,
    })));
    const loaded = await mapLimit(ids, 16, async (id): Promise<JsonFileRead<ArticleRecord> | undefined> => {
      try {
        return await this.#load(id);
      } catch (error) {
        unreadable.push(unreadableProblem(id, error));
        return undefined;
      }
    });
    const all = loaded.flatMap((item) => (item?.kind === 'ok' ? [toSummary(item.value)] : []));
    const articles = sortAndFilter(all, options);
    return { articles, problems: [...problemsFor(this.dir), ...unreadable], total: articles.length, offset: 0, tags: tagsOf(all) };
  }

  /** A window of the ordered, filtered listing (the bridge's `library:list`): the rows the view shows, the total, every tag. */
  async listWindow(input: ListOptions & { offset: number; limit: number }): Promise<LibraryListing> {
    const whole = await this.list(input);
    const offset = Math.min(input.offset, whole.articles.length);
    return { ...whole, articles: whole.articles.slice(offset, offset + input.limit), offset };
  }

  /**
   * The position of a row in the ordered, filtered listing: the article `id`, or the first
   * title starting with `titlePrefix` (folded) at or after `from`, wrapping around; null when none.
   */
  async locate(input: ListOptions & { id?: string | undefined; titlePrefix?: string | undefined; from: number }): Promise<number | null> {
    const { articles } = await this.list(input);
    if (input.id !== undefined) {
      const at = articles.findIndex((article) => article.id === input.id);
      return at === -1 ? null : at;
    }
    const prefix = foldTitle(input.titlePrefix ?? '');
    for (let k = 0; k < articles.length; k++) {
      const at = (input.from + k) % articles.length;
      if (foldTitle(articles[at]!.title).startsWith(prefix)) return at;
    }
    return null;
  }

  /** One article's library row. */
  async summary(id: string): Promise<ArticleSummary> {
    checkId(id);
    await requireArticleFolder(this.dir, id);
    const loaded = await this.#load(id);
    if (loaded.kind !== 'ok') throw notFound(id);
    return toSummary(loaded.value);
  }

  /** Move an article to the library's trash (`.trash/<id>/`), restorable. */
  async trash(id: string): Promise<void> {
    this.#writable();
    await trashArticle(this.dir, id, this.#now());
  }

  /** Bring a trashed article back as it was. */
  async restore(id: string): Promise<void> {
    this.#writable();
    await restoreArticle(this.dir, id);
  }

  /** The trashed articles, most recently trashed first. */
  async listTrash(): Promise<TrashedArticle[]> {
    return listTrash(this.dir);
  }

  /** Delete every trashed article for good; how many. */
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

  /** Record where the reader is in an article (read-modify-write in the file's queue). */
  async setProgress(id: string, progress: ReadingProgress): Promise<void> {
    this.#writable();
    await setArticleProgress(this.dir, id, progress);
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

/** Titles as type-to-find compares them: no case, no accents, no leading spaces. */
export function foldTitle(title: string): string {
  return title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trimStart();
}

/** Every article tag, each once (the first spelling met, without regard to case), sorted. */
function tagsOf(articles: readonly ArticleSummary[]): string[] {
  const tags = new Map<string, string>();
  for (const article of articles) for (const tag of article.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].sort((a, b) => a.localeCompare(b));
}

/** The article folders' names (`articles/<id>`, valid ids only), and those that are symbolic links. */
async function articleFolders(dir: string): Promise<{ ids: string[]; links: string[]; problems: LibraryProblem[] }> {
  const root = paths.articles(dir);
  const articlesFolder = await folderContainment(dir, ARTICLES_DIR).catch(() => ({ kind: 'inside' }) as const);
  if (articlesFolder.kind === 'outside') {
    const reason = `${articlesFolder.reason}; Lectern never follows links out of the library, so no article was read`;
    return { ids: [], links: [], problems: [{ file: ARTICLES_DIR, movedTo: null, reason }] };
  }
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return { ids: [], links: [], problems: [] };
    throw ioError('list', root, error, 'Nothing in the library was changed.');
  }
  const named = entries.filter((entry) => isArticleId(entry.name));
  return {
    ids: named.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    links: named.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name),
    problems: [],
  };
}

/** A problem for an article.json that could not be read: reported, not moved (it is not known to be damaged). */
function unreadableProblem(id: string, error: unknown): LibraryProblem {
  const cause = error instanceof LibraryError && error.cause !== undefined ? error.cause : error;
  const why = errorCode(cause) ? describeOsError(cause) : error instanceof Error ? error.message : String(error);
  const reason = `article.json could not be read: ${why}; it was left where it is`;
  return {
    file: relativeArticleJson(id),
    movedTo: null,
    reason: reason.length > SHORT_TEXT_CHARS ? `${reason.slice(0, SHORT_TEXT_CHARS - 1)}…` : reason,
  };
}

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
