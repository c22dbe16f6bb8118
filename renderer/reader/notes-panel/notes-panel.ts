import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ColorNames, Highlight } from '../../../common/model';
import type { HighlightColor } from '../../../common/colors';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../../colors';
import { shortQuote } from '../../format';
import { notesPanelStyles } from './notes-panel.styles';
import { fire } from '../../events';
import { SHORTCUTS, ariaKeyShortcuts } from '../../shortcuts';
import '../../markdown/rendered-note';
import { isOversizedNote } from '../../markdown/render-note';

const COLOR_WORDS: Readonly<Record<HighlightColor, string>> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/**
 * The Notes panel beside the article (a complementary landmark named "Notes"):
 * the article note, then every highlight in document order — quote, color name,
 * note and tags — filterable by color and tag; highlights that could not be placed
 * ("Could not be placed"), kept with their quote and note; and the color names.
 *
 * @fires article-note-input - `{ note }`: the article note as typed so far (bubbles, composed).
 * @fires article-note-commit - the article note lost focus: save now (bubbles, composed).
 * @fires highlight-reveal - `{ id }`: show this highlight in the article (bubbles, composed).
 * @fires highlight-delete - `{ id }`: delete a highlight (orphans) (bubbles, composed).
 * @fires color-rename - `{ color, name }` (bubbles, composed).
 * @fires toggle-notes - "Close notes" (bubbles, composed).
 * @fires export-notes - "Export…": open the export dialog (bubbles, composed).
 */
export class NotesPanelElement extends LitElement {
  static override styles = notesPanelStyles;

  static override properties = {
    highlights: { attribute: false },
    orphans: { attribute: false },
    colorNames: { attribute: false },
    articleNote: { attribute: false },
    saving: { type: Boolean },
    loading: { type: Boolean },
    colorFilter: { state: true },
    tagFilter: { state: true },
    editingNote: { state: true },
  };

  /** Highlights placed in the article, in document order. */
  declare highlights: Highlight[];
  /** Highlights that could not be placed. */
  declare orphans: Highlight[];
  declare colorNames: ColorNames;
  /** The article note's text (as typed so far). */
  declare articleNote: string;
  /** Something is still being written. */
  declare saving: boolean;
  declare loading: boolean;
  declare colorFilter: HighlightColor | '';
  declare tagFilter: string;
  /** The article note's field has focus (it shows the Markdown, not the rendered note). */
  declare editingNote: boolean;

  constructor() {
    super();
    this.highlights = [];
    this.orphans = [];
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.articleNote = '';
    this.saving = false;
    this.loading = false;
    this.colorFilter = '';
    this.tagFilter = '';
    this.editingNote = false;
  }

  /** Move focus to the panel's heading. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('highlights') || changed.has('orphans')) && this.tagFilter && !this.#allTags().includes(this.tagFilter)) {
      this.tagFilter = '';
    }
  }

  protected override render() {
    return html`
      <aside aria-label="Notes">
        <header class="head">
          <h2 tabindex="-1">Notes</h2>
          <span class="save-state" aria-hidden="true">${this.saving ? 'Saving…' : ''}</span>
          <button type="button" class="export" aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.exportNotes)} @click=${this.#export}>Export…</button>
          <button type="button" class="close" aria-label="Close notes" @click=${this.#close}>
            <span aria-hidden="true">×</span>
          </button>
        </header>

        <section class="article-note">
          <label class="field-label" for="article-note">Article note</label>
          <div class="note-editor">
            ${!this.editingNote && this.articleNote.trim()
              ? html`<rendered-note .text=${this.articleNote}></rendered-note>`
              : nothing}
            <textarea
              id="article-note"
              rows="4"
              aria-describedby="article-note-hint"
              .value=${this.editingNote || !isOversizedNote(this.articleNote) ? this.articleNote : ''}
              @focus=${() => (this.editingNote = true)}
              @input=${(e: Event) =>
                fire(this, 'article-note-input', { note: (e.target as HTMLTextAreaElement).value })}
              @blur=${() => {
                this.editingNote = false;
                fire(this, 'article-note-commit');
              }}
            ></textarea>
          </div>
          <p class="hint" id="article-note-hint">Markdown. Saved as you type.</p>
        </section>

        ${this.#renderHighlights()} ${this.#renderOrphans()} ${this.#renderColors()}
      </aside>
    `;
  }

  #renderHighlights() {
    const tags = this.#allTags();
    const shown = this.highlights.filter(
      (h) => (!this.colorFilter || h.color === this.colorFilter) && (!this.tagFilter || h.tags.includes(this.tagFilter)),
    );
    const total = this.highlights.length;
    return html`
      <section class="highlights" aria-labelledby="highlights-heading">
        <h3 id="highlights-heading">
          Highlights <span class="count">${shown.length === total ? total : `${shown.length} of ${total}`}</span>
        </h3>
        ${total > 0
          ? html`<div class="filters">
              <label>
                <span class="filter-label">Filter by color</span>
                <select @input=${this.#onColorFilter}>
                  <option value="" ?selected=${this.colorFilter === ''}>All colors</option>
                  ${HIGHLIGHT_COLORS.map(
                    (c) => html`<option value=${c} ?selected=${this.colorFilter === c}>${this.colorNames[c]}</option>`,
                  )}
                </select>
              </label>
              ${tags.length > 0
                ? html`<label>
                    <span class="filter-label">Filter by tag</span>
                    <select @input=${this.#onTagFilter}>
                      <option value="" ?selected=${this.tagFilter === ''}>All tags</option>
                      ${tags.map((t) => html`<option value=${t} ?selected=${this.tagFilter === t}>${t}</option>`)}
                    </select>
                  </label>`
                : nothing}
            </div>`
          : nothing}
        ${total === 0
          ? html`<p class="empty">
              ${this.loading ? 'Loading…' : 'No highlights yet. Select text in the article to highlight it.'}
            </p>`
          : shown.length === 0
            ? html`<p class="empty">No highlights match the filter.</p>`
            : html`<ol class="items">
                ${repeat(shown, (h) => h.id, (h) => this.#renderItem(h))}
              </ol>`}
      </section>
    `;
  }

  #renderItem(h: Highlight) {
    const hasNote = h.note.trim().length > 0;
    return html`
      <li class="item item--${h.color}">
        <button type="button" class="reveal" @click=${() => fire(this, 'highlight-reveal', { id: h.id })}>
          <span class="item-meta">
            <span class="swatch swatch--${h.color}" aria-hidden="true"></span>
            <span class="color-name">${this.colorNames[h.color]}</span>
            ${hasNote ? html`<span class="has-note">Has note</span>` : nothing}
          </span>
          <q class="quote">${h.target.quote.exact}</q>
        </button>
        ${hasNote ? html`<rendered-note class="note" .text=${h.note}></rendered-note>` : nothing} ${this.#renderTags(h)}
      </li>
    `;
  }

  #renderTags(h: Highlight) {
    if (h.tags.length === 0) return nothing;
    return html`<ul class="tags" aria-label="Tags">
      ${h.tags.map((t) => html`<li class="tag">${t}</li>`)}
    </ul>`;
  }

  #renderOrphans() {
    if (this.orphans.length === 0) return nothing;
    return html`
      <section class="orphans" aria-labelledby="orphans-heading">
        <h3 id="orphans-heading">Could not be placed <span class="count">${this.orphans.length}</span></h3>
        <p class="hint">The article's text changed where these were. Their quotes and notes are kept here.</p>
        <ul class="items">
          ${repeat(
            this.orphans,
            (h) => h.id,
            (h) => html`
              <li class="item item--${h.color} item--orphan">
                <span class="item-meta">
                  <span class="swatch swatch--${h.color}" aria-hidden="true"></span>
                  <span class="color-name">${this.colorNames[h.color]}</span>
                </span>
                <q class="quote">${h.target.quote.exact}</q>
                ${h.note.trim() ? html`<rendered-note class="note" .text=${h.note}></rendered-note>` : nothing}
                ${this.#renderTags(h)}
                <button
                  type="button"
                  class="delete"
                  aria-label="Delete highlight “${shortQuote(h.target.quote.exact, 60)}”"
                  @click=${() => fire(this, 'highlight-delete', { id: h.id })}
                >
                  Delete
                </button>
              </li>
            `,
          )}
        </ul>
      </section>
    `;
  }

  #renderColors() {
    return html`
      <details class="colors">
        <summary>Colors</summary>
        <p class="hint">Name each color for what it means to you.</p>
        ${HIGHLIGHT_COLORS.map(
          (color) => html`
            <label class="color-row">
              <span class="swatch swatch--${color}" aria-hidden="true"></span>
              <span class="color-word">${COLOR_WORDS[color]}</span>
              <input
                type="text"
                maxlength="40"
                autocomplete="off"
                .value=${live(this.colorNames[color])}
                @change=${(e: Event) => this.#onRename(e, color)}
              />
            </label>
          `,
        )}
      </details>
    `;
  }

  #allTags(): string[] {
    const tags = new Set<string>();
    for (const h of this.highlights) for (const t of h.tags) tags.add(t);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }

  #onColorFilter = (event: Event) => {
    this.colorFilter = (event.target as HTMLSelectElement).value as HighlightColor | '';
  };

  #onTagFilter = (event: Event) => {
    this.tagFilter = (event.target as HTMLSelectElement).value;
  };

  #onRename(event: Event, color: HighlightColor): void {
    const input = event.target as HTMLInputElement;
    const name = input.value.trim();
    if (!name) {
      input.value = this.colorNames[color];
      return;
    }
    fire(this, 'color-rename', { color, name });
  }

  #export = () => {
    fire(this, 'export-notes');
  };

  #close = () => {
    fire(this, 'toggle-notes', { focus: false });
  };
}

customElements.define('notes-panel', NotesPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'notes-panel': NotesPanelElement;
  }
}
