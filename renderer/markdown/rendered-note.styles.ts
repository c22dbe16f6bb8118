/**
 * The look of a rendered note (<rendered-note>, which renders into the light DOM of the
 * surface showing it): prose at the surface's size, headings only a little larger,
 * code and tables that scroll rather than widen the surface, and the link's address
 * row. `noteEditorStyles` lays a rendered note over its textarea, so the note reads
 * rendered until the field is clicked or focused (and the textarea is still the field
 * a keyboard or a screen reader reaches).
 */
import { css } from 'lit';

export const renderedNoteStyles = css`
  rendered-note {
    display: block;
    overflow-wrap: anywhere;
  }
  rendered-note .md > :first-child {
    margin-top: 0;
  }
  rendered-note .md > :last-child {
    margin-bottom: 0;
  }
  rendered-note :is(p, ul, ol, blockquote, pre, table, h1, h2, h3, h4, h5, h6) {
    margin: 0.45em 0;
  }
  /* Whatever the surface does with its own headings (the panel's h2 and h3) stays off the note's. */
  rendered-note :is(h1, h2, h3, h4, h5, h6) {
    display: block;
    font-family: inherit;
    font-size: 1em;
    font-weight: 700;
    line-height: 1.3;
  }
  rendered-note h1 {
    font-size: 1.15em;
  }
  rendered-note h2 {
    font-size: 1.08em;
  }
  rendered-note :is(ul, ol) {
    padding-left: 1.3em;
  }
  rendered-note blockquote {
    padding-left: 0.7em;
    border-left: 3px solid var(--rule);
    color: var(--ink-soft);
  }
  rendered-note code {
    font-family: var(--font-mono);
    font-size: 0.9em;
  }
  rendered-note pre {
    overflow-x: auto;
    padding: 0.4em 0.55em;
    border-radius: 0.3rem;
    background: var(--hover);
  }
  rendered-note table {
    display: block;
    overflow-x: auto;
    border-collapse: collapse;
  }
  rendered-note :is(th, td) {
    padding: 0.15em 0.45em;
    border: 1px solid var(--rule);
  }
  rendered-note hr {
    border: 0;
    border-top: 1px solid var(--rule);
  }
  rendered-note a {
    color: var(--link);
  }
  rendered-note .md-shortened {
    margin: 0.45em 0 0;
    font-size: 0.85em;
    font-style: italic;
    color: var(--ink-muted);
  }
  rendered-note .link-confirm {
    margin-top: 0.45em;
    padding: 0.45em 0.55em;
    border: 1px solid var(--rule);
    border-radius: 0.35rem;
    background: var(--bg);
    cursor: auto;
  }
  rendered-note .link-confirm p {
    margin: 0 0 0.4em;
  }
  rendered-note .link-url {
    font-family: var(--font-mono);
    font-size: 0.9em;
    word-break: break-all;
  }
  rendered-note .link-actions {
    display: flex;
    gap: 0.4rem;
  }
  rendered-note .link-actions button {
    padding: 0.15rem 0.7rem;
    border: 1px solid var(--rule);
    border-radius: 999px;
    background: none;
    cursor: pointer;
  }
  rendered-note .link-actions button:hover {
    background: var(--hover);
  }
  rendered-note .link-actions .link-open {
    border-color: var(--accent);
    color: var(--accent);
  }
`;

/**
 * A note field that reads rendered: the <rendered-note> and the textarea share one grid
 * cell; the rendered note lies on top, lets clicks through to the field (except on its
 * links and address row), and hides while the field has focus. It comes first, so Tab
 * reaches its links before the field.
 */
export const noteEditorStyles = css`
  .note-editor {
    display: grid;
  }
  .note-editor > * {
    grid-area: 1 / 1;
    min-width: 0;
  }
  .note-editor > rendered-note {
    /* Above the field, which its opacity puts in a layer of its own (painted over in-flow content). */
    position: relative;
    z-index: 1;
    padding: 0.45rem 0.55rem;
    border: 1px solid var(--rule);
    border-radius: calc(var(--radius) * 0.75);
    background: var(--bg);
    line-height: 1.45;
    pointer-events: none;
    cursor: text;
  }
  .note-editor > rendered-note :is(a, .link-confirm) {
    pointer-events: auto;
  }
  .note-editor:has(> rendered-note) > textarea:not(:focus) {
    opacity: 0;
  }
  .note-editor:has(> textarea:focus) > rendered-note {
    visibility: hidden;
  }
`;
