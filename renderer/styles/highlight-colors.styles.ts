/**
 * The color dots (`.swatch`) of the five highlight colors. The colors themselves are
 * theme tokens in renderer/styles/global.css (`--hl-<color>` the translucent wash drawn
 * over text, `--hl-<color>-swatch` the solid dot), inherited into every shadow root.
 * In forced colors a dot keeps its own color (with a system-color ring), so the five
 * stay apart where the system palette would make them all one; its name is written
 * beside it wherever the dot alone would tell the color.
 */
import { css } from 'lit';

export const highlightColorStyles = css`
  .swatch {
    display: inline-block;
    flex: none;
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    border: 1px solid rgb(0 0 0 / 0.25);
    background: var(--swatch);
  }
  .swatch--yellow {
    --swatch: var(--hl-yellow-swatch);
  }
  .swatch--green {
    --swatch: var(--hl-green-swatch);
  }
  .swatch--blue {
    --swatch: var(--hl-blue-swatch);
  }
  .swatch--pink {
    --swatch: var(--hl-pink-swatch);
  }
  .swatch--purple {
    --swatch: var(--hl-purple-swatch);
  }
  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
  }
`;
