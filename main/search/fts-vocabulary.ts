/**
 * Typo tolerance for the FTS engine: the words the index holds (fts5vocab over the
 * article table) and a small trigram table over them (`terms`, `grams`). A
 * misspelled word's candidates share trigrams with it (or are one transposition
 * away) and are within the allowed edit distance.
 */
import { editDistance, transpositions, trigrams } from './edit-distance';
import { apostropheWords, isIdeographic, words } from './fold';
import type { Vocabulary } from './query-plan';
import type { Database, Statement } from './sqlite';

/** At most this many corrections per word. */
const MAX_CANDIDATES = 8;
/** At most this many apostrophe spellings per query word. */
const MAX_JOINS = 8;
const MAX_CODE_POINT = '\u{10FFFF}';

export class FtsVocabulary implements Vocabulary {
  readonly #has: Statement;
  readonly #hasPrefix: Statement;
  readonly #addTerm: Statement;
  readonly #addGram: Statement;
  readonly #addJoin: Statement;
  readonly #joins: Statement;
  readonly #joinsFrom: Statement;
  readonly #db: Database;
  #known: Set<string> | undefined;

  constructor(db: Database) {
    this.#db = db;
    this.#has = db.prepare('SELECT 1 FROM vocab WHERE term = ?').pluck();
    this.#hasPrefix = db.prepare('SELECT 1 FROM vocab WHERE term >= ? AND term < ? LIMIT 1').pluck();
    this.#addTerm = db.prepare('INSERT OR IGNORE INTO terms(term) VALUES (?)');
    this.#addGram = db.prepare('INSERT OR IGNORE INTO grams(gram, len, term) VALUES (?, ?, ?)');
    this.#addJoin = db.prepare('INSERT OR IGNORE INTO joins(joined, phrase) VALUES (?, ?)');
    this.#joins = db.prepare(`SELECT joined, phrase FROM joins WHERE joined = ? LIMIT ${MAX_JOINS}`);
    this.#joinsFrom = db.prepare(`SELECT joined, phrase FROM joins WHERE joined >= ? AND joined < ? LIMIT ${MAX_JOINS}`);
  }

  has(token: string): boolean {
    return this.#has.get(token) !== undefined;
  }

  hasPrefix(prefix: string): boolean {
    return this.#hasPrefix.get(prefix, prefix + MAX_CODE_POINT) !== undefined;
  }

  corrections(token: string, maxEdits: number): string[] {
    const chars = [...token];
    const grams = trigrams(token);
    const threshold = Math.max(1, grams.length - 3 * maxEdits);
    const rows = this.#db
      .prepare(
        `SELECT term, count(*) AS shared FROM grams
         WHERE gram IN (${grams.map(() => '?').join(',')}) AND len BETWEEN ? AND ?
         GROUP BY term HAVING count(*) >= ?`,
      )
      .all(...grams, chars.length - maxEdits, chars.length + maxEdits, threshold) as { term: string; shared: number }[];
    const swaps = transpositions(token);
    const swapped = this.#db
      .prepare(`SELECT term FROM terms WHERE term IN (${swaps.map(() => '?').join(',') || "''"})`)
      .pluck()
      .all(...swaps) as string[];
    const scored = new Map<string, { distance: number; shared: number }>();
    for (const { term, shared } of rows) {
      if (term === token) continue;
      const distance = editDistance(chars, [...term], maxEdits);
      if (distance <= maxEdits) scored.set(term, { distance, shared });
    }
    for (const term of swapped) if (term !== token) scored.set(term, { distance: 1, shared: 0 });
    return [...scored]
      .sort(([a, x], [b, y]) => x.distance - y.distance || y.shared - x.shared || (a < b ? -1 : 1))
      .map(([term]) => term)
      .slice(0, MAX_CANDIDATES * 3)
      .filter((term) => this.has(term))
      .slice(0, MAX_CANDIDATES);
  }

  joinedForms(token: string, prefix: boolean): { joined: string; tokens: string[] }[] {
    const rows = (prefix ? this.#joinsFrom.all(token, token + MAX_CODE_POINT) : this.#joins.all(token)) as { joined: string; phrase: string }[];
    return rows.map((row) => ({ joined: row.joined, tokens: row.phrase.split(' ') }));
  }

  /** Record the words of `texts` not seen before (call inside the indexing transaction). */
  learn(texts: readonly string[]): void {
    this.#known ??= new Set(this.#db.prepare('SELECT term FROM terms').pluck().all() as string[]);
    for (const text of texts) {
      for (const { joined, tokens } of apostropheWords(text)) this.#addJoin.run(joined, tokens.join(' '));
      for (const term of words(text)) {
        if (this.#known.has(term)) continue;
        this.#known.add(term);
        // Chinese and Japanese words are never corrected (query-plan.ts): no trigrams for them.
        if (isIdeographic(term)) continue;
        this.#addTerm.run(term);
        const length = [...term].length;
        for (const gram of trigrams(term)) this.#addGram.run(gram, length, term);
      }
    }
  }
}
