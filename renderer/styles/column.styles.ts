/**
 * The centred reading-width column of the library's listing and of the trash
 * (<library-view>, <trash-view>). Each sets its own top padding after this block.
 */
import { css } from 'lit';

export const columnStyles = css`
  :host {
    display: block;
  }

  .page {
    max-width: 46rem;
    margin: 0 auto;
    padding: 0 clamp(1.25rem, 5vw, 2.5rem) 5rem;
  }
`;
