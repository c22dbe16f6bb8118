/**
 * Saving articles: from a URL, from main's open dialog, from files dropped
 * on the window. Holds what the progress line says while a save runs, and the
 * failure in the service's own words. Only one save at a time from this window.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AddFilesReport, ImportProgress, SavedArticle } from '../../common/model';
import { bridge as defaultBridge, LecternError, type Bridge } from '../bridge';
import { plural } from '../format';
import { errorMessage } from './errors';

type ImportBridge = Pick<Bridge, 'addUrl' | 'addDroppedFiles' | 'chooseFiles' | 'cancelImport' | 'onImportProgress'>;

/** "Downloading the page… 120 KB", "Saving images… 2 of 3": the progress line. */
export function describeProgress(progress: ImportProgress): string {
  switch (progress.stage) {
    case 'fetching': {
      const kb = Math.round(progress.bytes / 1024);
      const total = progress.total ? ` of ${Math.round(progress.total / 1024)} KB` : ' KB';
      return `Downloading the page… ${kb}${total}`;
    }
    case 'extracting':
      return 'Finding the article…';
    case 'images':
      return `Saving images… ${progress.done} of ${progress.total}`;
    case 'saving':
      return 'Saving…';
    case 'file':
      return `Adding ${progress.file} (${progress.index + 1} of ${progress.count})…`;
  }
}

/** "Added 2 articles. 1 file was refused: x.pdf — Only .html, … can be added." */
export function describeReport(report: AddFilesReport): string {
  const parts: string[] = [];
  const added = report.added.length;
  if (added > 0) parts.push(`Added ${added} ${plural(added, 'article')}.`);
  else parts.push('No article was added.');
  const refused = report.refused.length;
  if (refused > 0) {
    parts.push(
      `${refused} ${plural(refused, 'file was', 'files were')} refused: ` +
        report.refused.map((r) => `${r.file} — ${r.reason}`).join('; '),
    );
  }
  return parts.join(' ');
}

export class ImportController implements ReactiveController {
  /** A save is running. */
  busy = false;
  /** What the running save is doing, in words. */
  progress = '';
  /** Why the last URL could not be saved, in the service's words. */
  error: string | null = null;

  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: ImportBridge = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onImportProgress((progress) => {
        if (!this.busy) return;
        this.progress = describeProgress(progress);
        this.host.requestUpdate();
      });
    } catch {
      // No bridge: saving reports it when tried.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  clearError(): void {
    this.error = null;
    this.host.requestUpdate();
  }

  /** Save the page at `url`; the saved article, or null (the error is in `error`; cancelled leaves none). */
  async addUrl(url: string): Promise<SavedArticle | null> {
    return this.#run('Downloading the page…', () => this.bridge.addUrl(url), true);
  }

  /** Main's open dialog, then the files chosen. */
  chooseFiles(): Promise<AddFilesReport | null> {
    return this.#run('Adding files…', () => this.bridge.chooseFiles(), false);
  }

  /** Files dropped on the window. */
  addDropped(files: readonly File[]): Promise<AddFilesReport | null> {
    return this.#run('Adding files…', () => this.bridge.addDroppedFiles(files), false);
  }

  async cancel(): Promise<void> {
    if (!this.busy) return;
    this.progress = 'Cancelling…';
    this.host.requestUpdate();
    await this.bridge.cancelImport().catch(() => null);
  }

  async #run<T>(first: string, task: () => Promise<T>, keepError: boolean): Promise<T | null> {
    if (this.busy) {
      // A file dialog asked twice (menu accelerator and page shortcut) is simply not asked again.
      if (keepError) {
        this.error = 'Another article is being saved. Wait for it, or cancel it.';
        this.host.requestUpdate();
      }
      return null;
    }
    this.busy = true;
    this.progress = first;
    this.error = null;
    this.host.requestUpdate();
    try {
      return await task();
    } catch (cause) {
      if (!(cause instanceof LecternError && cause.code === 'cancelled')) {
        if (!keepError) throw cause;
        this.error = errorMessage(cause);
      }
      return null;
    } finally {
      this.busy = false;
      this.progress = '';
      this.host.requestUpdate();
    }
  }
}
