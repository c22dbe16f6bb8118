import { css } from 'lit';
import { columnStyles } from '../../styles/column.styles';
import { pillButtonStyles } from '../../styles/pill-button.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const trashViewStyles = [
  sharedStyles,
  columnStyles,
  pillButtonStyles,
  css`
    .page {
      padding-top: 1.5rem;
    }
    .back:hover,
    .restore:hover,
    .empty:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      margin: 1.25rem 0 0.5rem;
    }
    h1 {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 2.5rem;
    }
    .count,
    .hint,
    .meta,
    .state {
      color: var(--ink-muted);
    }
    .list {
      list-style: none;
      margin: 1rem 0;
      padding: 0;
    }
    .row {
      /* The full width of the list also when the virtualizer positions the row (absolutely). */
      box-sizing: border-box;
      width: 100%;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.9rem 0;
      border-top: 1px solid var(--rule);
    }
    .title {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.15rem;
    }
    .meta {
      margin: 0.2rem 0 0;
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--error-ink);
    }
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.6rem;
      padding: 0.75rem 1rem;
      border-radius: var(--radius);
      border-inline-start: 4px solid var(--error-rule);
      background: var(--error-bg);
      color: var(--error-ink);
    }
    .confirm p {
      flex-basis: 100%;
      margin: 0;
    }
    .confirm .danger {
      border-color: currentColor;
      font-weight: 600;
    }
  `,
];
