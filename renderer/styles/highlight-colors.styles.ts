/**
 * The five highlight colors as custom properties, light and dark: `--hl-<color>` is
 * the translucent wash drawn over text (two overlapping highlights stay visible
 * through each other), `--hl-<color>-swatch` the solid dot used in the UI.
 */
import { css } from 'lit';

export const highlightColorStyles = css`
  :host {
    --hl-yellow: rgb(250 204 21 / 0.42);
    --hl-green: rgb(74 222 128 / 0.36);
    --hl-blue: rgb(96 165 250 / 0.36);
    --hl-pink: rgb(244 114 182 / 0.34);
    --hl-purple: rgb(167 139 250 / 0.38);
    --hl-yellow-swatch: #e8b500;
    --hl-green-swatch: #2f9e57;
    --hl-blue-swatch: #3b7fd9;
    --hl-pink-swatch: #d9468f;
    --hl-purple-swatch: #7c5cd6;
    --hl-note: #8a5a00;
    --hl-flash: rgb(154 63 18 / 0.45);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --hl-yellow: rgb(202 160 0 / 0.42);
      --hl-green: rgb(34 160 80 / 0.42);
      --hl-blue: rgb(49 110 200 / 0.48);
      --hl-pink: rgb(200 60 130 / 0.45);
      --hl-purple: rgb(124 92 214 / 0.5);
      --hl-yellow-swatch: #f2c94c;
      --hl-green-swatch: #5fcf85;
      --hl-blue-swatch: #78a9f0;
      --hl-pink-swatch: #f08bbd;
      --hl-purple-swatch: #b39cf5;
      --hl-note: #f2c94c;
      --hl-flash: rgb(233 162 122 / 0.55);
    }
  }

  .swatch {
    display: inline-block;
    flex: none;
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    border: 1px solid rgb(0 0 0 / 0.25);
    background: var(--swatch);
  }
  .swatch--yellow {
    --swatch: var(--hl-yellow-swatch);
  }
  .swatch--green {
    --swatch: var(--hl-green-swatch);
  }
  .swatch--blue {
    --swatch: var(--hl-blue-swatch);
  }
  .swatch--pink {
    --swatch: var(--hl-pink-swatch);
  }
  .swatch--purple {
    --swatch: var(--hl-purple-swatch);
  }
`;
