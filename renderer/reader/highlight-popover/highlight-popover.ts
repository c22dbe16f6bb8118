import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ColorNames, Highlight } from '../../../common/model';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../../colors';
import { shortQuote } from '../../format';
import { copyText } from './copy-text';
import { highlightPopoverStyles } from './highlight-popover.styles';
import { parseTags } from '../../tags';
import { fire } from '../../events';
import '../../markdown/rendered-note';
import { isOversizedNote } from '../../markdown/render-note';

/** Longest quote shown in the picker (the whole quote is in the panel). */
const PICK_QUOTE_CHARS = 140;

/**
 * The popover for one highlight (a non-modal dialog named "Highlight"): its color
 * (a radio group of the five), its note (Markdown, saved as you type), its tags,
 * "Copy quote", "Delete" and "Close". Where several highlights overlap at the point
 * the reader chose, it first lists their quotes to pick one.
 *
 * Focus moves into the popover when it opens (to the note with `focusNote`);
 * Escape or "Close" asks the parent to close it (and return focus).
 *
 * @fires highlight-color - `{ id, color }` (bubbles, composed).
 * @fires note-input - `{ id, note }`: the note as typed so far (bubbles, composed).
 * @fires note-commit - `{ id }`: the note field lost focus; save now (bubbles, composed).
 * @fires tags-change - `{ id, tags }` (bubbles, composed).
 * @fires highlight-delete - `{ id }` (bubbles, composed).
 * @fires popover-close - Escape or "Close" (bubbles, composed).
 * @fires announce - `{ message }`: something to tell a screen reader (bubbles, composed).
 */
export class HighlightPopoverElement extends LitElement {
  static override styles = highlightPopoverStyles;

  static override properties = {
    highlights: { attribute: false },
    colorNames: { attribute: false },
    focusNote: { type: Boolean },
    chosen: { state: true },
    tagError: { state: true },
    editingNote: { state: true },
  };

  /** The highlights at the point the reader chose, in document order (one: no picker). */
  declare highlights: Highlight[];
  declare colorNames: ColorNames;
  /** Open with the note field focused ("Add note"). */
  declare focusNote: boolean;
  /** The highlight being edited (null while picking). */
  declare chosen: string | null;
  declare tagError: string | null;
  /** The note field has focus (it shows the Markdown; otherwise the note reads rendered). */
  declare editingNote: boolean;

  constructor() {
    super();
    this.highlights = [];
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.focusNote = false;
    this.chosen = null;
    this.tagError = null;
    this.editingNote = false;
  }

  /** The highlight being edited, if one is chosen and still exists. */
  get current(): Highlight | null {
    const id = this.chosen ?? (this.highlights.length === 1 ? this.highlights[0]!.id : null);
    return this.highlights.find((h) => h.id === id) ?? null;
  }

  /** Move focus into the popover: the note, the checked color, or the first quote to pick. */
  override async focus(): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot;
    const target =
      (this.current && this.focusNote ? root.querySelector<HTMLElement>('textarea') : null) ??
      root.querySelector<HTMLElement>('input[type="radio"]:checked') ??
      root.querySelector<HTMLElement>('.pick button');
    target?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('highlights') && this.chosen && !this.highlights.some((h) => h.id === this.chosen)) {
      this.chosen = null;
    }
  }

  protected override render() {
    const current = this.current;
    return html`
      <div class="popover" role="dialog" aria-label="Highlight" @keydown=${this.#onKeyDown}>
        ${current ? this.#renderEditor(current) : this.#renderPicker()}
      </div>
    `;
  }

  #renderPicker() {
    return html`
      <p class="pick-label" id="pick-label">${this.highlights.length} highlights overlap here. Which one?</p>
      <ul class="pick" aria-labelledby="pick-label">
        ${repeat(
          this.highlights,
          (h) => h.id,
          (h) => html`
            <li>
              <button type="button" @click=${() => this.#pick(h.id)}>
                <span class="swatch swatch--${h.color}" aria-hidden="true"></span>
                <span class="pick-text">
                  <span class="pick-color">${this.colorNames[h.color]}</span>
                  <q>${shortQuote(h.target.quote.exact, PICK_QUOTE_CHARS)}</q>
                </span>
              </button>
            </li>
          `,
        )}
      </ul>
      <div class="actions">
        <button type="button" class="quiet" @click=${this.#close}>Close</button>
      </div>
    `;
  }

  #renderEditor(h: Highlight) {
    return html`
      ${this.highlights.length > 1
        ? html`<button type="button" class="quiet back" @click=${this.#unpick}>
            <span aria-hidden="true">←</span> Other highlights here
          </button>`
        : nothing}
      <div class="colors" role="radiogroup" aria-label="Color">
        ${HIGHLIGHT_COLORS.map(
          (color) => html`
            <label class="color">
              <input
                type="radio"
                name="color"
                value=${color}
                .checked=${h.color === color}
                @change=${() => fire(this, 'highlight-color', { id: h.id, color })}
              />
              <span class="swatch swatch--${color}" aria-hidden="true"></span>
              <span>${this.colorNames[color]}</span>
            </label>
          `,
        )}
      </div>

      <label class="field-label" for="note">Note</label>
      <div class="note-editor">
        ${!this.editingNote && h.note.trim() ? html`<rendered-note .text=${h.note}></rendered-note>` : nothing}
        <textarea
          id="note"
          rows="4"
          aria-describedby="note-hint"
          .value=${this.editingNote || !isOversizedNote(h.note) ? h.note : ''}
          @focus=${() => (this.editingNote = true)}
          @input=${(e: Event) => fire(this, 'note-input', { id: h.id, note: (e.target as HTMLTextAreaElement).value })}
          @blur=${() => {
            this.editingNote = false;
            fire(this, 'note-commit', { id: h.id });
          }}
        ></textarea>
      </div>
      <p class="hint" id="note-hint">Markdown. Saved as you type.</p>

      <span class="field-label" id="tags-label">Tags</span>
      ${h.tags.length > 0
        ? html`<ul class="tags" aria-labelledby="tags-label">
            ${h.tags.map(
              (tag) => html`<li class="tag">
                <span>${tag}</span>
                <button type="button" aria-label="Remove tag ${tag}" @click=${() => this.#removeTag(h, tag)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <label class="visually-hidden" for="tag">Add tag</label>
      <input
        id="tag"
        class="tag-input"
        type="text"
        placeholder="Add tag…"
        autocomplete="off"
        enterkeyhint="done"
        aria-describedby="tag-hint"
        aria-invalid=${this.tagError ? 'true' : 'false'}
        @keydown=${(e: KeyboardEvent) => this.#onTagKey(e, h)}
      />
      <p class="hint ${this.tagError ? 'hint--error' : ''}" id="tag-hint">
        ${this.tagError ?? 'Press Enter to add.'}
      </p>

      <div class="actions">
        <button type="button" @click=${() => void this.#copy(h)}>Copy quote</button>
        <button type="button" class="danger" @click=${() => fire(this, 'highlight-delete', { id: h.id })}>Delete</button>
        <button type="button" class="quiet" @click=${this.#close}>Close</button>
      </div>
    `;
  }

  #pick(id: string): void {
    this.chosen = id;
    this.focusNote = false;
    void this.focus();
  }

  #unpick = () => {
    this.chosen = null;
    void this.focus();
  };

  #onTagKey(event: KeyboardEvent, h: Highlight): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const parsed = parseTags(input.value);
    if (parsed.error) {
      this.tagError = parsed.error;
      return;
    }
    this.tagError = null;
    const added = parsed.tags.filter((t) => !h.tags.includes(t));
    input.value = '';
    if (added.length === 0) return;
    fire(this, 'tags-change', { id: h.id, tags: [...h.tags, ...added] });
    fire(this, 'announce', { message: `Tag ${added.join(', ')} added.` });
  }

  async #removeTag(h: Highlight, tag: string): Promise<void> {
    fire(this, 'tags-change', { id: h.id, tags: h.tags.filter((t) => t !== tag) });
    fire(this, 'announce', { message: `Tag ${tag} removed.` });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.tags button, #tag')?.focus();
  }

  async #copy(h: Highlight): Promise<void> {
    const done = await copyText(h.target.quote.exact, this.renderRoot as ShadowRoot);
    fire(this, 'announce', { message: done ? 'Quote copied.' : 'The quote could not be copied.' });
  }

  #close = () => {
    fire(this, 'popover-close');
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    this.#close();
  };
}

customElements.define('highlight-popover', HighlightPopoverElement);

declare global {
  interface HTMLElementTagNameMap {
    'highlight-popover': HighlightPopoverElement;
  }
}
