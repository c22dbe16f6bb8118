/**
 * The open article: fetches it through the bridge and saves reading progress.
 * Progress saved in this session is remembered, so reopening an article at once
 * never shows an older position than the one just written.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleView, ReadingProgress } from '../../common/model';
import { LecternError, bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';

export class ReaderController implements ReactiveController {
  article: ArticleView | null = null;
  loading = false;
  error: string | null = null;

  #latest = new LatestRequest();
  #saved = new Map<string, ReadingProgress>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<Bridge, 'getArticle' | 'setReadingProgress'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async open(id: string): Promise<void> {
    this.article = null;
    this.error = null;
    this.loading = true;
    this.host.requestUpdate();
    await this.#latest.run(() => this.bridge.getArticle(id), {
      value: (article) => {
        const local = this.#saved.get(id);
        this.article = local ? { ...article, progress: local } : article;
      },
      error: (cause) => {
        this.error = errorMessage(cause);
      },
      settled: () => {
        this.loading = false;
        this.host.requestUpdate();
      },
    });
  }

  close(): void {
    this.#latest.cancel();
    this.article = null;
    this.error = null;
    this.loading = false;
    this.host.requestUpdate();
  }

  /**
   * Save where the reader is. Rejects with the bridge's message if main refused —
   * except for a read-only library (ARCHITECTURE.md §3, the library lock): the window's
   * read-only line already says changes are not saved, and an alert on every scroll
   * would only repeat it. The position is still remembered for this session.
   */
  async saveProgress(id: string, progress: ReadingProgress): Promise<void> {
    this.#saved.set(id, progress);
    try {
      await this.bridge.setReadingProgress(id, progress);
    } catch (cause) {
      if (cause instanceof LecternError && cause.code === 'read-only') return;
      throw new Error(errorMessage(cause));
    }
  }
}
