import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { addUrlDialogStyles } from './add-url-dialog.styles';
import { normalizeUrl } from '../../normalize-url';
import { fire } from '../../events';

/**
 * "Add from URL": a modal `<dialog>` with the address field, Save, and while saving
 * the progress line and Cancel. A failure is shown in the service's own words and
 * the address stays for another try.
 *
 * @fires add-url-submit - `{ url }`: save this address (bubbles, composed).
 * @fires add-url-cancel - stop the save that is running (bubbles, composed).
 * @fires add-url-close - the dialog was closed (bubbles, composed).
 */
export class AddUrlDialogElement extends LitElement {
  static override styles = addUrlDialogStyles;

  static override properties = {
    open: { type: Boolean },
    url: { attribute: false },
    busy: { type: Boolean },
    progress: { attribute: false },
    errorMessage: { attribute: false },
    invalid: { state: true },
  };

  declare open: boolean;
  /** The address to start with (a pasted URL). */
  declare url: string;
  declare busy: boolean;
  declare progress: string;
  declare errorMessage: string | null;
  declare invalid: string | null;

  #dialog = createRef<HTMLDialogElement>();
  #input = createRef<HTMLInputElement>();

  constructor() {
    super();
    this.open = false;
    this.url = '';
    this.busy = false;
    this.progress = '';
    this.errorMessage = null;
    this.invalid = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.#dialog.value;
    if (!dialog) return;
    if (changed.has('open')) {
      if (this.open && !dialog.open) {
        this.#told = false;
        dialog.showModal();
        this.invalid = null;
        const input = this.#input.value;
        if (input) {
          input.value = this.url;
          input.focus();
          input.select();
        }
      } else if (!this.open && dialog.open) dialog.close();
    }
    // After a failure, back to the field so another address can be tried at once.
    if (changed.has('busy') && !this.busy && this.open) this.#input.value?.focus();
  }

  protected override render() {
    const problem = this.invalid ?? this.errorMessage;
    return html`
      <dialog ${ref(this.#dialog)} aria-labelledby="add-url-title" @cancel=${this.#onCancel} @close=${this.#onClosed} @keydown=${this.#keepKeysInside}>
        <form method="dialog" @submit=${this.#submit}>
          <h2 id="add-url-title">Add from URL</h2>
          <label for="url" class="label">Web address</label>
          <input
            ${ref(this.#input)}
            id="url"
            type="url"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder="https://"
            maxlength="2000"
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby="add-url-problem"
            ?readonly=${this.busy}
            @input=${this.#onInput}
          />
          <p id="add-url-problem" class="problem" role="alert">${problem ?? nothing}</p>
          <p class="progress" role="status">${this.busy ? this.progress : ''}</p>
          <div class="actions">
            ${this.busy
              ? html`<button type="button" class="secondary" @click=${this.#cancelSave}>Cancel saving</button>`
              : html`<button type="button" class="secondary" @click=${this.#close}>Close</button>
                  <button type="submit" class="primary">Save</button>`}
          </div>
        </form>
      </dialog>
    `;
  }

  #onInput = () => {
    this.invalid = null;
  };

  #submit = (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    const result = normalizeUrl(this.#input.value?.value ?? '');
    if ('error' in result) {
      this.invalid = result.error;
      this.#input.value?.focus();
      return;
    }
    this.invalid = null;
    fire(this, 'add-url-submit', { url: result.url });
  };

  #cancelSave = () => fire(this, 'add-url-cancel');

  /**
   * Close and say so at once: the dialog's own `close` event comes a task later, and a
   * key pressed in between (Ctrl+L, a paste) must already find the dialog gone.
   */
  #close = () => {
    this.#dialog.value?.close();
    this.#onClosed();
  };

  #keepKeysInside = (event: KeyboardEvent) => {
    event.stopPropagation();
  };

  #onCancel = (event: Event) => {
    // Escape: cancels a running save first; otherwise closes.
    event.preventDefault();
    if (this.busy) this.#cancelSave();
    else this.#close();
  };

  /** Told the page once per opening (by {@link #close}, or by the `close` event of a close from elsewhere). */
  #told = false;

  #onClosed = () => {
    if (!this.open || this.#told) return;
    this.#told = true;
    fire(this, 'add-url-close');
  };
}

customElements.define('add-url-dialog', AddUrlDialogElement);

declare global {
  interface HTMLElementTagNameMap {
    'add-url-dialog': AddUrlDialogElement;
  }
}
