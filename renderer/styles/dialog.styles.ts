/**
 * The modal `<dialog>` both dialogs share (<export-dialog>, <add-url-dialog>): its
 * frame, the dimmed backdrop, and the row of buttons at the foot. A dialog sets its own
 * width, padding and the row's top margin after this block.
 */
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    border: 1px solid var(--rule);
    border-radius: var(--radius);
    background: var(--bg);
    color: var(--ink);
    box-shadow: 0 20px 60px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }

  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.6rem;
  }
`;
