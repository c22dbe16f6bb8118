import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { TrashedArticle } from '../../../common/model';
import { countArticles, formatPublished } from '../../format';
import { trashViewStyles } from './trash-view.styles';
import { fire } from '../../events';
import { VirtualListController, findByTitle } from '../../components/virtual-list/virtual-list';

/**
 * The library's trash (`.trash/` in the library folder): each deleted article with
 * Restore, and "Empty trash…", which asks first. Up/Down, Page Up/Down, Home/End
 * and typing a title move between the Restore buttons; a long trash (the shared
 * virtual list) keeps only the rows near the viewport in the DOM.
 *
 * @fires trash-restore - `{ id }` (bubbles, composed).
 * @fires trash-empty - delete everything in the trash for good (bubbles, composed).
 * @fires back-to-library - (bubbles, composed).
 */
export class TrashViewElement extends LitElement {
  static override styles = trashViewStyles;

  static override properties = {
    items: { attribute: false },
    loading: { type: Boolean },
    errorMessage: { attribute: false },
    confirming: { state: true },
  };

  declare items: TrashedArticle[];
  declare loading: boolean;
  declare errorMessage: string | null;
  declare confirming: boolean;

  #heading = createRef<HTMLHeadingElement>();
  #keep = createRef<HTMLButtonElement>();

  #list = new VirtualListController(this, {
    focusable: 'button.restore',
    onLeaveTop: () => this.#heading.value?.focus(),
    find: (prefix, from) => findByTitle(this.items.map((item) => item.title), prefix, from),
  });

  constructor() {
    super();
    this.items = [];
    this.loading = false;
    this.errorMessage = null;
    this.confirming = false;
  }

  /** Focus the heading (when the view opens). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.#heading.value?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('confirming') && this.confirming) this.#keep.value?.focus();
  }

  protected override render() {
    const n = this.items.length;
    return html`
      <div class="page">
        <div class="toolbar">
          <button type="button" class="pill back" @click=${this.#back}><span aria-hidden="true">←</span> Back to library</button>
        </div>
        <header class="head">
          <h1 tabindex="-1" ${ref(this.#heading)}>Trash</h1>
          ${n > 0 ? html`<p class="count">${countArticles(n)}</p>` : nothing}
        </header>
        <p class="hint">Deleted articles stay here, with their highlights and notes, until you empty the trash.</p>
        ${this.errorMessage ? html`<p class="error" role="alert">${this.errorMessage}</p>` : nothing}
        ${n === 0
          ? html`<p class="state">${this.loading ? 'Loading the trash…' : 'The trash is empty.'}</p>`
          : html`
              ${this.#list.render<TrashedArticle>({
                items: this.items,
                className: 'list',
                rowHeight: 70,
                key: (item, index) => item?.id ?? index,
                row: (item, index) => this.#renderRow(item!, index, n),
              })}
              ${this.confirming
                ? html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-text" aria-modal="false">
                    <p id="confirm-text">Delete ${countArticles(n)} and their notes for good? This cannot be undone.</p>
                    <button type="button" class="pill danger" @click=${this.#empty}>Delete for good</button>
                    <button type="button" class="pill" ${ref(this.#keep)} @click=${this.#keepThem}>Keep them</button>
                  </div>`
                : html`<button type="button" class="pill empty" @click=${this.#ask}>Empty trash…</button>`}
            `}
      </div>
    `;
  }

  #renderRow(item: TrashedArticle, index: number, total: number) {
    return html`<li class="row" data-index=${index} aria-posinset=${index + 1} aria-setsize=${total}>
      <div class="text">
        <h2 class="title">${item.title}</h2>
        <p class="meta">Deleted ${formatPublished(item.trashedAt) ?? ''}${item.url ? html` · <span class="url">${item.url}</span>` : nothing}</p>
      </div>
      <button type="button" class="pill restore" aria-label=${`Restore ${item.title}`} @click=${() => this.#restore(item.id)}>Restore</button>
    </li>`;
  }

  #restore(id: string): void {
    fire(this, 'trash-restore', { id });
  }

  #ask = () => {
    this.confirming = true;
  };

  #keepThem = async () => {
    this.confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button.empty')?.focus();
  };

  #empty = () => {
    this.confirming = false;
    fire(this, 'trash-empty');
  };

  #back = () => fire(this, 'back-to-library');
}

customElements.define('trash-view', TrashViewElement);

declare global {
  interface HTMLElementTagNameMap {
    'trash-view': TrashViewElement;
  }
}
