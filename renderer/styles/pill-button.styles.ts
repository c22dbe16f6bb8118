/**
 * The outlined, rounded button of the library toolbar, the trash and the article's
 * actions: `class="pill"`. Hover and disabled looks stay with each component (they
 * differ), after this block.
 */
import { css } from 'lit';

export const pillButtonStyles = css`
  .pill {
    padding: 0.35rem 0.95rem;
    border: 1px solid var(--rule);
    border-radius: 999px;
    background: none;
    color: var(--ink-soft);
    font-size: 0.9rem;
    cursor: pointer;
  }
`;
