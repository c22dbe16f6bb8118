import { css } from 'lit';
import { noteSurfaceStyles } from '../../styles/note-surface.styles';
import { closeButtonStyles, sharedStyles } from '../../styles/shared.styles';
import { noteEditorStyles, renderedNoteStyles } from '../../markdown/rendered-note.styles';

export const notesPanelStyles = [
  sharedStyles,
  closeButtonStyles,
  noteSurfaceStyles,
  renderedNoteStyles,
  noteEditorStyles,
  css`
    :host {
      font-size: 0.92rem;
    }

    aside {
      padding: 1rem 1.1rem 4rem;
    }

    .head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.9rem;
    }
    h2 {
      margin: 0;
      font-family: var(--font-reading);
      font-size: 1.3rem;
    }
    .save-state {
      flex: 1;
      font-size: 0.78rem;
      color: var(--ink-muted);
    }
    .export {
      padding: 0.2rem 0.7rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      font-size: 0.85rem;
      cursor: pointer;
    }
    .export:hover {
      background: var(--hover);
    }

    h3 {
      display: flex;
      align-items: baseline;
      gap: 0.4rem;
      margin: 1.4rem 0 0.6rem;
      font-size: 0.95rem;
    }
    .count {
      font-weight: 400;
      color: var(--ink-muted);
      font-variant-numeric: tabular-nums;
    }

    .empty {
      margin: 0.4rem 0;
      color: var(--ink-muted);
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.9rem;
      margin-bottom: 0.7rem;
    }
    .filters label {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
    }
    .filter-label {
      font-size: 0.75rem;
      color: var(--ink-muted);
    }
    select {
      padding: 0.2rem 0.35rem;
      border: 1px solid var(--rule);
      border-radius: 0.35rem;
      background: var(--bg);
    }

    .items {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      position: relative;
      margin: 0 0 0.55rem;
      padding: 0.5rem 0.6rem 0.55rem 0.85rem;
      border-radius: calc(var(--radius) * 0.75);
      background: var(--hover);
    }
    .item::before {
      content: '';
      position: absolute;
      inset-block: 0.5rem;
      inset-inline-start: 0.3rem;
      width: 3px;
      border-radius: 2px;
      background: var(--swatch);
    }
    .item--yellow {
      --swatch: var(--hl-yellow-swatch);
    }
    .item--green {
      --swatch: var(--hl-green-swatch);
    }
    .item--blue {
      --swatch: var(--hl-blue-swatch);
    }
    .item--pink {
      --swatch: var(--hl-pink-swatch);
    }
    .item--purple {
      --swatch: var(--hl-purple-swatch);
    }
    /* Forced colors: the color bar keeps its color, as the dots do (the name is written beside them). */
    @media (forced-colors: active) {
      .item::before {
        forced-color-adjust: none;
      }
    }

    .reveal {
      display: block;
      width: 100%;
      padding: 0;
      border: 0;
      background: none;
      text-align: start;
      cursor: pointer;
    }
    .reveal:hover .quote {
      text-decoration: underline;
      text-decoration-thickness: 1px;
      text-underline-offset: 0.15em;
    }
    .item-meta {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      margin-bottom: 0.2rem;
      font-size: 0.78rem;
      color: var(--ink-soft);
    }
    .item-meta .swatch {
      width: 0.7rem;
      height: 0.7rem;
    }
    .has-note {
      padding: 0 0.4rem;
      border: 1px solid var(--ink-muted);
      border-radius: 999px;
      font-size: 0.72rem;
      color: var(--ink-soft);
    }
    .quote {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 4;
      overflow: hidden;
      font-family: var(--font-reading);
      font-size: 0.95rem;
    }
    .note {
      margin: 0.4rem 0 0;
      padding-top: 0.35rem;
      border-top: 1px solid var(--rule);
      overflow-wrap: anywhere;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0.4rem 0 0;
      padding: 0;
      list-style: none;
    }
    .tag {
      padding: 0 0.45rem;
      border-radius: 999px;
      background: var(--bg);
      font-size: 0.75rem;
      color: var(--ink-soft);
    }
    .tag::before {
      content: '#';
      color: var(--ink-muted);
    }
    .delete {
      margin-top: 0.45rem;
      padding: 0.2rem 0.75rem;
      border: 1px solid var(--error-rule);
      border-radius: 999px;
      background: none;
      color: var(--error-ink);
      font-size: 0.8rem;
      cursor: pointer;
    }

    .colors {
      margin-top: 1.4rem;
    }
    summary {
      font-weight: 600;
      font-size: 0.95rem;
      cursor: pointer;
    }
    .color-row {
      display: grid;
      grid-template-columns: auto 4.2rem 1fr;
      align-items: center;
      gap: 0.45rem;
      margin-top: 0.45rem;
    }
    .color-word {
      font-size: 0.82rem;
      color: var(--ink-soft);
    }
    .color-row input {
      width: 100%;
      padding: 0.25rem 0.45rem;
      border: 1px solid var(--rule);
      border-radius: 0.35rem;
      background: var(--bg);
    }
  `,
];
