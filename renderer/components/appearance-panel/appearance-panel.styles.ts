import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles';

/*
 * A small card at the top right, under the reader's toolbar (its "Aa" button stays in
 * sight), over the page: the article stays visible beside it, so each change is seen at once.
 */
export const appearancePanelStyles = [
  sharedStyles,
  css`
    :host {
      position: fixed;
      z-index: 30;
      top: 7.25rem;
      right: 1rem;
      display: block;
      width: min(19.5rem, calc(100vw - 2rem));
    }

    .panel {
      max-height: calc(100vh - 8.25rem);
      overflow-y: auto;
      padding: 0.7rem 0.9rem 0.9rem;
      border: 1px solid var(--rule);
      border-radius: var(--radius);
      background: var(--bg);
      color: var(--ink);
      box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.18);
      font-family: var(--font-ui);
      font-size: 0.9rem;
    }

    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 0.35rem;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    .close {
      padding: 0.1rem 0.5rem;
      border: 0;
      border-radius: 999px;
      background: none;
      color: var(--ink-soft);
      font-size: 1.35rem;
      line-height: 1;
      cursor: pointer;
    }
    .close:hover {
      background: var(--hover);
      color: var(--ink);
    }

    fieldset {
      margin: 0.55rem 0 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      margin-bottom: 0.3rem;
      font-weight: 600;
      font-size: 0.8rem;
      color: var(--ink-soft);
    }

    /* The radio itself covers its label, unseen (focus, arrow keys, clicks); the label is what shows. */
    .option input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .option {
      position: relative;
      display: flex;
      align-items: center;
      gap: 0.4rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      color: var(--ink-soft);
      cursor: pointer;
    }
    .option:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .option:has(input:checked) {
      border-color: var(--ink);
      box-shadow: inset 0 0 0 1px var(--ink);
      color: var(--ink);
    }
    .option:has(input:focus-visible) {
      outline: 3px solid var(--focus);
      outline-offset: 2px;
    }

    .typefaces {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.35rem;
    }
    .typefaces legend {
      grid-column: 1 / -1;
    }
    .face {
      flex-direction: column;
      align-items: flex-start;
      gap: 0;
      padding: 0.2rem 0.5rem;
    }
    .face-name {
      font-size: 1rem;
      line-height: 1.3;
    }
    .face-hint {
      font-family: var(--font-ui);
      font-size: 0.72rem;
      color: var(--ink-muted);
    }
    /* Each label in its own face (the stacks of reading-style.ts, shortened). */
    .face--serif .face-name {
      font-family: 'Literata', serif;
    }
    .face--sans .face-name {
      font-family: 'Inter', sans-serif;
    }
    .face--hyperlegible .face-name {
      font-family: 'Atkinson Hyperlegible Next', sans-serif;
    }
    .face--dyslexic .face-name {
      font-family: 'OpenDyslexic', sans-serif;
      font-size: 0.92rem;
    }
    .face--mono .face-name {
      font-family: 'JetBrains Mono', monospace;
      font-size: 0.95rem;
    }
    .face--system .face-name {
      font-family: var(--font-reading);
    }

    .segments {
      display: flex;
      gap: 0.3rem;
    }
    .segment {
      flex: 1 1 0;
      justify-content: center;
      padding: 0.3rem 0.1rem;
      font-size: 0.85rem;
      font-variant-numeric: tabular-nums;
    }

    .stepper {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .step {
      flex: 1 1 0;
      padding: 0.3rem 0.5rem;
      border: 1px solid var(--rule);
      border-radius: calc(var(--radius) * 0.75);
      background: none;
      color: var(--ink-soft);
      cursor: pointer;
    }
    .step:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .step[aria-disabled='true'] {
      color: var(--ink-muted);
      border-style: dashed;
      cursor: default;
    }
    .size {
      min-width: 4rem;
      text-align: center;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }

    .check {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 0.65rem;
      cursor: pointer;
    }
    .check input {
      width: 1.05rem;
      height: 1.05rem;
      margin: 0;
      accent-color: var(--ink);
    }

    .themes {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.35rem;
    }
    .themes legend {
      grid-column: 1 / -1;
    }
    .theme {
      padding: 0.25rem 0.45rem 0.25rem 0.3rem;
    }
    /* "Match system" across both columns, after the four themes. */
    .theme:last-child {
      grid-column: 1 / -1;
    }
    /* Each theme's paper and ink (the themes' own --bg, the window colors main uses). */
    .swatch {
      display: inline-grid;
      place-items: center;
      width: 1.9rem;
      height: 1.5rem;
      border: 1px solid rgb(128 128 128 / 0.55);
      border-radius: 0.3rem;
      font-family: 'Literata', serif;
      font-size: 0.8rem;
      forced-color-adjust: none;
    }
    .swatch::before {
      content: 'Aa';
    }
    /* Match system: half light, half dark, "A" on the one and "a" on the other. */
    .swatch--system {
      grid-template-columns: 1fr 1fr;
    }
    .swatch--system::before {
      content: 'A';
      color: #1d1b18;
    }
    .swatch--system::after {
      content: 'a';
      color: #e9e4da;
    }
    .swatch--light {
      background: #faf8f3;
      color: #1d1b18;
    }
    .swatch--sepia {
      background: #f4ecd8;
      color: #3b2a1a;
    }
    .swatch--dark {
      background: #161513;
      color: #e9e4da;
    }
    .swatch--black {
      background: #000000;
      color: #dedad2;
    }
    .swatch--system {
      background: linear-gradient(90deg, #faf8f3 0 50%, #161513 50% 100%);
    }

    .reset {
      display: block;
      width: 100%;
      margin-top: 0.8rem;
      padding: 0.35rem 0.8rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      color: var(--ink-soft);
      cursor: pointer;
    }
    .reset:hover {
      background: var(--hover);
      color: var(--ink);
    }

    @media (forced-colors: active) {
      .option:has(input:checked) {
        border: 2px solid Highlight;
      }
    }
  `,
];
