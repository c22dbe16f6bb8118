import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ArticleView, ColorNames, ListeningSettings, ReadingProgress, ReadingSettings } from '../../../common/model';
import { DEFAULT_LISTENING_SETTINGS, DEFAULT_READING_SETTINGS } from '../../../common/reading';
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
import { HeadingsController } from './headings-controller';
import { ReadingKeys, pinnedHeight } from './reading-keys';
import '../reading-progress/reading-progress';
import type { ReadingProgressElement } from '../reading-progress/reading-progress';
import { minutesLeftLabel, percentOf } from '../reading-progress/minutes-left';
import { readingStyle } from './reading-style';
import { readingFacesLoaded } from './reading-style-fonts';
import { fire, type FindQueryDetail, type FindStepDetail, type HighlightSelectionDetail } from '../../events';
import type { ListenBarElement } from '../read-aloud/listen-bar';
import { renderListenBar } from '../read-aloud/listen-bar-view';
import { ReadAloudController } from '../read-aloud/read-aloud-controller';
import { WebSpeechEngine, type SpeechEngine } from '../read-aloud/speech-engine';

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
 * Listen (or Ctrl/Cmd+Shift+Space, which then pauses and plays) reads the article aloud
 * with the system's voices and shows `<listen-bar>` at the bottom of the window (see
 * `../read-aloud/`). A thin progress bar is pinned to the top (`<reading-progress>`)
 * and the minutes left sit at the bottom; the body's headings go up for the Contents
 * panel (its button or Ctrl/Cmd+Shift+O), and the section being read with them
 * (`headings-controller.ts`). Space / Shift+Space page, `j` / `k` move a line, Home /
 * End go to the top or the end (`reading-keys.ts`). The reading settings (`reading`:
 * typeface, size, line height, width, margins, justification, paragraph spacing) become
 * custom properties on the host (`reading-style.ts`); when they change, the reader's
 * place is kept.
 *
 * One idea, though long: the view of one article — its markup, its arrival (the body
 * put in place, the position restored or a search hit landed on) and the keys that act
 * over it, which decide among the parts in one order (Notes, Contents, Listen, find,
 * highlights, reading keys, back). The parts themselves live beside it as controllers:
 * `reading-position-controller.ts`, `find-controller.ts`, `highlight-interaction.ts`,
 * `headings-controller.ts`, `reading-keys.ts`, read aloud's controller and its bar's
 * binding (`listen-bar-view.ts`); the body's links in `article-body.ts`.
 *
 * @slot actions - in the toolbar beside "Back to library": the article's own commands (delete, read, tags).
 * @fires back-to-library - the reader asked to return to the library (bubbles, composed).
 * @fires reading-progress - `{ id, progress }`: where the reader now is (bubbles, composed).
 * @fires article-text - `{ id, text }`: an article's body is shown; highlights anchor in `text` (bubbles, composed).
 * @fires highlight-create - `{ target, color, start, end, withNote }`: highlight the selection (bubbles, composed).
 * @fires popover-closed - `{ ids }`: a highlight's popover closed; save its note now (bubbles, composed).
 * @fires toggle-notes - the reader asked to show or hide the Notes panel (bubbles, composed).
 * @fires toggle-contents - the reader asked to show or hide the Contents panel (bubbles, composed).
 * @fires article-headings - `{ id, headings }`: the shown article's headings (bubbles, composed).
 * @fires reading-section - `{ index }`: the heading the reader is now in, -1 for none (bubbles, composed).
 * @fires appearance-toggle - the reader asked to show or hide the Text and Layout panel ("Aa") (bubbles, composed).
 * @fires announce - `{ message }`: something to tell a screen reader (bubbles, composed).
 * @fires settings-change - `{ listening }`: read aloud's speed, voice or marking read at the end changed (bubbles, composed).
 * @fires article-set-read - `{ id, read: true }`: read aloud reached the end and marks the article read (bubbles, composed).
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
    contentsOpen: { type: Boolean },
    singleKeys: { attribute: false },
    created: { attribute: false },
    listening: { attribute: false },
    reading: { attribute: false },
    appearanceOpen: { type: Boolean },
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
  /** Whether the Contents panel is shown (for the "Contents" button's state). */
  declare contentsOpen: boolean;
  /** N, P, H, /, J and K work, and Space pages (View ▸ Single-Key Shortcuts). */
  declare singleKeys: boolean;
  /** The highlight just made from the selection: its note opens ("Add note"), or it becomes the current one. */
  declare created: CreatedHighlight | null;
  /** Read aloud's settings (speed, voice, marking read at the end). */
  declare listening: ListeningSettings;
  /** The reading settings: the article's typeface, size and layout (set as custom properties on the host, `reading-style.ts`). */
  declare reading: ReadingSettings;
  /** Whether the Text and Layout panel is shown (for the "Aa" button's state). */
  declare appearanceOpen: boolean;

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
  /** The system's speech (created when Listen is first used; null where the page has none). */
  #engine: SpeechEngine | null | undefined;
  #listenBar = createRef<ListenBarElement>();
  #readAloud = new ReadAloudController(this, {
    engine: () => (this.#engine === undefined ? (this.#engine = WebSpeechEngine.fromWindow()) : this.#engine),
    article: () => (this.#shown ? { id: this.#shown.id, language: this.#shown.language ?? null } : null),
    index: () => this.#highlighting.index,
    root: () => this.shadowRoot,
    settings: () => this.listening,
    bottomInset: () => this.#listenBar.value?.getBoundingClientRect().height ?? 0,
  });
  #article = createRef<HTMLElement>();
  #progressBar = createRef<ReadingProgressElement>();
  /** What is pinned over the top of the viewport while reading: the progress bar, the find bar. */
  #pinned = () => pinnedHeight([this.#progressBar.value, this.#findBar.value]);
  /** The headings, the section being read and how far (see `headings-controller.ts`). */
  #outline = new HeadingsController(this, { body: () => this.#body.value, pinned: this.#pinned });
  /** Space, j / k, Home / End (see `reading-keys.ts`). */
  #readingKeys = new ReadingKeys({
    article: () => this.#article.value,
    body: () => this.#body.value,
    pinned: this.#pinned,
    singleKeys: () => this.singleKeys,
  });
  /** The latest reading-settings change whose place is being kept. */
  #keepingPlace = 0;
  /** The place being brought back after a reading-settings change, until it is. */
  #placeKept: ReadingProgress | null = null;
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
    this.contentsOpen = false;
    this.singleKeys = true;
    this.created = null;
    this.listening = DEFAULT_LISTENING_SETTINGS;
    this.reading = DEFAULT_READING_SETTINGS;
    this.appearanceOpen = false;
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

  /** Go to a heading of the body (the Contents panel): at the top, focused. */
  revealHeading(index: number): boolean {
    return this.#outline.reveal(index);
  }

  /** Move focus to the "Contents" button (when the panel closes with focus in it). */
  focusContentsToggle(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.contents-toggle')?.focus();
  }

  /** Move focus to the "Notes" button (when the panel closes with focus in it). */
  focusNotesToggle(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.notes-toggle')?.focus();
  }

  /** Read aloud: start, pause or play again (the Listen shortcut and View ▸ Listen). */
  toggleListening(): void {
    if (this.#shown) void this.#readAloud.toggle();
  }

  /** Close a highlight's popover, if one is open. */
  closePopover(): void {
    this.#highlighting.closePopover();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reading')) {
      // The reader's place, measured before the text moves, is kept once the new face is in.
      // While an earlier change's place is still being brought back, that place holds (the text has moved since).
      const place = this.#placeKept ?? (this.#position.tracking ? this.#position.measure() : null);
      // On the host through the CSSOM (the CSP allows no style attribute): the styles read them.
      for (const [name, value] of Object.entries(readingStyle(this.reading))) this.style.setProperty(name, value);
      if (place) void this.#keepPlace(place);
    }
    if (changed.has('article') && this.#shown && this.article?.id !== this.#shown.id) {
      // Another article replaces this one: the old one's last position goes out first.
      this.flushProgress();
    }
  }

  protected override render() {
    return html`
      ${this.article ? this.#renderProgress(this.article) : nothing}
      <div class="page" ${ref(this.#page)}>
        <div class="toolbar">
          <button type="button" class="back" @click=${this.#goBack}>
            <span class="arrow" aria-hidden="true">←</span> Back to library
          </button>
          ${this.article ? this.#renderTools() : nothing}
          <slot name="actions"></slot>
        </div>
        ${this.#renderFind()} ${this.#renderContent()} ${this.#renderFloating()} ${this.article
          ? renderListenBar({
              controller: this.#readAloud,
              bar: this.#listenBar,
              articleLang: this.article.language ?? null,
              listening: this.listening,
              stopped: () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.listen-toggle')?.focus()),
            })
          : nothing}
        ${this.article ? html`<p class="time-left">${minutesLeftLabel(this.article.readingMinutes, this.#outline.fraction)}</p>` : nothing}
      </div>
    `;
  }

  /** The reader's own tools: Listen, Contents, Notes and Aa (Text and Layout). */
  #renderTools() {
    return html`<div class="tools">
      <button type="button" class="tool listen-toggle" aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.listen)} @click=${this.#onListen}>
        Listen
      </button>
      <button
        type="button"
        class="tool contents-toggle"
        aria-expanded=${this.contentsOpen ? 'true' : 'false'}
        aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.toggleContents)}
        @click=${this.#toggleContents}
      >
        Contents
      </button>
      <button
        type="button"
        class="tool notes-toggle"
        aria-expanded=${this.notesOpen ? 'true' : 'false'}
        aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.toggleNotes)}
        @click=${this.#toggleNotes}
      >
        Notes
      </button>
      <button
        type="button"
        class="tool appearance-toggle"
        aria-expanded=${this.appearanceOpen ? 'true' : 'false'}
        aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.textLayout)}
        @click=${this.#toggleAppearance}
      >
        Aa<span class="visually-hidden"> Text and Layout</span>
      </button>
    </div>`;
  }

  /** The progress bar pinned to the top (how far, and the minutes left in words). */
  #renderProgress(article: ArticleView) {
    const fraction = this.#outline.fraction;
    return html`<reading-progress
      ${ref(this.#progressBar)}
      .fraction=${fraction}
      .valueText=${`${percentOf(fraction)}%, ${minutesLeftLabel(article.readingMinutes, fraction)}`}
    ></reading-progress>`;
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
      <article lang=${article.language ?? nothing} ${ref(this.#article)}>
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
      this.#readAloud.reset();
      this.#position.detach();
      this.#outline.detach();
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
    this.#readAloud.reset();
    this.#shown = article;
    // A place kept for the article before is not this one's.
    this.#keepingPlace++;
    this.#placeKept = null;
    body.replaceChildren(sanitizeArticle(article.html));
    interceptLinks(body, (event) => this.#highlighting.onBodyClick(event));
    this.#position.attach(article, body);
    const text = this.#highlighting.attach(body);
    fire(this, 'article-text', { id: article.id, text });
    this.#outline.attach(article.id, body);
    this.#highlighting.paint();
    if (this.#landing && this.#landing.articleId !== article.id) this.#landing = null;
    const landing = this.#landing !== null;
    const finding = this.#find.searching;

    if (!finding) this.#heading.value?.focus({ preventScroll: true });
    // The reader may scroll while the images and the face load (up to 1.5 s): then the
    // place they scrolled to (in the text, so a face swap does not move it) is where the
    // article opens, and it is saved; they are never pulled back to the saved one.
    const openedAt = window.scrollY;
    let movedTo: ReadingProgress | null = null;
    const onEarlyScroll = () => {
      if (Math.abs(window.scrollY - openedAt) > 1) movedTo = this.#position.measure();
    };
    window.addEventListener('scroll', onEarlyScroll, { passive: true });
    try {
      await Promise.all([imagesSettled(body), readingFacesLoaded(body)]);
      await nextFrame();
    } finally {
      window.removeEventListener('scroll', onEarlyScroll);
    }
    if (this.#shown !== article) return;
    makeScrollersFocusable(body);

    let readerMoved = !landing && movedTo !== null;
    const place = landing ? null : (movedTo ?? article.progress);
    const target = this.#position.restoreTarget(place);
    window.scrollTo({ top: target, left: 0, behavior: 'instant' });

    // Our own scroll's event fires before the next frame's callbacks: skip it.
    await nextFrame();
    if (this.#shown !== article) return;
    this.#position.track();
    // A scroll of the reader's within that frame had no one to report it: report it now.
    if (!landing && Math.abs(window.scrollY - target) > 1) readerMoved = true;
    this.#outline.measure();
    if (landing) {
      await this.#applyLanding();
    } else if (finding) {
      // The article changed under an open find bar: search it again.
      this.#find.rerun();
    }
    // An article that fits on screen is read once it is shown; a place the reader scrolled to while it opened is saved.
    const progress = this.#position.measure();
    if (readerMoved || (progress && progress.fraction === 1 && article.progress?.fraction !== 1)) this.#position.reportSoon();
  }

  /** After a reading setting changed: bring the reader's place back to the reading line (the newest change wins). */
  async #keepPlace(place: ReadingProgress): Promise<void> {
    const ask = ++this.#keepingPlace;
    this.#placeKept = place;
    const body = this.#body.value;
    if (body) await readingFacesLoaded(body);
    await nextFrame();
    if (ask !== this.#keepingPlace) return;
    this.#placeKept = null;
    if (this.#position.tracking) window.scrollTo({ top: this.#position.restoreTarget(place), left: 0, behavior: 'instant' });
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

  #toggleContents = (event?: Event) => {
    fire(this, 'toggle-contents', { focus: event instanceof KeyboardEvent });
  };

  #toggleAppearance = () => {
    fire(this, 'appearance-toggle');
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
    if (this.#shown && matches(event, SHORTCUTS.listen)) {
      event.preventDefault();
      void this.#readAloud.toggle();
      return;
    }
    if (this.#shown && matches(event, SHORTCUTS.toggleContents)) {
      event.preventDefault();
      this.#toggleContents(event);
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
    if (this.#shown && this.#readingKeys.onKeyDown(event)) {
      event.preventDefault();
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

  #onListen = async () => {
    await this.#readAloud.start();
    await this.updateComplete;
    this.#listenBar.value?.focusPlay();
  };

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
