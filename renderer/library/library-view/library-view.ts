import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ArticleSummary, ColorNames, LibraryProblem } from '../../../common/model';
import type { SearchAnswer, SearchFilters } from '../../../common/search';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import {
  countArticles,
  plural,
  formatProgress,
  formatPublished,
  formatReadingTime,
  machineDate,
  percentRead,
} from '../../format';
import type { LibraryViewOptions } from '../../controllers/library-controller';
import '../library-toolbar/library-toolbar';
import '../search-field/search-field';
import type { SearchFieldElement } from '../search-field/search-field';
import '../search-results/search-results';
import type { SearchResultsElement } from '../search-results/search-results';
import { libraryViewStyles } from './library-view.styles';
import { fire } from '../../events';

/** The library search as the view shows it (owned by the app's SearchController). */
export interface LibrarySearchState {
  query: string;
  filters: SearchFilters;
  /** A query or a filter is set: results replace the list. */
  active: boolean;
  answer: SearchAnswer | null;
  busy: boolean;
  error: string | null;
  /** More articles match than are shown. */
  canShowMore: boolean;
}

/**
 * The library: every saved article, one row each, newest first as main sends them.
 *
 * Each row's title is a button named exactly by the article title; clicking
 * anywhere on the row opens it too. Up/Down move between rows, Home/End jump to the
 * first and last.
 *
 * Over the list sits the library search (`<search-field>`); while a query or a
 * filter is set, `<search-results>` replace the list.
 *
 * @fires open-article - `{ id, landing? }`: the reader chose an article or a search hit (bubbles, composed).
 * @fires retry-load - the reader asked to load the library again after an error (bubbles, composed).
 * @fires article-set-read - `{ id, read }`: a row's "Mark as read/unread" (bubbles, composed).
 * @fires article-delete - `{ id }`: a row's "Delete" (bubbles, composed).
 * The toolbar's events (`add-url-open`, `add-files`, `show-trash`, `library-view-change`) bubble out unchanged.
 */
export class LibraryViewElement extends LitElement {
  static override styles = libraryViewStyles;

  static override properties = {
    articles: { attribute: false },
    problems: { attribute: false },
    loading: { type: Boolean },
    errorMessage: { attribute: false },
    search: { attribute: false },
    colorNames: { attribute: false },
    view: { attribute: false },
    knownTags: { attribute: false },
    importBusy: { type: Boolean },
  };

  /** The rows to show. */
  declare articles: ArticleSummary[];
  /** Files the library could not read (moved to `.quarantine/`). */
  declare problems: LibraryProblem[];
  /** A load is in flight (the first one shows a loading state; later ones keep the list). */
  declare loading: boolean;
  /** Why the library could not be loaded, if it could not. */
  declare errorMessage: string | null;
  declare search: LibrarySearchState;
  declare colorNames: ColorNames;
  /** How the list is sorted and filtered. */
  declare view: LibraryViewOptions;
  /** Article tags to offer as filters. */
  declare knownTags: string[];
  /** A save is running. */
  declare importBusy: boolean;

  #field = createRef<SearchFieldElement>();
  #results = createRef<SearchResultsElement>();

  constructor() {
    super();
    this.articles = [];
    this.problems = [];
    this.loading = false;
    this.errorMessage = null;
    this.search = {
      query: '',
      filters: { colors: [], tags: [], hasNotes: false },
      active: false,
      answer: null,
      busy: false,
      error: null,
      canShowMore: false,
    };
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.view = { sort: 'saved', filter: 'all', tag: null };
    this.knownTags = [];
    this.importBusy = false;
  }

  /** Focus the search field (Ctrl/Cmd+K). */
  async focusSearch(): Promise<void> {
    await this.updateComplete;
    await this.#field.value?.focusField();
  }

  /** Move keyboard focus to an article's row (e.g. the one just closed). Returns whether it was found. */
  async focusArticle(id: string): Promise<boolean> {
    await this.updateComplete;
    const button = this.#buttons().find((b) => b.dataset['id'] === id);
    button?.focus();
    return button !== undefined;
  }

  protected override render() {
    const count = this.articles.length;
    return html`
      <div class="page">
        <header class="head">
          <h1>Library</h1>
          ${count > 0 ? html`<p class="count">${countArticles(count)}</p>` : nothing}
        </header>
        <search-field
          ${ref(this.#field)}
          .query=${this.search.query}
          .filters=${this.search.filters}
          .colorNames=${this.colorNames}
          @search-leave=${this.#toResults}
        ></search-field>
        ${this.search.active
          ? nothing
          : html`<library-toolbar class="tools" .view=${this.view} .tags=${this.knownTags} ?busy=${this.importBusy}></library-toolbar>`}
        ${this.#renderProblems()} ${this.#renderError()}
        ${this.search.active
          ? html`<search-results
              ${ref(this.#results)}
              .answer=${this.search.answer}
              ?busy=${this.search.busy}
              .errorMessage=${this.search.error}
              .colorNames=${this.colorNames}
              ?canShowMore=${this.search.canShowMore}
              @results-leave=${this.#toField}
            ></search-results>`
          : this.#renderBody()}
      </div>
    `;
  }

  #renderBody() {
    if (this.articles.length > 0) return this.#renderList();
    if (this.loading) return html`<p class="state">Loading your library…</p>`;
    if (this.errorMessage) return nothing;
    if (this.view.filter !== 'all') {
      return html`<p class="state">No article matches. Choose “All articles” under Show to see the whole library.</p>`;
    }
    return html`
      <div class="empty">
        <p class="empty-title">Nothing to read yet</p>
        <p>
          Add a page with “Add from URL…” (or paste its address here), or drop HTML, Markdown and text files on the
          window. Saved articles appear here, ready to read offline. Your reading position is kept for each one.
        </p>
      </div>
    `;
  }

  #renderList() {
    return html`
      <ul class="list" aria-busy=${this.loading ? 'true' : 'false'} @click=${this.#onListClick} @keydown=${this.#onListKeyDown}>
        ${repeat(
          this.articles,
          (article) => article.id,
          (article) => this.#renderRow(article),
        )}
      </ul>
    `;
  }

  #renderRow(article: ArticleSummary) {
    const date = formatPublished(article.publishedAt);
    const datetime = machineDate(article.publishedAt);
    const percent = percentRead(article.progress);
    const state = percent >= 100 ? 'finished' : percent > 0 ? 'started' : 'new';
    return html`
      <li class="row" data-id=${article.id} data-state=${state}>
        <h2 class="title">
          <button type="button" class="open" id=${`title-${article.id}`} data-id=${article.id}>${article.title}</button>
        </h2>
        <p class="meta">
          ${article.site ? html`<span class="site">${article.site}</span><span class="sep" aria-hidden="true"> · </span>` : nothing}
          ${date ? html`<time datetime=${datetime ?? nothing}>${date}</time><span class="sep" aria-hidden="true"> · </span>` : nothing}
          <span>${formatReadingTime(article.readingMinutes)}</span>
        </p>
        ${article.tags.length > 0
          ? html`<p class="tags"><span class="visually-hidden">Tags: </span>${article.tags.map((t) => html`<span class="tag">#${t}</span> `)}</p>`
          : nothing}
        <div class="progress">
          <progress max="100" .value=${percent} aria-label="Reading progress"></progress>
          <span class="progress-text">${formatProgress(article.progress)}</span>
        </div>
        <div class="row-actions">
          <!-- Named by their words, described by the row's title (which the rows' names must not repeat). -->
          <button type="button" aria-describedby=${`title-${article.id}`} @click=${() => this.#setRead(article.id, percent < 100)}>
            ${percent >= 100 ? 'Mark as unread' : 'Mark as read'}
          </button>
          <button type="button" aria-describedby=${`title-${article.id}`} @click=${() => this.#delete(article.id)}>Delete</button>
        </div>
      </li>
    `;
  }

  #renderProblems() {
    const n = this.problems.length;
    if (n === 0) return nothing;
    const left = this.problems.some((problem) => problem.movedTo === null);
    const where = left ? 'was moved to .quarantine/ or left where it is' : 'was moved to .quarantine/';
    const summary =
      n === 1
        ? `1 file could not be read and ${where} — the rest of the library is fine.`
        : `${n} files could not be read and ${where.replace('was', 'were')} — the rest of the library is fine.`;
    return html`
      <div class="notice" role="alert">
        <p class="notice-text">${summary}</p>
        <details>
          <summary>${plural(n, 'Which file', 'Which files')}</summary>
          <ul class="problems">
            ${this.problems.map(
              (problem) => html`
                <li>
                  <code>${problem.file}</code> ${problem.movedTo === null ? '(left where it is)' : html`→ <code>${problem.movedTo}</code>`}
                  <span class="reason">${problem.reason}</span>
                </li>
              `,
            )}
          </ul>
        </details>
      </div>
    `;
  }

  #renderError() {
    if (!this.errorMessage) return nothing;
    return html`
      <div class="error" role="alert">
        <p class="error-title">The library could not be loaded.</p>
        <p class="error-text">${this.errorMessage}</p>
        <button type="button" class="retry" @click=${this.#retry}>Try again</button>
      </div>
    `;
  }

  #buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.open')];
  }

  #onListClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.defaultPrevented) return;
    if ((event.target as Element | null)?.closest('.row-actions')) return;
    const row = (event.target as Element | null)?.closest<HTMLElement>('li.row');
    const id = row?.dataset['id'];
    if (!id) return;
    // A drag that selected text in the row is not a click on it.
    const selection = window.getSelection();
    if (!(event.target instanceof HTMLButtonElement) && selection && !selection.isCollapsed) return;
    fire(this, 'open-article', { id });
  };

  #onListKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const buttons = this.#buttons();
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    if (current === -1) return;
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(buttons.length - 1, current + 1);
        break;
      case 'ArrowUp':
        if (current === 0) {
          // Up from the first row goes back to the search field.
          event.preventDefault();
          void this.focusSearch();
          return;
        }
        next = current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = buttons.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    buttons[next]?.focus();
  };

  #toResults = () => {
    if (this.search.active) void this.#results.value?.focusFirst();
    else this.#buttons()[0]?.focus();
  };

  #toField = () => {
    void this.focusSearch();
  };

  #setRead(id: string, read: boolean): void {
    fire(this, 'article-set-read', { id, read });
  }

  #delete(id: string): void {
    fire(this, 'article-delete', { id });
  }

  #retry = () => {
    fire(this, 'retry-load');
  };
}

customElements.define('library-view', LibraryViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'library-view': LibraryViewElement;
  }
}
