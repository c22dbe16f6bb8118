import { css } from 'lit';
import { pillButtonStyles } from '../../styles/pill-button.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const libraryToolbarStyles = [
  sharedStyles,
  pillButtonStyles,
  css`
    :host {
      display: block;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1.25rem;
    }
    .add,
    .view {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.9rem;
    }
    /* The focus ring keeps the shared 2px corners here (the trash's and the reader's pills keep theirs round). */
    button:focus-visible {
      border-radius: 2px;
    }
    button:hover:not(:disabled) {
      background: var(--hover);
      color: var(--ink);
    }
    button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      color: var(--ink-muted);
      font-size: 0.9rem;
    }
    select {
      padding: 0.25rem 0.4rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: var(--bg);
      color: var(--ink);
      font: inherit;
    }
  `,
];
