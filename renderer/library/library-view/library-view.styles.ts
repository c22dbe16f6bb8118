import { css } from 'lit';
import { columnStyles } from '../../styles/column.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const libraryViewStyles = [
  sharedStyles,
  columnStyles,
  css`
    .page {
      padding-top: 2.75rem;
    }

    search-field {
      margin-bottom: 1rem;
    }
    .tools {
      margin-bottom: 1.25rem;
    }

    .tags {
      margin: 0.3rem 0 0;
      color: var(--ink-muted);
      font-size: 0.85rem;
    }
    .tag {
      margin-inline-end: 0.35rem;
    }
    .row-actions {
      display: flex;
      gap: 0.5rem;
      margin-top: 0.6rem;
    }
    .row-actions button {
      padding: 0.2rem 0.75rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: var(--bg);
      color: var(--ink-soft);
      font-size: 0.85rem;
      cursor: pointer;
    }
    .row-actions button:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .state {
      color: var(--ink-muted);
    }

    .head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 1rem;
      margin-bottom: 1.25rem;
    }

    h1 {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 2.5rem;
      font-weight: 700;
      line-height: 1.1;
      letter-spacing: -0.01em;
    }

    .count {
      margin: 0;
      color: var(--ink-muted);
      font-size: 0.95rem;
      font-variant-numeric: tabular-nums;
    }

    /* ------------------------------------------------------------ rows */

    .list {
      list-style: none;
      margin: 0 -1rem;
      padding: 0;
    }

    .row {
      position: relative;
      /* The full width of the list also when the virtualizer positions the row (absolutely). */
      box-sizing: border-box;
      width: 100%;
      padding: 1.25rem 1rem 1.35rem;
      border-radius: var(--radius);
      cursor: pointer;
    }
    /* Hairlines between rows, inset to the text. */
    .row + .row::before {
      content: '';
      position: absolute;
      top: 0;
      inset-inline: 1rem;
      border-top: 1px solid var(--rule);
    }
    .row:hover::before,
    .row:hover + .row::before,
    .row:has(.open:focus-visible)::before,
    .row:has(.open:focus-visible) + .row::before {
      border-color: transparent;
    }
    .row:hover {
      background: var(--hover);
    }
    .row:has(.open:focus-visible) {
      outline: 3px solid var(--focus);
      outline-offset: -1px;
      background: var(--hover);
    }

    /* A row main has not sent yet: as tall as a row, quiet. */
    .row--placeholder {
      box-sizing: border-box;
      height: var(--row-height, 10.5rem);
      cursor: default;
    }
    .row--placeholder:hover {
      background: none;
    }
    .bar {
      display: block;
      inline-size: 55%;
      block-size: 1.3rem;
      border-radius: 0.3rem;
      background: var(--track);
      opacity: 0.6;
    }
    .bar--meta {
      inline-size: 30%;
      block-size: 0.8rem;
      margin-top: 0.8rem;
    }

    .title {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.4rem;
      font-weight: 650;
      line-height: 1.3;
      text-wrap: balance;
    }

    .open {
      display: inline;
      margin: 0;
      padding: 0;
      border: 0;
      background: none;
      text-align: start;
      line-height: inherit;
      cursor: pointer;
    }
    .open:focus-visible {
      outline: none;
    }
    .row:hover .open {
      color: var(--accent);
    }

    .meta {
      margin: 0.45rem 0 0;
      color: var(--ink-muted);
      font-size: 0.92rem;
    }
    .site {
      font-weight: 600;
      letter-spacing: 0.03em;
      color: var(--ink-soft);
    }

    .progress {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin-top: 0.8rem;
      color: var(--ink-muted);
      font-size: 0.85rem;
      font-variant-numeric: tabular-nums;
    }

    progress {
      appearance: none;
      inline-size: 7rem;
      block-size: 0.375rem;
      border: 0;
      border-radius: 999px;
      background: var(--track);
      overflow: hidden;
    }
    progress::-webkit-progress-bar {
      background: var(--track);
      border-radius: 999px;
    }
    progress::-webkit-progress-value {
      background: var(--meter);
      border-radius: 999px;
    }
    progress::-moz-progress-bar {
      background: var(--meter);
      border-radius: 999px;
    }
    .row[data-state='finished'] .progress-text {
      color: var(--ink-soft);
    }

    /* ------------------------------------------------------------ states */

    .state {
      color: var(--ink-muted);
      padding: 2rem 0;
    }

    .empty {
      padding: 3rem 0;
      border-top: 1px solid var(--rule);
      color: var(--ink-muted);
      max-width: 34rem;
    }
    .empty-title {
      margin: 0 0 0.5rem;
      font-family: var(--font-reading);
      font-size: 1.5rem;
      color: var(--ink);
    }

    .notice,
    .error {
      margin: 0 0 1.75rem;
      padding: 1rem 1.25rem;
      border-radius: var(--radius);
      border-inline-start: 4px solid;
    }
    .notice {
      background: var(--notice-bg);
      border-color: var(--notice-rule);
      color: var(--notice-ink);
    }
    .error {
      background: var(--error-bg);
      border-color: var(--error-rule);
      color: var(--error-ink);
    }
    .notice-text,
    .error-title {
      margin: 0;
      font-weight: 600;
    }
    .error-text {
      margin: 0.35rem 0 0.9rem;
    }

    details {
      margin-top: 0.5rem;
    }
    summary {
      cursor: pointer;
      width: fit-content;
    }
    .problems {
      margin: 0.5rem 0 0;
      padding-inline-start: 1.25rem;
      font-size: 0.92rem;
    }
    .problems li + li {
      margin-top: 0.35rem;
    }
    code {
      font-family: var(--font-mono);
      font-size: 0.88em;
      overflow-wrap: anywhere;
    }
    .reason {
      display: block;
    }

    .retry {
      padding: 0.45rem 1rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      background: transparent;
      cursor: pointer;
    }
    .retry:hover {
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
  `,
];
