import { css } from 'lit';
import { dialogStyles } from '../../styles/dialog.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const addUrlDialogStyles = [
  sharedStyles,
  dialogStyles,
  css`
    dialog {
      width: min(34rem, calc(100vw - 2rem));
      padding: 1.25rem 1.5rem;
    }
    h2 {
      margin: 0 0 0.9rem;
      font-family: var(--font-reading);
      font-size: 1.4rem;
    }
    .label {
      display: block;
      margin-bottom: 0.3rem;
      font-weight: 600;
      font-size: 0.9rem;
    }
    input {
      width: 100%;
      padding: 0.5rem 0.6rem;
      border: 1px solid var(--ink-muted);
      border-radius: calc(var(--radius) * 0.75);
      background: var(--bg);
      color: var(--ink);
      font: inherit;
    }
    input[aria-invalid='true'] {
      border-color: var(--error-rule);
    }
    .problem {
      min-height: 1.2em;
      margin: 0.5rem 0 0;
      color: var(--error-ink);
      font-size: 0.9rem;
    }
    .progress {
      min-height: 1.2em;
      margin: 0.25rem 0 0;
      color: var(--ink-soft);
      font-size: 0.9rem;
      font-variant-numeric: tabular-nums;
    }
    .actions {
      margin-top: 1rem;
    }
    .primary,
    .secondary {
      padding: 0.4rem 1.1rem;
      border-radius: 999px;
      cursor: pointer;
    }
    .primary {
      border: 1px solid var(--accent);
      background: var(--accent);
      color: var(--bg);
    }
    .secondary {
      border: 1px solid var(--rule);
      background: none;
    }
  `,
];
