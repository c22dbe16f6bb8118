import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { MenuCommand } from '../../../preload/contract';
import { CommandController } from '../../controllers/command-controller';
import { LibraryController } from '../../controllers/library-controller';
import { ReaderController } from '../../controllers/reader-controller';
import { countArticles } from '../../format';
import '../article-view/article-view';
import type { ArticleViewElement, ReadingProgressDetail } from '../article-view/article-view';
import '../library-view/library-view';
import type { LibraryViewElement, OpenArticleDetail } from '../library-view/library-view';
import { lecternAppStyles } from './lectern-app.styles';

type Route = { view: 'library' } | { view: 'article'; id: string };

/**
 * The application shell: the banner, the main landmark, a polite live region for
 * status and errors, and the switch between the library and the reader. It owns no
 * data itself: the library and reader controllers do, and they talk to the bridge.
 *
 * Listens for `open-article`, `retry-load`, `back-to-library` and `reading-progress`
 * from its views, and for main's `library:changed` and menu commands (`go-library`,
 * `go-back` — both return to the library).
 */
export class LecternAppElement extends LitElement {
  static override styles = lecternAppStyles;

  static override properties = {
    route: { state: true },
    announcement: { state: true },
    alert: { state: true },
  };

  declare route: Route;
  /** Polite status text for screen readers. */
  declare announcement: string;
  /** An error to show (and announce) until dismissed. */
  declare alert: string | null;

  #library = new LibraryController(this, undefined, (articles) =>
    this.#announce(`Library updated: ${countArticles(articles.length)}.`),
  );
  #reader = new ReaderController(this);
  #articleView = createRef<ArticleViewElement>();
  #libraryView = createRef<LibraryViewElement>();
  /** The article last read, to return focus to its row. */
  #lastOpened: string | null = null;

  constructor() {
    super();
    // Registers itself with this host; menu commands arrive through it.
    new CommandController(this, (command) => this.#onMenuCommand(command));
    this.route = { view: 'library' };
    this.announcement = '';
    this.alert = null;
  }

  protected override render() {
    return html`
      <header class="banner">
        <span class="brand">Lectern</span>
      </header>
      <main
        @open-article=${this.#onOpenArticle}
        @retry-load=${this.#onRetry}
        @back-to-library=${this.#onBack}
        @reading-progress=${this.#onProgress}
      >
        ${this.route.view === 'library'
          ? html`<library-view
              ${ref(this.#libraryView)}
              .articles=${this.#library.articles}
              .problems=${this.#library.problems}
              ?loading=${this.#library.loading}
              .errorMessage=${this.#library.error}
            ></library-view>`
          : html`<article-view
              ${ref(this.#articleView)}
              .article=${this.#reader.article}
              ?loading=${this.#reader.loading}
              .errorMessage=${this.#reader.error}
            ></article-view>`}
        <div class="status ${this.alert ? 'status--alert' : ''}">
          <p class="status-text ${this.alert ? '' : 'visually-hidden'}" role="status">${this.alert ?? this.announcement}</p>
          ${this.alert
            ? html`<button type="button" class="dismiss" @click=${this.#dismissAlert}>Dismiss</button>`
            : nothing}
        </div>
      </main>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const title =
      this.route.view === 'article'
        ? (this.#reader.article?.title ?? this.#library.titleOf(this.route.id))
        : null;
    document.title = title ? `${title} — Lectern` : 'Lectern';
  }

  /** Open an article by id (also what a row click does). */
  async openArticle(id: string): Promise<void> {
    this.#lastOpened = id;
    this.route = { view: 'article', id };
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    await this.#reader.open(id);
  }

  /** Return to the library, saving the reader's last position first. */
  async showLibrary(): Promise<void> {
    if (this.route.view === 'library') return;
    this.#articleView.value?.flushProgress();
    this.#reader.close();
    this.route = { view: 'library' };
    await this.updateComplete;
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    if (this.#lastOpened) await this.#libraryView.value?.focusArticle(this.#lastOpened);
  }

  #onOpenArticle = (event: CustomEvent<OpenArticleDetail>) => {
    void this.openArticle(event.detail.id);
  };

  #onRetry = () => {
    void this.#library.load();
  };

  #onBack = () => {
    void this.showLibrary();
  };

  #onMenuCommand(command: MenuCommand): void {
    if (command === 'go-library' || command === 'go-back') void this.showLibrary();
  }

  #onProgress = (event: CustomEvent<ReadingProgressDetail>) => {
    const { id, progress } = event.detail;
    this.#library.applyProgress(id, progress);
    this.#reader.saveProgress(id, progress).catch((cause: unknown) => {
      this.#showAlert(`Your reading position could not be saved. ${(cause as Error).message}`);
    });
  };

  #announce(text: string): void {
    // Clear first so the same words are announced again.
    this.announcement = '';
    requestAnimationFrame(() => {
      this.announcement = text;
    });
  }

  #showAlert(text: string): void {
    this.alert = text;
  }

  #dismissAlert = () => {
    this.alert = null;
  };
}

customElements.define('lectern-app', LecternAppElement);

declare global {
  interface HTMLElementTagNameMap {
    'lectern-app': LecternAppElement;
  }
}
