/**
 * What the reader's two note surfaces share (<highlight-popover>, <notes-panel>): the
 * labelled note field, the highlight colors, UI type on the host, and form controls that
 * take that type. A surface sets its own width and font size after this group.
 */
import { css } from 'lit';
import { highlightColorStyles } from './highlight-colors.styles';
import { fieldStyles } from './shared.styles';

export const noteSurfaceStyles = [
  fieldStyles,
  highlightColorStyles,
  css`
    :host {
      display: block;
      font-family: var(--font-ui);
      line-height: 1.45;
      color: var(--ink);
    }

    button,
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
    }
  `,
];
