/**
 * The SQLite FTS5 engine: one `art` row per article (all its searchable text, so
 * every query word may match anywhere in it), one `ann` row per live annotation
 * (to say which highlight or note matched), `docs` for fingerprints and filters.
 * Ranked by bm25 with column weights (title and notes above the body).
 */
import type { SearchQueryInput, SearchResult } from '../../common/search';
import { hasFilters, factsOf, filterSql, storedFacts } from './filters';
import { cleanText, segmented } from './fold';
import { FtsHits } from './fts-hits';
import { ANN_SLOTS } from './fts-schema';
import { FtsVocabulary } from './fts-vocabulary';
import { allWords, anyWord } from './match-expression';
import { correct, parseQuery } from './query-plan';
import type { Database, Statement } from './sqlite';
import type { EngineAnswer, IndexDoc, SearchEngine } from './types';

/** A `docs` row: the indexed article's metadata, its rowid and how many annotations it has. */
type DocRow = Pick<IndexDoc, 'id' | 'title' | 'byline' | 'site'> & { rowid: number; annotations: number };

const join = (values: readonly string[]) => values.map(cleanText).join('\n');
/** Text as FTS5 indexes it: segment characters between the words of Chinese, Japanese… (fold.ts). */
const indexed = (text: string) => segmented(text);

export class FtsEngine implements SearchEngine {
  readonly kind = 'fts';
  readonly #db: Database;
  readonly #vocabulary: FtsVocabulary;
  readonly #hits: FtsHits;
  readonly #rowidOf: Statement;
  readonly #insertDoc: Statement;
  readonly #insertArt: Statement;
  readonly #insertAnn: Statement;
  readonly #deleteDoc: Statement;
  readonly #deleteArt: Statement;
  readonly #deleteAnn: Statement;

  /** Takes over `db` (an open snapshot, see fts-schema.ts). */
  constructor(db: Database) {
    this.#db = db;
    this.#vocabulary = new FtsVocabulary(db);
    this.#hits = new FtsHits(db);
    this.#rowidOf = db.prepare('SELECT rowid FROM docs WHERE id = ?').pluck();
    // Rowids bound as CAST(? AS INTEGER): see fts-hits.ts.
    this.#insertDoc = db.prepare(
      `INSERT INTO docs(id, fingerprint, title, byline, site, saved_at, colors, tags, has_notes, annotations)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertArt = db.prepare(
      'INSERT INTO art(rowid, title, byline, site, tags, body, quotes, notes, atags) VALUES (CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#insertAnn = db.prepare(
      'INSERT INTO ann(rowid, quote, note, tags, annotation, kind, color) VALUES (CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?)',
    );
    this.#deleteDoc = db.prepare('DELETE FROM docs WHERE rowid = CAST(? AS INTEGER)');
    this.#deleteArt = db.prepare('DELETE FROM art WHERE rowid = CAST(? AS INTEGER)');
    this.#deleteAnn = db.prepare('DELETE FROM ann WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)');
  }

  upsert(docs: readonly IndexDoc[]): void {
    this.#db.transaction(() => {
      for (const doc of docs) {
        this.#removeOne(doc.id);
        this.#insertOne(doc);
      }
    })();
  }

  remove(ids: readonly string[]): void {
    this.#db.transaction(() => {
      for (const id of ids) this.#removeOne(id);
    })();
  }

  isEmpty(): boolean {
    return this.#db.prepare('SELECT 1 FROM docs LIMIT 1').get() === undefined;
  }

  fingerprints(): Map<string, string> {
    const rows = this.#db.prepare('SELECT id, fingerprint FROM docs').raw().all() as [string, string][];
    return new Map(rows);
  }

  query(input: SearchQueryInput): EngineAnswer {
    const words = parseQuery(input.query);
    const filters = filterSql(input.filters);
    if (words.length === 0) {
      if (!hasFilters(input.filters)) return { corrections: [], results: [], total: 0 };
      const rows = this.#db
        .prepare(
          `SELECT rowid, id, title, byline, site, annotations FROM docs WHERE ${filters.sql}
           ORDER BY saved_at DESC, title, id LIMIT ?`,
        )
        .all(...filters.params, input.limit) as DocRow[];
      const total = this.#db.prepare(`SELECT count(*) FROM docs WHERE ${filters.sql}`).pluck().get(...filters.params);
      return { corrections: [], results: rows.map((row) => result(row, 0, [])), total: total as number };
    }
    const corrections = correct(words, this.#vocabulary);
    const match = allWords(words);
    const filtered = hasFilters(input.filters)
      ? `AND art.rowid IN (SELECT docs.rowid FROM docs WHERE ${filters.sql})`
      : '';
    const ranked = this.#db
      .prepare(`SELECT rowid, -rank AS score FROM art WHERE art MATCH ? ${filtered} ORDER BY rank LIMIT ?`)
      .all(match, ...filters.params, input.limit) as { rowid: number; score: number }[];
    const total = this.#db
      .prepare(`SELECT count(*) FROM art WHERE art MATCH ? ${filtered}`)
      .pluck()
      .get(match, ...filters.params) as number;
    const rowids = ranked.map((row) => row.rowid);
    const docs = this.#docsByRowid(rowids);
    const annotated = new Set(rowids.filter((rowid) => (docs.get(rowid)?.annotations ?? 0) > 0));
    const hits = this.#hits.hits(rowids, annotated, match, anyWord(words));
    const results = ranked.flatMap(({ rowid, score }) => {
      const row = docs.get(rowid);
      return row ? [result(row, score, hits.get(rowid) ?? [])] : [];
    });
    return { corrections, results, total };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #docsByRowid(rowids: readonly number[]): Map<number, DocRow> {
    if (rowids.length === 0) return new Map();
    const rows = this.#db
      .prepare(`SELECT rowid, id, title, byline, site, annotations FROM docs WHERE rowid IN (${rowids.map(() => 'CAST(? AS INTEGER)').join(',')})`)
      .all(...rowids) as DocRow[];
    return new Map(rows.map((row) => [row.rowid, row]));
  }

  #removeOne(id: string): void {
    const rowid = this.#rowidOf.get(id) as number | undefined;
    if (rowid === undefined) return;
    this.#deleteDoc.run(rowid);
    this.#deleteArt.run(rowid);
    this.#deleteAnn.run(rowid * ANN_SLOTS, rowid * ANN_SLOTS + ANN_SLOTS - 1);
  }

  #insertOne(doc: IndexDoc): void {
    const facts = storedFacts(factsOf(doc));
    const live = doc.annotations.slice(0, ANN_SLOTS);
    const { lastInsertRowid } = this.#insertDoc.run(
      doc.id, doc.fingerprint, doc.title, doc.byline, doc.site, doc.savedAt, facts.colors, facts.tags, facts.hasNotes, live.length,
    );
    const rowid = Number(lastInsertRowid);
    const highlights = live.filter((a) => a.kind === 'highlight');
    const texts = {
      title: cleanText(doc.title),
      byline: cleanText(doc.byline ?? ''),
      site: cleanText(doc.site ?? ''),
      tags: join(doc.tags),
      body: cleanText(doc.text),
      quotes: join(highlights.map((a) => a.quote)),
      notes: join(live.map((a) => a.note)),
      atags: join(live.flatMap((a) => a.tags)),
    };
    this.#insertArt.run(rowid, ...Object.values(texts).map(indexed));
    live.forEach((a, n) => {
      this.#insertAnn.run(rowid * ANN_SLOTS + n, indexed(cleanText(a.quote)), indexed(cleanText(a.note)), indexed(join(a.tags)), a.id, a.kind, a.color);
    });
    this.#vocabulary.learn(Object.values(texts));
  }
}

function result(row: DocRow, score: number, hits: SearchResult['hits']): SearchResult {
  return { articleId: row.id, title: row.title, byline: row.byline, site: row.site, score, hits };
}
