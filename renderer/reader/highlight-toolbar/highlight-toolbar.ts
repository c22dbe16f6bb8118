import { LitElement, html } from 'lit';
import type { ColorNames } from '../../../common/model';
import type { HighlightColor } from '../../../common/colors';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../../colors';
import { highlightToolbarStyles } from './highlight-toolbar.styles';
import { fire } from '../../events';

/**
 * The toolbar shown beside a text selection in the article: one button per color
 * ("Highlight: Key point", named by the reader's color names) and "Add note".
 *
 * An ARIA toolbar: one tab stop, Left/Right (and Home/End) move between its buttons,
 * Escape dismisses it. Pressing a button never takes the selection away (mouse-down
 * is cancelled), so the parent can read it when the event arrives.
 *
 * @fires highlight-selection - `{ color, withNote, viaKeyboard }`: highlight the selection (bubbles, composed).
 * @fires toolbar-dismiss - the reader pressed Escape in the toolbar (bubbles, composed).
 */
export class HighlightToolbarElement extends LitElement {
  static override styles = highlightToolbarStyles;

  static override properties = {
    colorNames: { attribute: false },
    lastColor: { attribute: false },
    active: { state: true },
  };

  /** The reader's names for the five colors. */
  declare colorNames: ColorNames;
  /** The color "Add note" (and `H`) uses. */
  declare lastColor: HighlightColor;
  /** Index of the button that holds the toolbar's one tab stop. */
  declare active: number;

  constructor() {
    super();
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.lastColor = 'yellow';
    this.active = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('mousedown', this.#keepSelection);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('mousedown', this.#keepSelection);
    super.disconnectedCallback();
  }

  /** Move keyboard focus to the toolbar's current button. */
  override focus(): void {
    this.#buttons()[this.active]?.focus();
  }

  protected override render() {
    const count = HIGHLIGHT_COLORS.length + 1;
    return html`
      <div class="bar" role="toolbar" aria-label="Highlight" aria-orientation="horizontal" @keydown=${this.#onKeyDown}>
        ${HIGHLIGHT_COLORS.map(
          (color, i) => html`
            <button
              type="button"
              class="color"
              tabindex=${this.active === i ? 0 : -1}
              aria-label="Highlight: ${this.colorNames[color]}"
              title=${this.colorNames[color]}
              @click=${(e: MouseEvent) => this.#choose(color, false, e)}
              @focus=${() => (this.active = i)}
            >
              <span class="swatch swatch--${color} ${color === this.lastColor ? 'swatch--last' : ''}"></span>
            </button>
          `,
        )}
        <span class="divider" aria-hidden="true"></span>
        <button
          type="button"
          class="note"
          tabindex=${this.active === count - 1 ? 0 : -1}
          @click=${(e: MouseEvent) => this.#choose(this.lastColor, true, e)}
          @focus=${() => (this.active = count - 1)}
        >
          Add note
        </button>
      </div>
    `;
  }

  #buttons(): HTMLButtonElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  }

  #choose(color: HighlightColor, withNote: boolean, click: MouseEvent): void {
    // A button "clicked" with Enter or Space reports no clicks (detail 0).
    fire(this, 'highlight-selection', { color, withNote, viaKeyboard: click.detail === 0 });
  }

  #onKeyDown = (event: KeyboardEvent) => {
    const buttons = this.#buttons();
    const last = buttons.length - 1;
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = this.active >= last ? 0 : this.active + 1;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = this.active <= 0 ? last : this.active - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      fire(this, 'toolbar-dismiss');
      return;
    }
    if (next === null) return;
    event.preventDefault();
    this.active = next;
    buttons[next]?.focus();
  };

  #keepSelection = (event: MouseEvent) => {
    event.preventDefault();
  };
}

customElements.define('highlight-toolbar', HighlightToolbarElement);

declare global {
  interface HTMLElementTagNameMap {
    'highlight-toolbar': HighlightToolbarElement;
  }
}
