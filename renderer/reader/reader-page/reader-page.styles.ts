import { css } from 'lit';
import { pageStyles } from '../../styles/page.styles';
import { sharedStyles } from '../../styles/shared.styles';

/** The reader's page: the article beside the side column (Contents, Notes) (the grid the shell's column lends it). */
export const readerPageStyles = [
  sharedStyles,
  pageStyles,
  css`
    .layout--notes {
      grid-template-columns: minmax(0, 1fr) minmax(17rem, 23rem);
    }

    /* The Notes panel stays in view while the article scrolls. */
    .panel {
      position: sticky;
      top: 0;
      align-self: start;
      max-height: 100vh;
      overflow-y: auto;
      border-inline-start: 1px solid var(--rule);
      background: var(--bg);
    }
    /* Contents above Notes in the one column: Contents scrolls on its own when both are shown. */
    .panel--both contents-panel {
      max-height: 40vh;
      overflow-y: auto;
      border-bottom: 1px solid var(--rule);
    }
    @media (max-width: 56rem) {
      .layout--notes {
        grid-template-columns: minmax(0, 1fr);
      }
      .panel {
        position: fixed;
        inset-block: 0;
        inset-inline-end: 0;
        z-index: 15;
        width: min(100%, 23rem);
        max-height: none;
        box-shadow: -8px 0 32px rgb(0 0 0 / 0.18);
      }
    }
  `,
];
