import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { AddFilesReport, ArticleSummary, ColorNames, LibraryProblem } from '../../../common/model';
import { DropPasteController } from '../../controllers/drop-paste-controller';
import { errorMessage } from '../../controllers/errors';
import { trashWithUndo } from '../../controllers/trash-with-undo';
import { ImportController, describeReport } from '../../controllers/import-controller';
import type { LibraryController, LibraryViewOptions } from '../../controllers/library-controller';
import { SearchController } from '../../controllers/search-controller';
import { TrashController } from '../../controllers/trash-controller';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import {
  fire,
  type AddUrlDetail,
  type ArticleIdDetail,
  type ArticleReadDetail,
  type SearchChangeDetail,
  type TrashIdDetail,
} from '../../events';
import { countArticles } from '../../format';
import '../add-url-dialog/add-url-dialog';
import '../library-view/library-view';
import type { LibraryPlace, LibraryViewElement } from '../library-view/library-view';
import '../trash-view/trash-view';
import type { TrashViewElement } from '../trash-view/trash-view';
import { libraryPageStyles } from './library-page.styles';

/** The listing as the shell's shared library controller last had it. */
export interface ListingState {
  /** One entry per article of the listing: its row, or null while not loaded. */
  rows: readonly (ArticleSummary | null)[];
  problems: LibraryProblem[];
  loading: boolean;
  error: string | null;
  view: LibraryViewOptions;
  knownTags: string[];
}

/**
 * The library's wing (ARCHITECTURE.md §2): the listing with its search
 * (`<library-view>`, {@link SearchController}), the Trash (`<trash-view>`,
 * {@link TrashController}), and saving articles — "Add from URL" (`<add-url-dialog>`:
 * the toolbar, Ctrl/Cmd+L, File ▸ Add from URL…, or an http(s) address pasted into the
 * library), "Add files" (main's open dialog) and files dropped anywhere on the window,
 * through the {@link ImportController}. Every intent the library raises is handled
 * here; what a save, a restore or a deletion did goes up as `announce` or
 * `status-alert`. It stays connected while the reader is shown, so a search, a running
 * save and the drop target live on; it renders the listing only while `active`.
 *
 * @slot status - the shell's status region, inside the main landmark.
 * @fires announce - `{ message }`: something to tell a screen reader (bubbles, composed).
 * @fires status-alert - `{ message }`: an error to show until dismissed (bubbles, composed).
 * @fires undo-offer - `{ message, undo }`: a deleted article can be brought back (bubbles, composed).
 * @fires open-article - `{ id }`: an address was saved; read it (bubbles, composed). The
 * views' own `open-article` and the trash's `back-to-library` bubble on unchanged.
 */
export class LibraryPageElement extends LitElement {
  static override styles = libraryPageStyles;

  static override properties = {
    active: { type: Boolean },
    library: { attribute: false },
    listing: { attribute: false },
    colorNames: { attribute: false },
    dialogOpen: { type: Boolean },
    trash: { state: true },
    addUrlOpen: { state: true },
    addUrlInitial: { state: true },
  };

  /** The library is the page shown (not the reader). */
  declare active: boolean;
  /** The listing the shell shares with both wings (its commands). */
  declare library: LibraryController | null;
  /** The listing itself, as last loaded. */
  declare listing: ListingState;
  /** The reader's names for the highlight colors (search results and filters). */
  declare colorNames: ColorNames;
  /** Another dialog (Export) is open: a pasted address waits. */
  declare dialogOpen: boolean;
  /** The Trash is shown instead of the listing. */
  declare trash: boolean;
  /** The "Add from URL" dialog is open, starting with this address. */
  declare addUrlOpen: boolean;
  declare addUrlInitial: string;

  #search = new SearchController(this);
  #import = new ImportController(this);
  #trash = new TrashController(this);
  #dropPaste = new DropPasteController(this, {
    onFiles: (files) => void this.#addFilesWith(() => this.#import.addDropped(files)),
    acceptsPaste: () => this.showingList && !this.addUrlOpen && !this.dialogOpen,
    onUrl: (url) => this.openAddUrl(url),
  });
  #libraryView = createRef<LibraryViewElement>();
  #trashView = createRef<TrashViewElement>();
  /** Where the listing was when it was last left for the reader or the Trash. */
  #place: LibraryPlace | null = null;

  constructor() {
    super();
    this.active = true;
    this.library = null;
    this.listing = { rows: [], problems: [], loading: true, error: null, view: { sort: 'saved', filter: 'all', tag: null }, knownTags: [] };
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.dialogOpen = false;
    this.trash = false;
    this.addUrlOpen = false;
    this.addUrlInitial = '';
  }

  /** The listing (not the Trash) is shown. */
  get showingList(): boolean {
    return this.active && !this.trash;
  }

  /** A search is active (its results replace the listing). */
  get searching(): boolean {
    return this.#search.active;
  }

  /**
   * The listing is about to be shown again (instead of the reader or the Trash): ask
   * the search again, as notes or highlights may have changed while reading. Then,
   * once the shell has made this page `active`, {@link settle}.
   */
  returning(): void {
    this.trash = false;
    if (this.#search.active) void this.#search.run();
  }

  /**
   * The listing is shown again: back where it was left (the same row at the same
   * height) with focus on `focusArticle`'s row; over search results, at the top.
   */
  async settle(focusArticle: string | null): Promise<void> {
    await this.updateComplete;
    const place = this.#place;
    this.#place = null;
    if (this.#search.active || !this.#libraryView.value) {
      window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
      return;
    }
    await this.#libraryView.value.returnTo(place, focusArticle);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The listing is about to go (the reader or the Trash): remember where it was.
    const wasShowing = (changed.has('active') ? changed.get('active') : this.active) && !(changed.has('trash') ? changed.get('trash') : this.trash);
    if (wasShowing && !this.showingList && !this.#place) this.#place = this.#libraryView.value?.place() ?? null;
  }

  /** Focus the search field (Ctrl/Cmd+K). */
  async focusSearch(): Promise<void> {
    await this.updateComplete;
    await this.#libraryView.value?.focusSearch();
  }

  /** Notes were imported: ask the search again. */
  refreshSearch(): void {
    if (this.#search.active) void this.#search.run();
  }

  /** Open "Add from URL" over the listing, starting with `url`. */
  openAddUrl(url = ''): void {
    if (!this.#import.busy) this.#import.clearError();
    this.addUrlInitial = url;
    this.addUrlOpen = true;
  }

  /** File ▸ Add Files… or the library's "Add files…": main's open dialog, then a summary. */
  async addFiles(): Promise<void> {
    await this.#addFilesWith(() => this.#import.chooseFiles());
  }

  protected override render() {
    return html`
      ${this.active
        ? html`<div class="layout">
            <main
              @open-article=${this.#rememberPlace}
              @search-change=${this.#onSearchChange}
              @show-more=${() => void this.#search.showMore()}
              @retry-load=${this.#onRetry}
              @add-url-open=${this.#onAddUrlOpen}
              @add-files=${this.#onAddFiles}
              @show-trash=${this.#onShowTrash}
              @library-view-change=${this.#onViewChange}
              @trash-restore=${this.#onTrashRestore}
              @trash-empty=${this.#onTrashEmpty}
              @article-delete=${this.#onArticleDelete}
              @article-set-read=${this.#onArticleSetRead}
            >
              ${this.trash ? this.#renderTrash() : this.#renderListing()}
              <slot name="status"></slot>
            </main>
          </div>`
        : nothing}
      <add-url-dialog
        ?open=${this.addUrlOpen}
        .url=${this.addUrlInitial}
        ?busy=${this.#import.busy}
        .progress=${this.#import.progress}
        .errorMessage=${this.#import.error}
        @add-url-submit=${this.#onAddUrlSubmit}
        @add-url-cancel=${() => void this.#import.cancel()}
        @add-url-close=${this.#onAddUrlClose}
      ></add-url-dialog>
      ${this.#dropPaste.dropping ? html`<div class="drop-hint" aria-hidden="true"><p>Drop HTML, Markdown or text files to add them</p></div>` : nothing}
      ${this.#import.busy && !this.addUrlOpen
        ? html`<div class="import-status">
            <p role="status">${this.#import.progress}</p>
            <button type="button" @click=${() => void this.#import.cancel()}>Cancel</button>
          </div>`
        : nothing}
    `;
  }

  #renderListing() {
    const listing = this.listing;
    const search = this.#search;
    return html`<library-view
      ${ref(this.#libraryView)}
      .rows=${listing.rows}
      .source=${this.library}
      .problems=${listing.problems}
      ?loading=${listing.loading}
      .errorMessage=${listing.error}
      .search=${{
        query: search.query,
        filters: search.filters,
        active: search.active,
        answer: search.answer,
        busy: search.busy,
        error: search.error,
        canShowMore: search.canShowMore,
      }}
      .colorNames=${this.colorNames}
      .view=${listing.view}
      .knownTags=${listing.knownTags}
      ?importBusy=${this.#import.busy}
    ></library-view>`;
  }

  #renderTrash() {
    return html`<trash-view
      ${ref(this.#trashView)}
      .items=${this.#trash.items}
      ?loading=${this.#trash.loading}
      .errorMessage=${this.#trash.error}
    ></trash-view>`;
  }

  // ---------------------------------------------------------------- the listing and search

  #onSearchChange = (event: CustomEvent<SearchChangeDetail>) => {
    this.#search.set(event.detail.query, event.detail.filters);
  };

  /** An article is being opened from the listing: remember where the listing is, before the reader scrolls the window. */
  #rememberPlace = () => {
    if (!this.#search.active) this.#place = this.#libraryView.value?.place() ?? null;
  };

  #onRetry = () => {
    void this.library?.load();
  };

  #onViewChange = (event: CustomEvent<LibraryViewOptions>) => {
    void this.library?.setView(event.detail);
  };

  #onArticleDelete = async (event: CustomEvent<ArticleIdDetail>) => {
    const library = this.library;
    if (!library) return;
    const { id } = event.detail;
    const title = library.titleOf(id) ?? id;
    await trashWithUndo(this, library, id, title);
  };

  #onArticleSetRead = async (event: CustomEvent<ArticleReadDetail>) => {
    const { id, read } = event.detail;
    try {
      await this.library!.setRead(id, read);
      this.#announce(read ? 'Marked as read.' : 'Marked as unread.');
    } catch (cause) {
      this.#alert(`The article could not be marked. ${errorMessage(cause)}`);
    }
  };

  // ---------------------------------------------------------------- the trash

  #onShowTrash = async () => {
    if (!this.#search.active) this.#place = this.#libraryView.value?.place() ?? null;
    this.trash = true;
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    await this.updateComplete;
    await this.#trashView.value?.focusHeading();
    await this.#trash.load();
  };

  #onTrashRestore = async (event: CustomEvent<TrashIdDetail>) => {
    const title = await this.#trash.restore(event.detail.id);
    if (title) this.#announce(`Restored “${title}”.`);
  };

  #onTrashEmpty = async () => {
    const removed = await this.#trash.empty();
    if (removed !== null) this.#announce(`Trash emptied: ${countArticles(removed)} deleted for good.`);
  };

  // ---------------------------------------------------------------- saving articles

  /** Add files (chosen in main's dialog, or dropped) and say what happened. */
  async #addFilesWith(add: () => Promise<AddFilesReport | null>): Promise<void> {
    try {
      const report = await add();
      if (!report?.chosen) return;
      const text = describeReport(report);
      if (report.refused.length > 0 || report.added.length === 0) this.#alert(text);
      else this.#announce(text);
    } catch (cause) {
      this.#alert(`The files could not be added. ${errorMessage(cause)}`);
    }
  }

  #onAddUrlOpen = () => {
    this.openAddUrl();
  };

  #onAddFiles = () => {
    void this.addFiles();
  };

  #onAddUrlSubmit = async (event: CustomEvent<AddUrlDetail>) => {
    const saved = await this.#import.addUrl(event.detail.url);
    if (!saved) return;
    this.addUrlOpen = false;
    const left = saved.warnings.length;
    if (left > 0) this.#alert(`Saved “${saved.title}”. ${saved.warnings.join(' ')}`);
    else this.#announce(`${saved.updated ? 'Updated' : 'Saved'} “${saved.title}”.`);
    fire(this, 'open-article', { id: saved.id });
  };

  #onAddUrlClose = () => {
    if (this.#import.busy) void this.#import.cancel();
    this.addUrlOpen = false;
  };

  #announce(message: string): void {
    fire(this, 'announce', { message });
  }

  #alert(message: string): void {
    fire(this, 'status-alert', { message });
  }
}

customElements.define('library-page', LibraryPageElement);

declare global {
  interface HTMLElementTagNameMap {
    'library-page': LibraryPageElement;
  }
}
