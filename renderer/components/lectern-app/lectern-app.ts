import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { MenuCommand } from '../../../common/ipc';
import { AnnotationsController } from '../../controllers/annotations-controller';
import { CommandController } from '../../controllers/command-controller';
import { LibraryController, type LibraryViewOptions } from '../../controllers/library-controller';
import { ImportController, describeReport } from '../../controllers/import-controller';
import { DropPasteController } from '../../controllers/drop-paste-controller';
import { SettingsController } from '../../controllers/settings-controller';
import { TrashController } from '../../controllers/trash-controller';
import type { AddFilesReport, ArticleSummary } from '../../../common/model';
import '../add-url-dialog/add-url-dialog';
import '../article-actions/article-actions';
import '../trash-view/trash-view';
import type { TrashViewElement } from '../trash-view/trash-view';
import { ReaderController } from '../../controllers/reader-controller';
import { SearchController } from '../../controllers/search-controller';
import { ExportController, type ExportChoices } from '../../controllers/export-controller';
import { errorMessage } from '../../controllers/errors';
import '../export-dialog/export-dialog';
import type { Landing } from '../../landing';
import { countArticles, shortQuote } from '../../format';
import { deepActiveElement } from '../../dom';
import { SHORTCUTS, matches } from '../../shortcuts';
import { isTextField } from '../../text-field';
import '../annotation-panel/annotation-panel';
import '../article-view/article-view';
import type { ArticleViewElement } from '../article-view/article-view';
import '../library-view/library-view';
import type { LibraryViewElement } from '../library-view/library-view';
import type {
  AddUrlDetail,
  AnnounceDetail,
  ArticleIdDetail,
  ArticleNoteInputDetail,
  ArticleReadDetail,
  ArticleTagsDetail,
  ArticleTextDetail,
  ColorRenameDetail,
  HighlightColorDetail,
  HighlightCreateDetail,
  HighlightIdDetail,
  NoteInputDetail,
  OpenArticleDetail,
  ReadingProgressDetail,
  SearchChangeDetail,
  TagsChangeDetail,
  ToggleNotesDetail,
  TrashIdDetail,
} from '../../events';
import '../undo-toast/undo-toast';
import { lecternAppStyles } from './lectern-app.styles';

type Route = { view: 'library' } | { view: 'article'; id: string } | { view: 'trash' };

/** A deletion that can still be undone: a highlight, or a whole article (from the trash). */
type UndoOffer =
  | { kind: 'highlight'; articleId: string; id: string; message: string }
  | { kind: 'article'; articleId: string; message: string };

const NOTES_OPEN_KEY = 'lectern:notes-open';

function storedNotesOpen(): boolean {
  try {
    return window.localStorage.getItem(NOTES_OPEN_KEY) === 'true';
  } catch {
    return false;
  }
}


/**
 * The application shell: the banner, the main landmark, a polite live region for
 * status and errors, and the switch between the library and the reader. It owns no
 * data itself: the library and reader controllers do, and they talk to the bridge.
 *
 * Listens for `open-article`, `retry-load`, `back-to-library` and `reading-progress`
 * from its views, and for main's `library:changed` and menu commands (`go-library`,
 * `go-back` — both return to the library).
 *
 * In the reader it also shows the Notes panel (`<annotation-panel>`, toggled by the
 * reader's "Notes" button or Ctrl/Cmd+Shift+N, remembered across sessions) and hands
 * every highlight and note event to the {@link AnnotationsController}. A deleted
 * highlight can be restored from the Undo toast, or with Ctrl/Cmd+Z while it shows.
 *
 * Saving articles: "Add from URL" (`<add-url-dialog>`: the toolbar, Ctrl/Cmd+L
 * in the library, File ▸ Add from URL…, or an http(s) address pasted into the library),
 * "Add files" (main's open dialog: the toolbar, Ctrl/Cmd+O, File ▸ Add Files…) and files
 * dropped anywhere on the window, all through the {@link ImportController}. Deleting an
 * article (reader or row) moves it to the trash and offers Undo like a highlight; the
 * Trash view (`<trash-view>`) restores or empties it.
 */
export class LecternAppElement extends LitElement {
  static override styles = lecternAppStyles;

  static override properties = {
    route: { state: true },
    announcement: { state: true },
    alert: { state: true },
    notesOpen: { state: true },
    undo: { state: true },
    addUrlOpen: { state: true },
    addUrlInitial: { state: true },
  };

  declare route: Route;
  /** Polite status text for screen readers. */
  declare announcement: string;
  /** An error to show (and announce) until dismissed. */
  declare alert: string | null;
  /** The Notes panel is shown beside the article. */
  declare notesOpen: boolean;
  /** The last deletion, while it can be undone. */
  declare undo: UndoOffer | null;
  /** The "Add from URL" dialog is open, starting with this address. */
  declare addUrlOpen: boolean;
  declare addUrlInitial: string;

  #library = new LibraryController(this, undefined, (articles) => {
    this.#announce(`Library updated: ${countArticles(articles.length)}.`);
  });
  #search = new SearchController(this);
  #export = new ExportController(this);
  #reader = new ReaderController(this);
  #import = new ImportController(this);
  #trash = new TrashController(this);
  #settings = new SettingsController(this, ({ singleKeyShortcuts }) =>
    this.#announce(singleKeyShortcuts ? 'Single-key shortcuts are on.' : 'Single-key shortcuts are off; shortcuts with Ctrl or ⌘ still work.'),
  );
  #dropPaste = new DropPasteController(this, {
    onFiles: (files) => void this.#addFilesWith(() => this.#import.addDropped(files)),
    acceptsPaste: () => this.route.view === 'library' && !this.addUrlOpen && !this.#export.open,
    onUrl: (url) => void this.openAddUrl(url),
  });
  #trashView = createRef<TrashViewElement>();
  /** The open article's row as main last answered it (read state, tags). */
  #articleMeta: ArticleSummary | null = null;
  /** The last reading-position save, so a delete can wait for it. */
  #pendingSave: Promise<unknown> = Promise.resolve();
  #annotations = new AnnotationsController(this, (message) => this.#showAlert(message));
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
    this.notesOpen = storedNotesOpen();
    this.undo = null;
    this.addUrlOpen = false;
    this.addUrlInitial = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  protected override render() {
    const reading = this.route.view === 'article';
    const notes = this.#annotations;
    return html`
      <header class="banner">
        <span class="brand">Lectern</span>
      </header>
      <div
        class="layout ${reading && this.notesOpen ? 'layout--notes' : ''}"
        @article-text=${this.#onArticleText}
        @highlight-create=${this.#onCreate}
        @highlight-color=${this.#onColor}
        @note-input=${this.#onNoteInput}
        @note-commit=${this.#onNoteCommit}
        @tags-change=${this.#onTags}
        @highlight-delete=${this.#onDelete}
        @popover-closed=${this.#onPopoverClosed}
        @announce=${this.#onAnnounce}
        @toggle-notes=${this.#onToggleNotes}
        @article-note-input=${this.#onArticleNoteInput}
        @article-note-commit=${this.#onArticleNoteCommit}
        @highlight-reveal=${this.#onReveal}
        @color-rename=${this.#onRename}
        @export-notes=${this.#onExportNotes}
        @article-delete=${this.#onArticleDelete}
        @article-set-read=${this.#onArticleSetRead}
        @article-set-tags=${this.#onArticleSetTags}
        @add-url-open=${this.#onAddUrlOpen}
        @add-files=${this.#onAddFiles}
        @show-trash=${this.#onShowTrash}
        @library-view-change=${this.#onViewChange}
        @trash-restore=${this.#onTrashRestore}
        @trash-empty=${this.#onTrashEmpty}
      >
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
              .search=${{
                query: this.#search.query,
                filters: this.#search.filters,
                active: this.#search.active,
                answer: this.#search.answer,
                busy: this.#search.busy,
                error: this.#search.error,
                canShowMore: this.#search.canShowMore,
              }}
              .colorNames=${notes.colorNames}
              .view=${this.#library.view}
              .knownTags=${this.#library.knownTags}
              ?importBusy=${this.#import.busy}
              @search-change=${this.#onSearchChange}
              @show-more=${() => void this.#search.showMore()}
            ></library-view>`
          : this.route.view === 'trash'
            ? html`<trash-view
                ${ref(this.#trashView)}
                .items=${this.#trash.items}
                ?loading=${this.#trash.loading}
                .errorMessage=${this.#trash.error}
              ></trash-view>`
            : html`<article-view
              ${ref(this.#articleView)}
              .article=${this.#reader.article}
              ?loading=${this.#reader.loading}
              .errorMessage=${this.#reader.error}
              .highlights=${notes.placed}
              .colorNames=${notes.colorNames}
              .lastColor=${notes.lastColor}
              ?notesOpen=${this.notesOpen}
              .singleKeys=${this.#settings.settings.singleKeyShortcuts}
            >${this.#renderArticleActions()}</article-view>`}
        <div class="status ${this.alert ? 'status--alert' : ''}">
          <p class="status-text ${this.alert ? '' : 'visually-hidden'}" role="status">${this.alert ?? this.announcement}</p>
          ${this.alert
            ? html`<button type="button" class="dismiss" @click=${this.#dismissAlert}>Dismiss</button>`
            : nothing}
        </div>
      </main>
      ${reading && this.notesOpen
        ? html`<annotation-panel
            class="panel"
            .highlights=${notes.placed.map((p) => p.highlight)}
            .orphans=${notes.orphans}
            .colorNames=${notes.colorNames}
            .articleNote=${notes.articleNoteText}
            ?saving=${notes.pending}
            ?loading=${notes.loading}
          ></annotation-panel>`
        : nothing}
      </div>
      <undo-toast .offer=${this.undo} @undo=${this.#onUndo} @toast-expire=${this.#onUndoExpire}></undo-toast>
      ${this.#renderExport()}
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

  #renderArticleActions() {
    const article = this.#reader.article;
    if (!article || this.route.view !== 'article') return nothing;
    const meta = this.#articleMeta?.id === article.id ? this.#articleMeta : article;
    return html`<article-actions
      slot="actions"
      .articleId=${article.id}
      ?read=${(meta.progress?.fraction ?? 0) >= 0.995}
      .tags=${meta.tags}
    ></article-actions>`;
  }

  #renderExport() {
    const x = this.#export;
    if (!x.open) return nothing;
    return html`<export-dialog
      ?open=${x.open}
      .articleTitle=${x.articleId ? (this.#library.titleOf(x.articleId) ?? this.#reader.article?.title ?? null) : null}
      .choices=${x.choices}
      .preview=${x.preview}
      ?previewing=${x.previewing}
      ?saving=${x.saving}
      .progress=${x.progress}
      .message=${x.message}
      .errorMessage=${x.error}
      @export-change=${(e: CustomEvent<ExportChoices>) => x.choose(e.detail)}
      @export-copy=${this.#onExportCopy}
      @export-save=${() => void x.save()}
      @export-cancel=${() => void x.cancel()}
      @export-close=${this.#onExportClose}
    ></export-dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const title =
      this.route.view === 'article'
        ? (this.#reader.article?.title ?? this.#library.titleOf(this.route.id))
        : null;
    document.title = title ? `${title} — Lectern` : 'Lectern';
  }

  /**
   * Open an article by id (also what a row click does); with a `landing`, at that
   * spot (a search hit) instead of the saved reading position.
   */
  async openArticle(id: string, landing?: Landing): Promise<void> {
    this.#lastOpened = id;
    this.route = { view: 'article', id };
    if (landing?.kind === 'article-note' && !this.notesOpen) this.#setNotesOpen(true);
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    const opening = Promise.all([this.#reader.open(id), this.#annotations.load(id)]);
    if (landing && landing.kind !== 'article-note') {
      await this.updateComplete;
      this.#articleView.value?.landAt(id, landing);
    }
    await opening;
  }

  /** Show the library with the search field focused (Ctrl/Cmd+K). */
  async focusSearch(): Promise<void> {
    await this.showLibrary({ focusRow: false });
    await this.updateComplete;
    await this.#libraryView.value?.focusSearch();
  }

  /** Return to the library, saving the reader's last position first. */
  async showLibrary({ focusRow = true } = {}): Promise<void> {
    if (this.route.view === 'library') return;
    this.#articleView.value?.flushProgress();
    this.#articleMeta = null;
    this.#reader.close();
    this.#annotations.close();
    this.route = { view: 'library' };
    // Notes or highlights may have changed while reading: ask again.
    if (this.#search.active) void this.#search.run();
    await this.updateComplete;
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    if (focusRow && this.#lastOpened && !this.#search.active) await this.#libraryView.value?.focusArticle(this.#lastOpened);
  }

  #onOpenArticle = (event: CustomEvent<OpenArticleDetail>) => {
    void this.openArticle(event.detail.id, event.detail.landing);
  };

  #onSearchChange = (event: CustomEvent<SearchChangeDetail>) => {
    this.#search.set(event.detail.query, event.detail.filters);
  };

  #onRetry = () => {
    void this.#library.load();
  };

  #onBack = () => {
    void this.showLibrary();
  };

  #onMenuCommand(command: MenuCommand): void {
    switch (command) {
      case 'go-library':
      case 'go-back':
        void this.showLibrary();
        break;
      case 'find-library':
        void this.focusSearch();
        break;
      case 'export-notes':
        this.#openExport();
        break;
      case 'import-notes':
        void this.importNotes();
        break;
      case 'add-url':
        void this.openAddUrl();
        break;
      case 'add-files':
        void this.addFiles();
        break;
    }
  }

  // ---------------------------------------------------------------- saving articles

  /** Open "Add from URL" (Ctrl/Cmd+L, File ▸ Add from URL…, a pasted address) over the library. */
  async openAddUrl(url = ''): Promise<void> {
    if (this.#export.open) return;
    if (this.route.view !== 'library') await this.showLibrary({ focusRow: false });
    if (!this.#import.busy) this.#import.clearError();
    this.addUrlInitial = url;
    this.addUrlOpen = true;
  }

  /** File ▸ Add Files… or the library's "Add files…": main's open dialog, then a summary. */
  async addFiles(): Promise<void> {
    await this.#addFilesWith(() => this.#import.chooseFiles());
  }

  /** Add files (chosen in main's dialog, or dropped) and say what happened. */
  async #addFilesWith(add: () => Promise<AddFilesReport | null>): Promise<void> {
    try {
      const report = await add();
      if (!report?.chosen) return;
      const text = describeReport(report);
      if (report.refused.length > 0 || report.added.length === 0) this.#showAlert(text);
      else this.#announce(text);
    } catch (cause) {
      this.#showAlert(`The files could not be added. ${errorMessage(cause)}`);
    }
  }

  #onAddUrlOpen = () => {
    void this.openAddUrl();
  };

  #onAddFiles = () => {
    void this.addFiles();
  };

  #onAddUrlSubmit = async (event: CustomEvent<AddUrlDetail>) => {
    const saved = await this.#import.addUrl(event.detail.url);
    if (!saved) return;
    this.addUrlOpen = false;
    const left = saved.warnings.length;
    if (left > 0) this.#showAlert(`Saved “${saved.title}”. ${saved.warnings.join(' ')}`);
    else this.#announce(`${saved.updated ? 'Updated' : 'Saved'} “${saved.title}”.`);
    await this.openArticle(saved.id);
  };

  #onAddUrlClose = () => {
    if (this.#import.busy) void this.#import.cancel();
    this.addUrlOpen = false;
  };

  // ---------------------------------------------------------------- managing articles

  #onArticleDelete = async (event: CustomEvent<ArticleIdDetail>) => {
    const { id } = event.detail;
    const title = this.#library.titleOf(id) ?? this.#reader.article?.title ?? id;
    if (this.route.view === 'article' && this.route.id === id) {
      this.#lastOpened = null;
      await this.showLibrary({ focusRow: false });
      // The last reading position first, so a restored article opens where it was left.
      await this.#pendingSave.catch(() => undefined);
    }
    try {
      await this.#library.deleteArticle(id);
    } catch (cause) {
      this.#showAlert(`“${title}” could not be deleted. ${errorMessage(cause)}`);
      return;
    }
    this.undo = { kind: 'article', articleId: id, message: `Moved “${shortQuote(title, 60)}” to the trash.` };
  };

  #onArticleSetRead = async (event: CustomEvent<ArticleReadDetail>) => {
    const { id, read } = event.detail;
    try {
      this.#applySummary(await this.#library.setRead(id, read));
      this.#announce(read ? 'Marked as read.' : 'Marked as unread.');
    } catch (cause) {
      this.#showAlert(`The article could not be marked. ${errorMessage(cause)}`);
    }
  };

  #onArticleSetTags = async (event: CustomEvent<ArticleTagsDetail>) => {
    const { id, tags } = event.detail;
    try {
      this.#applySummary(await this.#library.setTags(id, tags));
      this.#announce(tags.length > 0 ? `Tags: ${tags.join(', ')}.` : 'No tags.');
    } catch (cause) {
      this.#showAlert(`The tags could not be saved. ${errorMessage(cause)}`);
    }
  };

  #applySummary(summary: ArticleSummary): void {
    if (this.route.view === 'article' && this.route.id === summary.id) {
      this.#articleMeta = summary;
      this.requestUpdate();
    }
  }

  #onViewChange = (event: CustomEvent<LibraryViewOptions>) => {
    void this.#library.setView(event.detail);
  };

  #onShowTrash = async () => {
    this.route = { view: 'trash' };
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

  // ---------------------------------------------------------------- export and import

  /** Where focus was when the export dialog opened. */
  #exportReturn: HTMLElement | null = null;

  #openExport(): void {
    if (this.#export.open) return;
    this.#exportReturn = deepActiveElement();
    const id = this.route.view === 'article' ? this.route.id : (this.#library.articles[0]?.id ?? null);
    this.#export.show(id);
    if (this.route.view === 'library' && id) this.#export.choose({ ...this.#export.choices, scope: 'library' });
  }

  #onExportNotes = () => {
    this.#openExport();
  };

  #onExportCopy = async () => {
    if (await this.#export.copy()) this.#announce('Copied to the clipboard.');
  };

  #onExportClose = () => {
    this.#export.close();
    const back = this.#exportReturn;
    this.#exportReturn = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
  };

  /** File ▸ Import notes…: main asks for the file, then the report is shown. */
  async importNotes(): Promise<void> {
    try {
      const outcome = await this.#export.importNotes();
      if (!outcome) return;
      this.#showAlert(outcome.text);
      if (this.route.view === 'article') await this.#annotations.load(this.route.id);
      if (this.#search.active) void this.#search.run();
    } catch (cause) {
      this.#showAlert(`The notes could not be imported. ${errorMessage(cause)}`);
    }
  }

  #onProgress = (event: CustomEvent<ReadingProgressDetail>) => {
    const { id, progress } = event.detail;
    this.#library.applyProgress(id, progress);
    this.#pendingSave = this.#reader.saveProgress(id, progress).catch((cause: unknown) => {
      this.#showAlert(`Your reading position could not be saved. ${(cause as Error).message}`);
    });
  };

  // ---------------------------------------------------------------- highlights and notes

  #onArticleText = (event: CustomEvent<ArticleTextDetail>) => {
    this.#annotations.setText(event.detail.id, event.detail.text);
  };

  #onCreate = async (event: CustomEvent<HighlightCreateDetail>) => {
    const { target, color, start, end, withNote } = event.detail;
    const created = await this.#annotations.create(target, color, { start, end });
    if (!created) return;
    this.#announce(`Highlighted in ${this.#annotations.colorNames[color]}.${withNote ? ' Type your note.' : ''}`);
    // The view draws the new highlight once this element has passed it down.
    await this.updateComplete;
    await this.#articleView.value?.highlightCreated(created.id, withNote);
  };

  #onColor = (event: CustomEvent<HighlightColorDetail>) => {
    void this.#annotations.setColor(event.detail.id, event.detail.color);
  };

  #onNoteInput = (event: CustomEvent<NoteInputDetail>) => {
    this.#annotations.draftNote(event.detail.id, event.detail.note);
  };

  #onNoteCommit = (event: CustomEvent<HighlightIdDetail>) => {
    void this.#annotations.flushNote(event.detail.id);
  };

  #onTags = (event: CustomEvent<TagsChangeDetail>) => {
    void this.#annotations.setTags(event.detail.id, event.detail.tags);
  };

  #onDelete = async (event: CustomEvent<HighlightIdDetail>) => {
    const articleId = this.#annotations.articleId;
    this.#articleView.value?.closePopover();
    const deleted = await this.#annotations.remove(event.detail.id);
    if (!deleted || !articleId) return;
    const quote = shortQuote(deleted.target.quote.exact, 60);
    this.undo = { kind: 'highlight', articleId, id: deleted.id, message: `Highlight deleted: “${quote}”.` };
  };

  #onUndo = async () => {
    const offer = this.undo;
    this.undo = null;
    if (!offer) return;
    if (offer.kind === 'article') {
      try {
        await this.#library.restoreArticle(offer.articleId);
        this.#announce('Article restored.');
      } catch (cause) {
        this.#showAlert(`The article could not be restored. ${errorMessage(cause)}`);
      }
      return;
    }
    const restored = await this.#annotations.restore(offer.articleId, offer.id);
    if (restored) this.#announce('Highlight restored.');
  };

  #onUndoExpire = () => {
    this.undo = null;
  };

  #onPopoverClosed = () => {
    void this.#annotations.flushAll();
  };

  #onAnnounce = (event: CustomEvent<AnnounceDetail>) => {
    this.#announce(event.detail.message);
  };

  #onToggleNotes = async (event: CustomEvent<ToggleNotesDetail>) => {
    const panel = this.renderRoot.querySelector('annotation-panel');
    const focusInPanel = panel !== null && panel.matches(':focus-within');
    this.#setNotesOpen(!this.notesOpen);
    if (!this.notesOpen) {
      void this.#annotations.flushAll();
      if (focusInPanel) this.#articleView.value?.focusNotesToggle();
    } else if (event.detail?.focus) {
      await this.updateComplete;
      this.renderRoot.querySelector('annotation-panel')?.focus();
    }
    this.#announce(this.notesOpen ? 'Notes shown.' : 'Notes hidden.');
  };

  #setNotesOpen(open: boolean): void {
    this.notesOpen = open;
    try {
      window.localStorage.setItem(NOTES_OPEN_KEY, String(open));
    } catch {
      // Not remembered; no harm.
    }
  }

  #onArticleNoteInput = (event: CustomEvent<ArticleNoteInputDetail>) => {
    this.#annotations.draftArticleNote(event.detail.note);
  };

  #onArticleNoteCommit = () => {
    void this.#annotations.flushNote();
  };

  #onReveal = (event: CustomEvent<HighlightIdDetail>) => {
    this.#articleView.value?.revealHighlight(event.detail.id);
  };

  #onRename = (event: CustomEvent<ColorRenameDetail>) => {
    void this.#annotations.renameColor(event.detail.color, event.detail.name);
  };

  /** Ctrl/Cmd+K: search the library, from anywhere; Ctrl/Cmd+Shift+E: export notes. Ctrl/Cmd+Z undoes a deletion while the Undo toast shows. */
  #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (matches(event, SHORTCUTS.searchLibrary)) {
      event.preventDefault();
      void this.focusSearch();
      return;
    }
    if (matches(event, SHORTCUTS.exportNotes)) {
      event.preventDefault();
      this.#openExport();
      return;
    }
    // Ctrl/Cmd+L: add from URL, in the library; Ctrl/Cmd+O: add files.
    if (matches(event, SHORTCUTS.addUrl) && this.route.view === 'library') {
      event.preventDefault();
      void this.openAddUrl();
      return;
    }
    if (matches(event, SHORTCUTS.addFiles)) {
      event.preventDefault();
      void this.addFiles();
      return;
    }
    if (!this.undo || isTextField(event.composedPath()[0])) return;
    if (matches(event, SHORTCUTS.undo)) {
      event.preventDefault();
      void this.#onUndo();
    }
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
