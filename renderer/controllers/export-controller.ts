/**
 * The export dialog's state and its calls to main: the live preview (newest answer
 * wins), Copy, Save… (main shows the save dialog and writes the file), progress of a
 * whole-library export and its cancel, and Import notes….
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ExportFormat, ExportOptions, ExportPreview, ImportReport, PreviewFormat } from '../../common/notes';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { count } from '../format';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';

export type ExportScopeKind = 'article' | 'library';

export interface ExportChoices {
  format: ExportFormat;
  scope: ExportScopeKind;
  options: ExportOptions;
}

export const DEFAULT_CHOICES: ExportChoices = {
  format: 'markdown',
  scope: 'article',
  options: { includeArticleNote: true, includeTags: true, includeOrphans: true },
};

/** The preview of a PDF is the HTML it is printed from. */
export const previewFormatOf = (format: ExportFormat): PreviewFormat => (format === 'pdf' ? 'html' : format);


/** An import report in one sentence. */
export function describeImport(report: ImportReport): string {
  const parts = [
    `${count(report.added, 'note')} added`,
    report.updated > 0 ? `${report.updated.toLocaleString()} updated (newer than yours)` : '',
    report.skipped > 0 ? `${report.skipped.toLocaleString()} already here` : '',
    report.orphaned > 0 ? `${count(report.orphaned, 'highlight')} whose text is no longer in the article (kept, listed under Notes)` : '',
    report.noArticle > 0 ? `${count(report.noArticle, 'note')} for articles not in this library` : '',
  ].filter(Boolean);
  const problems = report.problems.length > 0 ? ` ${report.problems.length} could not be read: ${report.problems.slice(0, 3).join('; ')}` : '';
  return `Imported: ${parts.join(', ')}.${problems}`;
}

type ExportBridge = Pick<Bridge, 'previewExport' | 'saveExport' | 'cancelExport' | 'importNotes' | 'onExportProgress'>;

export class ExportController implements ReactiveController {
  open = false;
  /** The article previewed (and exported when the scope is "this article"). */
  articleId: string | null = null;
  choices: ExportChoices = DEFAULT_CHOICES;
  preview: ExportPreview | null = null;
  previewing = false;
  saving = false;
  progress: { done: number; total: number } | null = null;
  /** What the last Copy / Save did, in words. */
  message: string | null = null;
  error: string | null = null;

  /** The preview asked for last. */
  #preview = new LatestRequest();
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: ExportBridge = defaultBridge,
    private readonly writeClipboard: (text: string) => Promise<void> = (text) => navigator.clipboard.writeText(text),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onExportProgress((progress) => {
        if (!this.saving) return;
        this.progress = progress;
        this.host.requestUpdate();
      });
    } catch {
      // No bridge: nothing to export; the library reports the missing bridge.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Open the dialog for `articleId` (the article being read, or the first in the library). */
  show(articleId: string | null): void {
    this.open = true;
    this.articleId = articleId;
    this.choices = { ...this.choices, scope: articleId ? this.choices.scope : 'library' };
    this.message = null;
    this.error = null;
    this.host.requestUpdate();
    void this.refreshPreview();
  }

  close(): void {
    if (this.saving) void this.cancel();
    this.open = false;
    this.#preview.cancel();
    this.host.requestUpdate();
  }

  choose(choices: ExportChoices): void {
    this.choices = choices;
    this.message = null;
    this.host.requestUpdate();
    void this.refreshPreview();
  }

  async refreshPreview(): Promise<void> {
    this.#preview.cancel();
    const articleId = this.articleId;
    if (!articleId) {
      this.preview = null;
      this.host.requestUpdate();
      return;
    }
    this.previewing = true;
    this.host.requestUpdate();
    await this.#preview.run(() => this.bridge.previewExport(articleId, previewFormatOf(this.choices.format), this.choices.options), {
      value: (preview) => {
        this.preview = preview;
        this.error = null;
      },
      error: (cause) => {
        this.preview = null;
        this.error = errorMessage(cause);
      },
      settled: () => {
        this.previewing = false;
        this.host.requestUpdate();
      },
    });
  }

  /** Copy the previewed export (the whole of it: a cut preview is refused). */
  async copy(): Promise<boolean> {
    const preview = this.preview;
    if (!preview) return false;
    if (preview.truncated) {
      this.error = 'This export is too long to copy. Use Save… instead.';
      this.host.requestUpdate();
      return false;
    }
    try {
      await this.writeClipboard(preview.text);
      this.message = 'Copied to the clipboard.';
      this.error = null;
      return true;
    } catch (cause) {
      this.error = `Could not copy: ${errorMessage(cause)}`;
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

  async save(): Promise<boolean> {
    const { format, scope, options } = this.choices;
    if (scope === 'article' && !this.articleId) return false;
    this.saving = true;
    this.progress = null;
    this.message = null;
    this.error = null;
    this.host.requestUpdate();
    try {
      const result = await this.bridge.saveExport({
        format,
        scope: scope === 'article' ? { kind: 'article', articleId: this.articleId! } : { kind: 'library' },
        options,
      });
      if (!result.saved) return false;
      this.message =
        result.files > 1
          ? `Saved ${count(result.annotations, 'note')} in ${count(result.files, 'file')} to ${result.path}.`
          : `Saved ${count(result.annotations, 'note')} to ${result.path}.`;
      return true;
    } catch (cause) {
      this.error = errorMessage(cause);
      return false;
    } finally {
      this.saving = false;
      this.progress = null;
      this.host.requestUpdate();
    }
  }

  async cancel(): Promise<void> {
    try {
      await this.bridge.cancelExport();
    } catch (cause) {
      this.error = errorMessage(cause);
      this.host.requestUpdate();
    }
  }

  /** File ▸ Import notes…: main asks for the file; the answer is the report, in words (null if cancelled). */
  async importNotes(): Promise<{ text: string; report: ImportReport } | null> {
    const report = await this.bridge.importNotes();
    if (!report.imported) return null;
    return { text: describeImport(report), report };
  }
}
