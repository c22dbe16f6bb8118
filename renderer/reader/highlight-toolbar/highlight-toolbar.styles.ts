import { css } from 'lit';
import { highlightColorStyles } from '../../styles/highlight-colors.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const highlightToolbarStyles = [
  sharedStyles,
  highlightColorStyles,
  css`
    :host {
      display: block;
      font-family: var(--font-ui);
      font-size: 0.9rem;
      user-select: none;
    }

    .bar {
      display: flex;
      align-items: center;
      gap: 0.15rem;
      padding: 0.25rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: var(--bg);
      color: var(--ink);
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.16);
    }

    button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 2rem;
      min-height: 2rem;
      padding: 0 0.4rem;
      border: 0;
      border-radius: 999px;
      background: none;
      cursor: pointer;
    }
    button:hover {
      background: var(--hover);
    }
    .color .swatch {
      width: 1.1rem;
      height: 1.1rem;
    }
    .swatch--last {
      box-shadow: 0 0 0 2px var(--bg), 0 0 0 3.5px var(--ink-muted);
    }
    /*
     * Forced colors: no shadows, so the last-used color gets an outline; the dots keep
     * their colors and each button writes its color's name (its title) beside its dot.
     */
    @media (forced-colors: active) {
      .swatch--last {
        outline: 2px solid CanvasText;
        outline-offset: 2px;
      }
      .color {
        gap: 0.35rem;
        padding-inline: 0.55rem;
      }
      .color::after {
        content: attr(title);
        font-size: 0.8rem;
        white-space: nowrap;
      }
    }
    .note {
      padding: 0 0.75rem;
      font-size: 0.85rem;
    }
    .divider {
      width: 1px;
      height: 1.25rem;
      margin: 0 0.2rem;
      background: var(--rule);
    }
  `,
];
