import { LitElement, html, nothing } from 'lit';
import type { ReadingSettings } from '../../../common/model';
import {
  COLUMN_WIDTHS,
  DEFAULT_READING_SETTINGS,
  LINE_HEIGHTS,
  MARGINS,
  PARAGRAPH_SPACINGS,
  THEMES,
  TYPEFACES,
} from '../../../common/reading';
import { fire } from '../../events';
import { appearancePanelStyles } from './appearance-panel.styles';
import { atTextSizeEnd, stepTextSize } from './text-size';

type Typeface = (typeof TYPEFACES)[number];
type Theme = (typeof THEMES)[number];

const TYPEFACE_LABELS: Readonly<Record<Typeface, string>> = {
  serif: 'Serif',
  sans: 'Sans',
  hyperlegible: 'Hyperlegible',
  dyslexic: 'OpenDyslexic',
  mono: 'Monospace',
  system: 'System',
};
/** The bundled face each label is shown in (renderer/styles/fonts.css), and what it is. */
const TYPEFACE_HINTS: Readonly<Record<Typeface, string>> = {
  serif: 'Literata',
  sans: 'Inter',
  hyperlegible: 'Atkinson Next',
  dyslexic: 'for dyslexia',
  mono: 'JetBrains Mono',
  system: 'this computer’s serif',
};
const THEME_LABELS: Readonly<Record<Theme, string>> = {
  light: 'Light',
  sepia: 'Sepia',
  dark: 'Dark',
  black: 'Black',
  system: 'Match system',
};
/** The panel lists "Match system" last. */
const THEME_ORDER: readonly Theme[] = ['light', 'sepia', 'dark', 'black', 'system'];
const WIDTH_LABELS = { narrow: 'Narrow', medium: 'Medium', wide: 'Wide', full: 'Full' } as const;
const MARGIN_LABELS = { small: 'Small', medium: 'Medium', large: 'Large' } as const;
const SPACING_LABELS = { compact: 'Compact', normal: 'Normal', spacious: 'Spacious' } as const;

/**
 * The Text and Layout panel ("Aa"; ARCHITECTURE.md §2): the article's typeface, text
 * size, line height, width, margins, justification, paragraph spacing, and the app's
 * theme. A non-modal dialog the shell floats at the top right: focus moves into it when
 * it opens (see {@link focusFirst}), Tab leaves it as it leaves any part of the page,
 * and Escape or Close asks the shell to close it (the shell puts focus back).
 *
 * Every change fires `settings-change` at once, so it applies live; the shell saves it.
 *
 * @fires settings-change - `{ reading: { … } }`: one reading setting changed, or all reset (bubbles, composed).
 * @fires announce - `{ message }`: the text size stepped, or the settings were reset (bubbles, composed).
 * @fires appearance-close - Escape or Close (bubbles, composed).
 */
export class AppearancePanelElement extends LitElement {
  static override styles = appearancePanelStyles;

  static override properties = {
    reading: { attribute: false },
  };

  /** The reading settings as they are now. */
  declare reading: ReadingSettings;

  constructor() {
    super();
    this.reading = DEFAULT_READING_SETTINGS;
    this.addEventListener('keydown', this.#onKeyDown);
  }

  /** Move focus into the panel: the chosen typeface, its first control. */
  focusFirst(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="typeface"]:checked')?.focus();
  }

  protected override render() {
    const r = this.reading;
    return html`
      <div class="panel" role="dialog" aria-labelledby="appearance-title">
        <div class="head">
          <h2 id="appearance-title">Text and Layout</h2>
          <button type="button" class="close" @click=${this.#close}>
            <span aria-hidden="true">×</span><span class="visually-hidden">Close</span>
          </button>
        </div>

        <fieldset class="typefaces">
          <legend>Typeface</legend>
          ${TYPEFACES.map(
            (typeface) => html`<label class="option face face--${typeface}">
              <input
                type="radio"
                name="typeface"
                .checked=${r.typeface === typeface}
                @change=${() => this.#set({ typeface })}
              />
              <span class="face-name">${TYPEFACE_LABELS[typeface]}</span>
              <span class="face-hint">${TYPEFACE_HINTS[typeface]}</span>
            </label>`,
          )}
        </fieldset>

        <fieldset>
          <legend>Text size</legend>
          <div class="stepper">
            ${this.#sizeButton(-1, 'Smaller')}
            <output class="size" aria-live="off">${r.textSize} px</output>
            ${this.#sizeButton(1, 'Larger')}
          </div>
        </fieldset>

        ${this.#choices('Line height', 'line-height', LINE_HEIGHTS, r.lineHeight, (v) => String(v), (lineHeight) => this.#set({ lineHeight }))}
        ${this.#choices('Width', 'width', COLUMN_WIDTHS, r.width, (v) => WIDTH_LABELS[v], (width) => this.#set({ width }))}
        ${this.#choices('Margins', 'margins', MARGINS, r.margins, (v) => MARGIN_LABELS[v], (margins) => this.#set({ margins }))}

        <label class="check">
          <input type="checkbox" .checked=${r.justify} @change=${(e: Event) => this.#set({ justify: (e.target as HTMLInputElement).checked })} />
          <span>Justify and hyphenate</span>
        </label>

        ${this.#choices(
          'Paragraph spacing',
          'spacing',
          PARAGRAPH_SPACINGS,
          r.paragraphSpacing,
          (v) => SPACING_LABELS[v],
          (paragraphSpacing) => this.#set({ paragraphSpacing }),
        )}

        <fieldset class="themes">
          <legend>Theme</legend>
          ${THEME_ORDER.map(
            (theme) => html`<label class="option theme">
              <input type="radio" name="theme" .checked=${r.theme === theme} @change=${() => this.#set({ theme })} />
              <span class="swatch swatch--${theme}" aria-hidden="true"></span>
              <span>${THEME_LABELS[theme]}</span>
            </label>`,
          )}
        </fieldset>

        <button type="button" class="reset" @click=${this.#reset}>Reset to defaults</button>
      </div>
    `;
  }

  /** A row of radio buttons (a segmented control) for one setting. */
  #choices<T extends string | number>(
    legend: string,
    name: string,
    values: readonly T[],
    current: T,
    label: (value: T) => string,
    choose: (value: T) => void,
  ) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="segments">
        ${values.map(
          (value) => html`<label class="option segment">
            <input type="radio" name=${name} .checked=${current === value} @change=${() => choose(value)} />
            <span>${label(value)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** Smaller or Larger: at an end it stays focusable (aria-disabled) and says so when pressed. */
  #sizeButton(direction: 1 | -1, text: string) {
    const atEnd = atTextSizeEnd(this.reading.textSize, direction);
    return html`<button
      type="button"
      class="step"
      aria-disabled=${atEnd ? 'true' : nothing}
      @click=${() => this.#step(direction)}
    >
      <span aria-hidden="true">${direction > 0 ? 'A+' : 'A−'}</span> ${text}
    </button>`;
  }

  #step(direction: 1 | -1): void {
    const { size, message } = stepTextSize(this.reading.textSize, direction);
    if (size !== this.reading.textSize) this.#set({ textSize: size });
    fire(this, 'announce', { message });
  }

  #set(change: Partial<ReadingSettings>): void {
    fire(this, 'settings-change', { reading: change });
  }

  #reset = () => {
    fire(this, 'settings-change', { reading: { ...DEFAULT_READING_SETTINGS } });
    fire(this, 'announce', { message: 'Text and layout are back to the defaults.' });
  };

  #close = () => {
    fire(this, 'appearance-close');
  };

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Handled here: the reader's Escape (back to the library) must not hear it.
    event.preventDefault();
    event.stopPropagation();
    this.#close();
  };
}

customElements.define('appearance-panel', AppearancePanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'appearance-panel': AppearancePanelElement;
  }
}
