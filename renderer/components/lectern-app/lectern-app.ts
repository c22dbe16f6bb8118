import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { MenuCommand } from '../../../common/ipc';
import type { ColorNames, SettingsUpdate } from '../../../common/model';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import { CommandController } from '../../controllers/command-controller';
import { errorMessage } from '../../controllers/errors';
import { ExportController, type ExportChoices } from '../../controllers/export-controller';
import { LibraryController } from '../../controllers/library-controller';
import { SettingsController } from '../../controllers/settings-controller';
import { deepActiveElement } from '../../dom';
import { applyTheme } from '../../theme';
import type { AnnounceDetail, OpenArticleDetail, ShowLibraryDetail, UndoOfferDetail } from '../../events';
import { countArticles } from '../../format';
import type { Landing } from '../../landing';
import { SHORTCUTS, matches } from '../../shortcuts';
import { isTextField } from '../../text-field';
import '../../library/library-page/library-page';
import type { LibraryPageElement } from '../../library/library-page/library-page';
import '../../reader/reader-page/reader-page';
import type { ReaderPageElement } from '../../reader/reader-page/reader-page';
import '../export-dialog/export-dialog';
import '../undo-toast/undo-toast';
import '../read-only-banner/read-only-banner';
import '../appearance-panel/appearance-panel';
import type { AppearancePanelElement } from '../appearance-panel/appearance-panel';
import { AppearanceToggle } from '../appearance-panel/appearance-toggle';
import { stepTextSize } from '../appearance-panel/text-size';
import { ReadOnlyController } from '../../controllers/read-only-controller';
import { lecternAppStyles } from './lectern-app.styles';

type Route = { view: 'library' } | { view: 'article'; id: string };

/**
 * The application shell (ARCHITECTURE.md §2): the banner, the switch between the
 * library's wing (`<library-page>`) and the reader's (`<reader-page>`), a polite live
 * region for status and errors, and the keys and menu commands that work anywhere.
 * The wings handle what is raised in them; the shell hears only where to go
 * (`open-article`, `back-to-library`, `show-library`), what to say (`announce`,
 * `status-alert`) and what can be undone (`undo-offer`: the Undo toast, or Ctrl/Cmd+Z
 * while it shows).
 *
 * It also holds what both wings share, and hands it down: the library listing
 * ({@link LibraryController}: the library lists it, the reader updates its rows), the
 * settings (single-key shortcuts), the reader's color names, and the Export dialog,
 * which exports the article being read or the whole library and so belongs to neither
 * wing (Ctrl/Cmd+Shift+E, File ▸ Export Notes…, the Notes panel's "Export…").
 *
 * The Text and Layout panel (`<appearance-panel>`) is the shell's too, as the theme it
 * sets is the whole app's: the reader's "Aa" button (`appearance-toggle`), View ▸ Text
 * and Layout… and Ctrl/Cmd+Shift+A toggle it; Ctrl/Cmd + = / - / 0 (and their menu
 * commands) step the article's text size and say the new size.
 *
 * One idea, though long: the shell — what is above both wings and the keys and menu
 * commands that reach it; the parts live beside it (the controllers, `AppearanceToggle`).
 *
 * Keys: Ctrl/Cmd+K searches the library from anywhere; Ctrl/Cmd+L adds from a URL (in
 * the library); Ctrl/Cmd+O adds files; Ctrl/Cmd+Shift+E exports notes (renderer/shortcuts.ts).
 */
export class LecternAppElement extends LitElement {
  static override styles = lecternAppStyles;

  static override properties = {
    route: { state: true },
    announcement: { state: true },
    alert: { state: true },
    undo: { state: true },
    colorNames: { state: true },
  };

  declare route: Route;
  /** Polite status text for screen readers. */
  declare announcement: string;
  /** An error to show (and announce) until dismissed. */
  declare alert: string | null;
  /** The last deletion, while it can be undone. */
  declare undo: UndoOfferDetail | null;
  /** The reader's names for the highlight colors, as the reader last told them. */
  declare colorNames: ColorNames;

  #library = new LibraryController(this, undefined, (total) => {
    this.#announce(`Library updated: ${countArticles(total)}.`);
  });
  #export = new ExportController(this);
  #readOnly = new ReadOnlyController(this);
  #settings = new SettingsController(this, ({ singleKeyShortcuts }, previous) => {
    if (singleKeyShortcuts === previous.singleKeyShortcuts) return;
    this.#announce(singleKeyShortcuts ? 'Single-key shortcuts are on.' : 'Single-key shortcuts are off; shortcuts with Ctrl or ⌘ still work.');
  });
  #libraryPage = createRef<LibraryPageElement>();
  #readerPage = createRef<ReaderPageElement>();
  /** The article last read, to return focus to its row. */
  #lastOpened: string | null = null;
  /** Where focus was when the export dialog opened. */
  #exportReturn: HTMLElement | null = null;
  #appearancePanel = createRef<AppearancePanelElement>();
  #appearance = new AppearanceToggle(this, () => this.#appearancePanel.value);

  constructor() {
    super();
    // Registers itself with this host; menu commands arrive through it.
    new CommandController(this, (command) => this.#onMenuCommand(command));
    this.route = { view: 'library' };
    this.announcement = '';
    this.alert = null;
    this.undo = null;
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
    this.addEventListener('settings-change', this.#onSettingsChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  protected override render() {
    const reading = this.route.view === 'article';
    const library = this.#library;
    return html`
      <header class="banner">
        <span class="brand">Lectern</span>
      </header>
      <read-only-banner .reason=${this.#readOnly.reason}></read-only-banner>
      <library-page
        ${ref(this.#libraryPage)}
        ?active=${!reading}
        .library=${library}
        .listing=${{
          rows: library.rows,
          problems: library.problems,
          loading: library.loading,
          error: library.error,
          view: library.view,
          knownTags: library.knownTags,
        }}
        .colorNames=${this.colorNames}
        ?dialogOpen=${this.#export.open}
        @open-article=${this.#onOpenArticle}
        @back-to-library=${this.#onBack}
        @announce=${this.#onAnnounce}
        @status-alert=${this.#onAlert}
        @undo-offer=${this.#onUndoOffer}
      >${reading ? nothing : this.#renderStatus()}</library-page>
      <reader-page
        ${ref(this.#readerPage)}
        .library=${library}
        .singleKeys=${this.#settings.settings.singleKeyShortcuts}
        .settings=${this.#settings.settings}
        ?appearanceOpen=${this.#appearance.open}
        @appearance-toggle=${this.#onAppearanceToggle}
        @back-to-library=${this.#onBack}
        @show-library=${this.#onShowLibrary}
        @announce=${this.#onAnnounce}
        @status-alert=${this.#onAlert}
        @undo-offer=${this.#onUndoOffer}
        @color-names=${this.#onColorNames}
        @export-notes=${this.#onExportNotes}
      >${reading ? this.#renderStatus() : nothing}</reader-page>
      <undo-toast .offer=${this.undo} @undo=${this.#onUndo} @toast-expire=${this.#onUndoExpire}></undo-toast>
      ${this.#renderExport()} ${this.#renderAppearance()}
    `;
  }

  #renderAppearance() {
    if (!this.#appearance.open) return nothing;
    return html`<appearance-panel
      ${ref(this.#appearancePanel)}
      .reading=${this.#settings.settings.reading}
      @appearance-close=${this.#onAppearanceClose}
      @announce=${this.#onAnnounce}
    ></appearance-panel>`;
  }

  /** The live region, inside the shown wing's main landmark. */
  #renderStatus() {
    return html`<div slot="status" class="status ${this.alert ? 'status--alert' : ''}">
      <p class="status-text ${this.alert ? '' : 'visually-hidden'}" role="status">${this.alert ?? this.announcement}</p>
      ${this.alert ? html`<button type="button" class="dismiss" @click=${this.#dismissAlert}>Dismiss</button>` : nothing}
    </div>`;
  }

  #renderExport() {
    const x = this.#export;
    if (!x.open) return nothing;
    return html`<export-dialog
      ?open=${x.open}
      .articleTitle=${x.articleId ? (this.#library.titleOf(x.articleId) ?? this.#readerPage.value?.articleTitle ?? null) : null}
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
    applyTheme(this.#settings.settings.reading.theme);
    // The reader names the window after its article.
    if (this.route.view === 'library') document.title = 'Lectern';
  }

  /**
   * Open an article by id (also what a row click does); with a `landing`, at that
   * spot (a search hit) instead of the saved reading position.
   */
  async openArticle(id: string, landing?: Landing): Promise<void> {
    this.#lastOpened = id;
    this.route = { view: 'article', id };
    await this.#readerPage.value?.open(id, landing);
  }

  /** Show the library with the search field focused (Ctrl/Cmd+K). */
  async focusSearch(): Promise<void> {
    await this.showLibrary({ focusRow: false });
    await this.#libraryPage.value?.focusSearch();
  }

  /** Return to the library's listing (from the reader or the Trash), saving the reader's last position first. */
  async showLibrary({ focusRow = true } = {}): Promise<void> {
    const libraryPage = this.#libraryPage.value;
    if (this.route.view === 'library' && (libraryPage?.showingList ?? true)) return;
    this.#readerPage.value?.leave();
    this.route = { view: 'library' };
    libraryPage?.returning();
    await this.updateComplete;
    await libraryPage?.settle(focusRow ? this.#lastOpened : null);
  }

  /** Open "Add from URL" (Ctrl/Cmd+L, File ▸ Add from URL…) over the library. */
  async openAddUrl(): Promise<void> {
    if (this.#export.open) return;
    if (!this.#libraryPage.value?.showingList) await this.showLibrary({ focusRow: false });
    this.#libraryPage.value?.openAddUrl();
  }

  /** File ▸ Add Files…: main's open dialog, then a summary. */
  async addFiles(): Promise<void> {
    await this.#libraryPage.value?.addFiles();
  }

  /** File ▸ Import notes…: main asks for the file, then the report is shown. */
  async importNotes(): Promise<void> {
    try {
      const outcome = await this.#export.importNotes();
      if (!outcome) return;
      this.#showAlert(outcome.text);
      if (this.route.view === 'article') await this.#readerPage.value?.reloadNotes();
      this.#libraryPage.value?.refreshSearch();
    } catch (cause) {
      this.#showAlert(`The notes could not be imported. ${errorMessage(cause)}`);
    }
  }

  #onOpenArticle = (event: CustomEvent<OpenArticleDetail>) => {
    void this.openArticle(event.detail.id, event.detail.landing);
  };

  #onBack = () => {
    void this.showLibrary();
  };

  #onShowLibrary = (event: CustomEvent<ShowLibraryDetail>) => {
    if (!event.detail.focusRow) this.#lastOpened = null;
    void this.showLibrary({ focusRow: event.detail.focusRow });
  };

  #onColorNames = (event: CustomEvent<ColorNames>) => {
    this.colorNames = event.detail;
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
      case 'listen':
        if (this.route.view === 'article') this.#readerPage.value?.toggleListening();
        break;
      case 'text-layout':
        void this.#appearance.toggle();
        break;
      case 'text-larger':
        this.#stepTextSize(1);
        break;
      case 'text-smaller':
        this.#stepTextSize(-1);
        break;
      case 'text-reset':
        this.#stepTextSize(0);
        break;
    }
  }

  // ---------------------------------------------------------------- text and layout

  #onAppearanceToggle = () => {
    void this.#appearance.toggle();
  };

  #onAppearanceClose = () => {
    this.#appearance.close();
  };

  /** One step of the article's text size (0: back to the default), said aloud. */
  #stepTextSize(direction: 1 | -1 | 0): void {
    const current = this.#settings.settings.reading.textSize;
    const { size, message } = stepTextSize(current, direction);
    if (size !== current) this.#saveSettings({ reading: { textSize: size } });
    this.#announce(message);
  }

  // ---------------------------------------------------------------- export

  #openExport(): void {
    if (this.#export.open) return;
    this.#exportReturn = deepActiveElement();
    const id = this.route.view === 'article' ? this.route.id : (this.#library.rowAt(0)?.id ?? null);
    this.#export.show(id);
    if (this.#libraryPage.value?.showingList && id) this.#export.choose({ ...this.#export.choices, scope: 'library' });
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

  // ---------------------------------------------------------------- status and undo

  #onAnnounce = (event: CustomEvent<AnnounceDetail>) => {
    this.#announce(event.detail.message);
  };

  #onAlert = (event: CustomEvent<AnnounceDetail>) => {
    this.#showAlert(event.detail.message);
  };

  /** A reading or listening setting changed anywhere below: shown at once, saved, put back if main refuses it. */
  #onSettingsChange = (event: CustomEvent<SettingsUpdate>) => {
    this.#saveSettings(event.detail);
  };

  #saveSettings(update: SettingsUpdate): void {
    this.#settings.update(update).catch((cause: unknown) => {
      this.#showAlert(`The setting could not be saved. ${errorMessage(cause)}`);
    });
  }

  #onUndoOffer = (event: CustomEvent<UndoOfferDetail>) => {
    this.undo = event.detail;
  };

  #onUndo = async () => {
    const offer = this.undo;
    this.undo = null;
    if (offer) await offer.undo();
  };

  #onUndoExpire = () => {
    this.undo = null;
  };

  /** The keys that work anywhere (renderer/shortcuts.ts); Ctrl/Cmd+Z undoes a deletion while the Undo toast shows. */
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
    if (matches(event, SHORTCUTS.addUrl) && this.#libraryPage.value?.showingList) {
      event.preventDefault();
      void this.openAddUrl();
      return;
    }
    if (matches(event, SHORTCUTS.addFiles)) {
      event.preventDefault();
      void this.addFiles();
      return;
    }
    if (matches(event, SHORTCUTS.textLayout)) {
      event.preventDefault();
      void this.#appearance.toggle();
      return;
    }
    // The article's text size; the window's zoom stays in the View menu (Ctrl/Cmd+Shift+=).
    const textStep = matches(event, SHORTCUTS.textLarger) || matches(event, SHORTCUTS.textLargerPlus) ? 1
      : matches(event, SHORTCUTS.textSmaller) ? -1
      : matches(event, SHORTCUTS.textReset) ? 0
      : null;
    if (textStep !== null) {
      event.preventDefault();
      this.#stepTextSize(textStep);
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
