import { css } from 'lit';
import { closeButtonStyles, sharedStyles } from '../../styles/shared.styles';

export const contentsPanelStyles = [
  sharedStyles,
  closeButtonStyles,
  css`
    :host {
      display: block;
      font-size: 0.92rem;
    }

    nav {
      padding: 1rem 1.1rem 1.1rem;
    }

    .head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.6rem;
    }
    h2 {
      flex: 1;
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.3rem;
    }

    .empty {
      margin: 0.4rem 0;
      color: var(--ink-muted);
    }

    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    ol ol {
      padding-inline-start: 0.9rem;
    }

    .item {
      display: block;
      width: 100%;
      margin: 1px 0;
      padding: 0.3rem 0.55rem 0.3rem 0.65rem;
      border: 0;
      border-inline-start: 3px solid transparent;
      border-radius: 0 calc(var(--radius) * 0.75) calc(var(--radius) * 0.75) 0;
      background: none;
      color: var(--ink-soft);
      font-size: inherit;
      line-height: 1.35;
      text-align: start;
      cursor: pointer;
    }
    .item:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .depth-0 > .item {
      font-weight: 600;
    }
    /* The section being read: a bar at its start and the ink at full strength. */
    .item[aria-current='location'] {
      border-inline-start-color: var(--accent);
      background: var(--hover);
      color: var(--ink);
    }
    @media (forced-colors: active) {
      .item[aria-current='location'] {
        border-inline-start-color: Highlight;
        text-decoration: underline;
      }
    }
  `,
];
