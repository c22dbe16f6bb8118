import { css } from 'lit';
import { highlightColorStyles } from '../../styles/highlight-colors.styles';
import { sharedStyles } from '../../styles/shared.styles';

export const searchResultsStyles = [
  sharedStyles,
  highlightColorStyles,
  css`
    :host {
      display: block;
    }

    .status {
      margin: 0.9rem 0 0.4rem;
      min-height: 1.4em;
      color: var(--ink-muted);
      font-size: 0.9rem;
    }

    .results {
      list-style: none;
      margin: 0 -1rem;
      padding: 0;
    }
    .result {
      /* The full width of the list also when the virtualizer positions the row (absolutely). */
      box-sizing: border-box;
      width: 100%;
      padding: 1rem 1rem 1.1rem;
      border-top: 1px solid var(--rule);
    }
    .result:first-child {
      border-top: 0;
    }

    .title {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.3rem;
      line-height: 1.25;
    }
    .open {
      padding: 0;
      border: 0;
      background: none;
      text-align: start;
      font-weight: 700;
      cursor: pointer;
    }
    .open:hover {
      text-decoration: underline;
    }
    .meta {
      margin: 0.2rem 0 0;
      color: var(--ink-muted);
      font-size: 0.9rem;
    }

    .hits {
      list-style: none;
      margin: 0.55rem 0 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    /*
     * One label column for every hit of every result (rows are placed one by one by the
     * virtual list, so the column has a fixed width rather than a shared track): the
     * snippets all start at the same place; a long label ("Highlight · Follow up")
     * wraps within its column.
     */
    .hit {
      display: grid;
      grid-template-columns: 9.5rem minmax(0, 1fr);
      column-gap: 0.75rem;
      align-items: baseline;
      width: 100%;
      padding: 0.3rem 0.5rem;
      border: 0;
      border-radius: calc(var(--radius) * 0.75);
      background: none;
      text-align: start;
      line-height: 1.45;
      cursor: pointer;
    }
    .hit:hover {
      background: var(--surface, rgb(0 0 0 / 0.04));
    }
    .label {
      min-width: 0;
      overflow-wrap: anywhere;
      color: var(--ink-muted);
      font-size: 0.78rem;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }
    .label--yellow { border-inline-start: 4px solid var(--hl-yellow-swatch); padding-inline-start: 0.35rem; }
    .label--green { border-inline-start: 4px solid var(--hl-green-swatch); padding-inline-start: 0.35rem; }
    .label--blue { border-inline-start: 4px solid var(--hl-blue-swatch); padding-inline-start: 0.35rem; }
    .label--pink { border-inline-start: 4px solid var(--hl-pink-swatch); padding-inline-start: 0.35rem; }
    .label--purple { border-inline-start: 4px solid var(--hl-purple-swatch); padding-inline-start: 0.35rem; }
    .snippet {
      color: var(--ink-soft);
      font-family: var(--font-reading);
      overflow-wrap: anywhere;
    }
    .more {
      margin: 0.75rem 0 0;
      padding: 0.4rem 1rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      cursor: pointer;
    }

    mark {
      background: var(--hl-yellow);
      color: inherit;
      border-radius: 2px;
      font-weight: 600;
    }
  `,
];
