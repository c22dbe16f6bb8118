/**
 * What a typed query means, independent of the engine: its words (folded, split as
 * the index splits them), which one is matched as a prefix, and for each word the
 * alternatives an article may contain (an OR); every word must match (an AND).
 */
import { allowedEdits } from './edit-distance';
import { cleanText, isIdeographic, words } from './fold';

/** One way a query word may appear: these folded tokens in a row, the last one maybe as a prefix. */
export interface Alternative {
  tokens: readonly string[];
  prefix: boolean;
}

export interface QueryWord {
  /** As typed (for "did you mean"). */
  typed: string;
  alternatives: Alternative[];
  /** The folded word (tokens joined) a misspelling is corrected from. */
  fuzzyToken: string;
}

/** A prefix matches from this many characters on. */
export const MIN_PREFIX = 3;
/** A last word this long that is only a prefix of indexed words is also corrected (quietly). */
export const MIN_QUIET_CORRECTION = 6;
/** More words than this in one query are not typo-corrected (a pasted paragraph stays fast). */
export const MAX_FUZZY_WORDS = 8;

/** What the index knows about words, for deciding between exact, prefix and corrected matches. */
export interface Vocabulary {
  has(token: string): boolean;
  hasPrefix(prefix: string): boolean;
  /** Indexed words within `maxEdits` of `token`, closest first (not `token` itself). */
  corrections(token: string, maxEdits: number): string[];
  /**
   * Words written with an apostrophe whose joined form is `token` (or starts with it,
   * for a prefix), with their tokens: "pyongyang" → ["p", "yongyang"].
   */
  joinedForms(token: string, prefix: boolean): { joined: string; tokens: string[] }[];
}

const length = (text: string) => [...text].length;

/**
 * The words of `query`. Each whitespace-separated piece is one word; a piece the
 * index splits into several tokens ("P'yŏngyang", "North-Korea") matches as those
 * tokens in a row or as one joined token ("pyongyang"). The last word is a prefix
 * when it has at least {@link MIN_PREFIX} characters (search as you type). A word
 * ending in Chinese or Japanese is always a prefix: the dictionary may have cut the
 * article's text into a longer word ("東京" finds "東京都").
 */
export function parseQuery(query: string): QueryWord[] {
  const pieces = cleanText(query).split(/\s+/u);
  const out: QueryWord[] = [];
  const parsed = pieces.map((piece) => ({ piece, tokens: words(piece) })).filter((p) => p.tokens.length > 0);
  parsed.forEach(({ piece, tokens }, index) => {
    const joined = tokens.join('');
    const prefix = (index === parsed.length - 1 && length(joined) >= MIN_PREFIX) || isIdeographic(tokens.at(-1)!);
    const alternatives: Alternative[] = [{ tokens, prefix }];
    if (tokens.length > 1) alternatives.push({ tokens: [joined], prefix });
    out.push({ typed: piece, alternatives, fuzzyToken: joined });
  });
  return out;
}

/**
 * Add corrections for words the index does not have (neither exactly nor, for the
 * prefix word, as a prefix). Returns the corrections made, for the answer.
 */
export function correct(query: QueryWord[], vocabulary: Vocabulary): { from: string; to: string[] }[] {
  const made: { from: string; to: string[] }[] = [];
  let tried = 0;
  addApostropheSpellings(query, vocabulary);
  for (const word of query) {
    const token = word.fuzzyToken;
    const asTyped = word.alternatives.some((alt) => known(alt, vocabulary));
    // A finished-looking last word that is only the start of other words may be a typo
    // too ("wemran" for "wemrans" or "weyran"): its corrections are added quietly.
    const onlyAsPrefix =
      asTyped && length(token) >= MIN_QUIET_CORRECTION && word.alternatives.some((alt) => alt.prefix) && !vocabulary.has(token);
    if (asTyped && !onlyAsPrefix) continue;
    // Chinese and Japanese words are not corrected: one character changed is another word.
    const edits = isIdeographic(token) ? 0 : allowedEdits(length(token));
    if (edits === 0 || tried++ >= MAX_FUZZY_WORDS) continue;
    const to = vocabulary.corrections(token, edits);
    if (to.length === 0) continue;
    for (const candidate of to) word.alternatives.push({ tokens: [candidate], prefix: false });
    if (!asTyped) made.push({ from: word.typed, to });
  }
  return made;
}

/**
 * "pyongyang" also matches "P'yŏngyang" (indexed as "p" "yongyang"): for a one-token
 * word, add the token runs of apostrophe spellings the library has. As you type,
 * "pyong" becomes "p" then the prefix "yong" — which also finds "p" followed by a word
 * starting "yong" with no apostrophe between (the index cannot tell the two apart).
 * Both engines call this, so they agree on what a word matches.
 */
export function addApostropheSpellings(query: QueryWord[], vocabulary: Pick<Vocabulary, 'joinedForms'>): void {
  for (const word of query) addSpellingsOf(word, vocabulary);
}

function addSpellingsOf(word: QueryWord, vocabulary: Pick<Vocabulary, 'joinedForms'>): void {
  const [plain] = word.alternatives;
  if (!plain || plain.tokens.length !== 1) return;
  const token = plain.tokens[0]!;
  for (const form of vocabulary.joinedForms(token, plain.prefix)) {
    if (!plain.prefix) {
      word.alternatives.push({ tokens: form.tokens, prefix: false });
      continue;
    }
    // The typed prefix cut where the spelling's tokens are cut.
    const tokens: string[] = [];
    let at = 0;
    for (const part of form.tokens) {
      if (at >= token.length) break;
      tokens.push(token.slice(at, at + part.length));
      at += part.length;
    }
    if (tokens.length > 1) word.alternatives.push({ tokens, prefix: true });
  }
}

function known(alt: Alternative, vocabulary: Vocabulary): boolean {
  return alt.tokens.every((token, i) =>
    alt.prefix && i === alt.tokens.length - 1 ? vocabulary.hasPrefix(token) : vocabulary.has(token),
  );
}
