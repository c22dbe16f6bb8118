/** Styles every component adopts: box sizing, visible focus, the visually-hidden utility. */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 3px;
    border-radius: 2px;
  }

  /* Reduced motion: no component glides or animates (ARCHITECTURE.md §8). */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      scroll-behavior: auto !important;
      transition-duration: 0s !important;
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
    }
  }

  /* Headings that receive focus only so screen readers start there. */
  [tabindex='-1']:focus {
    outline: none;
  }

  button {
    font: inherit;
    color: inherit;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/** A labelled Markdown field with a hint under it (the popover's note, the panel's article note). */
export const fieldStyles = css`
  .field-label {
    display: block;
    margin: 0 0 0.25rem;
    font-weight: 600;
    font-size: 0.85rem;
    color: var(--ink-soft);
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 5.5rem;
    padding: 0.45rem 0.55rem;
    border: 1px solid var(--rule);
    border-radius: calc(var(--radius) * 0.75);
    background: var(--bg);
    line-height: 1.45;
    resize: vertical;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.78rem;
    color: var(--ink-muted);
  }
`;

/** A panel's round close button (×): the Notes and Contents panels. */
export const closeButtonStyles = css`
  .close {
    min-width: 2rem;
    min-height: 2rem;
    border: 0;
    border-radius: 999px;
    background: none;
    font-size: 1.25rem;
    line-height: 1;
    cursor: pointer;
  }
  .close:hover {
    background: var(--hover);
  }
`;
