/**
 * Anchoring: finding where a stored highlight lies in the article text today
 * (ARCHITECTURE.md §4). Pure string work, no DOM: offsets are UTF-16 code units into the
 * article's text content, as in `TextIndex.text`.
 *
 * The steps, cheapest first (Hypothesis-style):
 *
 * 1. **position** — the stored offsets still hold the quote, its context intact.
 * 2. **quote** — exact occurrences of the quote (then of its folded form: whitespace
 *    runs, NFC, typographic quotes; see `fold.ts`), judged by how well the text
 *    around each agrees with the stored prefix and suffix, then by nearness.
 * 3. **fuzzy** — approximate matches (approx-string-match, up to
 *    {@link maxErrorsFor} edits in the quote) in the folded text: first of the
 *    quote *in its context* (prefix + quote + suffix) within {@link CONTEXT_WINDOW}
 *    of where it is expected, then of the quote alone within {@link SEARCH_WINDOW},
 *    then of the quote alone in the whole text (exact copies masked out: they were
 *    judged in step 2). A match's edges are then fitted to where the stored context
 *    and the quote's own ends agree best (`fitEdge`).
 *
 * An exact occurrence whose context agrees on every side it has (or on one side,
 * at the expected place) is taken at once. Otherwise the candidates of all steps
 * compete: one that its context supports beats one that stands alone, then the
 * higher score wins. The score is the Hypothesis client's (`match-quote.ts`):
 * (50·quote + 20·prefix + 20·suffix + 2·position) / 92, each part a similarity in
 * 0–1 (position: 1 − distance / text length, a tie-breaker).
 *
 * A candidate is only *accepted* with enough evidence that it is the same passage
 * ({@link ACCEPTANCE}); otherwise the highlight is an orphan (`null`). An orphan is
 * listed and kept; a highlight drawn in the wrong place misleads.
 *
 * One file (~680 lines) because it is one decision: the steps share the candidate
 * type, the scoring and the acceptance rule, and splitting them would spread one
 * judgement over several files.
 */
import search from 'approx-string-match';
import type { HighlightTarget } from '../model';
import { fold, foldString, toFolded, toOriginal, type FoldedView } from './fold';

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchored {
  /** Offsets into the text, `start < end`. */
  start: number;
  end: number;
  /** `position`: at the stored offsets; `quote`: the exact quote elsewhere; `fuzzy`: an edited quote. */
  method: AnchorMethod;
  /** The Hypothesis-style score in 0–1 (1: quote, context and position all agree). */
  score: number;
}

export interface AnchorOptions {
  /**
   * Where the quote is expected to start now: the stored start, moved by however far
   * the text around it moved (e.g. the shift of the neighbouring highlights).
   * Defaults to the stored start. Used to rank candidates and to centre the search.
   */
  expectedStart?: number;
}

/** Hypothesis's weights (match-quote.ts). */
export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * Evidence needed to accept a candidate.
 *
 * A context side (the stored prefix or suffix) *agrees* when the text beside the
 * candidate is within `contextErrorRatio` of the side's length in edits of it
 * (aligned at the candidate's edge: 8 edits for 32 characters). A side shorter
 * than 8 characters (a quote near the start or end of the article) must match
 * exactly, and one under `contextMinLength` never counts. Measured on the story
 * text, the 32 characters before an unrelated place are 21–27 edits from a stored
 * prefix (never under 11 in 3,000 samples), so one agreeing side is strong
 * evidence, and an edit right next to the quote on one side is survived.
 *
 * A candidate is accepted when one context side agrees, or the quote had no
 * context at all (it was the whole text). Without that, only a quote of
 * `standaloneLength` characters or more may stand on its own: exact and the only
 * occurrence (or at the stored offsets), or fuzzy and at least
 * `standaloneSimilarity` similar. So a short quote ("Moscow", "war against
 * Ukraine") whose passage was deleted or rewritten is an orphan even though the
 * same words occur elsewhere.
 */
export const ACCEPTANCE = {
  contextErrorRatio: 0.25,
  contextMinLength: 3,
  standaloneLength: 64,
  standaloneSimilarity: 0.9,
} as const;

/** How many characters either side of the expected position are searched before the whole text. */
export const SEARCH_WINDOW = 4096;

/** …and for the quote in its context, which costs more per character and matters most nearby. */
export const CONTEXT_WINDOW = 1024;

/**
 * An exact occurrence this close to the expected position is taken with only one
 * agreeing side (an edit right beside a highlight moves it by about that much);
 * farther away it must compete with edited passages its context supports better.
 */
export const NEAR = 64;

/** At most this many exact occurrences (the nearest to the expected position) are scored. */
export const MAX_EXACT_CANDIDATES = 1000;

/**
 * Edits allowed between the quote and a fuzzy match: a quarter of its length, at
 * most 64. Quotes under 4 characters are never matched fuzzily (0 edits); 4–7
 * characters allow one edit. The search costs O(⌈k/32⌉·n), so the cap keeps a
 * whole-article search of 100,000 characters to a millisecond or two; 64 edits is
 * a rewritten clause inside a long passage.
 */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(64, Math.floor(quoteLength / 4));
}

const BLANK = /^[\s\u00ad\u200b-\u200d\u2060]*$/u;

/** A quote of only whitespace (or invisible characters) anchors nowhere: an orphan. */
export function isBlankQuote(exact: string): boolean {
  return BLANK.test(exact);
}

// ------------------------------------------------------------ context similarity

let row = new Int32Array(128);

/**
 * Edits between `context` and the text beside `edge`, aligned at `edge`: the suffix
 * reads forward from it, the prefix backward. The far end is free (the best length
 * of text is taken), so text inserted or deleted further out costs nothing extra.
 */
function sideErrors(text: string, edge: number, context: string, forward: boolean): number {
  const m = context.length;
  const available = forward ? text.length - edge : edge;
  const n = Math.max(0, Math.min(available, m + (m >> 2) + 1));
  if (row.length < n + 1) row = new Int32Array(2 * (n + 1));
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    const pc = forward ? context.charCodeAt(i - 1) : context.charCodeAt(m - i);
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const tc = forward ? text.charCodeAt(edge + j - 1) : text.charCodeAt(edge - j);
      const above = row[j]!;
      let value = diagonal + (pc === tc ? 0 : 1);
      if (above + 1 < value) value = above + 1;
      if (row[j - 1]! + 1 < value) value = row[j - 1]! + 1;
      diagonal = above;
      row[j] = value;
    }
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (row[j]! < best) best = row[j]!;
  return best;
}

const allowedContextErrors = (length: number): number =>
  length >= 8 ? Math.floor(length * ACCEPTANCE.contextErrorRatio) : 0;

interface Side {
  /** 0–1; 1 when the stored side is empty (no information, as in Hypothesis). */
  similarity: number;
  agrees: boolean;
  informative: boolean;
}

const NO_CONTEXT: Side = { similarity: 1, agrees: false, informative: false };

function side(text: string, edge: number, context: string, forward: boolean): Side {
  const m = context.length;
  if (m === 0) return NO_CONTEXT;
  const exact = forward ? text.startsWith(context, edge) : edge >= m && text.endsWith(context, edge);
  const errors = exact ? 0 : sideErrors(text, edge, context, forward);
  return {
    similarity: 1 - errors / m,
    agrees: m >= ACCEPTANCE.contextMinLength && errors <= allowedContextErrors(m),
    informative: true,
  };
}

/**
 * For every edge `e` in `[from, to]`: the edits of `pattern` (at most 32 characters)
 * placed with its end (`atEnd`) or its start at `e`, its far end free. One pass over
 * the text with Myers' bit-parallel algorithm (the pattern's rows in the bits of one
 * integer), instead of one alignment per edge.
 *
 * @internal exported for tests
 */
export function edgeCosts(text: string, pattern: string, from: number, to: number, atEnd: boolean): Int32Array {
  const m = pattern.length;
  const costs = new Int32Array(to - from + 1);
  if (m === 0) return costs;
  if (m > 32) throw new RangeError('edgeCosts: the pattern is longer than 32');
  // Bit i of peq[c]: the i-th pattern character met on the walk (reading backwards for a start edge) is c.
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = atEnd ? pattern.charCodeAt(i) : pattern.charCodeAt(m - 1 - i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = m === 32 ? -1 : (1 << m) - 1;
  let mv = 0;
  let score = m;
  const reach = m + (m >> 2) + 1; // how far outside the range the pattern may lie
  // Walk towards the edges: forwards when the pattern ends at them, backwards when it
  // starts there. Each step is one text character of Myers' algorithm (Hyyrö's
  // formulation) with a free start; `score` is the last row: the cost at this edge.
  const forwards = atEnd ? 1 : -1;
  let j = atEnd ? Math.max(0, from - reach) : Math.min(text.length, to + reach);
  for (;;) {
    if (j >= from && j <= to) costs[j - from] = score;
    if (j === (atEnd ? to : from)) break;
    const eq = peq.get(text.charCodeAt(atEnd ? j : j - 1)) ?? 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    j += forwards;
  }
  return costs;
}

/**
 * Where a quote's edge really is, within `radius` of `edge` (and inside `[lo, hi]`):
 * the position where the stored context on the outside and the quote's own first
 * (or last) 32 characters on the inside fit best together, by edits. An edge that
 * a search stopped short of an edited word is moved to where the passage ends
 * ("had supplied" → "unprecedented supplied" found as "unpreced").
 *
 * Text between the quote and its context is a tie (each character costs one edit
 * on either side), settled so: where the quote's own edge is intact, the text is
 * inserted beside it and stays out ("claimed that, per a leaked memo, Pyongyang");
 * otherwise, where the context starts intact, the text replaced the quote's edge
 * and belongs to it ("with weapons" → "with munitions and shells"); otherwise the
 * shorter quote. `start` says which edge. A stored context shorter than 32
 * characters ended at the start (end) of the text, and that counts too.
 */
function fitEdge(text: string, query: Query, edge: number, start: boolean, radius: number, lo: number, hi: number): number {
  const from = Math.max(lo, edge - radius);
  const to = Math.min(hi, edge + radius);
  if (from > to) return Math.min(Math.max(edge, lo), hi);
  const context = start ? query.prefix.slice(-32) : query.suffix.slice(0, 32);
  const inner = start ? query.exact.slice(0, 32) : query.exact.slice(-32);
  // The prefix ends at a start edge, the suffix starts at an end edge; the quote's head starts there, its tail ends there.
  const outside = edgeCosts(text, context, from, to, start);
  if (context.length < 32) {
    // A short stored context reached the start (end) of the text: the text ended there.
    // Each character beyond it, up to a full context's worth, is an edit against it.
    const room = 32 - context.length;
    for (let at = from; at <= to; at++) {
      const beyond = (start ? at : text.length - at) - context.length;
      outside[at - from]! += Math.min(room, Math.max(0, beyond));
    }
  }
  const inside = edgeCosts(text, inner, from, to, !start);
  let best = start ? to : from;
  let fewest = Infinity;
  let bestRank = Infinity;
  // Inward last (start: rightmost; end: leftmost), so that it wins what is still a tie.
  for (let k = 0; k <= to - from; k++) {
    const at = start ? from + k : to - k;
    const cost = outside[at - from]! + inside[at - from]!;
    const rank = inside[at - from] === 0 ? 0 : outside[at - from] === 0 ? 1 : 2;
    if (cost < fewest || (cost === fewest && rank <= bestRank)) {
      fewest = cost;
      bestRank = rank;
      best = at;
    }
  }
  return best;
}

// ------------------------------------------------------------ candidates

/** The quote and context in one form (original or folded). */
interface Query {
  exact: string;
  prefix: string;
  suffix: string;
  /** Long enough to stand without context ({@link ACCEPTANCE}). */
  standalone: boolean;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  score: number;
  acceptable: boolean;
  /** At least one context side agrees, or there was no context to agree with. */
  strong: boolean;
  /** Every context side there is agrees. */
  conclusive: boolean;
}

const NO_RULE = { unique: false, atStored: false };

function evaluate(
  text: string,
  query: Query,
  start: number,
  end: number,
  errors: number,
  hint: number,
  exactRule: { unique: boolean; atStored: boolean } = NO_RULE,
): Candidate {
  const before = side(text, start, query.prefix, false);
  const after = side(text, end, query.suffix, true);
  const quoteSimilarity = Math.max(0, 1 - errors / query.exact.length);
  const position = text.length > 0 ? 1 - Math.min(1, Math.abs(start - hint) / text.length) : 1;
  const score =
    (WEIGHTS.quote * quoteSimilarity +
      WEIGHTS.prefix * before.similarity +
      WEIGHTS.suffix * after.similarity +
      WEIGHTS.position * position) /
    WEIGHT_SUM;
  const conclusive = (before.agrees || !before.informative) && (after.agrees || !after.informative);
  const strong = before.agrees || after.agrees || conclusive;
  const acceptable =
    strong ||
    (query.standalone &&
      (errors === 0 ? exactRule.unique || exactRule.atStored : quoteSimilarity >= ACCEPTANCE.standaloneSimilarity));
  return { start, end, errors, score, acceptable, strong, conclusive };
}

/** The better of two candidates: supported by its context first, then by score. */
function better<T extends Candidate>(a: T | null, b: T | null): T | null {
  if (!a || !b) return a ?? b;
  if (a.strong !== b.strong) return a.strong ? a : b;
  return b.score > a.score ? b : a;
}

/** The best acceptable exact occurrence of `query.exact` in `text`, or null. */
function exactStep(text: string, query: Query, hint: number, stored: number): Candidate | null {
  const { exact, prefix, suffix } = query;
  const intactAt = (at: number): boolean =>
    (prefix === '' || text.endsWith(prefix, at)) && (suffix === '' || text.startsWith(suffix, at + exact.length));
  /** The occurrence nearest `hint` with its context intact on both sides, or -1. */
  const nearestIntact = (list: readonly number[]): number => {
    let best = -1;
    for (const at of list) {
      if (intactAt(at) && (best === -1 || Math.abs(at - hint) < Math.abs(best - hint))) best = at;
    }
    return best;
  };

  // The cheap case first: near the expected place, with the context intact.
  const near: number[] = [];
  const limit = hint + SEARCH_WINDOW;
  for (let at = text.indexOf(exact, Math.max(0, hint - SEARCH_WINDOW)); at !== -1 && at <= limit; at = text.indexOf(exact, at + 1)) {
    near.push(at);
  }
  let intact = nearestIntact(near);
  if (intact !== -1) return evaluate(text, query, intact, intact + exact.length, 0, hint);

  // Everywhere.
  const found: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) found.push(at);
  if (found.length === 0) return null;
  intact = nearestIntact(found);
  if (intact !== -1) return evaluate(text, query, intact, intact + exact.length, 0, hint);

  const scored =
    found.length > MAX_EXACT_CANDIDATES
      ? [...found].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, MAX_EXACT_CANDIDATES)
      : found;
  let best: Candidate | null = null;
  for (const at of scored) {
    const rule = { unique: found.length === 1, atStored: at === stored };
    const candidate = evaluate(text, query, at, at + exact.length, 0, hint, rule);
    if (candidate.acceptable) best = better(best, candidate);
  }
  return best;
}

const MASK = '\uffff';

/**
 * `text.slice(from, to)` with every exact occurrence of `exact` masked out, so the
 * approximate search (which reports only the matches with the fewest edits) can
 * see an edited passage even when an unedited copy stands elsewhere: the exact
 * occurrences were judged already.
 */
function maskedSlice(text: string, from: number, to: number, exact: string): string {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  let at = slice.indexOf(exact);
  if (at === -1) return slice;
  const parts: string[] = [];
  let last = 0;
  for (; at !== -1; at = slice.indexOf(exact, at + 1)) {
    const maskFrom = Math.max(at, last);
    parts.push(slice.slice(last, maskFrom), MASK.repeat(at + exact.length - maskFrom));
    last = at + exact.length;
  }
  parts.push(slice.slice(last));
  return parts.join('');
}

/**
 * Approximate matches of the quote alone in `text[from, to)`, each with its edges
 * fitted to the stored context: the search reports, for each end, the match with
 * the fewest edits, which can stop short of an edited word at the edge of the quote
 * ("had supplied" → "unprecedented supplied" matched as "unpreced").
 */
function quoteAlone(text: string, query: Query, from: number, to: number, maxErrors: number, hint: number): Candidate | null {
  let best: Candidate | null = null;
  for (const match of search(maskedSlice(text, from, to, query.exact), query.exact, maxErrors)) {
    if (match.errors === 0 || match.end <= match.start) continue;
    const candidate = evaluate(text, query, from + match.start, from + match.end, match.errors, hint);
    if (candidate.acceptable) best = better(best, candidate);
  }
  if (!best) return null;
  // The closest match can be off by its edits at either end; fit the edges, then judge again.
  const end = fitEdge(text, query, best.end, false, 2 * maxErrors, best.start + 1, text.length);
  const start = fitEdge(text, query, best.start, true, 2 * maxErrors, 0, end - 1);
  if (start === best.start && end === best.end) return best;
  // Where the context puts the edges the quote may have a few more edits than the closest match had.
  return measure(text, query, start, end, 2 * maxErrors, hint) ?? best;
}

/**
 * Edits between `a` and `b` (whole strings), or `max + 1` when more than `max`: a
 * DP band `max` wide.
 *
 * @internal exported for tests
 */
export function editDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  const over = max + 1;
  let previous = new Int32Array(n + 1).fill(over);
  let current = new Int32Array(n + 1).fill(over);
  for (let j = 0; j <= Math.min(n, max); j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(0, i - max);
    const hi = Math.min(n, i + max);
    current.fill(over, Math.max(0, lo - 1), Math.min(n, hi + 1) + 1);
    if (lo === 0) current[0] = i;
    let rowMin = lo === 0 ? i : over;
    for (let j = Math.max(1, lo); j <= hi; j++) {
      let value = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      if (previous[j]! + 1 < value) value = previous[j]! + 1;
      if (current[j - 1]! + 1 < value) value = current[j - 1]! + 1;
      current[j] = value > over ? over : value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[n]!, over);
}

/**
 * The candidate `[start, end)` with the edits in the quote counted, if at most
 * `maxErrors` and the candidate is acceptable; else null.
 */
function measure(text: string, query: Query, start: number, end: number, maxErrors: number, hint: number): Candidate | null {
  if (start >= end) return null;
  const errors = editDistance(query.exact, text.slice(start, end), maxErrors);
  if (errors > maxErrors) return null;
  const candidate = evaluate(text, query, start, end, errors, hint);
  return candidate.acceptable ? candidate : null;
}

/**
 * Approximate matches of prefix + quote + suffix in `text[from, to)`: where the
 * passage *with its surroundings* fits best. This finds an edited quote even when
 * a phrase closer to the quote alone stands nearby, which a search for the quote
 * alone (reporting only its closest matches) would hide.
 */
function quoteInContext(text: string, query: Query, from: number, to: number, maxErrors: number, hint: number): Candidate | null {
  const { prefix, exact, suffix } = query;
  if (prefix.length + suffix.length < 16) return null;
  const slack = allowedContextErrors(prefix.length) + allowedContextErrors(suffix.length);
  const allowed = maxErrors + slack;
  let best: Candidate | null = null;
  let lastEnd = -Infinity;
  for (const match of search(text.slice(from, to), prefix + exact + suffix, allowed)) {
    if (match.end - lastEnd <= allowed) continue; // the same place as the previous match
    lastEnd = match.end;
    const end = fitEdge(text, query, from + match.end - suffix.length, false, allowed, from + match.start + 1, text.length);
    const start = fitEdge(text, query, from + match.start + prefix.length, true, allowed, 0, end - 1);
    best = better(best, measure(text, query, start, end, maxErrors, hint));
  }
  return best;
}

function fuzzyStep(text: string, query: Query, hint: number): Candidate | null {
  const length = query.exact.length;
  const maxErrors = maxErrorsFor(length);
  if (maxErrors === 0) return null;
  const from = Math.max(0, hint - SEARCH_WINDOW - maxErrors);
  const to = Math.min(text.length, hint + length + SEARCH_WINDOW + maxErrors);
  const near = Math.max(0, hint - CONTEXT_WINDOW - maxErrors);
  const nearTo = Math.min(text.length, hint + length + CONTEXT_WINDOW + maxErrors);
  let best = quoteInContext(text, query, near, nearTo, maxErrors, hint);
  if (best?.conclusive) return best;
  best = better(best, quoteAlone(text, query, from, to, maxErrors, hint));
  if (!best?.strong && (from > 0 || to < text.length)) {
    best = better(best, quoteAlone(text, query, 0, text.length, maxErrors, hint));
  }
  return best;
}

// ------------------------------------------------------------ the steps

function makeQuery(exact: string, prefix: string, suffix: string): Query {
  return { exact, prefix, suffix, standalone: exact.length >= ACCEPTANCE.standaloneLength };
}

/** The article text, with its folded view made once, when first needed. */
class Corpus {
  private folded: FoldedView | undefined;
  constructor(readonly text: string) {}
  get view(): FoldedView {
    this.folded ??= fold(this.text);
    return this.folded;
  }
}

let lastCorpus: Corpus | undefined;

/** The corpus of `text`, kept for the next call: highlights are anchored one by one in the same article too. */
function corpusOf(text: string): Corpus {
  if (lastCorpus?.text !== text) lastCorpus = new Corpus(text);
  return lastCorpus;
}

const clampOffset = (n: number, length: number): number =>
  Number.isFinite(n) ? Math.min(Math.max(0, Math.trunc(n)), length) : 0;

/** `start` holds the quote and the context is intact on both sides. */
function intactAt(text: string, target: HighlightTarget, start: number): boolean {
  const { exact, prefix, suffix } = target.quote;
  return (
    start >= 0 &&
    text.startsWith(exact, start) &&
    (prefix === '' || text.endsWith(prefix, start)) &&
    (suffix === '' || text.startsWith(suffix, start + exact.length))
  );
}

type Found = Candidate & { method: AnchorMethod };

function anchorIn(corpus: Corpus, target: HighlightTarget, expected: number): Anchored | null {
  const text = corpus.text;
  const { exact, prefix, suffix } = target.quote;
  if (exact.length === 0 || isBlankQuote(exact)) return null;
  const stored = target.position.start;
  if (intactAt(text, target, stored)) {
    return { start: stored, end: stored + exact.length, method: 'position', score: 1 };
  }
  const hint = clampOffset(expected, text.length);
  /** Taken at once: every context side agrees, or one does and it is where expected. */
  const settled = (c: Candidate): boolean => c.conclusive || (c.strong && Math.abs(c.start - hint) <= NEAR);
  const done = (c: Found): Anchored => ({ start: c.start, end: c.end, method: c.method, score: c.score });

  // Exact occurrences of the quote as stored.
  const raw = makeQuery(exact, prefix, suffix);
  const rawHit = exactStep(text, raw, hint, stored);
  let best: Found | null = null;
  if (rawHit) {
    const atStored = rawHit.start === stored && rawHit.end === target.position.end;
    best = { ...rawHit, method: atStored ? 'position' : 'quote' };
    if (settled(rawHit)) return done(best);
  }

  // The same in the folded text (whitespace, NFC, typographic quotes).
  const view = corpus.view;
  const folded = makeQuery(foldString(exact), foldString(prefix), foldString(suffix));
  if (isBlankQuote(folded.exact)) return null;
  const foldedHint = toFolded(view, hint);
  const sameForm = view.segments === null && folded.exact === exact && folded.prefix === prefix && folded.suffix === suffix;
  if (!sameForm) {
    const hit = exactStep(view.text, folded, foldedHint, toFolded(view, clampOffset(stored, text.length)));
    if (hit) {
      const found: Found = { ...hit, ...toOriginal(view, hit.start, hit.end), method: 'quote' };
      if (settled(hit)) return done(found);
      best = better(best, found);
    }
  }

  // Approximate matches, in the folded text.
  const fuzzy = fuzzyStep(view.text, folded, foldedHint);
  if (fuzzy) best = better(best, { ...fuzzy, ...toOriginal(view, fuzzy.start, fuzzy.end), method: 'fuzzy' });
  return best && done(best);
}

/**
 * Where `target` lies in `text` now, or `null` when it cannot be placed with
 * confidence (an orphan). See the module comment for the steps and thresholds.
 */
export function anchor(text: string, target: HighlightTarget, options: AnchorOptions = {}): Anchored | null {
  return anchorIn(corpusOf(text), target, options.expectedStart ?? target.position.start);
}

/**
 * {@link anchor} for every target, in the same order. Cheap steps run for all
 * targets first: the stored position, then the stored position moved by the shift
 * of the nearest placed neighbour (text inserted before a run of highlights moves
 * them all alike). What is left gets the full search in text order, expected where
 * its neighbours' shift says, and each one placed lends its shift to the next. The
 * folded view of the text is built at most once (and kept for the next call on
 * the same text).
 */
export function anchorAll(text: string, targets: readonly HighlightTarget[]): (Anchored | null)[] {
  const results: (Anchored | null | undefined)[] = new Array(targets.length).fill(undefined);
  const corpus = corpusOf(text);

  // 1. The stored position, context intact.
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const start = target.position.start;
    if (isBlankQuote(target.quote.exact)) results[i] = null;
    else if (intactAt(text, target, start)) {
      results[i] = { start, end: start + target.quote.exact.length, method: 'position', score: 1 };
    }
  }
  if (!results.includes(undefined)) return results as (Anchored | null)[];

  // Targets in stored order, and the shift of each placed one.
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.position.start - targets[b]!.position.start);
  const shiftOf = (i: number): number | undefined => {
    const r = results[i];
    return r ? r.start - targets[i]!.position.start : undefined;
  };
  /** Shifts of the nearest placed targets before and after rank `k` in `order`. */
  const neighbourShifts = (k: number): number[] => {
    const shifts: number[] = [];
    for (let j = k - 1; j >= 0; j--) {
      const s = shiftOf(order[j]!);
      if (s !== undefined) {
        shifts.push(s);
        break;
      }
    }
    for (let j = k + 1; j < order.length; j++) {
      const s = shiftOf(order[j]!);
      if (s !== undefined) {
        shifts.push(s);
        break;
      }
    }
    return shifts;
  };
  /** Places rank `k` at its stored position moved by a neighbour's shift, if the quote and context are intact there. */
  const shifted = (k: number): boolean => {
    const i = order[k]!;
    const target = targets[i]!;
    for (const shift of neighbourShifts(k)) {
      const start = target.position.start + shift;
      if (shift !== 0 && intactAt(text, target, start)) {
        const position = text.length > 0 ? 1 - Math.min(1, Math.abs(shift) / text.length) : 1;
        const score = (WEIGHT_SUM - WEIGHTS.position + WEIGHTS.position * position) / WEIGHT_SUM;
        results[i] = { start, end: start + target.quote.exact.length, method: 'quote', score };
        return true;
      }
    }
    return false;
  };

  // 2. Shifted like the neighbours placed in step 1.
  for (let k = 0; k < order.length; k++) if (results[order[k]!] === undefined) shifted(k);

  // 3. The full search for the rest.
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (results[i] !== undefined || shifted(k)) continue;
    const target = targets[i]!;
    results[i] = anchorIn(corpus, target, target.position.start + (neighbourShifts(k)[0] ?? 0));
  }
  return results as (Anchored | null)[];
}
