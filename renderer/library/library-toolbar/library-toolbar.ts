import { LitElement, html } from 'lit';
import type { LibraryFilter, LibrarySort } from '../../../common/model';
import type { LibraryViewOptions } from '../../controllers/library-controller';
import { libraryToolbarStyles } from './library-toolbar.styles';
import { fire } from '../../events';
import { SHORTCUTS, ariaKeyShortcuts } from '../../shortcuts';

const SORTS: { value: LibrarySort; label: string }[] = [
  { value: 'saved', label: 'Recently saved' },
  { value: 'title', label: 'Title' },
  { value: 'published', label: 'Published' },
  { value: 'progress', label: 'Progress' },
];

const FILTERS: { value: Exclude<LibraryFilter, 'tag'>; label: string }[] = [
  { value: 'all', label: 'All articles' },
  { value: 'unread', label: 'Unread' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'finished', label: 'Finished' },
];

/**
 * The library's own commands: Add from URL…, Add files…, Trash, and how the list is
 * sorted and filtered (native selects: keyboard and screen readers for free).
 *
 * @fires add-url-open - open the "Add from URL" dialog (bubbles, composed).
 * @fires add-files - ask main's open dialog for files to add (bubbles, composed).
 * @fires show-trash - show the trash (bubbles, composed).
 * @fires library-view-change - `LibraryViewOptions` (bubbles, composed).
 */
export class LibraryToolbarElement extends LitElement {
  static override styles = libraryToolbarStyles;

  static override properties = {
    view: { attribute: false },
    tags: { attribute: false },
    busy: { type: Boolean },
  };

  declare view: LibraryViewOptions;
  /** Article tags to offer as filters. */
  declare tags: string[];
  /** A save is running: the add buttons wait. */
  declare busy: boolean;

  constructor() {
    super();
    this.view = { sort: 'saved', filter: 'all', tag: null };
    this.tags = [];
    this.busy = false;
  }

  protected override render() {
    const { sort, filter, tag } = this.view;
    const filterValue = filter === 'tag' && tag ? `tag:${tag}` : filter;
    const tags = tag && !this.tags.includes(tag) ? [...this.tags, tag] : this.tags;
    return html`
      <div class="bar" role="toolbar" aria-label="Library">
        <div class="add">
          <button type="button" class="pill" aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.addUrl)} ?disabled=${this.busy} @click=${() => fire(this, 'add-url-open')}>
            Add from URL…
          </button>
          <button type="button" class="pill" aria-keyshortcuts=${ariaKeyShortcuts(SHORTCUTS.addFiles)} ?disabled=${this.busy} @click=${() => fire(this, 'add-files')}>
            Add files…
          </button>
          <button type="button" class="pill" @click=${() => fire(this, 'show-trash')}>Trash</button>
        </div>
        <div class="view">
          <label>
            <span>Sort by</span>
            <select @change=${this.#onSort}>
              ${SORTS.map((s) => html`<option value=${s.value} ?selected=${s.value === sort}>${s.label}</option>`)}
            </select>
          </label>
          <label>
            <span>Show</span>
            <select @change=${this.#onFilter}>
              ${FILTERS.map((f) => html`<option value=${f.value} ?selected=${f.value === filterValue}>${f.label}</option>`)}
              ${tags.length > 0
                ? html`<optgroup label="Tagged">
                    ${tags.map((t) => html`<option value=${`tag:${t}`} ?selected=${`tag:${t}` === filterValue}>#${t}</option>`)}
                  </optgroup>`
                : ''}
            </select>
          </label>
        </div>
      </div>
    `;
  }

  #change(view: LibraryViewOptions): void {
    fire(this, 'library-view-change', view);
  }

  #onSort = (event: Event) => {
    this.#change({ ...this.view, sort: (event.target as HTMLSelectElement).value as LibrarySort });
  };

  #onFilter = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value.startsWith('tag:')) this.#change({ ...this.view, filter: 'tag', tag: value.slice(4) });
    else this.#change({ ...this.view, filter: value as LibraryFilter, tag: null });
  };
}

customElements.define('library-toolbar', LibraryToolbarElement);

declare global {
  interface HTMLElementTagNameMap {
    'library-toolbar': LibraryToolbarElement;
  }
}
