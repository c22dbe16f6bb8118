/**
 * The library listing: loads it through the bridge, reloads it when main says the
 * library changed, and keeps the last good listing on screen while reloading.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleSummary, LibraryProblem, ReadingProgress } from '../../preload/contract';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';

export class LibraryController implements ReactiveController {
  articles: ArticleSummary[] = [];
  problems: LibraryProblem[] = [];
  /** True until the first answer (or failure) arrives, and again while reloading. */
  loading = true;
  /** Whether a listing has ever arrived (so a reload keeps showing it). */
  loaded = false;
  error: string | null = null;

  #unsubscribe: (() => void) | null = null;
  #request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<Bridge, 'listArticles' | 'onLibraryChanged'> = defaultBridge,
    /** Told when a reload caused by main changed which articles there are (not for progress updates). */
    private readonly onReloaded: (articles: ArticleSummary[]) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onLibraryChanged(() => void this.load({ fromChange: true }));
    } catch {
      // The bridge is missing; load() below reports it.
    }
    void this.load();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async load({ fromChange = false } = {}): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const listing = await this.bridge.listArticles();
      if (request !== this.#request) return;
      const before = this.articles.map((a) => a.id).join('\n');
      this.articles = listing.articles;
      this.problems = listing.problems;
      this.error = null;
      this.loaded = true;
      if (fromChange && before !== this.articles.map((a) => a.id).join('\n')) this.onReloaded(this.articles);
    } catch (cause) {
      if (request !== this.#request) return;
      this.error = errorMessage(cause);
    } finally {
      if (request === this.#request) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Show a progress the reader just saved, without waiting for a reload. */
  applyProgress(id: string, progress: ReadingProgress): void {
    let changed = false;
    this.articles = this.articles.map((article) => {
      if (article.id !== id) return article;
      changed = true;
      return { ...article, progress };
    });
    if (changed) this.host.requestUpdate();
  }

  titleOf(id: string): string | null {
    return this.articles.find((article) => article.id === id)?.title ?? null;
  }
}
