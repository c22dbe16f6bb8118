/** The stylesheet of an exported HTML file: a reading measure on screen, and print rules (also used for PDF). */
import { HIGHLIGHT_COLORS } from '../../common/colors';
import { COLOR_CSS } from './w3c';

const colorRules = HIGHLIGHT_COLORS.map((c) => `mark.hl-${c} { background-color: ${COLOR_CSS[c]}; }`).join('\n');

export const EXPORT_CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.6; color: #1f2328; background: #fff;
  max-width: 70ch; margin: 2rem auto; padding: 0 1rem; }
header h1 { font-size: 1.8rem; line-height: 1.25; margin-bottom: 0.25rem; }
.meta { color: #57606a; margin-top: 0; }
mark { color: inherit; padding: 0; border-radius: 2px; }
${colorRules}
mark mark { box-shadow: inset 0 -0.35em 0 rgba(0, 0, 0, 0.12); }
sup.fnref a, a.back { text-decoration: none; }
img { max-width: 100%; height: auto; }
.image-missing { font-style: italic; color: #57606a; }
.article-note, .notes, .orphans { border-top: 1px solid #d0d7de; margin-top: 2rem; padding-top: 1rem; }
.notes blockquote, .orphans blockquote { margin: 0.25rem 0 0.5rem; padding-left: 0.75rem; border-left: 3px solid #d0d7de; color: #424a53; }
.color { font-size: 0.9em; color: #57606a; margin: 0; }
.tags { font-size: 0.9em; color: #57606a; }
footer { margin-top: 2rem; font-size: 0.85em; color: #57606a; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  @page { margin: 2cm; }
  mark, .notes, .orphans { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  h1, h2 { break-after: avoid; }
  li, blockquote, img { break-inside: avoid; }
}
`.trim();
