/**
 * ExportService: what main/ipc wires to the export dialog and File ▸ Import notes…
 * Plain Node (no `electron`): the lead's handlers show the save/open dialogs and pass
 * the chosen paths; PDF is Electron printing {@link ExportService.preview}'s HTML.
 *
 * - One article: Markdown, JSON, CSV or HTML into one file.
 * - Whole library ("every article with a note or a highlight", newest saved first):
 *   JSON and CSV → one file; Markdown and HTML → one file per article into a folder
 *   (names from the titles, safe and unique: filenames.ts; a file of the same name
 *   there is replaced, so exporting again updates it).
 * - Every file is written atomically; cancelling (AbortSignal) or a failure leaves no
 *   partial file: temp files and the staging folder are removed, and earlier files
 *   are untouched. Cancelling rejects with LibraryError('cancelled').
 * - Failures are LibraryErrors with a contract code (`invalid-input`, `not-found`,
 *   `io`, `too-large`, `cancelled`, …).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ColorNames } from '../../common/model';
import type { ExportOptions, PreviewFormat } from '../../common/notes';
import { writeChunksAtomic } from '../library/atomic';
import { LibraryError, ioError } from '../library/errors';
import { chunksToString, type Chunks } from './chunks';
import { csvChunks } from './csv';
import { FileNamer } from './filenames';
import { StagedFolder } from './folder';
import { htmlChunks } from './html';
import { importNotes, type ImportCounts } from './import';
import { jsonChunks } from './json';
import { markdownChunks } from './markdown';
import { loadModel, type ExportSources } from './model';
import {
  DEFAULT_EXPORT_OPTIONS,
  applyOptions,
  type ExportModel,
  type ExportProgress,
  type ExportResult,
} from './types';

export interface ExportServiceOptions {
  /** The clock (`exported` in files, `generated` of JSON collections). */
  now?: () => Date;
  /** Ids of JSON collections; `crypto.randomUUID` when absent. */
  newId?: () => string;
  /**
   * false: export as before the quick path (each article's content read twice and its
   * text parsed with jsdom, images read for every format, 4 models ahead, one file
   * written at a time) — the same bytes, slower; kept for the export bench's comparison.
   */
  quick?: boolean;
}

export interface ExportRunOptions {
  signal?: AbortSignal;
  /** Called after each article of a whole-library export (and once at the start with done 0). */
  onProgress?: (progress: ExportProgress) => void;
}

/** The file extension of each format. */
export const EXTENSIONS: Readonly<Record<PreviewFormat, string>> = {
  markdown: '.md',
  json: '.json',
  csv: '.csv',
  html: '.html',
};

/** Models loaded ahead of the writer (their reads overlap each other and the writing). */
const LOOKAHEAD = 16;
/** Files of a folder export written (and fsynced) at once, so the disk takes their syncs together. */
const PARALLEL_WRITES = 8;

export class ExportService {
  readonly #sources: ExportSources;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #quick: boolean;

  constructor(sources: ExportSources, options: ExportServiceOptions = {}) {
    this.#sources = sources;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? (() => randomUUID());
    this.#quick = options.quick ?? true;
  }

  /** One article in `format`, as a string (the dialog's preview, "Copy", and the HTML Electron prints to PDF). */
  async preview(articleId: string, format: PreviewFormat, options?: Partial<ExportOptions>): Promise<string> {
    const model = await this.#model(articleId, withDefaults(options), format);
    return chunksToString(this.#chunks(format, [model], model.article.title));
  }

  /** A name to offer in the save dialog: the article's title (or "Lectern notes"), made safe, with the extension. */
  async suggestedName(articleId: string | null, format: PreviewFormat): Promise<string> {
    const title = articleId === null ? 'Lectern notes' : (await this.#sources.library.get(articleId)).title;
    return new FileNamer().name(title, articleId === null && (format === 'markdown' || format === 'html') ? '' : EXTENSIONS[format]);
  }

  /** Write one article in `format` to the file `path` (atomically). */
  async exportArticle(
    articleId: string,
    format: PreviewFormat,
    options: Partial<ExportOptions> | undefined,
    path: string,
    run: ExportRunOptions = {},
  ): Promise<ExportResult> {
    const model = await this.#model(articleId, withDefaults(options), format);
    const file = resolve(path);
    const bytes = await this.#guard(file, run.signal, () =>
      writeChunksAtomic(file, this.#chunks(format, [model], model.article.title), { signal: run.signal }),
    );
    return { files: [file], articles: 1, highlights: model.highlights.length, bytes };
  }

  /**
   * Write every article with a note or a highlight: JSON and CSV into the file
   * `target`, Markdown and HTML into the folder `target` (created if needed).
   */
  async exportLibrary(
    format: PreviewFormat,
    options: Partial<ExportOptions> | undefined,
    target: string,
    run: ExportRunOptions = {},
  ): Promise<ExportResult> {
    const opts = withDefaults(options);
    const { articles } = await this.#sources.library.list();
    const ids = articles.map((a) => a.id);
    const names = await this.#sources.colors.get();
    const exportedAt = this.#now().toISOString();
    const result: ExportResult = { files: [], articles: 0, highlights: 0, bytes: 0 };
    const progress = (done: number) => run.onProgress?.({ done, total: ids.length });
    const models = this.#models(ids, opts, format, exportedAt, names, run.signal, (model, done) => {
      progress(done);
      if (model) {
        result.articles++;
        result.highlights += model.highlights.length;
      }
    });
    const path = resolve(target);
    progress(0);
    if (format === 'json' || format === 'csv') {
      result.bytes = await this.#guard(path, run.signal, () =>
        writeChunksAtomic(path, this.#chunks(format, models, 'Lectern notes'), { signal: run.signal }),
      );
      result.files.push(path);
      return result;
    }
    return this.#guard(path, run.signal, async () => {
      const folder = await StagedFolder.open(path);
      const writing = new Set<Promise<void>>();
      try {
        const namer = new FileNamer();
        const limit = this.#quick ? PARALLEL_WRITES : 1;
        for await (const model of models) {
          const write = folder.write(namer.name(model.article.title, EXTENSIONS[format]), this.#chunks(format, [model], ''), run.signal);
          writing.add(write);
          write.then(
            () => writing.delete(write),
            () => undefined, // stays in `writing`: the next wait throws it
          );
          while (writing.size >= limit) await Promise.race(writing);
        }
        await Promise.all(writing);
        run.signal?.throwIfAborted();
        result.files = await folder.commit();
        result.bytes = folder.bytes;
        return result;
      } catch (error) {
        await Promise.allSettled(writing);
        await folder.discard();
        throw error;
      }
    });
  }

  /**
   * How many annotations an export of the article writes with these options: its
   * highlights (orphans only when included) and its article note (when included and
   * not empty).
   */
  async count(articleId: string, options?: Partial<ExportOptions>): Promise<number> {
    const model = await this.#model(articleId, withDefaults(options), 'json');
    return model.highlights.length + ((model.articleNote?.note ?? '') !== '' ? 1 : 0);
  }

  /** The articles a whole-library export writes (a live highlight or an article note), in library order. */
  async articlesWithNotes(): Promise<{ id: string; title: string }[]> {
    const { articles } = await this.#sources.library.list();
    const out: { id: string; title: string }[] = [];
    for (const article of articles) {
      const notes = await this.#sources.annotations.list(article.id).catch((error: unknown) => {
        if (error instanceof LibraryError && error.code === 'not-found') return null;
        throw error;
      });
      if (notes && (notes.highlights.length > 0 || (notes.articleNote?.note ?? '') !== '')) {
        out.push({ id: article.id, title: article.title });
      }
    }
    return out;
  }

  /** Import notes from a JSON file (import.ts). */
  importNotes(path: string): Promise<ImportCounts> {
    return importNotes(this.#sources, resolve(path), this.#now);
  }

  /** The model of an article for `format` (images are read only for HTML). */
  async #model(articleId: string, options: ExportOptions, format: PreviewFormat, names?: ColorNames, exportedAt?: string): Promise<ExportModel> {
    const model = await loadModel(this.#sources, articleId, exportedAt ?? this.#now().toISOString(), names, {
      images: !this.#quick || format === 'html',
      quickText: this.#quick,
    });
    return applyOptions(model, options);
  }

  /** Models of the articles that have something to export, loaded a few ahead. */
  async *#models(
    ids: readonly string[],
    options: ExportOptions,
    format: PreviewFormat,
    exportedAt: string,
    names: ColorNames,
    signal: AbortSignal | undefined,
    onDone: (model: ExportModel | null, done: number) => void,
  ): AsyncGenerator<ExportModel> {
    const load = (id: string) =>
      this.#model(id, options, format, names, exportedAt).catch((error: unknown) => {
        // An article deleted since the listing is skipped; anything else stops the export.
        if (error instanceof LibraryError && error.code === 'not-found') return null;
        throw error;
      });
    const pending: Promise<ExportModel | null>[] = [];
    let next = 0;
    for (let done = 0; done < ids.length; done++) {
      while (pending.length < (this.#quick ? LOOKAHEAD : 4) && next < ids.length) {
        const promise = load(ids[next++]!);
        promise.catch(() => undefined); // handled when awaited
        pending.push(promise);
      }
      signal?.throwIfAborted();
      const model = await pending.shift()!;
      const useful = model && (model.highlights.length > 0 || (model.articleNote?.note ?? '') !== '') ? model : null;
      onDone(useful, done + 1);
      if (useful) yield useful;
    }
  }

  #chunks(format: PreviewFormat, models: Iterable<ExportModel> | AsyncIterable<ExportModel>, label: string): Chunks {
    switch (format) {
      case 'markdown':
        return eachModel(models, markdownChunks);
      case 'html':
        return eachModel(models, htmlChunks);
      case 'csv':
        return csvChunks(models);
      case 'json':
        return jsonChunks(models, { id: this.#newId(), label, generated: this.#now().toISOString() });
    }
  }

  /** Run a write; an abort becomes LibraryError('cancelled'), an OS error LibraryError('io'). */
  async #guard<T>(path: string, signal: AbortSignal | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (signal?.aborted) throw new LibraryError('cancelled', 'The export was cancelled; nothing was written', { cause: error });
      if (error instanceof LibraryError) throw error;
      throw ioError('write', path, error);
    }
  }
}

/** The options as given, the contract's defaults for the rest (inputs arrive parsed: ARCHITECTURE.md §8). */
const withDefaults = (options: Partial<ExportOptions> | undefined): ExportOptions => ({ ...DEFAULT_EXPORT_OPTIONS, ...options });

async function* eachModel(
  models: Iterable<ExportModel> | AsyncIterable<ExportModel>,
  write: (model: ExportModel) => Chunks,
): AsyncGenerator<string> {
  for await (const model of models) yield* write(model);
}
