import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { undoToastStyles } from './undo-toast.styles';
import { fire } from '../../events';

/** How long the toast offers Undo (paused while the pointer or focus is on it). */
export const UNDO_MS = 6000;

/**
 * A status toast offering to undo something ("Highlight deleted. Undo"). Its text
 * is a polite live region, so the offer is announced; the timer pauses while the
 * pointer is over it or focus is in it.
 *
 * @fires undo - the reader pressed "Undo" (bubbles, composed).
 * @fires toast-expire - the offer ran out (bubbles, composed).
 */
export class UndoToastElement extends LitElement {
  static override styles = undoToastStyles;

  static override properties = {
    offer: { attribute: false },
  };

  /** What can be undone (`message` says what happened); null hides the toast. Each new offer restarts the timer. */
  declare offer: { readonly message: string } | null;

  #timer: ReturnType<typeof setTimeout> | null = null;
  #paused = false;

  constructor() {
    super();
    this.offer = null;
  }

  get #message(): string | null {
    return this.offer?.message ?? null;
  }

  override disconnectedCallback(): void {
    this.#stop();
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('offer')) return;
    this.#stop();
    if (this.offer) this.#start();
  }

  protected override render() {
    return html`
      <div
        class="toast ${this.#message ? '' : 'toast--empty'}"
        @pointerenter=${this.#pause}
        @pointerleave=${this.#resume}
        @focusin=${this.#pause}
        @focusout=${this.#resume}
      >
        <p class="text" role="status">${this.#message ?? nothing}</p>
        ${this.#message ? html`<button type="button" @click=${this.#undo}>Undo</button>` : nothing}
      </div>
    `;
  }

  #start(): void {
    if (this.#paused) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      fire(this, 'toast-expire');
    }, UNDO_MS);
  }

  #stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #pause = () => {
    this.#paused = true;
    this.#stop();
  };

  #resume = (event: Event) => {
    if (event instanceof FocusEvent && this.renderRoot.contains(event.relatedTarget as Node | null)) return;
    this.#paused = false;
    if (this.offer && !this.#timer) this.#start();
  };

  #undo = () => {
    this.#stop();
    fire(this, 'undo');
  };
}

customElements.define('undo-toast', UndoToastElement);

declare global {
  interface HTMLElementTagNameMap {
    'undo-toast': UndoToastElement;
  }
}
