/**
 * The library: a folder of articles (ARCHITECTURE.md §3). Plain Node; `main/electron/index.ts`
 * hands it a folder. Every answer is a view type from the bridge contract; every
 * failure is a LibraryError with a contract error code.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describeIssues } from '../../common/result';
import { isArticleId, ReadingProgressSchema, type ArticleSummary, type ArticleView, type LibraryListing, type LibraryProblem, type ReadingProgress, type TrashedArticle } from '../../common/model';
import { checkId } from './article-id';
import { serializeOnFile, updateFileAtomic } from './atomic';
import type { BundledArticle, BundledSource } from './bundled';
import { LibraryError, describeOsError, errorCode, ioError } from './errors';
import {
  mapLimit,
  notAnObject,
  paths,
  readIfExists,
  relativeArticleJson,
  removeStaleTemps,
  subfolders,
  toJson,
} from './layout';
import { openLibraryFile, seedBundled } from './library-file';
import { problemsFor, quarantineFile } from './quarantine';
import { ArticleRecordSchema, toSummary, toView, type ArticleRecord } from './schema';
import {
  emptyTrash,
  listTrash,
  removeStaleStaging,
  restoreArticle,
  setArticleRead,
  setArticleTags,
  trashArticle,
} from './articles-write';
import { sortAndFilter, type ListOptions } from './listing';

export interface LibraryOpenOptions {
  /**
   * Articles shipped with the app; each is written once into a library. A
   * {@link BundledSource} is loaded only when one of its ids was never seeded.
   */
  bundled: readonly BundledArticle[] | BundledSource;
  /** The clock (savedAt, createdAt, quarantine names). */
  now?: () => Date;
}

/** What reading one article.json found. */
type Loaded =
  | { kind: 'ok'; record: ArticleRecord }
  | { kind: 'missing' }
  | { kind: 'bad'; reason: string }
  | { kind: 'quarantined'; problem: LibraryProblem };

/** Why `raw` (the text of articles/<id>/article.json) is not a usable record, or the record. */
function judgeArticle(id: string, raw: string): { record: ArticleRecord } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { reason: `article.json is not valid JSON: ${(error as Error).message}` };
  }
  const kind = notAnObject(json);
  if (kind) return { reason: `article.json holds ${kind}, not an object` };
  const parsed = v.safeParse(ArticleRecordSchema, json);
  if (!parsed.success) {
    return { reason: `article.json does not match the article schema: ${describeIssues(parsed.issues)}` };
  }
  if (parsed.output.id !== id) {
    return { reason: `article.json has the id "${parsed.output.id}" but is in the folder "${id}"` };
  }
  return { record: parsed.output };
}

export class Library {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #now: () => Date;

  private constructor(dir: string, now: () => Date) {
    this.dir = dir;
    this.#now = now;
  }

  /**
   * Open the library in `dir`, creating it if needed: check or create library.json,
   * remove temp files a killed process left, and seed bundled articles not seeded before.
   */
  static async open(dir: string, options: LibraryOpenOptions): Promise<Library> {
    const library = new Library(resolve(dir), options.now ?? (() => new Date()));
    const root = library.dir;
    const bundled: BundledSource = Array.isArray(options.bundled)
      ? { ids: options.bundled.map((article) => article.id), load: async () => options.bundled as BundledArticle[] }
      : (options.bundled as BundledSource);
    const file = await openLibraryFile(root, bundled.ids, library.#now);
    await removeStaleTemps(root);
    // Saves a killed process left half-done (never visible as articles).
    await removeStaleStaging(root);
    for (const id of await subfolders(paths.articles(root))) {
      await removeStaleTemps(paths.article(root, id));
    }
    await seedBundled(root, file, bundled, library.#now);
    return library;
  }

  /**
   * Every readable article, most recently saved first unless `options` sorts or
   * filters otherwise; unreadable ones are quarantined and reported.
   */
  async list(options: ListOptions = {}): Promise<LibraryListing> {
    const ids = (await subfolders(paths.articles(this.dir))).filter(isArticleId);
    const loaded = await mapLimit(ids, 16, (id) => this.#load(id));
    const articles = sortAndFilter(
      loaded.flatMap((item) => (item.kind === 'ok' ? [toSummary(item.record)] : [])),
      options,
    );
    return { articles, problems: problemsFor(this.dir) };
  }

  /** One article's library row. */
  async summary(id: string): Promise<ArticleSummary> {
    checkId(id);
    const loaded = await this.#load(id);
    if (loaded.kind !== 'ok') throw notFound(id);
    return toSummary(loaded.record);
  }

  /** Move an article to the library's trash (`.trash/<id>/`), restorable. */
  async trash(id: string): Promise<void> {
    await trashArticle(this.dir, id, this.#now());
  }

  /** Bring a trashed article back as it was. */
  async restore(id: string): Promise<void> {
    await restoreArticle(this.dir, id);
  }

  /** The trashed articles, most recently trashed first. */
  async listTrash(): Promise<TrashedArticle[]> {
    return listTrash(this.dir);
  }

  /** Delete every trashed article for good; how many. */
  async emptyTrash(): Promise<number> {
    return emptyTrash(this.dir);
  }

  /** Mark read (100 %) or unread (no progress); the new row. */
  async setRead(id: string, read: boolean): Promise<ArticleSummary> {
    return toSummary(await setArticleRead(this.dir, id, read));
  }

  /** Replace the article's tags; the new row. */
  async setTags(id: string, tags: readonly string[]): Promise<ArticleSummary> {
    await setArticleTags(this.dir, id, tags);
    return this.summary(id);
  }

  /** One article's metadata and sanitized HTML. */
  async get(id: string): Promise<ArticleView> {
    checkId(id);
    const loaded = await this.#load(id);
    if (loaded.kind === 'missing') throw notFound(id);
    if (loaded.kind === 'quarantined') {
      const { movedTo, reason } = loaded.problem;
      throw new LibraryError('corrupt', `The article "${id}" could not be read and was moved to ${movedTo}: ${reason}`);
    }
    const contentPath = paths.contentHtml(this.dir, id);
    let html: string;
    try {
      html = await readFile(contentPath, 'utf8');
    } catch (error) {
      throw new LibraryError('corrupt', `Could not read ${contentPath}: ${describeOsError(error)}`, { cause: error });
    }
    return toView(loaded.record, html);
  }

  /** Record where the reader is in an article (read-modify-write in the file's queue). */
  async setProgress(id: string, progress: ReadingProgress): Promise<void> {
    checkId(id);
    const parsed = v.safeParse(ReadingProgressSchema, progress);
    if (!parsed.success) {
      throw new LibraryError('invalid-input', `Invalid reading progress: ${describeIssues(parsed.issues)}`);
    }
    const { fraction, position, within } = parsed.output;
    const path = paths.articleJson(this.dir, id);
    try {
      await updateFileAtomic(path, (current) => {
        const judged = judgeArticle(id, current);
        if ('reason' in judged) throw new LibraryError('corrupt', `Could not update ${path}: ${judged.reason}`);
        // Rewrite the file as it was (unknown keys included), with only the progress changed.
        const json = JSON.parse(current) as Record<string, unknown>;
        json['readingProgress'] = { fraction, position, within };
        return toJson(json);
      });
    } catch (error) {
      if (error instanceof LibraryError) throw error;
      if (errorCode(error) === 'ENOENT') throw notFound(id);
      throw ioError('write', path, error);
    }
  }

  /**
   * Read one article.json. A bad file is re-read inside its write queue (a write
   * may just have replaced it) and, if still bad, moved to quarantine.
   */
  async #load(id: string): Promise<Exclude<Loaded, { kind: 'bad' }>> {
    const first = await this.#read(id);
    if (first.kind !== 'bad') return first;
    const path = paths.articleJson(this.dir, id);
    return serializeOnFile(path, async (): Promise<Exclude<Loaded, { kind: 'bad' }>> => {
      const again = await this.#read(id);
      if (again.kind !== 'bad') return again;
      const problem = await quarantineFile(
        this.dir,
        relativeArticleJson(id),
        `${id}-article.json`,
        again.reason,
        this.#now(),
      );
      return { kind: 'quarantined', problem };
    });
  }

  async #read(id: string): Promise<Loaded> {
    const raw = await readIfExists(paths.articleJson(this.dir, id));
    if (raw === undefined) return { kind: 'missing' };
    const judged = judgeArticle(id, raw);
    return 'record' in judged ? { kind: 'ok', record: judged.record } : { kind: 'bad', reason: judged.reason };
  }
}

function notFound(id: string): LibraryError {
  return new LibraryError('not-found', `No article with id "${id}"`);
}
