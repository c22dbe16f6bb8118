/**
 * Text folding and word splitting shared by both search engines, written to agree
 * with SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer: letters, digits,
 * non-spacing marks, private-use and astral characters (emoji) are word characters;
 * everything else (spaces, punctuation, BMP symbols) separates words. Case and
 * diacritics fold away ("P'yŏngyang" → "p", "yongyang"; "É" → "e"); the kana voicing
 * marks stay ("で" is not "て"), as in FTS5.
 *
 * Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are
 * cut into words by ICU's dictionary-based word breaks (`Intl.Segmenter`): a run of
 * word characters holding such a script is split at each segment boundary, so
 * "谷歌的AlphaGo战胜了" is "谷", "歌", "的", "alphago", "战胜", "了". The FTS engine gets
 * the text with {@link SEGMENT} between those segments (declared a separator in its
 * tokenizer) and strips it from snippets; the scan engine splits the same way here.
 */

/** Start of a matched word in FTS5 snippet() output (private use: stripped from every indexed text). */
export const MARK_START = '\uE000';
/** End of a matched word in FTS5 snippet() output. */
export const MARK_END = '\uE001';
/** Ellipsis between snippet windows. */
export const ELLIPSIS = '…';

/**
 * Put between the dictionary segments of a run of {@link SEGMENTED} script in the text
 * the FTS engine indexes (private use; a separator in its tokenizer, stripped from
 * snippets and from every text that enters the index or a query).
 */
export const SEGMENT = '\uE002';

const MARKERS = /[\uE000-\uE002]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Word characters: {@link SEGMENT} is the one private-use character that is not. */
const WORD = /(?:[\p{L}\p{N}\p{Mn}\p{Mc}\uE000\uE001\uE003-\uF8FF]|[\u{10000}-\u{10FFFF}])+/gu;
/** Non-spacing marks but the kana voicing marks (FTS5 keeps them: "で" is not "て"). */
const MARKS = /(?![\u3099\u309A])\p{Mn}/gu;
/** Scripts written without spaces between words: their runs are cut by a dictionary. */
const SEGMENTED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Chinese and Japanese: a word of these is never typo-corrected, and it matches as a prefix ("東京" finds "東京都"). */
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * Text as it may enter the index or a query: well-formed (lone surrogates become
 * U+FFFD), NFC, and without the snippet marker and segment characters.
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(MARKERS, ' ').normalize('NFC');
}

/** Lower case, without diacritics: how both engines compare words. */
export function fold(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(MARKS, '').normalize('NFC');
}

/** Whether a word holds Chinese or Japanese (not typo-corrected; matched as a prefix). */
export const isIdeographic = (word: string) => IDEOGRAPHIC.test(word);

/**
 * The dictionary segments of one run of word characters (`run` itself when it holds
 * no {@link SEGMENTED} script). Each run is cut on its own, so the same run is always
 * cut the same way, in an article and in a query.
 */
function segmentsOf(run: string): string[] {
  if (!SEGMENTED.test(run)) return [run];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(run)) out.push(segment);
  return out;
}

/**
 * `text` (already {@link cleanText}ed) as the FTS engine indexes it: {@link SEGMENT}
 * between the dictionary segments of each run holding a script written without spaces.
 * Text without such scripts comes back as it is.
 */
export function segmented(text: string): string {
  if (!SEGMENTED.test(text)) return text;
  return text.replace(WORD, (run) => segmentsOf(run).join(SEGMENT));
}

/** The folded words of `text`, in order. */
export function words(text: string): string[] {
  const clean = cleanText(text);
  const runs = clean.match(WORD) ?? [];
  if (!SEGMENTED.test(clean)) return fold(clean).match(WORD) ?? [];
  return runs.flatMap(segmentsOf).flatMap((segment) => fold(segment).match(WORD) ?? []);
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
    let start = match.index;
    for (const segment of segmentsOf(match[0])) {
      spans.push({ word: segment, start, end: start + segment.length });
      start += segment.length;
    }
  }
  return spans;
}
