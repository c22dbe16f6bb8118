import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const libraryToolbarStyles = [
  sharedStyles,
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
    button {
      padding: 0.35rem 0.95rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      color: var(--ink-soft);
      font-size: 0.9rem;
      cursor: pointer;
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
