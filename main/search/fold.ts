/**
 * Text folding and word splitting shared by both search engines, written to agree
 * with SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer: letters, digits,
 * non-spacing marks, private-use and astral characters (emoji) are word characters;
 * everything else (spaces, punctuation, BMP symbols) separates words. Case and
 * diacritics fold away ("P'yŏngyang" → "p", "yongyang"; "É" → "e").
 */

/** Start of a matched word in FTS5 snippet() output (private use: stripped from every indexed text). */
export const MARK_START = '\uE000';
/** End of a matched word in FTS5 snippet() output. */
export const MARK_END = '\uE001';
/** Ellipsis between snippet windows. */
export const ELLIPSIS = '…';

const MARKERS = /[\uE000\uE001]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WORD = /(?:[\p{L}\p{N}\p{Mn}\p{Mc}\p{Co}]|[\u{10000}-\u{10FFFF}])+/gu;
const MARKS = /\p{Mn}/gu;

/**
 * Text as it may enter the index or a query: well-formed (lone surrogates become
 * U+FFFD), NFC, and without the snippet marker characters.
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(MARKERS, ' ').normalize('NFC');
}

/** Lower case, without diacritics: how both engines compare words. */
export function fold(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(MARKS, '').normalize('NFC');
}

/** The folded words of `text`, in order. */
export function words(text: string): string[] {
  return fold(cleanText(text)).match(WORD) ?? [];
}

const APOSTROPHE_WORD = /(?:[\p{L}\p{N}\p{Mn}\p{Mc}]+['\u2019\u02BC])+[\p{L}\p{N}\p{Mn}\p{Mc}]+/gu;

/**
 * Words written with an apostrophe inside ("P'yŏngyang", "don’t", "O'Brien"): the index
 * splits them ("p", "yongyang"), so each is answered with its tokens and their joined
 * form ("pyongyang"), which a query may use.
 */
export function apostropheWords(text: string): { joined: string; tokens: string[] }[] {
  const out: { joined: string; tokens: string[] }[] = [];
  for (const match of cleanText(text).matchAll(APOSTROPHE_WORD)) {
    const tokens = words(match[0]);
    if (tokens.length > 1) out.push({ joined: tokens.join(''), tokens });
  }
  return out;
}

/** The words of `text` as written (not folded), with their offsets in `text`. */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const spans: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
