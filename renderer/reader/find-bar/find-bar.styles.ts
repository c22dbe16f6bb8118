import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const findBarStyles = [
  sharedStyles,
  css`
    /* The host keeps the reader's type, so its width (the text column's) means the same as the article's. */
    :host {
      display: block;
    }
    .bar {
      font-family: var(--font-ui);
      font-size: 0.9rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
      padding: 0.3rem 0.4rem;
      border: 1px solid var(--rule);
      border-radius: 0.6rem;
      background: var(--bg);
      color: var(--ink);
    }
    input {
      flex: 1 1 10rem;
      min-width: 6rem;
      min-height: 2rem;
      padding: 0 0.5rem;
      border: 1px solid var(--rule);
      border-radius: 0.4rem;
      background: var(--bg);
      color: var(--ink);
      font: inherit;
    }
    button {
      min-width: 2rem;
      min-height: 2rem;
      padding: 0 0.45rem;
      border: 1px solid transparent;
      border-radius: 0.4rem;
      background: none;
      color: var(--ink);
      font: inherit;
      cursor: pointer;
    }
    button:hover {
      background: var(--hover);
    }
    button[aria-pressed='true'] {
      border-color: var(--ink);
      font-weight: 600;
    }
    .status {
      min-width: 6.5em;
      padding-inline: 0.3rem;
      color: var(--ink);
      font-variant-numeric: tabular-nums;
    }
  `,
];
