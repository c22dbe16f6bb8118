import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const addUrlDialogStyles = [
  sharedStyles,
  css`
    dialog {
      width: min(34rem, calc(100vw - 2rem));
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--rule);
      border-radius: var(--radius);
      background: var(--bg);
      color: var(--ink);
      box-shadow: 0 20px 60px rgb(0 0 0 / 0.25);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
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
      display: flex;
      justify-content: flex-end;
      gap: 0.6rem;
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
