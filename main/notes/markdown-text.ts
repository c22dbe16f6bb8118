/**
 * Small Markdown helpers: escaping plain text so it reads back as the same text,
 * quoting several lines, and tags Obsidian and Logseq accept.
 */

/** Characters that mean something anywhere in a CommonMark line. */
const INLINE = /[\\`*_[\]<>|~&!]/g;
/** Line starts that open a block: headings, lists, rules, setext underlines, numbered lists. */
const BLOCK_START = /^(#|[-+=]|\d{1,9}(?=[.)]))/;

/**
 * `text` (one line) escaped so a CommonMark parser gives back the same characters.
 * Leading whitespace is dropped (it would start a code block) and so is trailing.
 */
export function escapeLine(text: string): string {
  const line = text.trim().replace(INLINE, '\\$&');
  return line.replace(BLOCK_START, (m) => (/^\d/.test(m) ? `${m.slice(0, -1)}${m.slice(-1)}\\` : `\\${m}`));
}

/**
 * Plain text as a blockquote: every line quoted, a blank line as a bare `>`
 * (so a quote across paragraphs stays one blockquote).
 */
export function blockquote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const escaped = escapeLine(line);
      return escaped === '' ? '>' : `> ${escaped}`;
    })
    .join('\n');
}

/**
 * A tag as `#tag` that Obsidian and Logseq read as one tag: whitespace becomes `-`,
 * anything but letters, marks, digits, `_`, `-` and `/` is dropped, and an all-digit
 * tag gets a leading `_` (Obsidian ignores numeric tags). Undefined when nothing is left.
 */
export function hashtag(tag: string): string | undefined {
  const safe = tag
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, '-')
    .replace(/[^\p{L}\p{M}\p{N}_\-/]/gu, '')
    .replace(/^\/+|\/+$/g, '');
  if (safe === '') return undefined;
  return /^\p{N}+$/u.test(safe) ? `#_${safe}` : `#${safe}`;
}
