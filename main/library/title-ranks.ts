/**
 * Title order as numbers (ARCHITECTURE.md §3, the catalog). SQLite cannot sort with
 * `localeCompare`, so every title gets a rank computed here with the same collator the
 * listing uses: titles that compare equal share a rank, and a new title takes a rank
 * between its neighbours'. When two neighbours leave no room (after ~50 titles put in
 * the same gap) the caller numbers every title again ({@link assignRanks}).
 */

/** Space between neighbouring ranks when titles are numbered afresh. */
export const RANK_GAP = 1024;

export type Compare = (a: string, b: string) => number;

/** Every collation class of `titles` numbered RANK_GAP apart, in order: title → rank. */
export function assignRanks(titles: Iterable<string>, compare: Compare): Map<string, number> {
  const sorted = [...new Set(titles)].sort(compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && compare(sorted[i - 1]!, sorted[i]!) !== 0) rank += RANK_GAP;
    ranks.set(sorted[i]!, rank);
  }
  return ranks;
}

/** The known titles of one collation, one per class, sorted, with their ranks. */
export class TitleRanks {
  readonly #compare: Compare;
  #titles: string[] = [];
  #ranks: number[] = [];

  constructor(compare: Compare) {
    this.#compare = compare;
  }

  /** Start from stored (title, rank) pairs ordered by rank. */
  load(pairs: Iterable<readonly [string, number]>): void {
    this.#titles = [];
    this.#ranks = [];
    for (const [title, rank] of pairs) {
      if (this.#ranks.length > 0 && this.#ranks[this.#ranks.length - 1] === rank) continue;
      this.#titles.push(title);
      this.#ranks.push(rank);
    }
  }

  /** The rank of `title`: its class's, or a new one between its neighbours'; undefined when there is no room. */
  rankOf(title: string): number | undefined {
    const titles = this.#titles;
    let lo = 0;
    let hi = titles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(titles[mid]!, title) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < titles.length && this.#compare(titles[lo]!, title) === 0) return this.#ranks[lo];
    const prev = lo > 0 ? this.#ranks[lo - 1] : undefined;
    const next = lo < titles.length ? this.#ranks[lo] : undefined;
    let rank: number;
    if (prev === undefined) rank = next === undefined ? 0 : next - RANK_GAP;
    else if (next === undefined) rank = prev + RANK_GAP;
    else {
      rank = prev + (next - prev) / 2;
      if (!(rank > prev && rank < next)) return undefined;
    }
    titles.splice(lo, 0, title);
    this.#ranks.splice(lo, 0, rank);
    return rank;
  }
}
