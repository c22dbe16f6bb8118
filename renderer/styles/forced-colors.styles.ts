/**
 * The article's marks (highlights, find matches, the flash) where the usual washes do
 * not work (ARCHITECTURE.md §8). Goes last in the article view's styles, after the
 * `::highlight()` rules it overrides.
 *
 * Forced colors (Windows High Contrast): the system's palette would draw all five
 * highlight colors in one color, so each is drawn on `Mark` with its own underline
 * style (yellow solid, green double, blue dotted, pink dashed, purple wavy; the note mark
 * becomes an overline); every find match is underlined and the current one is drawn in
 * `Highlight`/`HighlightText` with a thick underline.
 *
 * Reduced motion: the short flash that marks a highlight jumped to is not drawn (the
 * painter does not set it either; see highlight-painter.ts).
 */
import { css } from 'lit';

export const markForcedColorStyles = css`
  @media (forced-colors: active) {
    /*
     * Chromium paints every highlight of a forced element in Highlight/HighlightText,
     * whatever its rule says: the article's text opts out of forcing and takes the
     * system's colors itself, so its highlights can be drawn as below.
     */
    .body {
      forced-color-adjust: none;
      color: CanvasText;
      background-color: Canvas;
    }
    /* Important: the article's own rules (quotes, captions, code) must not bring our palette back. */
    .body * {
      color: inherit !important;
      background-color: transparent !important;
      border-color: CanvasText !important;
    }
    .body a[href] {
      color: LinkText !important;
    }
    .body ::selection {
      background-color: Highlight;
      color: HighlightText;
    }
    ::highlight(lectern-yellow),
    ::highlight(lectern-green),
    ::highlight(lectern-blue),
    ::highlight(lectern-pink),
    ::highlight(lectern-purple) {
      background-color: Mark;
      color: MarkText;
      text-decoration-line: underline;
      text-decoration-color: MarkText;
      text-decoration-thickness: 2px;
    }
    ::highlight(lectern-yellow) {
      text-decoration-style: solid;
    }
    ::highlight(lectern-green) {
      text-decoration-style: double;
    }
    ::highlight(lectern-blue) {
      text-decoration-style: dotted;
    }
    ::highlight(lectern-pink) {
      text-decoration-style: dashed;
    }
    ::highlight(lectern-purple) {
      text-decoration-style: wavy;
    }
    ::highlight(lectern-has-note) {
      text-decoration-line: overline;
      text-decoration-style: dotted;
      text-decoration-color: MarkText;
    }
    ::highlight(lectern-current) {
      background-color: SelectedItem;
      color: SelectedItemText;
    }
    ::highlight(lectern-flash) {
      background-color: Highlight;
      color: HighlightText;
    }
    ::highlight(lectern-find) {
      background-color: Canvas;
      color: CanvasText;
      text-decoration-line: underline;
      text-decoration-style: solid;
      text-decoration-color: CanvasText;
      text-decoration-thickness: 1px;
    }
    ::highlight(lectern-find-current) {
      background-color: Highlight;
      color: HighlightText;
      text-decoration-line: underline;
      text-decoration-style: solid;
      text-decoration-color: HighlightText;
      text-decoration-thickness: 4px;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    ::highlight(lectern-flash) {
      background-color: transparent;
    }
  }
`;
