import { LitElement, html } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { findBarStyles } from './find-bar.styles';
import { fire } from '../../events';

/**
 * The find-in-article bar: a search region with the query field, the "Match case"
 * and "Whole word" toggles, previous / next, close, and the "3 of 12" status (a
 * polite live region). It only reports: the reader does the finding.
 *
 * Enter / Shift+Enter and F3 / Shift+F3 in the bar step; Escape closes.
 *
 * @fires find-query - `{ query, matchCase, wholeWord }`: the query or a toggle changed (bubbles, composed).
 * @fires find-step - `{ direction }`: go to the next (1) or previous (-1) match (bubbles, composed).
 * @fires find-close - close the bar (bubbles, composed).
 */
export class FindBarElement extends LitElement {
  static override styles = findBarStyles;

  static override properties = {
    query: { attribute: false },
    matchCase: { attribute: false },
    wholeWord: { attribute: false },
    total: { attribute: false },
    current: { attribute: false },
  };

  declare query: string;
  declare matchCase: boolean;
  declare wholeWord: boolean;
  /** How many matches there are. */
  declare total: number;
  /** The current match's index (0-based), or -1. */
  declare current: number;

  #input = createRef<HTMLInputElement>();

  constructor() {
    super();
    this.query = '';
    this.matchCase = false;
    this.wholeWord = false;
    this.total = 0;
    this.current = -1;
  }

  /** Focus the field with its text selected. */
  async focusField(): Promise<void> {
    await this.updateComplete;
    this.#input.value?.focus();
    this.#input.value?.select();
  }

  protected override render() {
    const status =
      this.query === '' ? '' : this.total === 0 ? 'No matches' : `${this.current + 1} of ${this.total}`;
    return html`
      <div class="bar" role="search" aria-label="Find in article">
        <input
          ${ref(this.#input)}
          type="text"
          aria-label="Find in article"
          placeholder="Find in article"
          spellcheck="false"
          autocomplete="off"
          .value=${this.query}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        />
        <button type="button" aria-pressed=${this.matchCase ? 'true' : 'false'} @click=${this.#toggleCase}>
          Match case
        </button>
        <button type="button" aria-pressed=${this.wholeWord ? 'true' : 'false'} @click=${this.#toggleWord}>
          Whole word
        </button>
        <span class="status" role="status" aria-live="polite">${status}</span>
        <button type="button" aria-label="Previous match" aria-keyshortcuts="Shift+Enter Shift+F3" @click=${this.#previous}>
          <span aria-hidden="true">↑</span>
        </button>
        <button type="button" aria-label="Next match" aria-keyshortcuts="Enter F3" @click=${this.#next}>
          <span aria-hidden="true">↓</span>
        </button>
        <button type="button" aria-label="Close find" aria-keyshortcuts="Escape" @click=${this.#close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    `;
  }

  #emitQuery(): void {
    fire(this, 'find-query', { query: this.query, matchCase: this.matchCase, wholeWord: this.wholeWord });
  }

  #step(direction: 1 | -1): void {
    fire(this, 'find-step', { direction });
  }

  #onInput = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.#emitQuery();
  };

  #toggleCase = () => {
    this.matchCase = !this.matchCase;
    this.#emitQuery();
  };

  #toggleWord = () => {
    this.wholeWord = !this.wholeWord;
    this.#emitQuery();
  };

  #previous = () => this.#step(-1);
  #next = () => this.#step(1);

  #close = () => {
    fire(this, 'find-close');
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' || event.key === 'F3') {
      event.preventDefault();
      this.#step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && !event.shiftKey) {
      event.preventDefault();
      this.#close();
    }
  };
}

customElements.define('find-bar', FindBarElement);

declare global {
  interface HTMLElementTagNameMap {
    'find-bar': FindBarElement;
  }
}
