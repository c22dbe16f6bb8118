import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const lecternAppStyles = [
  sharedStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }

    .banner {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.8rem clamp(1.25rem, 4vw, 2rem);
      border-bottom: 1px solid var(--rule);
    }

    .brand {
      font-family: var(--font-reading);
      font-size: 1.05rem;
      font-weight: 700;
      letter-spacing: 0.02em;
      color: var(--ink-soft);
    }
    .brand::before {
      content: '';
      display: inline-block;
      width: 0.55em;
      height: 0.55em;
      margin-inline-end: 0.5em;
      border-radius: 2px;
      background: var(--accent);
      vertical-align: 0.05em;
    }

    .status {
      position: fixed;
      inset-inline: 0;
      bottom: 1.25rem;
      display: flex;
      justify-content: center;
      pointer-events: none;
    }
    .status--alert {
      pointer-events: auto;
    }
    .status--alert .status-text {
      margin: 0;
    }
    .status--alert {
      left: 50%;
      right: auto;
      transform: translateX(-50%);
      width: min(40rem, calc(100% - 2rem));
      align-items: center;
      gap: 1rem;
      padding: 0.75rem 0.75rem 0.75rem 1.1rem;
      border-radius: var(--radius);
      border-inline-start: 4px solid var(--error-rule);
      background: var(--error-bg);
      color: var(--error-ink);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
      font-size: 0.95rem;
    }
    .status--alert .status-text {
      flex: 1;
    }

    .dismiss {
      flex: none;
      padding: 0.35rem 0.9rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      background: transparent;
      cursor: pointer;
    }
  `,
];
