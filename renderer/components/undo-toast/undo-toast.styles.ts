import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const undoToastStyles = [
  sharedStyles,
  css`
    :host {
      position: fixed;
      left: 50%;
      bottom: 1.25rem;
      z-index: 20;
      transform: translateX(-50%);
      font-family: var(--font-ui);
      font-size: 0.95rem;
    }

    .toast {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0.55rem 0.6rem 0.55rem 1.1rem;
      border-radius: 999px;
      background: var(--ink);
      color: var(--bg);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.22);
    }
    /* Empty, it stays in the tree so its live region is ready before the first message. */
    .toast--empty {
      padding: 0;
      box-shadow: none;
      background: none;
    }
    .text {
      margin: 0;
    }
    button {
      padding: 0.3rem 0.95rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      background: transparent;
      color: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    button:hover {
      background: rgb(127 127 127 / 0.25);
    }
    button:focus-visible {
      outline-color: var(--bg);
    }
  `,
];
