/**
 * The article's text cut into what read aloud speaks, one utterance each: sentences
 * from `Intl.Segmenter` (ICU's sentence rules, which know Korean, Japanese and Chinese
 * sentence ends), with its known misses fixed, and long sentences cut at their best
 * break so no utterance runs past what speech engines cut off. Pure (no DOM): the
 * offsets are UTF-16 code units into the text the article body's text index gives
 * (renderer/anchoring/text-index.ts), so each piece maps back to a DOM range there.
 */

/** One utterance: `text === source.slice(start, end)`, trimmed of surrounding whitespace, never empty. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export interface SplitOptions {
  /** BCP 47 language of the text (the article's); the segmenter's rules follow it. */
  lang?: string | null;
  /** No piece is longer than this many UTF-16 code units (unless one word is). */
  maxLength?: number;
  /** Offsets where a piece must end (where block elements start: paragraphs, headings, list items). */
  breaks?: readonly number[];
}

/**
 * The longest utterance. Engines stop long ones (Chrome's voices stop after about
 * 15 s of speech); 220 characters is about 12 s at the normal rate.
 */
export const MAX_UTTERANCE = 220;

/** Titles and Latin abbreviations that (nearly) never end a sentence: never cut after them. */
const ALWAYS_JOINED = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'mt', 'ft', 'gen', 'sen', 'rep', 'gov', 'pres', 'lt', 'col', 'capt',
  'cpt', 'sgt', 'cmdr', 'adm', 'rev', 'fr', 'hon', 'messrs', 'mme', 'mlle', 'jr', 'sr',
  'e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'ca', 'incl',
]);

/** Abbreviations that never end a sentence when a number follows ("No. 7", "Fig. 3", "pp. 12"). */
const JOINED_BEFORE_NUMBER = new Set(['no', 'nos', 'fig', 'figs', 'vol', 'vols', 'p', 'pp', 'art', 'ch', 'sec', 'para', 'op', 'ed']);

/**
 * Words that usually start a sentence: after an initial ("J.") or a dotted acronym
 * ("U.S.", "p.m.") followed by one of these, the cut stays.
 */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'after', 'before', 'when', 'while', 'then', 'its', 'his', 'her', 'their',
  'our', 'my', 'if', 'as', 'however', 'meanwhile', 'also',
]);

/** Closing quotes and brackets that belong to the sentence before them. */
const CLOSERS = /^[\s]*["'”’»)\]}」』〕】》〉]+/u;
/** Opening quotes and brackets before a word. */
const OPENERS = /^["'“‘«([{「『〔【《〈]+/u;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string | null | undefined, granularity: 'sentence' | 'word'): Intl.Segmenter {
  const key = `${lang ?? ''}|${granularity}`;
  let found = segmenters.get(key);
  if (!found) {
    let locale: string | undefined = lang ?? undefined;
    try {
      if (locale) Intl.getCanonicalLocales(locale);
    } catch {
      locale = undefined; // a malformed language tag: the default rules
    }
    found = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

/**
 * Split `text` into utterances (see {@link Sentence}), in order, covering every
 * non-space character of `text` exactly once.
 */
export function splitSentences(text: string, options: SplitOptions = {}): Sentence[] {
  const maxLength = Math.max(20, options.maxLength ?? MAX_UTTERANCE);
  const breaks = [...(options.breaks ?? [])].filter((at) => at > 0 && at < text.length).sort((a, b) => a - b);
  const cuts = sentenceCuts(text, options.lang, breaks);
  for (const at of breaks) cuts.add(at);
  const ordered = [...cuts].sort((a, b) => a - b);

  const pieces: Sentence[] = [];
  let from = 0;
  for (const to of [...ordered, text.length]) {
    if (to <= from) continue;
    const trimmed = trim(text, from, to);
    from = to;
    if (!trimmed) continue;
    for (const piece of cutLong(text, trimmed.start, trimmed.end, maxLength, options.lang)) pieces.push(piece);
  }
  return pieces;
}

/** The segmenter's sentence ends, minus the false ones, with closing quotes kept before the cut. */
function sentenceCuts(text: string, lang: string | null | undefined, breaks: readonly number[]): Set<number> {
  const cuts = new Set<number>();
  let block = 0; // breaks[block - 1] is the last break before the cut: words never reach across it
  for (const { index } of segmenter(lang, 'sentence').segment(text)) {
    if (index === 0) continue;
    let at = index;
    // A closing quote or bracket the segmenter left at the start of the next sentence.
    const closers = CLOSERS.exec(text.slice(at, at + 8));
    if (closers && /[.!?。！？]\s*$/u.test(text.slice(Math.max(0, at - 4), at))) at += closers[0].length;
    while (block < breaks.length && breaks[block]! < at) block++;
    if (isFalseCut(text, at, block > 0 ? breaks[block - 1]! : 0)) continue;
    cuts.add(at);
  }
  return cuts;
}

/** Whether the cut at `at` follows an abbreviation, an initial or a dotted acronym inside a sentence. */
function isFalseCut(text: string, at: number, blockStart: number): boolean {
  const before = text.slice(Math.max(blockStart, at - 40), at);
  if (/\n\s*$/u.test(before)) return false; // a line or paragraph ends here
  const last = /(\S+)\s*$/u.exec(before)?.[1];
  const next = /^\s*(\S+)/u.exec(text.slice(at, at + 40))?.[1];
  if (!last || !next || !last.endsWith('.')) return false;
  const word = last.replace(OPENERS, '').slice(0, -1); // without quotes before it and its full stop
  const lower = word.toLowerCase();
  const nextWord = next.replace(OPENERS, '');
  if (ALWAYS_JOINED.has(lower)) return true;
  if (JOINED_BEFORE_NUMBER.has(lower) && /^\p{N}/u.test(nextWord)) return true;
  const startsSentence = SENTENCE_STARTERS.has(nextWord.replace(/[^\p{L}]+$/u, '').toLowerCase());
  // An initial ("J. R. R. Tolkien") or a dotted acronym ("U.S. Army") before a capitalised name.
  const initial = /^\p{Lu}$/u.test(word);
  const acronym = /^(?:\p{L}\.)+\p{L}$/u.test(word);
  if ((initial || acronym) && /^\p{Lu}/u.test(nextWord) && !startsSentence) return true;
  return false;
}

function trim(text: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** Breaks in a long sentence, best first: after ; then : then a dash then a comma (ASCII and CJK forms). */
const BREAKS: readonly RegExp[] = [/[;；]/gu, /[:：]/gu, /[—–]/gu, /[,，、]/gu];

/** Cut `[start, end)` into pieces of at most `max`, each at its best break (see {@link BREAKS}). */
function cutLong(text: string, start: number, end: number, max: number, lang: string | null | undefined): Sentence[] {
  const pieces: Sentence[] = [];
  let from = start;
  while (end - from > max) {
    const at = bestBreak(text, from, from + max, lang);
    const piece = trim(text, from, at);
    if (piece) pieces.push({ ...piece, text: text.slice(piece.start, piece.end) });
    const rest = trim(text, at, end);
    if (!rest) return pieces;
    from = rest.start;
  }
  pieces.push({ start: from, end, text: text.slice(from, end) });
  return pieces;
}

/** Where to cut a piece starting at `from` that must end by `limit`: a point in `(from, limit]`. */
function bestBreak(text: string, from: number, limit: number, lang: string | null | undefined): number {
  const room = text.slice(from, limit + 1);
  // Not so early that the first piece is a stub: at least a third of the room.
  const least = Math.floor((limit - from) / 3);
  for (const mark of BREAKS) {
    let best = -1;
    for (const match of room.matchAll(mark)) {
      let after = match.index + match[0].length;
      const closers = CLOSERS.exec(room.slice(after));
      if (closers && !/^\s/u.test(closers[0])) after += closers[0].length;
      if (after <= limit - from && after >= least) best = after;
    }
    if (best > 0) return from + best;
  }
  // The last space that fits.
  for (let i = limit - from; i > 0; i--) {
    if (/\s/u.test(room[i] ?? '')) return from + i;
  }
  // No space (Chinese, Japanese, or one long word): the last word boundary that fits.
  let lastWord = -1;
  for (const { index } of segmenter(lang, 'word').segment(text.slice(from, limit + 40))) {
    if (index > 0 && index <= limit - from) lastWord = index;
  }
  if (lastWord > 0) return from + lastWord;
  // One word longer than the limit: cut it at the limit, never inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
