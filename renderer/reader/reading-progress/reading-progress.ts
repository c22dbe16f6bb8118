import { LitElement, css, html } from 'lit';
import { cssomStyle } from '../article-view/cssom-style';
import { percentOf } from './minutes-left';

/**
 * The reading progress bar: a thin line pinned to the top of the reader, filled as far
 * as the reader has got through the article. A `progressbar` named "Reading progress"
 * (whole percent in `aria-valuenow`, the time left in `aria-valuetext`); not focusable.
 * It draws with a transform, so moving it costs no layout.
 */
export class ReadingProgressElement extends LitElement {
  static override styles = css`
    :host {
      position: sticky;
      top: 0;
      z-index: 4;
      display: block;
      height: 3px;
      /* Takes no room in the flow: the article does not move down for it. */
      margin-bottom: -3px;
      pointer-events: none;
    }
    .bar {
      height: 100%;
      background: color-mix(in srgb, var(--rule) 60%, transparent);
    }
    .fill {
      height: 100%;
      background: var(--accent);
      transform-origin: left center;
      transform: scaleX(0);
    }
    :host(:dir(rtl)) .fill {
      transform-origin: right center;
    }
    @media (forced-colors: active) {
      .bar {
        forced-color-adjust: none;
        background: Canvas;
        border-bottom: 1px solid CanvasText;
      }
      .fill {
        forced-color-adjust: none;
        background: Highlight;
      }
    }
  `;

  static override properties = {
    fraction: { type: Number },
    valueText: { attribute: false },
  };

  /** How far through the article (0–1). */
  declare fraction: number;
  /** The value in words (`aria-valuetext`), e.g. "40%, 6 min left". */
  declare valueText: string;

  constructor() {
    super();
    this.fraction = 0;
    this.valueText = '';
  }

  protected override render() {
    const percent = percentOf(this.fraction);
    return html`<div
      class="bar"
      role="progressbar"
      aria-label="Reading progress"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      aria-valuetext=${this.valueText || `${percent}%`}
    >
      <div class="fill" ${cssomStyle({ transform: `scaleX(${percent / 100})` })}></div>
    </div>`;
  }
}

customElements.define('reading-progress', ReadingProgressElement);

declare global {
  interface HTMLElementTagNameMap {
    'reading-progress': ReadingProgressElement;
  }
}
