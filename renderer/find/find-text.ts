/**
 * Find in the article: every occurrence of a query in a text, as plain text (never a
 * regular expression), forgiving what a reader does not type.
 *
 * Both the text and the query are folded one code point at a time, and the folded
 * text keeps a map back to the original offsets, so a match covers the original
 * characters (a precomposed "é", or an "e" and its combining accent):
 *
 * - diacritics never count: NFD, then combining marks (`\p{M}`) are dropped
 *   ("cafe" finds "café" and "café" finds "cafe", precomposed or decomposed) — with
 *   match case on too: the toggle is about letter case only;
 * - case does not count unless `matchCase` (lower-casing per code point; final
 *   sigma is treated as sigma);
 * - apostrophes (' ’ ʼ ʻ ‘ ′) are ignored ("Pyongyang" finds "P'yŏngyang");
 * - every run of whitespace is one space.
 *
 * `wholeWord` keeps a match only when the original characters just before and just
 * after it are not letters or digits (or marks). Matches do not overlap: after a
 * match the search resumes at its end ("aaa" in "aaaa" is found once). An empty
 * query, or one that folds to nothing, finds nothing. Linear in the text: one
 * folding pass and `indexOf` over the folded text. Lone surrogates are kept as they
 * are and match only themselves. Pure.
 */

export interface FindOptions {
  matchCase: boolean;
  wholeWord: boolean;
}

export interface FoundRange {
  /** UTF-16 offsets into the original text, `[start, end)`. */
  start: number;
  end: number;
}

const MARK = /^\p{M}$/u;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const SPACE = /^\s$/u;
const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x02bb, 0x2032]);

const caseless = new Map<number, string>();
const cased = new Map<number, string>();

/** The folded form of one code point ('' when it folds away). */
function foldCodePoint(cp: number, matchCase: boolean): string {
  if (cp < 0x80) {
    if (cp === 0x27) return '';
    if (!matchCase && cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    return String.fromCharCode(cp);
  }
  const cache = matchCase ? cased : caseless;
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let out: string;
  const char = String.fromCodePoint(cp);
  if (APOSTROPHES.has(cp)) out = '';
  else if (cp >= 0xd800 && cp <= 0xdfff) out = char; // a lone surrogate
  else {
    let decomposed = char.normalize('NFD');
    if (!matchCase) decomposed = decomposed.toLowerCase().normalize('NFD');
    out = '';
    for (const part of decomposed) if (!MARK.test(part)) out += part === 'ς' && !matchCase ? 'σ' : part;
  }
  cache.set(cp, out);
  return out;
}

interface Folded {
  text: string;
  /** For each folded unit: the original offset its code point starts at … */
  starts: number[];
  /** … and where it ends (its combining marks included). */
  ends: number[];
}

function foldText(text: string, matchCase: boolean, collapseSpace: boolean): Folded {
  const parts: string[] = [];
  // Plain arrays: a code point may fold to more units than it had (Hangul syllables).
  const starts: number[] = [];
  const ends: number[] = [];
  let out = 0;
  let lastFrom = -1; // folded units [lastFrom, out) came from the last kept code point
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const char = cp < 0x80 ? '' : String.fromCodePoint(cp);
    if (collapseSpace && (cp === 32 || (cp >= 9 && cp <= 13) || (cp >= 0x80 && SPACE.test(char)))) {
      let j = i + 1;
      while (j < text.length && SPACE.test(text[j]!)) j++;
      parts.push(' ');
      starts[out] = i;
      ends[out] = j;
      lastFrom = out;
      out++;
      i = j;
      continue;
    }
    const folded = foldCodePoint(cp, matchCase);
    if (folded.length === 0) {
      // A mark that folded away belongs to the character before it.
      if (lastFrom >= 0 && cp >= 0x80 && MARK.test(char)) for (let k = lastFrom; k < out; k++) ends[k] = i + width;
    } else {
      parts.push(folded);
      lastFrom = out;
      for (let k = 0; k < folded.length; k++) {
        starts[out] = i;
        ends[out] = i + width;
        out++;
      }
    }
    i += width;
  }
  return { text: parts.join(''), starts, ends };
}

const isWordAt = (text: string, cp: number | undefined): boolean =>
  cp !== undefined && WORD.test(String.fromCodePoint(cp)) && text.length > 0;

function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2);
  }
  return low;
}

/**
 * The last text folded, per case mode: typing a query searches the same article on
 * every keystroke, and folding is the only part that is linear in the article.
 */
const lastFolded: { text: string | null; matchCase: boolean; folded: Folded | null } = {
  text: null,
  matchCase: false,
  folded: null,
};

function foldedArticle(text: string, matchCase: boolean): Folded {
  if (lastFolded.folded && lastFolded.text === text && lastFolded.matchCase === matchCase) return lastFolded.folded;
  const folded = foldText(text, matchCase, true);
  Object.assign(lastFolded, { text, matchCase, folded });
  return folded;
}

/** Fold an article ahead of the first keystroke (when the find bar opens). */
export function prepareFind(text: string, matchCase = false): void {
  if (text.length > 0) foldedArticle(text, matchCase);
}

/** Forget the folded article (the bench's "fold on every keystroke" baseline; tests). */
export function clearFindCache(): void {
  Object.assign(lastFolded, { text: null, folded: null });
}

/** Every non-overlapping occurrence of `query` in `text`, in order. */
export function findAll(text: string, query: string, options: FindOptions): FoundRange[] {
  if (query.length === 0 || text.length === 0) return [];
  const needle = foldText(query, options.matchCase, true).text;
  if (needle.length === 0) return [];
  const hay = foldedArticle(text, options.matchCase);
  const found: FoundRange[] = [];
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(needle, from);
    if (at < 0) break;
    const last = at + needle.length - 1;
    const start = hay.starts[at]!;
    const end = hay.ends[last]!;
    // A match must start at the start of a code point's folding, and end at its end.
    const whole = (at === 0 || hay.starts[at - 1] !== start) && (last + 1 >= hay.text.length || hay.starts[last + 1] !== hay.starts[last]);
    if (whole && (!options.wholeWord || (!isWordAt(text, codePointBefore(text, start)) && !isWordAt(text, text.codePointAt(end))))) {
      found.push({ start, end });
      from = at + needle.length;
    } else {
      from = at + 1;
    }
  }
  return found;
}
