import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { AppSettings, ArticleSummary, ColorNames } from '../../../common/model';
import { DEFAULT_APP_SETTINGS } from '../../../common/reading';
import { AnnotationsController } from '../../controllers/annotations-controller';
import { CloseFlushController } from '../../controllers/close-flush-controller';
import { errorMessage } from '../../controllers/errors';
import { trashWithUndo } from '../../controllers/trash-with-undo';
import type { LibraryController } from '../../controllers/library-controller';
import { ReaderController } from '../../controllers/reader-controller';
import {
  fire,
  type ArticleIdDetail,
  type ArticleNoteInputDetail,
  type ArticleReadDetail,
  type ArticleTagsDetail,
  type ArticleTextDetail,
  type ArticleHeadingsDetail,
  type ContentsHeading,
  type HeadingIndexDetail,
  type ToggleContentsDetail,
  type ColorRenameDetail,
  type HighlightColorDetail,
  type HighlightCreateDetail,
  type HighlightIdDetail,
  type NoteInputDetail,
  type ReadingProgressDetail,
  type TagsChangeDetail,
  type ToggleNotesDetail,
} from '../../events';
import { shortQuote } from '../../format';
import type { Landing } from '../../landing';
import '../article-actions/article-actions';
import '../article-view/article-view';
import type { ArticleViewElement, CreatedHighlight } from '../article-view/article-view';
import '../notes-panel/notes-panel';
import '../contents-panel/contents-panel';
import { readerPageStyles } from './reader-page.styles';

const NOTES_OPEN_KEY = 'lectern:notes-open';
const CONTENTS_OPEN_KEY = 'lectern:contents-open';

function storedOpen(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'true';
  } catch {
    return false;
  }
}

function storeOpen(key: string, open: boolean): void {
  try {
    window.localStorage.setItem(key, String(open));
  } catch {
    // Not remembered; no harm.
  }
}

/**
 * The reader's wing (ARCHITECTURE.md §2): the open article (`<article-view>` with its
 * `<article-actions>`) beside the Notes panel, and the controllers behind them — the
 * article and its reading position ({@link ReaderController}), highlights and notes
 * ({@link AnnotationsController}). Every intent the reader raises is handled here:
 * highlighting, notes, tags, colors, the Notes panel (toggled by its "Notes" button or
 * Ctrl/Cmd+Shift+N, remembered across sessions), the Contents panel (above Notes in the
 * same side column; its button or Ctrl/Cmd+Shift+O, remembered too: the view's headings
 * come up, the section being read with them, and a jump goes back down through
 * `revealHeading`), the article's read state, tags and deletion; the answers come back
 * down as properties.
 *
 * The shell opens and closes it ({@link open}, {@link leave}); the shared library
 * listing comes down as `library` (titles; rows updated with progress, read state, tags).
 *
 * One idea, though long: the one place where the reader's intents meet the controllers
 * behind them; each handler is a few lines that hand over to a controller or a child.
 *
 * @slot status - the shell's status region, inside the main landmark.
 * @fires announce - `{ message }`: something to tell a screen reader (bubbles, composed).
 * @fires status-alert - `{ message }`: an error to show until dismissed (bubbles, composed).
 * @fires undo-offer - `{ message, undo }`: a deleted highlight or article can be brought back (bubbles, composed).
 * @fires show-library - `{ focusRow }`: the open article was deleted; go to the library (bubbles, composed).
 * @fires color-names - the reader's names for the colors, when they change (bubbles, composed).
 * `back-to-library` and `export-notes` from the view and the panel bubble on unchanged.
 */
export class ReaderPageElement extends LitElement {
  static override styles = readerPageStyles;

  static override properties = {
    library: { attribute: false },
    singleKeys: { attribute: false },
    settings: { attribute: false },
    appearanceOpen: { type: Boolean },
    articleId: { state: true },
    notesOpen: { state: true },
    contentsOpen: { state: true },
    headings: { state: true },
    section: { state: true },
  };

  /** The library listing the shell shares with both wings. */
  declare library: LibraryController | null;
  /** N, P, H and / work (View ▸ Single-Key Shortcuts). */
  declare singleKeys: boolean;
  /** The app's settings (reading: type, layout, theme; listening: read aloud); changed by firing `settings-change`. */
  declare settings: AppSettings;
  /** The shell's Text and Layout panel is shown (the "Aa" button's state). */
  declare appearanceOpen: boolean;
  /** The article shown, or null (nothing is rendered then). */
  declare articleId: string | null;
  /** The Notes panel is shown beside the article. */
  declare notesOpen: boolean;
  /** The Contents panel is shown beside the article (above Notes when both are). */
  declare contentsOpen: boolean;
  /** The open article's headings (null until it is shown). */
  declare headings: readonly ContentsHeading[] | null;
  /** The heading the reader is in, -1 for none. */
  declare section: number;

  #reader = new ReaderController(this);
  #annotations = new AnnotationsController(this, (message) => this.#alert(message));
  #articleView = createRef<ArticleViewElement>();
  /** The open article's row as main last answered it (read state, tags). */
  #articleMeta: ArticleSummary | null = null;
  /** The last reading-position save, so a delete can wait for it. */
  #pendingSave: Promise<unknown> = Promise.resolve();
  /** The highlight just made from the selection (the view opens its note or makes it current). */
  #created: CreatedHighlight | null = null;
  /** The color names last told to the shell. */
  #toldColorNames: ColorNames | null = null;

  constructor() {
    super();
    this.library = null;
    this.singleKeys = true;
    this.settings = DEFAULT_APP_SETTINGS;
    this.appearanceOpen = false;
    this.articleId = null;
    this.notesOpen = storedOpen(NOTES_OPEN_KEY);
    this.contentsOpen = storedOpen(CONTENTS_OPEN_KEY);
    this.headings = null;
    this.section = -1;
    // The window is closing: notes, drafts and the reading position are saved before it goes.
    new CloseFlushController(this, () => this.#saveEverything());
  }

  /** The article being read, once it has arrived (its title is the window's). */
  get articleTitle(): string | null {
    return this.#reader.article?.title ?? null;
  }

  /**
   * Open an article by id; with a `landing`, at that spot (a search hit) instead of the
   * saved reading position.
   */
  async open(id: string, landing?: Landing): Promise<void> {
    if (id !== this.articleId) {
      this.headings = null;
      this.section = -1;
    }
    this.articleId = id;
    if (landing?.kind === 'article-note' && !this.notesOpen) this.#setNotesOpen(true);
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    const opening = Promise.all([this.#reader.open(id), this.#annotations.load(id)]);
    if (landing && landing.kind !== 'article-note') {
      await this.updateComplete;
      this.#articleView.value?.landAt(id, landing);
    }
    await opening;
  }

  /** Leave the reader, saving the last position first. */
  leave(): void {
    this.#articleView.value?.flushProgress();
    this.#articleMeta = null;
    this.#reader.close();
    this.#annotations.close();
    this.articleId = null;
    this.headings = null;
    this.section = -1;
  }

  /** Read aloud: start, pause or play again (View ▸ Listen). */
  toggleListening(): void {
    this.#articleView.value?.toggleListening();
  }

  /** Save the reading position and every note typed, and wait until main has them. */
  async #saveEverything(): Promise<void> {
    this.#articleView.value?.flushProgress(); // reports (and starts saving) the position at once
    await Promise.all([this.#annotations.flushAll(), this.#pendingSave]);
  }

  /** Notes may have been imported: load the open article's again. */
  async reloadNotes(): Promise<void> {
    if (this.articleId) await this.#annotations.load(this.articleId);
  }

  protected override render() {
    if (this.articleId === null) return nothing;
    const notes = this.#annotations;
    const side = this.notesOpen || this.contentsOpen;
    return html`
      <div
        class="layout ${side ? 'layout--notes' : ''}"
        @article-text=${this.#onArticleText}
        @highlight-create=${this.#onCreate}
        @highlight-color=${this.#onColor}
        @note-input=${this.#onNoteInput}
        @note-commit=${this.#onNoteCommit}
        @tags-change=${this.#onTags}
        @highlight-delete=${this.#onDelete}
        @popover-closed=${this.#onPopoverClosed}
        @toggle-notes=${this.#onToggleNotes}
        @article-note-input=${this.#onArticleNoteInput}
        @article-note-commit=${this.#onArticleNoteCommit}
        @highlight-reveal=${this.#onReveal}
        @color-rename=${this.#onRename}
        @article-delete=${this.#onArticleDelete}
        @article-set-read=${this.#onArticleSetRead}
        @article-set-tags=${this.#onArticleSetTags}
        @reading-progress=${this.#onProgress}
        @toggle-contents=${this.#onToggleContents}
        @article-headings=${this.#onHeadings}
        @reading-section=${this.#onSection}
        @heading-reveal=${this.#onHeadingReveal}
      >
        <main>
          <article-view
            ${ref(this.#articleView)}
            .article=${this.#reader.article}
            ?loading=${this.#reader.loading}
            .errorMessage=${this.#reader.error}
            .highlights=${notes.placed}
            .colorNames=${notes.colorNames}
            .lastColor=${notes.lastColor}
            ?notesOpen=${this.notesOpen}
            ?contentsOpen=${this.contentsOpen}
            .singleKeys=${this.singleKeys}
            .created=${this.#created}
            .listening=${this.settings.listening}
            .reading=${this.settings.reading}
            ?appearanceOpen=${this.appearanceOpen}
          >${this.#renderArticleActions()}</article-view>
          <slot name="status"></slot>
        </main>
        ${side
          ? html`<div class="panel ${this.contentsOpen && this.notesOpen ? 'panel--both' : ''}">
              ${this.#renderContents()} ${this.#renderNotes()}
            </div>`
          : nothing}
      </div>
    `;
  }

  #renderContents() {
    return this.contentsOpen
      ? html`<contents-panel .headings=${this.headings} .current=${this.section}></contents-panel>`
      : nothing;
  }

  #renderNotes() {
    if (!this.notesOpen) return nothing;
    const notes = this.#annotations;
    return html`<notes-panel
      .highlights=${notes.placed.map((p) => p.highlight)}
      .orphans=${notes.orphans}
      .colorNames=${notes.colorNames}
      .articleNote=${notes.articleNoteText}
      ?saving=${notes.pending}
      ?loading=${notes.loading}
    ></notes-panel>`;
  }

  #renderArticleActions() {
    const article = this.#reader.article;
    if (!article) return nothing;
    const meta = this.#articleMeta?.id === article.id ? this.#articleMeta : article;
    return html`<article-actions
      slot="actions"
      .articleId=${article.id}
      ?read=${(meta.progress?.fraction ?? 0) >= 0.995}
      .tags=${meta.tags}
    ></article-actions>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#annotations.colorNames !== this.#toldColorNames) {
      this.#toldColorNames = this.#annotations.colorNames;
      fire(this, 'color-names', this.#annotations.colorNames);
    }
    if (this.articleId !== null) {
      const title = this.#reader.article?.title ?? this.library?.titleOf(this.articleId);
      document.title = title ? `${title} — Lectern` : 'Lectern';
    }
  }

  // ---------------------------------------------------------------- the article

  #onProgress = (event: CustomEvent<ReadingProgressDetail>) => {
    const { id, progress } = event.detail;
    this.library?.applyProgress(id, progress);
    this.#pendingSave = this.#reader.saveProgress(id, progress).catch((cause: unknown) => {
      this.#alert(`Your reading position could not be saved. ${(cause as Error).message}`);
    });
  };

  #onArticleDelete = async (event: CustomEvent<ArticleIdDetail>) => {
    const library = this.library;
    if (!library) return;
    const { id } = event.detail;
    const title = library.titleOf(id) ?? this.#reader.article?.title ?? id;
    if (this.articleId === id) {
      fire(this, 'show-library', { focusRow: false });
      // The last reading position first, so a restored article opens where it was left.
      await this.#pendingSave.catch(() => undefined);
    }
    await trashWithUndo(this, library, id, title);
  };

  #onArticleSetRead = async (event: CustomEvent<ArticleReadDetail>) => {
    const { id, read } = event.detail;
    // A reading position still on its way would land after the mark and undo it: send it first.
    if (id === this.articleId) this.#articleView.value?.flushProgress();
    await this.#pendingSave.catch(() => undefined);
    try {
      this.#applySummary(await this.library!.setRead(id, read));
      this.#announce(read ? 'Marked as read.' : 'Marked as unread.');
    } catch (cause) {
      this.#alert(`The article could not be marked. ${errorMessage(cause)}`);
    }
  };

  #onArticleSetTags = async (event: CustomEvent<ArticleTagsDetail>) => {
    const { id, tags } = event.detail;
    try {
      this.#applySummary(await this.library!.setTags(id, tags));
      this.#announce(tags.length > 0 ? `Tags: ${tags.join(', ')}.` : 'No tags.');
    } catch (cause) {
      this.#alert(`The tags could not be saved. ${errorMessage(cause)}`);
    }
  };

  #applySummary(summary: ArticleSummary): void {
    if (this.articleId === summary.id) {
      this.#articleMeta = summary;
      this.requestUpdate();
    }
  }

  // ---------------------------------------------------------------- highlights and notes

  #onArticleText = (event: CustomEvent<ArticleTextDetail>) => {
    this.#annotations.setText(event.detail.id, event.detail.text);
  };

  #onCreate = async (event: CustomEvent<HighlightCreateDetail>) => {
    const { target, color, start, end, withNote } = event.detail;
    const created = await this.#annotations.create(target, color, { start, end });
    if (!created) return;
    this.#announce(`Highlighted in ${this.#annotations.colorNames[color]}.${withNote ? ' Type your note.' : ''}`);
    // Down to the view with the new highlight: it opens its note, or makes it the current one.
    this.#created = { id: created.id, withNote };
    this.requestUpdate();
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
    const annotations = this.#annotations;
    const articleId = annotations.articleId;
    this.#articleView.value?.closePopover();
    const deleted = await annotations.remove(event.detail.id);
    if (!deleted || !articleId) return;
    const quote = shortQuote(deleted.target.quote.exact, 60);
    fire(this, 'undo-offer', {
      message: `Highlight deleted: “${quote}”.`,
      undo: async () => {
        const restored = await annotations.restore(articleId, deleted.id);
        if (restored) this.#announce('Highlight restored.');
      },
    });
  };

  #onPopoverClosed = () => {
    void this.#annotations.flushAll();
  };

  #onToggleNotes = async (event: CustomEvent<ToggleNotesDetail>) => {
    const panel = this.renderRoot.querySelector('notes-panel');
    const focusInPanel = panel !== null && panel.matches(':focus-within');
    this.#setNotesOpen(!this.notesOpen);
    if (!this.notesOpen) {
      void this.#annotations.flushAll();
      if (focusInPanel) this.#articleView.value?.focusNotesToggle();
    } else if (event.detail?.focus) {
      await this.updateComplete;
      this.renderRoot.querySelector('notes-panel')?.focus();
    }
    this.#announce(this.notesOpen ? 'Notes shown.' : 'Notes hidden.');
  };

  #setNotesOpen(open: boolean): void {
    this.notesOpen = open;
    storeOpen(NOTES_OPEN_KEY, open);
  }

  // ---------------------------------------------------------------- contents

  #onToggleContents = async (event: CustomEvent<ToggleContentsDetail>) => {
    const panel = this.renderRoot.querySelector('contents-panel');
    const focusInPanel = panel !== null && panel.matches(':focus-within');
    this.contentsOpen = !this.contentsOpen;
    storeOpen(CONTENTS_OPEN_KEY, this.contentsOpen);
    if (!this.contentsOpen) {
      if (focusInPanel) this.#articleView.value?.focusContentsToggle();
    } else if (event.detail?.focus) {
      await this.updateComplete;
      this.renderRoot.querySelector('contents-panel')?.focus();
    }
    this.#announce(this.contentsOpen ? 'Contents shown.' : 'Contents hidden.');
  };

  #onHeadings = (event: CustomEvent<ArticleHeadingsDetail>) => {
    if (event.detail.id !== this.articleId) return;
    this.headings = event.detail.headings;
    this.section = -1;
  };

  #onSection = (event: CustomEvent<HeadingIndexDetail>) => {
    this.section = event.detail.index;
  };

  #onHeadingReveal = (event: CustomEvent<HeadingIndexDetail>) => {
    this.#articleView.value?.revealHeading(event.detail.index);
  };

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

  #announce(message: string): void {
    fire(this, 'announce', { message });
  }

  #alert(message: string): void {
    fire(this, 'status-alert', { message });
  }
}

customElements.define('reader-page', ReaderPageElement);

declare global {
  interface HTMLElementTagNameMap {
    'reader-page': ReaderPageElement;
  }
}
