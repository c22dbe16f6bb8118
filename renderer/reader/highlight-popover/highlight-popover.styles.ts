import { css } from 'lit';
import { noteSurfaceStyles } from '../../styles/note-surface.styles';
import { sharedStyles } from '../../styles/shared.styles';
import { noteEditorStyles, renderedNoteStyles } from '../../markdown/rendered-note.styles';

export const highlightPopoverStyles = [
  sharedStyles,
  noteSurfaceStyles,
  renderedNoteStyles,
  noteEditorStyles,
  css`
    :host {
      width: min(22rem, calc(100vw - 2rem));
      font-size: 0.9rem;
    }

    .popover {
      padding: 0.85rem 0.95rem 0.8rem;
      border: 1px solid var(--rule);
      border-radius: var(--radius);
      background: var(--bg);
      box-shadow: 0 10px 32px rgb(0 0 0 / 0.2);
    }

    .colors {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin-bottom: 0.75rem;
    }
    .color {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      padding: 0.2rem 0.55rem 0.2rem 0.35rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      cursor: pointer;
      font-size: 0.82rem;
    }
    .color:hover {
      background: var(--hover);
    }
    .color:has(input:checked) {
      border-color: var(--ink-muted);
      background: var(--hover);
      font-weight: 600;
    }
    .color:has(input:focus-visible) {
      outline: 3px solid var(--focus);
      outline-offset: 2px;
    }
    /* The native radio stays in the accessibility tree and keeps arrow-key behaviour. */
    .color input {
      position: absolute;
      opacity: 0;
      width: 1px;
      height: 1px;
      margin: 0;
    }

    .hint {
      margin-bottom: 0.7rem;
    }
    .hint--error {
      color: var(--error-ink);
    }

    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin: 0 0 0.4rem;
      padding: 0;
      list-style: none;
    }
    .tag {
      display: inline-flex;
      align-items: center;
      gap: 0.1rem;
      padding: 0 0 0 0.55rem;
      border-radius: 999px;
      background: var(--hover);
      font-size: 0.82rem;
    }
    .tag button {
      min-width: 1.6rem;
      min-height: 1.6rem;
      border: 0;
      border-radius: 999px;
      background: none;
      cursor: pointer;
    }
    .tag button:hover {
      background: var(--rule);
    }
    .tag-input {
      width: 100%;
      padding: 0.3rem 0.55rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: var(--bg);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin-top: 0.2rem;
    }
    .actions button,
    .back {
      padding: 0.3rem 0.8rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      cursor: pointer;
    }
    .actions button:hover,
    .back:hover {
      background: var(--hover);
    }
    .actions .danger {
      color: var(--error-ink);
      border-color: var(--error-rule);
    }
    .actions .quiet {
      margin-inline-start: auto;
    }
    .back {
      margin-bottom: 0.7rem;
      border-color: transparent;
      color: var(--ink-muted);
    }

    .pick-label {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }
    .pick {
      margin: 0 0 0.6rem;
      padding: 0;
      list-style: none;
    }
    .pick li + li {
      margin-top: 0.3rem;
    }
    .pick button {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      width: 100%;
      padding: 0.45rem 0.55rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: none;
      text-align: start;
      cursor: pointer;
    }
    .pick button:hover {
      background: var(--hover);
    }
    .pick .swatch {
      margin-top: 0.25em;
    }
    .pick-text {
      display: flex;
      flex-direction: column;
    }
    .pick-color {
      font-size: 0.78rem;
      color: var(--ink-muted);
    }
    .pick q {
      font-family: var(--font-reading);
    }

    /* A long note scrolls inside the popover (the wheel over the rendered note reaches this scroller). */
    .note-editor {
      max-height: 18rem;
      overflow-y: auto;
    }

    .copy-buffer {
      position: fixed;
      top: 0;
      left: -10000px;
      width: 1px;
      height: 1px;
      opacity: 0;
    }
  `,
];
