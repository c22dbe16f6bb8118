/**
 * The frame both pages (<library-page>, <reader-page>) share: the host lends its box
 * to the shell's column, `.layout` is the grid that fills it, `<main>` a grid cell.
 * A page adds its own rules after this block.
 */
import { css } from 'lit';

export const pageStyles = css`
  :host {
    display: contents;
  }

  .layout {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }

  main {
    display: block;
    min-width: 0;
  }
`;
