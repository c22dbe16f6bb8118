import { css } from 'lit';
import { pillButtonStyles } from '../../styles/pill-button.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const articleActionsStyles = [
  sharedStyles,
  pillButtonStyles,
  css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      font-family: var(--font-ui);
      font-size: 0.9rem;
    }
    .actions,
    .tags,
    .chips {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .chips {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .actions button:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.15rem;
      padding: 0.1rem 0.2rem 0.1rem 0.6rem;
      border-radius: 999px;
      background: var(--hover);
      color: var(--ink-soft);
    }
    .remove {
      border: 0;
      background: none;
      padding: 0 0.35rem;
      cursor: pointer;
      font-size: 1rem;
      line-height: 1;
    }
    input {
      width: 7.5rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: var(--bg);
      color: var(--ink);
      font: inherit;
    }
    .error {
      color: var(--error-ink);
    }
  `,
];
