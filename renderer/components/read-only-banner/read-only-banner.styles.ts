import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const readOnlyBannerStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
    }
    .notice {
      margin: 0;
      padding: 0.6rem clamp(1.25rem, 4vw, 2rem);
      border-bottom: 1px solid var(--notice-rule);
      background: var(--notice-bg);
      color: var(--notice-ink);
      line-height: 1.4;
    }
    .notice:empty {
      display: none;
    }
    strong {
      font-weight: 650;
    }
  `,
];
