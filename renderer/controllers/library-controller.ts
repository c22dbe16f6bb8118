/**
 * The library listing: loads it through the bridge, reloads it when main says the
 * library changed, and keeps the last good listing on screen while reloading.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleSummary, LibraryFilter, LibraryProblem, LibrarySort, ReadingProgress } from '../../common/model';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';

/** How the listing is ordered and narrowed (sent to main with each load). */
export interface LibraryViewOptions {
  sort: LibrarySort;
  filter: LibraryFilter;
  /** For `filter: 'tag'`. */
  tag: string | null;
}

export class LibraryController implements ReactiveController {
  articles: ArticleSummary[] = [];
  view: LibraryViewOptions = { sort: 'saved', filter: 'all', tag: null };
  /** Every article tag seen in an unfiltered listing, for the filter menu. */
  knownTags: string[] = [];
  problems: LibraryProblem[] = [];
  /** True until the first answer (or failure) arrives, and again while reloading. */
  loading = true;
  /** Whether a listing has ever arrived (so a reload keeps showing it). */
  loaded = false;
  error: string | null = null;

  #unsubscribe: (() => void) | null = null;
  #latest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<
      Bridge,
      'listArticles' | 'onLibraryChanged' | 'deleteArticle' | 'restoreArticle' | 'setArticleRead' | 'setArticleTags'
    > = defaultBridge,
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
    this.loading = true;
    this.host.requestUpdate();
    const { sort, filter, tag } = this.view;
    await this.#latest.run(
      () => this.bridge.listArticles(filter === 'tag' && tag ? { sort, filter, tag } : { sort, filter: filter === 'tag' ? 'all' : filter }),
      {
        value: (listing) => {
          if (filter === 'all') {
            const tags = new Map<string, string>();
            for (const article of listing.articles) for (const t of article.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
            this.knownTags = [...tags.values()].sort((a, b) => a.localeCompare(b));
          }
          const before = this.articles.map((a) => a.id).join('\n');
          this.articles = listing.articles;
          this.problems = listing.problems;
          this.error = null;
          this.loaded = true;
          if (fromChange && before !== this.articles.map((a) => a.id).join('\n')) this.onReloaded(this.articles);
        },
        error: (cause) => {
          this.error = errorMessage(cause);
        },
        settled: () => {
          this.loading = false;
          this.host.requestUpdate();
        },
      },
    );
  }

  /** Order or narrow the listing differently, and load it again. */
  setView(view: LibraryViewOptions): Promise<void> {
    this.view = view;
    return this.load();
  }

  /** Move an article to the trash (main then says the library changed). Rejects with main's words. */
  async deleteArticle(id: string): Promise<void> {
    await this.bridge.deleteArticle(id);
  }

  /** Bring an article back from the trash. */
  async restoreArticle(id: string): Promise<void> {
    await this.bridge.restoreArticle(id);
  }

  /** Mark read or unread; the new row, shown at once. */
  async setRead(id: string, read: boolean): Promise<ArticleSummary> {
    const summary = await this.bridge.setArticleRead(id, read);
    this.applySummary(summary);
    return summary;
  }

  /** Replace the article's tags; the new row, shown at once. */
  async setTags(id: string, tags: string[]): Promise<ArticleSummary> {
    const summary = await this.bridge.setArticleTags(id, tags);
    this.applySummary(summary);
    return summary;
  }

  /** Show a row main just answered with (read state, tags), without waiting for a reload. */
  applySummary(summary: ArticleSummary): void {
    this.articles = this.articles.map((article) => (article.id === summary.id ? summary : article));
    this.host.requestUpdate();
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
