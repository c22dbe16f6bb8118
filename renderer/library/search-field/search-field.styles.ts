import { css } from 'lit';
import { highlightColorStyles } from '../../styles/highlight-colors.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const searchFieldStyles = [
  sharedStyles,
  highlightColorStyles,
  css`
    :host {
      display: block;
    }

    .query {
      display: block;
      width: 100%;
      padding: 0.6rem 0.8rem;
      border: 1px solid var(--rule);
      border-radius: var(--radius);
      background: var(--bg);
      color: inherit;
      font: inherit;
      font-size: 1.05rem;
    }
    .query:focus-visible {
      outline-offset: 1px;
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem 0.5rem;
      margin-top: 0.6rem;
      font-size: 0.85rem;
    }
    .colors {
      display: contents;
    }

    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      padding: 0.2rem 0.65rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: transparent;
      color: var(--ink-soft);
      cursor: pointer;
    }
    .chip[aria-pressed='true'] {
      border-color: var(--accent);
      background: var(--accent-wash, transparent);
      color: var(--ink);
      font-weight: 600;
    }

    .swatch {
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
    }
    .swatch--yellow { background: var(--hl-yellow-swatch); }
    .swatch--green { background: var(--hl-green-swatch); }
    .swatch--blue { background: var(--hl-blue-swatch); }
    .swatch--pink { background: var(--hl-pink-swatch); }
    .swatch--purple { background: var(--hl-purple-swatch); }
    @media (forced-colors: active) {
      .swatch {
        forced-color-adjust: none;
        border: 1px solid CanvasText;
      }
    }

    .tag {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      color: var(--ink-soft);
    }
    .tag input {
      width: 9rem;
      padding: 0.2rem 0.5rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: var(--bg);
      color: inherit;
      font: inherit;
    }
  `,
];
