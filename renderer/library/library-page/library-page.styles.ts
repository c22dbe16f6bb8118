import { css } from 'lit';
import { pageStyles } from '../../styles/page.styles';
import { sharedStyles } from '../../styles/shared.styles';

/** The library's page: the listing (or the trash) in the shell's column, and what floats over the window while saving. */
export const libraryPageStyles = [
  sharedStyles,
  pageStyles,
  css`
    /* Files dragged over the window. */
    .drop-hint {
      position: fixed;
      inset: 0.75rem;
      z-index: 30;
      display: flex;
      align-items: center;
      justify-content: center;
      border: 3px dashed var(--accent);
      border-radius: var(--radius);
      background: rgb(0 0 0 / 0.08);
      pointer-events: none;
    }
    .drop-hint p {
      padding: 0.75rem 1.25rem;
      border-radius: var(--radius);
      background: var(--bg);
      color: var(--ink);
      font-size: 1.1rem;
    }

    /* A save running outside the URL dialog (files). */
    .import-status {
      position: fixed;
      top: 0.75rem;
      right: 1rem;
      z-index: 20;
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.5rem 0.6rem 0.5rem 1rem;
      border: 1px solid var(--rule);
      border-radius: var(--radius);
      background: var(--bg);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.15);
    }
    .import-status p {
      margin: 0;
    }
    .import-status button {
      padding: 0.25rem 0.8rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      cursor: pointer;
    }
  `,
];
