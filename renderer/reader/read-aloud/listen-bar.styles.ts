import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

export const listenBarStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      font-family: var(--font-ui);
      font-size: 0.9rem;
    }
    .bar {
      display: flex;
      flex-direction: column;
      gap: 0.3rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--rule);
      border-radius: 0.6rem;
      background: var(--bg);
      color: var(--ink);
      box-shadow: 0 -2px 14px rgb(0 0 0 / 0.12);
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem 0.6rem;
    }
    button,
    select {
      min-height: 2rem;
      padding: 0 0.55rem;
      border: 1px solid var(--rule);
      border-radius: 0.4rem;
      background: var(--bg);
      color: var(--ink);
      font: inherit;
    }
    button:hover:not(:disabled) {
      background: var(--hover);
    }
    button:disabled,
    select:disabled {
      color: var(--ink-muted);
    }
    .play {
      min-width: 5.5rem;
      font-weight: 600;
    }
    .field,
    .check {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      color: var(--ink-soft);
    }
    .voice {
      max-width: 16rem;
    }
    .stop {
      margin-inline-start: auto;
    }
    p {
      margin: 0;
    }
    .place {
      color: var(--ink-muted);
      min-height: 1.2em;
    }
    .problem {
      padding: 0.4rem 0.6rem;
      border: 1px solid var(--error-rule);
      border-radius: 0.4rem;
      background: var(--error-bg);
      color: var(--error-ink);
    }
    .help {
      margin-top: 0.2rem;
    }
    @media (forced-colors: active) {
      .bar,
      .problem {
        border-color: CanvasText;
      }
    }
  `,
];
