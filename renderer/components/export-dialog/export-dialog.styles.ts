import { css } from 'lit';
import { dialogStyles } from '../../styles/dialog.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const exportDialogStyles = [
  sharedStyles,
  dialogStyles,
  css`
    dialog {
      width: min(52rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      padding: 1.25rem 1.5rem 1.25rem;
    }

    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 0.75rem;
    }
    h2 {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.5rem;
    }
    h3 {
      margin: 0 0 0.4rem;
      font-size: 0.95rem;
    }
    .close {
      border: 0;
      background: none;
      font-size: 1.5rem;
      line-height: 1;
      padding: 0.2rem 0.5rem;
      cursor: pointer;
    }

    .choices {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.5rem 1.25rem;
    }
    fieldset {
      margin: 0 0 0.5rem;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      margin-bottom: 0.3rem;
      font-weight: 600;
      font-size: 0.9rem;
    }
    .choice {
      display: flex;
      gap: 0.45rem;
      align-items: baseline;
      padding: 0.15rem 0;
      cursor: pointer;
    }
    .choice-label {
      font-weight: 600;
    }
    .choice-hint {
      color: var(--ink-muted);
      font-size: 0.85rem;
      font-weight: 400;
    }

    .preview pre {
      max-height: 16rem;
      margin: 0;
      padding: 0.6rem 0.75rem;
      overflow: auto;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: var(--surface, rgb(0 0 0 / 0.03));
      font-size: 0.8rem;
      line-height: 1.45;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .outcome {
      min-height: 1.6rem;
      margin: 0.6rem 0 0;
    }
    .outcome progress {
      width: 100%;
    }
    .message {
      margin: 0.25rem 0 0;
      color: var(--ink-soft);
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .error {
      margin: 0.25rem 0 0;
      color: var(--danger, #a11);
      font-size: 0.9rem;
    }

    .actions {
      margin-top: 0.75rem;
    }
    .actions button {
      padding: 0.45rem 1rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: transparent;
      cursor: pointer;
    }
    .actions .primary {
      border-color: var(--accent);
      background: var(--accent);
      color: var(--bg);
      font-weight: 600;
    }
    button:disabled,
    button[aria-disabled='true'] {
      opacity: 0.5;
      cursor: default;
    }

    @media (max-width: 40rem) {
      .choices {
        grid-template-columns: 1fr;
      }
    }
  `,
];
