import { LitElement, html, nothing } from 'lit';
import { parseTags } from '../../tags';
import { articleActionsStyles } from './article-actions.styles';
import { fire } from '../../events';

/**
 * What can be done with a whole article from the reader: mark it read or unread,
 * delete it (to the trash, with Undo), and its tags (type and press Enter; × removes).
 *
 * @fires article-set-read - `{ id, read }` (bubbles, composed).
 * @fires article-delete - `{ id }` (bubbles, composed).
 * @fires article-set-tags - `{ id, tags }` (bubbles, composed).
 */
export class ArticleActionsElement extends LitElement {
  static override styles = articleActionsStyles;

  static override properties = {
    articleId: { attribute: false },
    read: { type: Boolean },
    tags: { attribute: false },
    tagError: { state: true },
  };

  declare articleId: string | null;
  /** Finished (shows "Mark as unread"). */
  declare read: boolean;
  declare tags: string[];
  declare tagError: string | null;

  constructor() {
    super();
    this.articleId = null;
    this.read = false;
    this.tags = [];
    this.tagError = null;
  }

  protected override render() {
    if (!this.articleId) return nothing;
    return html`
      <div class="actions">
        <button type="button" class="pill" @click=${this.#toggleRead}>${this.read ? 'Mark as unread' : 'Mark as read'}</button>
        <button type="button" class="pill" @click=${this.#delete}>Delete article</button>
      </div>
      <div class="tags" role="group" aria-label="Article tags">
        <ul class="chips">
          ${this.tags.map(
            (tag) => html`<li class="chip">
              <span>#${tag}</span>
              <button type="button" class="remove" aria-label=${`Remove tag ${tag}`} @click=${() => this.#remove(tag)}>×</button>
            </li>`,
          )}
        </ul>
        <label class="visually-hidden" for="add-tag">Add a tag to the article</label>
        <input
          id="add-tag"
          type="text"
          placeholder="Add tag"
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${this.tagError ? 'true' : 'false'}
          aria-describedby="tag-error"
          @keydown=${this.#onKeyDown}
        />
        <span id="tag-error" class="error" role="alert">${this.tagError ?? nothing}</span>
      </div>
    `;
  }

  #toggleRead = () => {
    if (this.articleId) fire(this, 'article-set-read', { id: this.articleId, read: !this.read });
  };

  #delete = () => {
    if (this.articleId) fire(this, 'article-delete', { id: this.articleId });
  };

  #remove(tag: string): void {
    if (!this.articleId) return;
    fire(this, 'article-set-tags', { id: this.articleId, tags: this.tags.filter((t) => t !== tag) });
    this.renderRoot.querySelector<HTMLInputElement>('#add-tag')?.focus();
  }

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const { tags, error } = parseTags(input.value);
    this.tagError = error;
    if (error || tags.length === 0 || !this.articleId) return;
    const next = [...this.tags];
    for (const tag of tags) if (!next.some((t) => t.toLowerCase() === tag.toLowerCase())) next.push(tag);
    if (next.length > 50) {
      this.tagError = 'An article has at most 50 tags.';
      return;
    }
    input.value = '';
    fire(this, 'article-set-tags', { id: this.articleId, tags: next });
  };
}

customElements.define('article-actions', ArticleActionsElement);

declare global {
  interface HTMLElementTagNameMap {
    'article-actions': ArticleActionsElement;
  }
}
