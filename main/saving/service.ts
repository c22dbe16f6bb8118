/**
 * Saving articles from the web and from files into a library — the service
 * the bridge calls. Plain Node. Each save: fetch or read → extract and sanitize →
 * save images into a staging folder → sanitize again (images must be the library's
 * own) → write the article in one rename (or update the article saved from the same
 * URL, keeping its annotations).
 */
import { isAbsolute, resolve } from 'node:path';
import type { ErrorCode } from '../../common/result';
import type { AddFilesReport, ImportProgress, SavedArticle } from '../../common/model';
import {
  ArticleStaging,
  articleIdTaken,
  replaceArticleContent,
  saveNewArticle,
  type ArticleDraft,
} from '../library/staging';
import { LibraryError } from '../library/errors';
import { baseArticleId, uniqueArticleId } from './article-id';
import { inThisThread, type DocumentWork } from './document-work';
import type { ExtractedArticle } from './extract';
import { fetchPage } from './fetch-page';
import { readFileBytes } from './files';
import type { ResolveHost } from './addresses';
import { CANCELLED_MESSAGE, type FetchLike } from './http';
import { folderImageLoader, webImageLoader, type ImageLoader } from './image-sources';
import { fetchImages } from './images';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { UrlIndex, urlKey } from './url-index';
import { dirname } from 'node:path';

export interface ImportCallOptions {
  /** Abort to cancel (→ LibraryError('cancelled', "Saving was cancelled.")); nothing is left half-written. */
  signal?: AbortSignal;
  /** Where a save is: the bridge's {@link ImportProgress}, but `file` (each file of an addFiles call) is its path. */
  onProgress?: (progress: ImportProgress) => void;
}

/** What an addFiles call did: the bridge's report without `chosen`, each `file` still a path. */
export type AddFilesResult = Omit<AddFilesReport, 'chosen'>;

export interface ImportServiceOptions {
  /** `fetch` for pages and images; Node's when absent. */
  fetch?: FetchLike;
  /** Resolves hosts for the address check before every request (main/saving/addresses.ts); the system's when absent. */
  resolveHost?: ResolveHost;
  limits?: Partial<ImportLimits>;
  /** The clock (savedAt, ids). */
  now?: () => Date;
  /**
   * Where pages are parsed and sanitized: a DocumentWorker keeps main's event loop
   * free (main/electron/index.ts); in this thread when absent (tests, benches).
   */
  work?: DocumentWork;
}

/** A file's place in the order ids are taken in: wait for the file before it, then let the next one go. */
interface Turn {
  wait: Promise<void>;
  pass: () => void;
}

interface Prepared {
  article: ExtractedArticle;
  url: string | null;
  /** Other addresses the same article is known by (the address asked for, the canonical link). */
  aliases: (string | null)[];
  tags: string[];
  baseUrl: string;
  load: ImageLoader;
}

export class ImportService {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly limits: Readonly<ImportLimits>;
  readonly #fetch: FetchLike | undefined;
  readonly #resolveHost: ResolveHost | undefined;
  readonly #now: () => Date;
  readonly #work: DocumentWork;
  readonly #urls: UrlIndex;
  readonly #reserved = new Set<string>();
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(dir: string, options: ImportServiceOptions = {}) {
    this.dir = resolve(dir);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#fetch = options.fetch;
    this.#resolveHost = options.resolveHost;
    this.#now = options.now ?? (() => new Date());
    this.#work = options.work ?? inThisThread;
    this.#urls = new UrlIndex(this.dir);
  }

  /** Fetch the page at `url`, extract its article and save it with its images. */
  async addUrl(url: string, options: ImportCallOptions = {}): Promise<SavedArticle> {
    const { signal, onProgress } = options;
    checkCancelled(signal);
    const page = await fetchPage(url, {
      signal,
      fetch: this.#fetch,
      resolveHost: this.#resolveHost,
      limits: this.limits,
      onBytes: (bytes, total) => onProgress?.({ stage: 'fetching', bytes, total }),
    });
    checkCancelled(signal);
    onProgress?.({ stage: 'extracting' });
    const article = await this.#work.extractArticle(page.html, page.url, signal);
    return this.#save(
      {
        article,
        url: page.url,
        aliases: [page.requestedUrl, article.canonicalUrl],
        tags: [],
        baseUrl: page.url,
        load: webImageLoader(this.limits, this.#fetch, page.addresses),
      },
      options,
    );
  }

  /**
   * Save each file (absolute paths; .html/.htm/.md/.markdown/.txt): several at once
   * when the document work parses pages in parallel (a pool: twice its size in
   * flight, so its threads never wait for main's reads and writes), each file taking
   * its id in the order given, and reported in that order. A file that cannot be
   * saved is listed in `refused` with the reason; cancelling starts no further file,
   * lets the ones in flight stop, and throws.
   */
  async addFiles(paths: readonly string[], options: ImportCallOptions = {}): Promise<AddFilesResult> {
    if (paths.length > this.limits.maxFiles) {
      throw new LibraryError('too-large', `At most ${this.limits.maxFiles} files can be added at once.`);
    }
    const files = [...new Set(paths)];
    const outcomes: ({ added: AddFilesResult['added'][number] } | { refused: AddFilesResult['refused'][number] })[] = [];
    const lanes = Math.min(files.length, Math.max(1, Math.floor(this.#work.parallelism ?? 1)) * 2);
    let next = 0;
    let cancelled: unknown;
    /** Each file waits for the one before it to have its id (ids then do not depend on which page parsed first). */
    let previousHasId: Promise<void> = Promise.resolve();
    const lane = async () => {
      while (next < files.length && cancelled === undefined) {
        const index = next++;
        const file = files[index]!;
        const waitTurn = previousHasId;
        let passTurn!: () => void;
        previousHasId = new Promise<void>((resolve) => (passTurn = resolve));
        try {
          checkCancelled(options.signal);
          options.onProgress?.({ stage: 'file', index, count: files.length, file });
          outcomes[index] = { added: { ...(await this.#addFile(file, options, { wait: waitTurn, pass: passTurn })), file } };
        } catch (error) {
          if (error instanceof LibraryError && error.code === 'cancelled') {
            cancelled ??= error;
            continue;
          }
          const code: ErrorCode = error instanceof LibraryError ? error.code : 'internal';
          outcomes[index] = { refused: { file, code, reason: error instanceof Error ? error.message : String(error) } };
        } finally {
          // A file refused before it took an id lets the next one go (after its own turn came).
          void waitTurn.then(passTurn);
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    if (cancelled !== undefined) throw cancelled;
    const result: AddFilesResult = { added: [], refused: [] };
    for (const outcome of outcomes) {
      if (!outcome) continue;
      if ('added' in outcome) result.added.push(outcome.added);
      else result.refused.push(outcome.refused);
    }
    return result;
  }

  async #addFile(file: string, options: ImportCallOptions, turn: Turn): Promise<SavedArticle> {
    if (!isAbsolute(file)) throw new LibraryError('invalid-input', 'The path is not absolute.');
    options.onProgress?.({ stage: 'extracting' });
    const bytes = await readFileBytes(file, this.limits.maxFileBytes);
    const doc = await this.#work.documentFromBytes(file, bytes, options.signal);
    return this.#save(
      {
        article: doc,
        url: doc.url,
        aliases: [doc.canonicalUrl],
        tags: doc.tags,
        baseUrl: doc.baseUrl,
        load: folderImageLoader(dirname(file), this.limits),
      },
      options,
      turn,
    );
  }

  /** Run `task` after earlier tasks with the same key (one save per URL at a time). */
  async #serialize<T>(key: string | null, task: () => Promise<T>): Promise<T> {
    if (key === null) return task();
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    void tail.then(() => {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    });
    return run;
  }

  async #save(prepared: Prepared, options: ImportCallOptions, turn?: Turn): Promise<SavedArticle> {
    const urls = [prepared.url, ...prepared.aliases];
    // Waiting for the turn before queueing behind the same URL keeps that queue in the order given.
    await turn?.wait;
    return this.#serialize(prepared.url ? urlKey(prepared.url) : null, async () => {
      const now = this.#now();
      let existing: string | undefined;
      let id: string;
      try {
        existing = await this.#urls.find(urls);
        id = existing ?? (await this.#reserve(prepared.article, now));
      } finally {
        turn?.pass();
      }
      let staging: ArticleStaging | undefined;
      try {
        staging = await ArticleStaging.create(this.dir);
        const store = staging.storeAsset.bind(staging);
        const source = prepared.article.html;
        const plan = await this.#work.planImages(source, this.limits.maxImages, options.signal);
        const images = await fetchImages(plan, {
          articleId: id,
          baseUrl: prepared.baseUrl,
          load: prepared.load,
          store,
          maxImages: this.limits.maxImages,
          signal: options.signal,
          onProgress: (done, total) => options.onProgress?.({ stage: 'images', done, total }),
        });
        checkCancelled(options.signal);
        options.onProgress?.({ stage: 'saving' });
        const placed = { articleId: id, files: images.files, maxImages: this.limits.maxImages };
        const { html, text, wordCount } = await this.#work.finishArticle(source, placed, options.signal);
        const { article } = prepared;
        const draft: ArticleDraft = {
          title: article.title,
          byline: article.byline,
          site: article.site,
          url: prepared.url,
          canonicalUrl: article.canonicalUrl,
          publishedAt: article.publishedAt,
          language: article.language,
          excerpt: article.excerpt,
          credit: null,
          html,
          text,
          wordCount,
          tags: prepared.tags,
        };
        const written = staging;
        const record = await this.#urls.write(id, urls, () =>
          existing
            ? replaceArticleContent(this.dir, written, id, draft, now)
            : saveNewArticle(this.dir, written, id, draft, now),
        );
        return { id, title: record.title, updated: existing !== undefined, warnings: images.warnings };
      } catch (error) {
        await staging?.discard();
        throw error;
      } finally {
        this.#reserved.delete(id);
      }
    });
  }

  async #reserve(article: ExtractedArticle, now: Date): Promise<string> {
    const base = baseArticleId(article.title, article.publishedAt, now);
    const id = await uniqueArticleId(base, async (candidate) =>
      this.#reserved.has(candidate) || (await articleIdTaken(this.dir, candidate)),
    );
    this.#reserved.add(id);
    return id;
  }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LibraryError('cancelled', CANCELLED_MESSAGE);
}
