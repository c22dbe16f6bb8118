/**
 * A folded view of a text for matching: differences a reader does not see, or that
 * re-saving an article commonly introduces, are taken out so they cost nothing.
 *
 * - every run of whitespace (`\s`: spaces, tabs, newlines, NBSP…) becomes one space;
 * - Unicode is put in NFC (é as `e` + U+0301 matches the precomposed é; decomposed
 *   Hangul jamo match the syllable), one cluster (a base and its combining marks or
 *   conjoining jamo) at a time so offsets can be mapped back;
 * - typographic quotes and apostrophes become ASCII ones.
 *
 * The view keeps the map back to original offsets as segments (a run copied as is,
 * or one replaced cluster / whitespace run), so building it is one pass with little
 * allocation, and mapping an offset is a binary search over the segments. Pure.
 */

export interface FoldedView {
  /** The folded text. */
  readonly text: string;
  /** The map to original offsets; `null` when folding changed nothing. */
  readonly segments: Segments | null;
}

/**
 * Segment `k` starts at folded offset `folded[k]` and covers original
 * `[original[k], originalEnd[k])`. A copied segment maps unit to unit; a replaced
 * one maps each of its folded units to the whole original range.
 */
interface Segments {
  folded: Int32Array;
  original: Int32Array;
  originalEnd: Int32Array;
  copied: Uint8Array;
  count: number;
}

const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  (c > 127 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

/** ASCII replacement for a typographic quote or apostrophe, or -1. */
function plainQuote(c: number): number {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
      return 0x27; // '
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
      return 0x22; // "
    default:
      return -1;
  }
}

const COMBINING = /^\p{M}$/u;
/** Continues a cluster: a combining mark, or a Hangul medial vowel / final consonant jamo. */
function extendsCluster(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x300) return false;
  if ((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff)) return true;
  return COMBINING.test(String.fromCodePoint(text.codePointAt(i)!));
}

const unitsAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
};

/** Folds `text`, with the map back to original offsets. */
export function fold(text: string): FoldedView {
  const parts: string[] = [];
  const folded: number[] = [];
  const original: number[] = [];
  const originalEnd: number[] = [];
  const copied: number[] = [];
  let out = 0; // folded length so far
  let run = 0; // start of the pending copied run

  const replace = (replacement: string, from: number, to: number): void => {
    if (from > run) {
      parts.push(text.slice(run, from));
      folded.push(out);
      original.push(run);
      originalEnd.push(from);
      copied.push(1);
      out += from - run;
    }
    parts.push(replacement);
    folded.push(out);
    original.push(from);
    originalEnd.push(to);
    copied.push(0);
    out += replacement.length;
    run = to;
  };

  const nfc = text.normalize('NFC') !== text;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) {
      // Printable ASCII stays, unless a combining mark follows it in non-NFC text.
      if (!nfc || i + 1 >= n || text.charCodeAt(i + 1) < 0x300) {
        i++;
        continue;
      }
    } else if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j - i > 1 || c !== 32) replace(' ', i, j);
      i = j;
      continue;
    } else {
      const quote = plainQuote(c);
      if (quote >= 0) {
        replace(String.fromCharCode(quote), i, i + 1);
        i++;
        continue;
      }
    }
    if (nfc && (c >= 0x80 || (i + 1 < n && text.charCodeAt(i + 1) >= 0x300))) {
      let j = i + unitsAt(text, i);
      while (j < n && extendsCluster(text, j)) j += unitsAt(text, j);
      const cluster = text.slice(i, j);
      const normal = cluster.normalize('NFC');
      if (normal !== cluster) replace(normal, i, j);
      i = j;
      continue;
    }
    i++;
  }
  if (folded.length === 0) return { text, segments: null };
  if (run < n) {
    parts.push(text.slice(run));
    folded.push(out);
    original.push(run);
    originalEnd.push(n);
    copied.push(1);
  }
  return {
    text: parts.join(''),
    segments: {
      folded: Int32Array.from(folded),
      original: Int32Array.from(original),
      originalEnd: Int32Array.from(originalEnd),
      copied: Uint8Array.from(copied),
      count: folded.length,
    },
  };
}

/** The folded form of a short string (a quote, a context). */
export function foldString(text: string): string {
  return fold(text).text;
}

/** The last segment whose start (in `starts`) is at or before `at`. */
function segmentAt(starts: Int32Array, count: number, at: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** The original range of folded `[start, end)` (`start < end`). */
export function toOriginal(view: FoldedView, start: number, end: number): { start: number; end: number } {
  const s = view.segments;
  if (!s) return { start, end };
  const first = segmentAt(s.folded, s.count, start);
  const last = segmentAt(s.folded, s.count, Math.max(start, end - 1));
  return {
    start: s.copied[first] ? s.original[first]! + (start - s.folded[first]!) : s.original[first]!,
    end: s.copied[last] ? s.original[last]! + (end - s.folded[last]!) : s.originalEnd[last]!,
  };
}

/** The folded offset of original `offset`: the folded unit that came from it (or the end). */
export function toFolded(view: FoldedView, offset: number): number {
  const s = view.segments;
  if (!s) return Math.min(Math.max(0, offset), view.text.length);
  if (offset <= 0) return 0;
  const k = segmentAt(s.original, s.count, offset);
  if (offset >= s.originalEnd[k]!) return k + 1 < s.count ? s.folded[k + 1]! : view.text.length;
  return s.copied[k] ? s.folded[k]! + (offset - s.original[k]!) : s.folded[k]!;
}
