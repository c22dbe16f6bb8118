/**
 * Export and import of notes as the bridge offers them: the export service
 * (main/notes) plus what only main may do — ask the reader where to save or what to
 * open (the renderer never names a path), print PDFs, report progress, and cancel.
 * Plain Node: the dialogs and the PDF printer are handed in (`main/electron/index.ts` gives
 * Electron's; the renderer test harness gives its own).
 */
import { writeFileAtomic } from '../library/atomic';
import { LibraryError, ioError } from '../library/errors';
import { FileNamer, StagedFolder, type ExportProgress, type ExportService } from '.';
import type { ExportOptions, ExportPreview, ExportPreviewInput, ExportSaveInput, ExportSaveResult, ImportReport } from '../../common/notes';
import { PREVIEW_MAX_CHARS } from '../../common/notes';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Main's native dialogs; each answers null when the reader cancels. */
export interface Dialogs {
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  chooseFolder(options: { title: string }): Promise<string | null>;
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
}

export interface NotesTransferOptions {
  exporter: ExportService;
  dialogs: Dialogs;
  /** Print a self-contained HTML document to PDF (Electron: printToPDF in a hidden window, no JavaScript). */
  printPdf: (html: string) => Promise<Uint8Array>;
  /** Progress of a whole-library export, for the renderer's progress bar. */
  onProgress?: (progress: ExportProgress) => void;
  /** The articles whose notes an import may have changed (for the search index). */
  onImported?: () => void;
}

const FILTERS: Record<ExportSaveInput['format'], FileFilter> = {
  markdown: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'W3C Web Annotation JSON', extensions: ['json'] },
  csv: { name: 'CSV (Readwise)', extensions: ['csv'] },
  html: { name: 'HTML', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** Counted like the other formats' results: highlights, not the article note. */
const highlightsOnly = (options: ExportOptions): ExportOptions => ({ ...options, includeArticleNote: false });

/** One file per article (into a folder) for a whole-library export in these formats. */
const PER_ARTICLE = new Set<ExportSaveInput['format']>(['markdown', 'html', 'pdf']);

export class NotesTransfer {
  readonly #o: NotesTransferOptions;
  #running: AbortController | null = null;

  constructor(options: NotesTransferOptions) {
    this.#o = options;
  }

  async preview(input: ExportPreviewInput): Promise<ExportPreview> {
    const text = await this.#o.exporter.preview(input.articleId, input.format, input.options);
    return text.length > PREVIEW_MAX_CHARS
      ? { text: text.slice(0, PREVIEW_MAX_CHARS), truncated: true }
      : { text, truncated: false };
  }

  /** Ask where, then write. One export at a time; `cancel()` stops it and leaves no partial file. */
  async save(input: ExportSaveInput): Promise<ExportSaveResult> {
    if (this.#running) throw new LibraryError('invalid-input', 'An export is already running. Wait for it or cancel it.');
    const { format, scope, options } = input;
    const perArticle = scope.kind === 'library' && PER_ARTICLE.has(format);
    const target = perArticle
      ? await this.#o.dialogs.chooseFolder({ title: 'Export notes into a folder' })
      : await this.#o.dialogs.saveFile({
          title: 'Export notes',
          defaultName: await this.#o.exporter.suggestedName(scope.kind === 'article' ? scope.articleId : null, format === 'pdf' ? 'html' : format).then((name) =>
            format === 'pdf' ? name.replace(/\.html$/u, '.pdf') : name,
          ),
          filters: [FILTERS[format]],
        });
    if (target === null) return { saved: false, path: null, files: 0, annotations: 0 };

    const running = new AbortController();
    this.#running = running;
    const run = { signal: running.signal, onProgress: this.#o.onProgress };
    try {
      if (format === 'pdf') return await this.#savePdf(scope, options, target, running.signal);
      const result =
        scope.kind === 'article'
          ? await this.#o.exporter.exportArticle(scope.articleId, format, options, target, run)
          : await this.#o.exporter.exportLibrary(format, options, target, run);
      return { saved: true, path: target, files: result.files.length, annotations: result.highlights };
    } finally {
      this.#running = null;
    }
  }

  cancel(): void {
    this.#running?.abort();
  }

  /** Ask for a file, then import it; the report says what happened to each note. */
  async importFromFile(): Promise<ImportReport> {
    const path = await this.#o.dialogs.openFile({
      title: 'Import notes',
      filters: [{ name: 'Lectern or W3C Web Annotation JSON', extensions: ['json', 'jsonld'] }],
    });
    if (path === null) {
      return { imported: false, path: null, added: 0, updated: 0, skipped: 0, orphaned: 0, noArticle: 0, problems: [] };
    }
    const report = await this.#o.exporter.importNotes(path);
    if (report.added + report.updated > 0) this.#o.onImported?.();
    return { imported: true, path, ...report };
  }

  async #savePdf(
    scope: ExportSaveInput['scope'],
    options: ExportOptions,
    target: string,
    signal: AbortSignal,
  ): Promise<ExportSaveResult> {
    const { exporter, printPdf } = this.#o;
    if (scope.kind === 'article') {
      const html = await exporter.preview(scope.articleId, 'html', options);
      signal.throwIfAborted();
      const pdf = await printPdf(html);
      signal.throwIfAborted();
      await writeFileAtomic(target, pdf).catch((error: unknown) => {
        throw ioError('write', target, error);
      });
      const annotations = await exporter.count(scope.articleId, highlightsOnly(options));
      return { saved: true, path: target, files: 1, annotations };
    }
    const ids = await exporter.articlesWithNotes();
    const folder = await StagedFolder.open(target);
    const namer = new FileNamer();
    let annotations = 0;
    try {
      this.#o.onProgress?.({ done: 0, total: ids.length });
      for (const [i, { id, title }] of ids.entries()) {
        signal.throwIfAborted();
        const pdf = await printPdf(await exporter.preview(id, 'html', options));
        await folder.write(namer.name(title, '.pdf'), [pdf], signal);
        annotations += await exporter.count(id, highlightsOnly(options));
        this.#o.onProgress?.({ done: i + 1, total: ids.length });
      }
      signal.throwIfAborted();
      const files = await folder.commit();
      return { saved: true, path: target, files: files.length, annotations };
    } catch (error) {
      await folder.discard();
      if (signal.aborted) throw new LibraryError('cancelled', 'The export was cancelled; nothing was written.');
      throw error;
    }
  }
}
