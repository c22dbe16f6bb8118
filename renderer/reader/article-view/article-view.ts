import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ArticleView, ColorNames } from '../../../common/model';
import type { HighlightColor } from '../../../common/colors';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import { formatPublished, formatReadingTime, machineDate } from '../../format';
import { SHORTCUTS, ariaKeyShortcuts, matches } from '../../shortcuts';
import { isTextField } from '../../text-field';
import '../find-bar/find-bar';
import type { FindBarElement } from '../find-bar/find-bar';
import type { Landing } from '../../landing';
import '../highlight-popover/highlight-popover';
import type { HighlightPopoverElement } from '../highlight-popover/highlight-popover';
import '../highlight-toolbar/highlight-toolbar';
import type { HighlightToolbarElement } from '../highlight-toolbar/highlight-toolbar';
import { sanitizeArticle } from './article-html';
import { imagesSettled, interceptLinks, makeScrollersFocusable } from './article-body';
import { articleViewStyles } from './article-view.styles';
import { cssomStyle } from './cssom-style';
import { FindController } from './find-controller';
import type { PlacedHighlight } from '../../controllers/annotations-controller';
import { HighlightInteraction, type FloatPosition } from './highlight-interaction';
import { ReadingPositionController } from './reading-position-controller';
import { fire, type FindQueryDetail, type FindStepDetail, type HighlightSelectionDetail } from '../../events';

/** A highlight just made from the selection (a new object each time). */
export interface CreatedHighlight {
  id: string;
  /** Open its note ("Add note"). */
  withNote: boolean;
}

const floatStyle = (at: FloatPosition) => cssomStyle({ top: `${at.top}px`, left: `${at.left}px` });

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The reader: one article set for long reading — title, meta line, body, credit.
 *
 * The page scrolls the document, so Space, Page Down and the arrow keys work as in
 * any page. Escape or Alt+Left asks to go back (Escape first closes a highlight's
 * popover or the selection toolbar). When an article arrives, focus moves
 * to its title and a saved position is restored; as the reader scrolls, the position
 * is reported at most every 300 ms (the last scroll is always reported), and measured
 * and reported again when the page is hidden or unloaded, when the reader goes back,
 * and when {@link flushProgress} is called (see `reading-position-controller.ts`).
 *
 * Highlights (see `highlight-interaction.ts`) are drawn over the text with the CSS
 * Custom Highlight API. Selecting text shows a toolbar (`<highlight-toolbar>`);
 * `H` or Ctrl/Cmd+Shift+H highlights the selection in the last-used color;
 * Shift+arrows select text from the keyboard; Tab moves into the toolbar. A click
 * on a highlight (or Enter on the current one; `n`/`p` move to the next and previous)
 * opens its popover (`<highlight-popover>`). Ctrl/Cmd+Shift+N toggles the Notes panel.
 *
 * Ctrl/Cmd+F, or `/` outside a text field, opens the find bar (`<find-bar>`, docked
 * above the text column; see `find-controller.ts`): matches are drawn as `lectern-find`,
 * the current one as `lectern-find-current` and scrolled to the middle; Enter /
 * Shift+Enter and F3 / Shift+F3 step (wrapping); Escape closes it, clears the marks
 * and puts focus back. A new article under an open bar is searched again.
 *
 * One idea, though long: the view of one article — its markup, its arrival (the body
 * put in place, the position restored or a search hit landed on) and the keys that act
 * over it, which decide among the parts in one order (Notes, find, highlights, back).
 * The parts themselves live beside it as controllers: `reading-position-controller.ts`,
 * `find-controller.ts`, `highlight-interaction.ts`; the body's links in `article-body.ts`.
 *
 * @slot actions - in the toolbar beside "Back to library": the article's own commands (delete, read, tags).
 * @fires back-to-library - the reader asked to return to the library (bubbles, composed).
 * @fires reading-progress - `{ id, progress }`: where the reader now is (bubbles, composed).
 * @fires article-text - `{ id, text }`: an article's body is shown; highlights anchor in `text` (bubbles, composed).
 * @fires highlight-create - `{ target, color, start, end, withNote }`: highlight the selection (bubbles, composed).
 * @fires popover-closed - `{ ids }`: a highlight's popover closed; save its note now (bubbles, composed).
 * @fires toggle-notes - the reader asked to show or hide the Notes panel (bubbles, composed).
 * @fires announce - `{ message }`: something to tell a screen reader (bubbles, composed).
 * The popover's own events (`highlight-color`, `note-input`, `note-commit`, `tags-change`,
 * `highlight-delete`) bubble out of the view unchanged.
 * @csspart body - the container of the article's own HTML.
 */
export class ArticleViewElement extends LitElement {
  static override styles = articleViewStyles;

  static override properties = {
    article: { attribute: false },
    loading: { type: Boolean },
    errorMessage: { attribute: false },
    highlights: { attribute: false },
    colorNames: { attribute: false },
    lastColor: { attribute: false },
    notesOpen: { type: Boolean },
    singleKeys: { attribute: false },
    created: { attribute: false },
  };

  /** The article to show (metadata and sanitized HTML); null while loading or after an error. */
  declare article: ArticleView | null;
  /** The article is being fetched. */
  declare loading: boolean;
  /** Why the article could not be opened, if it could not. */
  declare errorMessage: string | null;
  /** The article's highlights placed in its text, in document order. */
  declare highlights: readonly PlacedHighlight[];
  /** The reader's names for the highlight colors. */
  declare colorNames: ColorNames;
  /** The color `H` highlights in. */
  declare lastColor: HighlightColor;
  /** Whether the Notes panel is shown (for the "Notes" button's state). */
  declare notesOpen: boolean;
  /** N, P, H and / work (View ▸ Single-Key Shortcuts). */
  declare singleKeys: boolean;
  /** The highlight just made from the selection: its note opens ("Add note"), or it becomes the current one. */
  declare created: CreatedHighlight | null;

  #body = createRef<HTMLDivElement>();
  #page = createRef<HTMLDivElement>();
  #toolbar = createRef<HighlightToolbarElement>();
  #popover = createRef<HighlightPopoverElement>();
  #highlighting = new HighlightInteraction(this, {
    body: () => this.#body.value,
    page: () => this.#page.value,
    toolbar: () => this.#toolbar.value,
    popover: () => this.#popover.value,
    placed: () => this.highlights,
    singleKeys: () => this.singleKeys,
    colorNames: () => this.colorNames,
    lastColor: () => this.lastColor,
  });
  #heading = createRef<HTMLHeadingElement>();
  #findBar = createRef<FindBarElement>();
  #find = new FindController(this, {
    index: () => this.#highlighting.index,
    bar: () => this.#findBar.value,
    body: () => this.#body.value,
  });
  /** The article whose HTML is in the body container. */
  #shown: ArticleView | null = null;
  #position = new ReadingPositionController(this, {
    body: () => this.#body.value,
    shown: () => this.#shown,
  });
  /** Where the next shown article should open (a search hit), instead of its saved position. */
  #landing: { articleId: string; landing: Landing } | null = null;

  constructor() {
    super();
    this.article = null;
    this.loading = false;
    this.errorMessage = null;
    this.highlights = [];
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.lastColor = 'yellow';
    this.notesOpen = false;
    this.singleKeys = true;
    this.created = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onKeyDown);
    super.disconnectedCallback();
  }

  /**
   * Report where the reader is now (if it moved since the last report), dropping any
   * waiting throttled report. Call before taking the reader away; the view also does
   * it itself when the page is hidden or unloaded. Measuring here, rather than only
   * running a waiting call, also catches a scroll whose event has not fired yet.
   */
  flushProgress(): void {
    this.#position.flush();
  }

  /**
   * Open `articleId` at a search hit instead of its saved position: at a word (the
   * find bar opens with it) or at a highlight (its popover opens). Call it right after
   * handing the view that article; it waits for the article and its highlights.
   */
  landAt(articleId: string, landing: Landing): void {
    this.#landing = { articleId, landing };
    if (this.#position.tracking && this.#shown?.id === articleId) void this.#applyLanding();
  }

  /** Scroll a highlight into view, flash it and make it the current one (the Notes panel's items). */
  revealHighlight(id: string): boolean {
    return this.#highlighting.reveal(id);
  }

  /** Move focus to the "Notes" button (when the panel closes with focus in it). */
  focusNotesToggle(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.notes-toggle')?.focus();
  }

  /** Close a highlight's popover, if one is open. */
  closePopover(): void {
    this.#highlighting.closePopover();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('article') && this.#shown && this.article?.id !== this.#shown.id) {
      // Another article replaces this one: the old one's last position goes out first.
      this.flushProgress();
    }
  }

  protected override render() {
    return html`
      <div class="page" ${ref(this.#page)}>
        <div class="toolbar">
          <button type="button" class="back" @click=${this.#goBack}>
            <span class="arrow" aria-hidden="true">←</span> Back to library
          </button>
          ${this.article
            ? html`<button
                type="button"
                class="notes-toggle"
                aria-expanded=${this.notesOpen ? 'true' : 'false'}
                aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.toggleNotes)}
                @click=${this.#toggleNotes}
              >
                Notes
              </button>`
            : nothing}
          <slot name="actions"></slot>
        </div>
        ${this.#renderFind()} ${this.#renderContent()} ${this.#renderFloating()}
      </div>
    `;
  }

  #renderFind() {
    if (!this.#find.isOpen || !this.article) return nothing;
    const find = this.#find.state;
    return html`<find-bar
      ${ref(this.#findBar)}
      class="find"
      .query=${find.query}
      .matchCase=${find.matchCase}
      .wholeWord=${find.wholeWord}
      .total=${find.total}
      .current=${find.current}
      @find-query=${this.#onFindQuery}
      @find-step=${this.#onFindStep}
      @find-close=${this.#closeFind}
    ></find-bar>`;
  }

  #renderFloating() {
    const { selection, popover } = this.#highlighting;
    return html`
      ${selection && !popover
        ? html`<highlight-toolbar
            ${ref(this.#toolbar)}
            class="floating ${selection.above ? 'floating--above' : ''}"
            ${floatStyle(selection)}
            .colorNames=${this.colorNames}
            .lastColor=${this.lastColor}
            @highlight-selection=${this.#onToolbarChoice}
            @toolbar-dismiss=${this.#onToolbarDismiss}
          ></highlight-toolbar>`
        : nothing}
      ${popover
        ? html`<highlight-popover
            ${ref(this.#popover)}
            class="floating"
            ${floatStyle(popover)}
            .highlights=${this.#highlighting.popoverHighlights()}
            .colorNames=${this.colorNames}
            ?focusNote=${popover.focusNote}
            @popover-close=${this.#onPopoverClose}
          ></highlight-popover>`
        : nothing}
    `;
  }

  #renderContent() {
    if (this.article) return this.#renderArticle(this.article);
    if (this.errorMessage) {
      return html`
        <div class="problem" role="alert">
          <h1 tabindex="-1" ${ref(this.#heading)}>This article could not be opened</h1>
          <p>${this.errorMessage}</p>
        </div>
      `;
    }
    return html`<div class="loading" role="status"><p>Opening the article…</p></div>`;
  }

  #renderArticle(article: ArticleView) {
    const date = formatPublished(article.publishedAt);
    const datetime = machineDate(article.publishedAt);
    return html`
      <article lang=${article.language ?? nothing}>
        <header class="head">
          <h1 class="title" tabindex="-1" ${ref(this.#heading)}>${article.title}</h1>
          <p class="meta">
            ${article.site ? html`<span class="site">${article.site}</span><span class="sep" aria-hidden="true"> · </span>` : nothing}
            ${date ? html`<time datetime=${datetime ?? nothing}>${date}</time><span class="sep" aria-hidden="true"> · </span>` : nothing}
            <span>${formatReadingTime(article.readingMinutes)}</span>
          </p>
          ${article.byline ? html`<p class="byline">${article.byline}</p>` : nothing}
        </header>
        <div class="body" part="body" tabindex="-1" ${ref(this.#body)}></div>
        ${article.credit ? html`<p class="credit">— ${article.credit}</p>` : nothing}
      </article>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const body = this.#body.value;
    if (this.article && body && this.#shown !== this.article) {
      void this.#show(this.article, body);
    } else if (!this.article && this.#shown) {
      this.#shown = null;
      this.#position.detach();
      this.#highlighting.detach();
      this.#find.clearMarks();
    }
    if (changed.has('highlights') && this.#shown) {
      this.#highlighting.paint();
      if (this.#position.tracking) void this.#applyLanding();
    }
    if (changed.has('created') && this.created) this.#highlighting.created(this.created.id, this.created.withNote);
    if (changed.has('errorMessage') && this.errorMessage && !this.article) {
      this.#heading.value?.focus({ preventScroll: true });
    }
  }

  /** Put the article's HTML in place, focus the title, restore the saved position, start tracking. */
  async #show(article: ArticleView, body: HTMLDivElement): Promise<void> {
    this.#shown = article;
    body.replaceChildren(sanitizeArticle(article.html));
    interceptLinks(body, (event) => this.#highlighting.onBodyClick(event));
    this.#position.attach(article, body);
    const text = this.#highlighting.attach(body);
    fire(this, 'article-text', { id: article.id, text });
    this.#highlighting.paint();
    if (this.#landing && this.#landing.articleId !== article.id) this.#landing = null;
    const landing = this.#landing !== null;
    const finding = this.#find.searching;

    if (!finding) this.#heading.value?.focus({ preventScroll: true });
    await imagesSettled(body);
    await nextFrame();
    if (this.#shown !== article) return;
    makeScrollersFocusable(body);

    window.scrollTo({ top: landing ? 0 : this.#position.restoreTarget(article.progress), left: 0, behavior: 'instant' });

    // Our own scroll's event fires before the next frame's callbacks: skip it.
    await nextFrame();
    if (this.#shown !== article) return;
    this.#position.track();
    if (landing) {
      await this.#applyLanding();
    } else if (finding) {
      // The article changed under an open find bar: search it again.
      this.#find.rerun();
    }
    // An article that fits on screen is read once it is shown.
    const progress = this.#position.measure();
    if (progress && progress.fraction === 1 && article.progress?.fraction !== 1) this.#position.reportSoon();
  }

  /** Go to the pending search hit, if the article (and for a highlight, the highlight) is in place. */
  async #applyLanding(): Promise<void> {
    const pending = this.#landing;
    if (!pending || this.#shown?.id !== pending.articleId) return;
    const { landing } = pending;
    if (landing.kind === 'find') {
      this.#landing = null;
      await this.#find.land(landing.term);
    } else if (landing.kind === 'highlight') {
      // The highlights may arrive after the article: this runs again when they do.
      if (!this.#highlighting.reveal(landing.id, { announce: false })) return;
      this.#landing = null;
      this.#highlighting.openPopover([landing.id]);
    } else {
      this.#landing = null;
    }
  }

  #goBack = () => {
    this.flushProgress();
    fire(this, 'back-to-library');
  };

  #toggleNotes = (event?: Event) => {
    // From the keyboard shortcut, focus follows the panel; from the button, it stays on the button.
    const viaShortcut = event instanceof KeyboardEvent;
    fire(this, 'toggle-notes', { focus: viaShortcut });
  };

  #onToolbarChoice = (event: CustomEvent<HighlightSelectionDetail>) => {
    event.stopPropagation();
    const { color, withNote, viaKeyboard } = event.detail;
    this.#highlighting.highlightSelection(color, withNote, viaKeyboard);
  };

  #onToolbarDismiss = (event: Event) => {
    event.stopPropagation();
    this.#highlighting.dismissToolbar();
  };

  #onPopoverClose = (event: Event) => {
    event.stopPropagation();
    this.#highlighting.closePopover();
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (this.#shown && matches(event, SHORTCUTS.toggleNotes)) {
      event.preventDefault();
      this.#toggleNotes(event);
      return;
    }
    if (this.#shown && this.#isFindShortcut(event)) {
      event.preventDefault();
      void this.#find.open();
      return;
    }
    if (this.#shown && this.#highlighting.onKeyDown(event)) {
      event.preventDefault();
      return;
    }
    if (this.#find.isOpen && matches(event, SHORTCUTS.findStep)) {
      event.preventDefault();
      this.#find.step(event.shiftKey ? -1 : 1);
      return;
    }
    const back =
      matches(event, SHORTCUTS.backEscape) || matches(event, SHORTCUTS.back) || matches(event, SHORTCUTS.backBrowser);
    if (!back) return;
    if (this.#find.isOpen && event.key === 'Escape') {
      event.preventDefault();
      this.#closeFind();
      return;
    }
    // Alt+Left moves by word in a text field (macOS), and Escape while writing a note
    // must not leave the article: in a text field, leave both to the field.
    if (event.key !== 'BrowserBack' && isTextField(event.composedPath()[0])) return;
    event.preventDefault();
    this.#goBack();
  };

  /** Ctrl/Cmd+F anywhere in the reader, or `/` when not typing in a field (and single keys are on). */
  #isFindShortcut(event: KeyboardEvent): boolean {
    if (matches(event, SHORTCUTS.find)) return true;
    return matches(event, SHORTCUTS.findSlash, this.singleKeys) && !isTextField(event.composedPath()[0]);
  }

  #closeFind = (event?: Event) => {
    event?.stopPropagation();
    this.#find.close();
  };

  #onFindQuery = (event: CustomEvent<FindQueryDetail>) => {
    event.stopPropagation();
    this.#find.query(event.detail);
  };

  #onFindStep = (event: CustomEvent<FindStepDetail>) => {
    event.stopPropagation();
    this.#find.step(event.detail.direction);
  };
}

customElements.define('article-view', ArticleViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'article-view': ArticleViewElement;
  }
}
