import { LitElement, html, nothing } from 'lit';
import { readOnlyBannerStyles } from './read-only-banner.styles';

/**
 * The line under the app's banner while the library is read-only (ARCHITECTURE.md §3,
 * the library lock): main's reason in words ("This library is open in Lectern on this
 * computer … changes you make now are not saved."). A polite status region, present
 * from the start so the words are announced when they arrive; empty and hidden while
 * the library is writable.
 */
export class ReadOnlyBannerElement extends LitElement {
  static override styles = readOnlyBannerStyles;

  static override properties = {
    reason: { attribute: false },
  };

  /** Why changes are not saved; null while the library is writable. */
  declare reason: string | null;

  constructor() {
    super();
    this.reason = null;
  }

  protected override render() {
    return html`<p class="notice" role="status">${this.reason
      ? html`<strong>Read-only.</strong> ${this.reason}`
      : nothing}</p>`;
  }
}

customElements.define('read-only-banner', ReadOnlyBannerElement);

declare global {
  interface HTMLElementTagNameMap {
    'read-only-banner': ReadOnlyBannerElement;
  }
}
