/**
 * Saving articles on the reader's behalf, between the bridge and the
 * import service: one AbortController per save so "Cancel" stops them, progress
 * passed on (throttled), paths from main's own open dialog or granted for a drop, and answers as the
 * contract's plain view objects (file names, never the paths they came from).
 * Plain Node: `main/electron/index.ts` gives it Electron's dialog, the test harness a fake.
 */
import { basename } from 'node:path';
import { ARTICLE_FILE_EXTENSIONS, isArticleFile, type AddFilesReport, type ImportProgress, type SavedArticle } from '../../common/model';
import type { AddFilesResult, ImportCallOptions } from '.';
import { UNSUPPORTED_FILE } from './files';
import { notGranted, type GrantCheck } from './file-grants';

/** What {@link ArticleSaving} needs of `ImportService`. */
export interface Importer {
  addUrl(url: string, options?: ImportCallOptions): Promise<SavedArticle>;
  addFiles(paths: readonly string[], options?: ImportCallOptions): Promise<AddFilesResult>;
}

/** Main's open dialog for several files; null when the reader cancels. */
export interface FileChooser {
  openFiles(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string[] | null>;
}

export interface ArticleSavingOptions {
  importer: Importer;
  chooser: FileChooser;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * The paths main handed out for dropped files (main/saving/file-grants.ts); `addFiles`
   * refuses every other path as `forbidden`. None given: no dropped path is accepted.
   */
  grants?: GrantCheck;
  /** Least time between two `fetching` progress reports (bytes arrive in many small chunks). */
  progressIntervalMs?: number;
}

export const ADD_FILES_FILTERS = [
  { name: 'Articles (HTML, Markdown, text)', extensions: ARTICLE_FILE_EXTENSIONS.map((e) => e.slice(1)) },
];

export class ArticleSaving {
  readonly #importer: Importer;
  readonly #chooser: FileChooser;
  readonly #onProgress: (progress: ImportProgress) => void;
  readonly #interval: number;
  readonly #grants: GrantCheck;
  readonly #running = new Set<AbortController>();
  #choosing = false;

  constructor(options: ArticleSavingOptions) {
    this.#importer = options.importer;
    this.#chooser = options.chooser;
    this.#onProgress = options.onProgress ?? (() => {});
    this.#interval = options.progressIntervalMs ?? 100;
    this.#grants = options.grants ?? { take: (paths) => [...new Set(paths)] };
  }

  /** Fetch, extract and save the page at `url` (already validated by the contract). */
  async addUrl(url: string): Promise<SavedArticle> {
    return this.#run(async (options) => {
      const saved = await this.#importer.addUrl(url, options);
      return { id: saved.id, title: saved.title, updated: saved.updated, warnings: saved.warnings };
    });
  }

  /**
   * Save files dropped on the window (`library:add-files`): only paths main handed out
   * for a drop (each grant used once); any other path refuses the whole call as
   * `forbidden` before anything is read. Form checked by the contract; existence, kind
   * and size by the importer.
   */
  async addFiles(paths: readonly string[]): Promise<AddFilesReport> {
    const missing = this.#grants.take(paths);
    if (missing.length > 0) throw notGranted(missing, new Set(paths).size);
    return this.#addPaths(paths);
  }

  /** Save files whose paths are main's own (a drop's grants taken, or main's open dialog). */
  async #addPaths(paths: readonly string[]): Promise<AddFilesReport> {
    // Another kind of file is refused by name before anything reads it.
    const wrongKind = paths.filter((path) => !isArticleFile(path));
    const readable = paths.filter(isArticleFile);
    return this.#run(async (options) => {
      const result = readable.length > 0 ? await this.#importer.addFiles(readable, options) : { added: [], refused: [] };
      const refused = wrongKind.map((file) => ({ file, code: 'invalid-input' as const, reason: UNSUPPORTED_FILE }));
      return report(true, { added: result.added, refused: [...refused, ...result.refused] });
    });
  }

  /** Main's open dialog, then save what was chosen. */
  async chooseFiles(): Promise<AddFilesReport> {
    // One open dialog at a time (a shortcut may reach both the menu and the page).
    if (this.#choosing) return { chosen: false, added: [], refused: [] };
    this.#choosing = true;
    let paths: string[] | null;
    try {
      paths = await this.#chooser.openFiles({ title: 'Add files to the library', filters: ADD_FILES_FILTERS });
    } finally {
      this.#choosing = false;
    }
    if (!paths || paths.length === 0) return { chosen: false, added: [], refused: [] };
    // The dialog's paths are main's own: no grant needed.
    return this.#addPaths(paths);
  }

  /** Stop every save that is running; each answers `cancelled` and leaves nothing half-written. */
  cancel(): void {
    for (const controller of this.#running) controller.abort();
  }

  async #run<T>(task: (options: ImportCallOptions) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.#running.add(controller);
    let lastFetching = 0;
    const onProgress = (progress: ImportProgress) => {
      if (progress.stage === 'fetching') {
        const now = Date.now();
        if (now - lastFetching < this.#interval) return;
        lastFetching = now;
      }
      this.#onProgress(progress.stage === 'file' ? { ...progress, file: basename(progress.file) } : progress);
    };
    try {
      return await task({ signal: controller.signal, onProgress });
    } finally {
      this.#running.delete(controller);
    }
  }
}

function report(chosen: boolean, result: AddFilesResult): AddFilesReport {
  return {
    chosen,
    added: result.added.map((a) => ({ id: a.id, title: a.title, updated: a.updated, warnings: a.warnings, file: basename(a.file) })),
    refused: result.refused.map((r) => ({ file: basename(r.file), code: r.code, reason: r.reason })),
  };
}
