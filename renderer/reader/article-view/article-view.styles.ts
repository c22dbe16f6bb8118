import { css } from 'lit';
import { markForcedColorStyles } from '../../styles/forced-colors.styles';
import { highlightColorStyles } from '../../styles/highlight-colors.styles';
import { sharedStyles } from '../../styles/shared.styles';

/*
 * Set for long reading: a serif text face at ~1.2rem, line-height 1.6, a measure of
 * about 65–75 characters, generous margins and quiet chrome.
 */
export const articleViewStyles = [
  sharedStyles,
  highlightColorStyles,
  css`
    :host {
      display: block;
      /*
       * The text column: 34em holds about 70 characters a line in Georgia, Charter or
       * Iowan; 62ch caps it for narrower faces (Times-like fallbacks), which would
       * otherwise set 80 and more. Between them: 62–75 characters in common serifs.
       */
      --measure: min(34em, 62ch);
      --reading-size: 19px;
      /* The reading settings set these on the host (reading-style.ts); these are the defaults. */
      --reading-font: var(--font-reading);
      --reading-line-height: 1.6;
      --reading-margin: clamp(1.25rem, 6vw, 4rem);
      --paragraph-space: 1.1em;
      --reading-align: start;
      --reading-hyphens: manual;
    }

    .page {
      position: relative;
      padding: 1.25rem var(--reading-margin) 7rem;
      /* Set here so em and ch in --measure mean the same for every column below. */
      font-family: var(--reading-font);
      font-size: var(--reading-size);
    }

    .toolbar,
    article,
    .loading,
    .problem {
      max-width: var(--measure);
      margin-inline: auto;
    }

    .back {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      margin-inline-start: -0.6rem;
      padding: 0.4rem 0.8rem 0.4rem 0.6rem;
      border: 0;
      border-radius: 999px;
      background: none;
      color: var(--ink-muted);
      font-family: var(--font-ui);
      font-size: 0.95rem;
      cursor: pointer;
    }
    .back:hover {
      background: var(--hover);
      color: var(--ink);
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1rem;
    }
    /* The article's own commands (read, delete, tags) on a row of their own, under Back and Notes. */
    ::slotted([slot='actions']) {
      flex-basis: 100%;
    }
    /* Listen, Contents, Notes and Aa: pills together at the end of the row. */
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin-inline-start: auto;
    }
    .tool {
      padding: 0.35rem 0.95rem;
      border: 1px solid var(--rule);
      border-radius: 999px;
      background: none;
      color: var(--ink-soft);
      font-family: var(--font-ui);
      font-size: 0.9rem;
      cursor: pointer;
    }
    .tool:hover {
      background: var(--hover);
      color: var(--ink);
    }
    .tool[aria-expanded='true'] {
      border-color: var(--ink-muted);
      background: var(--hover);
      color: var(--ink);
    }
    /* The minutes left, pinned to the bottom of the view while the article goes on below it. */
    .time-left {
      position: sticky;
      bottom: 0.75rem;
      z-index: 3;
      width: fit-content;
      /* Into the page's side margin (at least 1.25rem), clear of the text where there is room. */
      margin: 0 -1rem 0 auto;
      white-space: nowrap;
      padding: 0.15rem 0.65rem;
      border-radius: 999px;
      background: var(--bg);
      color: var(--ink-muted);
      font-family: var(--font-ui);
      font-size: 0.78rem;
      font-variant-numeric: tabular-nums;
      pointer-events: none;
    }

    /* The selection toolbar and the highlight popover float over the text. */
    .floating {
      position: absolute;
      z-index: 10;
    }
    .floating--above {
      transform: translateY(-100%);
    }
    .arrow {
      font-size: 1.1em;
      line-height: 1;
    }

    article {
      font-family: var(--reading-font);
      line-height: var(--reading-line-height);
      color: var(--ink);
      overflow-wrap: break-word;
    }
    /* Justified and hyphenated (by the article's lang), or ragged: the reading settings. */
    .body {
      text-align: var(--reading-align);
      hyphens: var(--reading-hyphens);
      -webkit-hyphens: var(--reading-hyphens);
    }

    .head {
      margin: 2.25rem 0 2.5rem;
    }
    .head::after {
      content: '';
      display: block;
      width: 3rem;
      margin-top: 1.75rem;
      border-top: 2px solid var(--accent);
    }

    .title {
      margin: 0 0 0.9rem;
      /* Relative to the reading size (at 19 px: 30–39 px, as before the setting). */
      font-size: clamp(1.6em, 1.15em + 1.6vw, 2.05em);
      font-weight: 700;
      line-height: 1.15;
      letter-spacing: -0.005em;
      text-wrap: balance;
      hyphens: manual;
    }

    .meta,
    .byline {
      margin: 0;
      font-family: var(--font-ui);
      font-size: 0.78em;
      line-height: 1.5;
      color: var(--ink-muted);
    }
    .byline {
      margin-top: 0.25rem;
    }
    .site {
      font-weight: 600;
      letter-spacing: 0.04em;
      color: var(--ink-soft);
    }

    .credit {
      margin: 2.5em 0 0;
      font-size: 0.85em;
      letter-spacing: 0.06em;
      color: var(--ink-muted);
    }

    /* Same column as the article: only the text inside switches to the UI face. */
    .loading,
    .problem {
      padding-top: 2.25rem;
    }
    .loading p,
    .problem p {
      font-family: var(--font-ui);
      font-size: 1rem;
    }
    .loading p {
      margin: 0;
      color: var(--ink-muted);
    }
    .problem h1 {
      margin: 0 0 0.75rem;
      font-family: var(--font-reading);
      font-size: 1.75rem;
      line-height: 1.2;
    }
    .problem p {
      margin: 0;
      color: var(--error-ink);
    }

    /* ------------------------------------------------------------ highlights (CSS Custom Highlight API) */

    ::highlight(lectern-yellow) {
      background-color: var(--hl-yellow);
    }
    ::highlight(lectern-green) {
      background-color: var(--hl-green);
    }
    ::highlight(lectern-blue) {
      background-color: var(--hl-blue);
    }
    ::highlight(lectern-pink) {
      background-color: var(--hl-pink);
    }
    ::highlight(lectern-purple) {
      background-color: var(--hl-purple);
    }
    /* Highlights that carry a note are underlined (dotted) in the text. */
    ::highlight(lectern-has-note) {
      text-decoration-line: underline;
      text-decoration-style: dotted;
      text-decoration-color: var(--hl-note);
      text-decoration-thickness: 2px;
    }
    /* The keyboard's current highlight (n / p): a solid underline. */
    ::highlight(lectern-current) {
      text-decoration-line: underline;
      text-decoration-style: solid;
      text-decoration-color: var(--accent);
      text-decoration-thickness: 2px;
    }
    ::highlight(lectern-flash) {
      background-color: var(--hl-flash);
    }
    /*
     * Find in the article: every match a light orange wash (translucent, so a
     * highlight's own color shows through), the current one a strong one with an
     * underline.
     */
    ::highlight(lectern-find) {
      background-color: var(--find-match);
    }
    ::highlight(lectern-find-current) {
      background-color: var(--find-current);
      text-decoration-line: underline;
      text-decoration-style: solid;
      text-decoration-color: var(--find-current-line);
      text-decoration-thickness: 2px;
    }

    /* Read aloud: the sentence being read, a light wash with a solid underline. */
    ::highlight(lectern-speaking) {
      background-color: var(--speaking);
      text-decoration-line: underline;
      text-decoration-style: solid;
      text-decoration-color: var(--speaking-line);
      text-decoration-thickness: 2px;
    }
    @media (forced-colors: active) {
      ::highlight(lectern-speaking) {
        background-color: Highlight;
        color: HighlightText;
      }
    }
    listen-bar.listen {
      position: sticky;
      bottom: 0.5rem;
      z-index: 3;
      max-width: calc(var(--measure) + 4rem);
      margin: 1.5rem auto 0;
    }

    /*
     * The find bar is docked: a band of its own above the text column (the article
     * moves down), sticky at the top of the view with the page's background, so no
     * text shows around it; find-controller.ts keeps the current match below it.
     */
    find-bar.find {
      position: sticky;
      top: 0;
      z-index: 3;
      max-width: var(--measure);
      margin: 0 auto 0.75rem;
      padding: 0.5rem 0;
      background: var(--bg);
      border-bottom: 1px solid var(--rule);
    }

    .body:focus {
      outline: none;
    }

    /* ------------------------------------------------------------ the article's own HTML */

    .body {
      font-size: 1em;
    }
    .body > :first-child {
      margin-top: 0;
    }
    .body p {
      margin: 0 0 var(--paragraph-space);
      text-wrap: pretty;
    }
    .body :is(h1, h2, h3, h4, h5, h6) {
      margin: 1.9em 0 0.6em;
      line-height: 1.25;
      text-wrap: balance;
      hyphens: manual;
    }
    .body h1 {
      font-size: 1.6em;
    }
    .body h2 {
      font-size: 1.35em;
    }
    .body h3 {
      font-size: 1.15em;
    }
    .body :is(h4, h5, h6) {
      font-size: 1em;
    }
    .body a[href] {
      color: var(--link);
      text-decoration-thickness: 1px;
      text-underline-offset: 0.15em;
    }
    .body a[href]:hover {
      text-decoration-thickness: 2px;
    }
    .body :is(ul, ol) {
      margin: 0 0 1.1em;
      padding-inline-start: 1.4em;
    }
    .body li + li {
      margin-top: 0.35em;
    }
    .body blockquote {
      margin: 1.6em 0;
      padding-inline-start: 1.1em;
      border-inline-start: 3px solid var(--rule);
      color: var(--ink-soft);
      font-style: italic;
    }
    .body figure {
      margin: 2em 0;
    }
    .body img,
    .body svg {
      display: block;
      max-width: 100%;
      height: auto;
      margin-inline: auto;
      border-radius: 0.25rem;
    }
    .body figcaption {
      margin-top: 0.6em;
      font-family: var(--font-ui);
      font-size: 0.75em;
      color: var(--ink-muted);
    }
    .body :is(pre, code, kbd, samp) {
      font-family: var(--font-mono);
      font-size: 0.82em;
      hyphens: manual;
    }
    .body pre {
      margin: 1.5em 0;
      padding: 1em 1.1em;
      overflow-x: auto;
      background: var(--hover);
      border-radius: var(--radius);
      line-height: 1.5;
    }
    .body pre code {
      font-size: 1em;
    }
    .body hr {
      width: 30%;
      margin: 2.5em auto;
      border: 0;
      border-top: 1px solid var(--rule);
    }
    .body table {
      display: block;
      max-width: 100%;
      overflow-x: auto;
      margin: 1.5em 0;
      border-collapse: collapse;
      font-family: var(--font-ui);
      font-size: 0.8em;
    }
    .body :is(th, td) {
      padding: 0.4em 0.7em;
      border-bottom: 1px solid var(--rule);
      text-align: start;
      vertical-align: top;
    }
  `,
  markForcedColorStyles,
];
