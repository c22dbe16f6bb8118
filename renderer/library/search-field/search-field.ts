import { LitElement, html } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ColorNames } from '../../../common/model';
import type { HighlightColor } from '../../../common/colors';
import type { SearchFilters } from '../../../common/search';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../../colors';
import { searchFieldStyles } from './search-field.styles';
import { fire } from '../../events';
import { SHORTCUTS, ariaKeyShortcuts } from '../../shortcuts';

/** Tags typed in the tag filter: separated by spaces or commas, a leading `#` dropped. */
export function parseTagFilter(text: string): string[] {
  const tags = text
    .split(/[\s,]+/u)
    .map((tag) => tag.replace(/^#+/u, '').trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)].slice(0, 20);
}

/**
 * The library's search box and its filters: highlight colors (toggle buttons),
 * "Has notes", and tags. It only reports what the reader asked for; the library
 * view shows the answer.
 *
 * Down arrow in the field moves to the first result; Escape clears the query
 * (a second Escape leaves the field).
 *
 * @fires search-change - `{ query, filters }` on every change (bubbles, composed).
 * @fires search-leave - Down arrow in the field: move to the results (bubbles, composed).
 */
export class SearchFieldElement extends LitElement {
  static override styles = searchFieldStyles;

  static override properties = {
    query: { attribute: false },
    filters: { attribute: false },
    colorNames: { attribute: false },
    tagText: { state: true },
  };

  declare query: string;
  declare filters: SearchFilters;
  declare colorNames: ColorNames;
  declare tagText: string;

  #input = createRef<HTMLInputElement>();

  constructor() {
    super();
    this.query = '';
    this.filters = { colors: [], tags: [], hasNotes: false };
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.tagText = '';
  }

  /** Focus the query field with its text selected (Ctrl/Cmd+K). */
  async focusField(): Promise<void> {
    await this.updateComplete;
    this.#input.value?.focus();
    this.#input.value?.select();
  }

  protected override render() {
    const { colors, hasNotes } = this.filters;
    return html`
      <div class="search" role="search" aria-label="Search the library">
        <input
          ${ref(this.#input)}
          class="query"
          type="search"
          aria-label="Search the library"
          aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.searchLibrary)}
          placeholder="Search titles, text, highlights and notes"
          spellcheck="false"
          autocomplete="off"
          maxlength="500"
          .value=${this.query}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        />
        <div class="filters">
          <div class="colors" role="group" aria-label="Only articles with highlights in">
            ${HIGHLIGHT_COLORS.map(
              (color) => html`<button
                type="button"
                class="chip"
                aria-pressed=${colors.includes(color) ? 'true' : 'false'}
                @click=${() => this.#toggleColor(color)}
              >
                <span class="swatch swatch--${color}" aria-hidden="true"></span>${this.colorNames[color]}
              </button>`,
            )}
          </div>
          <button type="button" class="chip" aria-pressed=${hasNotes ? 'true' : 'false'} @click=${this.#toggleNotes}>
            Has notes
          </button>
          <label class="tag">
            <span class="tag-label">Tags</span>
            <input
              type="text"
              spellcheck="false"
              autocomplete="off"
              maxlength="400"
              placeholder="e.g. sources"
              .value=${this.tagText}
              @input=${this.#onTags}
            />
          </label>
        </div>
      </div>
    `;
  }

  #emit(): void {
    fire(this, 'search-change', { query: this.query, filters: this.filters });
  }

  #onInput = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.#emit();
  };

  #toggleColor(color: HighlightColor): void {
    const colors = this.filters.colors.includes(color)
      ? this.filters.colors.filter((c) => c !== color)
      : HIGHLIGHT_COLORS.filter((c) => c === color || this.filters.colors.includes(c));
    this.filters = { ...this.filters, colors };
    this.#emit();
  }

  #toggleNotes = () => {
    this.filters = { ...this.filters, hasNotes: !this.filters.hasNotes };
    this.#emit();
  };

  #onTags = (event: Event) => {
    this.tagText = (event.target as HTMLInputElement).value;
    const tags = parseTagFilter(this.tagText);
    if (tags.join('\n') === this.filters.tags.join('\n')) return;
    this.filters = { ...this.filters, tags };
    this.#emit();
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      fire(this, 'search-leave');
    } else if (event.key === 'Escape' && this.query !== '') {
      // type=search clears itself on Escape in Chromium; say so to the library too.
      event.preventDefault();
      this.query = '';
      this.#emit();
    } else if (event.key === 'Escape') {
      this.#input.value?.blur();
    }
  };
}

customElements.define('search-field', SearchFieldElement);

declare global {
  interface HTMLElementTagNameMap {
    'search-field': SearchFieldElement;
  }
}
