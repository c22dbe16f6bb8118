import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { isSafeNoteUrl, renderNote } from './render-note';

/**
 * A note shown rendered from its Markdown (render-note.ts). Its links never navigate:
 * a click (or Enter) first shows the address — "Open https://… in your browser?" with
 * Open and Cancel — and Open hands it to `window.open`, which main sends to the system
 * browser (ARCHITECTURE.md §6). Lectern opens only web addresses, so an email link shows
 * its address to copy.
 *
 * It renders into its own light DOM, inside the note surface that shows it
 * (<notes-panel>, <highlight-popover>), whose styles include `renderedNoteStyles`.
 */
export class RenderedNoteElement extends LitElement {
  static override properties = {
    text: {},
    confirming: { state: true },
  };

  /** The note's Markdown. */
  declare text: string;
  /** The link whose address is being shown, if any. */
  declare confirming: HTMLAnchorElement | null;

  readonly #body = document.createElement('div');
  #shortened = false;

  constructor() {
    super();
    this.text = '';
    this.confirming = null;
    this.#body.className = 'md';
    this.#body.addEventListener('click', this.#onClick);
    this.#body.addEventListener('auxclick', (event) => {
      if ((event.target as Element | null)?.closest('a')) event.preventDefault();
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) {
      const rendered = renderNote(this.text);
      this.#body.replaceChildren(rendered.fragment);
      this.#shortened = rendered.shortened;
      this.confirming = null;
    }
  }

  protected override render() {
    return html`${this.#body}
      ${this.#shortened ? html`<p class="md-shortened">Note shortened for display; edit to see all of it.</p>` : nothing}
      ${this.confirming ? this.#renderConfirm(this.confirming.getAttribute('href') ?? '') : nothing}`;
  }

  #renderConfirm(href: string) {
    const email = href.toLowerCase().startsWith('mailto:');
    return html`<div class="link-confirm" role="group" aria-label="Open link" @keydown=${this.#onConfirmKey}>
      ${email
        ? html`<p>Lectern opens web addresses only. The email address is <span class="link-url">${href.slice(7)}</span></p>
            <div class="link-actions"><button type="button" @click=${this.#cancel}>Close</button></div>`
        : html`<p>Open <span class="link-url">${href}</span> in your browser?</p>
            <div class="link-actions">
              <button type="button" class="link-open" @click=${() => this.#open(href)}>Open</button>
              <button type="button" @click=${this.#cancel}>Cancel</button>
            </div>`}
    </div>`;
  }

  #onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor) return;
    event.preventDefault();
    event.stopPropagation();
    this.confirming = anchor;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.link-confirm button')?.focus());
  };

  #open(href: string): void {
    // Checked again: the address shown is the one opened, and only a web one.
    if (isSafeNoteUrl(href) && !href.toLowerCase().startsWith('mailto:')) {
      window.open(href, '_blank', 'noopener,noreferrer');
    }
    this.#cancel();
  }

  #cancel = () => {
    const anchor = this.confirming;
    this.confirming = null;
    if (anchor?.isConnected) anchor.focus();
  };

  #onConfirmKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    this.#cancel();
  };
}

customElements.define('rendered-note', RenderedNoteElement);

declare global {
  interface HTMLElementTagNameMap {
    'rendered-note': RenderedNoteElement;
  }
}
