import { LitElement, html, nothing } from 'lit';
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
import { VirtualListController, type ListAnchor } from '../../components/virtual-list/virtual-list';

/** What the view asks of the listing it shows (the app's LibraryController). */
export interface LibraryRowSource {
  /** The rows `first`…`last` (positions) are on screen: load the ones near them. */
  show(first: number, last: number): void;
  /** Type-to-find: the first title starting with `prefix` at or after `from` (wrapping), or null. */
  locateTitle(prefix: string, from: number): Promise<number | null>;
  /** The position of an article in the listing, or null. */
  locate(id: string): Promise<number | null>;
}

/** Where the listing was left (the row on screen and the one focused), to come back to it. */
export interface LibraryPlace {
  anchor: ListAnchor;
  focusedId: string | null;
}

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
 * The library: every saved article, one row each, in the order main sends them.
 * Only the rows near the viewport are in the DOM (the shared virtual list,
 * renderer/components/virtual-list); a row main has not sent yet shows as a light
 * placeholder of the same height. Each row says its place ("row N of total":
 * `aria-posinset`/`aria-setsize`).
 *
 * Each row's title is a button named exactly by the article title; clicking
 * anywhere on the row opens it too. Up/Down move between rows, Page Up/Down by a
 * screenful, Home/End jump to the first and last of the whole library, and typing
 * the start of a title finds it.
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
    rows: { attribute: false },
    source: { attribute: false },
    virtualize: { attribute: false },
    problems: { attribute: false },
    loading: { type: Boolean },
    errorMessage: { attribute: false },
    search: { attribute: false },
    colorNames: { attribute: false },
    view: { attribute: false },
    knownTags: { attribute: false },
    importBusy: { type: Boolean },
  };

  /** One entry per article of the listing: its row, or null while main has not sent it. */
  declare rows: readonly (ArticleSummary | null)[];
  /** Loads rows near the shown ones and finds rows by title or id. */
  declare source: LibraryRowSource | null;
  /** Only the rows near the viewport in the DOM (the app); false renders every row (the bench's "every row" baseline). */
  declare virtualize: boolean;
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
  #list = new VirtualListController(this, {
    focusable: 'button.open',
    onLeaveTop: () => void this.focusSearch(),
    find: (prefix, from) => this.source?.locateTitle(prefix, from) ?? null,
    onShown: (first, last) => this.source?.show(first, last),
  });

  constructor() {
    super();
    this.rows = [];
    this.source = null;
    this.virtualize = true;
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

  /** Move keyboard focus to an article's row (e.g. the one just closed), scrolling to it if needed. Returns whether it was found. */
  async focusArticle(id: string): Promise<boolean> {
    await this.updateComplete;
    const index = this.#indexOf(id) ?? (await this.source?.locate(id)) ?? null;
    if (index === null || index < 0) return false;
    return this.#list.focusRow(index, { block: 'center' });
  }

  /** Where the listing is now (the row on screen, the focused row), for {@link returnTo}. */
  place(): LibraryPlace | null {
    const anchor = this.#list.anchor();
    if (!anchor) return null;
    const focusedId = this.#list.focused >= 0 ? (this.rows[this.#list.focused]?.id ?? null) : null;
    return { anchor, focusedId };
  }

  /**
   * Come back to a place: the row that was on screen where it was, and focus on
   * article `focusId`'s row (the one just read), found wherever it is now.
   */
  async returnTo(place: LibraryPlace | null, focusId: string | null): Promise<void> {
    await this.updateComplete;
    let focus: number | null = null;
    if (focusId) focus = this.#indexOf(focusId) ?? (await this.source?.locate(focusId)) ?? null;
    if (place) {
      // The same row at the same height, unless the row to focus moved elsewhere (another sort).
      const sameRow = focus === null || place.focusedId !== focusId || focus === place.anchor.index;
      const anchor = sameRow ? place.anchor : { index: focus!, top: window.innerHeight / 3, scrollY: place.anchor.scrollY };
      await this.#list.restore(anchor, focus);
      return;
    }
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    if (focus !== null) await this.#list.focusRow(focus, { block: 'center' });
  }

  #indexOf(id: string): number | null {
    const focused = this.#list.focused;
    if (focused >= 0 && this.rows[focused]?.id === id) return focused;
    const index = this.rows.findIndex((row) => row?.id === id);
    return index === -1 ? null : index;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // One listener for every row (rows come and go as the list scrolls); the keys are the list's own.
    this.renderRoot.addEventListener('click', this.#onListClick as EventListener);
  }

  protected override render() {
    const count = this.rows.length;
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
    if (this.rows.length > 0) return this.#renderList();
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
    const total = this.rows.length;
    return html`${this.#list.render<ArticleSummary>({
        items: this.rows,
        className: 'list',
        busy: this.loading,
        virtual: this.virtualize,
        rowHeight: 170,
        key: (article, index) => article?.id ?? `#${index}`,
        row: (article, index) => (article ? this.#renderRow(article, index, total) : this.#renderPlaceholder(index, total)),
      })}`;
  }

  #renderPlaceholder(index: number, total: number) {
    return html`<li class="row row--placeholder" data-index=${index} aria-posinset=${index + 1} aria-setsize=${total}>
      <span class="bar bar--title"></span><span class="bar bar--meta"></span><span class="visually-hidden">Loading…</span>
    </li>`;
  }

  #renderRow(article: ArticleSummary, index: number, total: number) {
    const date = formatPublished(article.publishedAt);
    const datetime = machineDate(article.publishedAt);
    const percent = percentRead(article.progress);
    const state = percent >= 100 ? 'finished' : percent > 0 ? 'started' : 'new';
    return html`
      <li class="row" data-id=${article.id} data-index=${index} data-state=${state} aria-posinset=${index + 1} aria-setsize=${total}>
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
          <button type="button" data-action=${percent < 100 ? 'read' : 'unread'} aria-describedby=${`title-${article.id}`}>
            ${percent >= 100 ? 'Mark as unread' : 'Mark as read'}
          </button>
          <button type="button" data-action="delete" aria-describedby=${`title-${article.id}`}>Delete</button>
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

  #onListClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.defaultPrevented) return;
    const target = event.target as Element | null;
    const row = target?.closest<HTMLElement>('.list > li.row');
    const id = row?.dataset['id'];
    if (!id) return;
    const action = target?.closest<HTMLElement>('.row-actions button')?.dataset['action'];
    if (action === 'delete') return this.#delete(id);
    if (action) return this.#setRead(id, action === 'read');
    if (target?.closest('.row-actions')) return;
    // A drag that selected text in the row is not a click on it.
    const selection = window.getSelection();
    if (!(event.target instanceof HTMLButtonElement) && selection && !selection.isCollapsed) return;
    fire(this, 'open-article', { id });
  };

  #toResults = () => {
    if (this.search.active) void this.#results.value?.focusFirst();
    else void this.#list.focusRow(0);
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
