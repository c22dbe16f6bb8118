/**
 * Which fields of one result article matched, with snippet() around the match:
 * the article's own fields from `art`, its highlights and notes from `ann`.
 */
import type { HighlightColor } from '../../common/colors';
import type { SearchHit, SnippetPart } from '../../common/search';
import { ELLIPSIS, MARK_END, MARK_START } from './fold';
import { ANN_SLOTS, ANN_WEIGHTS } from './fts-schema';
import { bestHits } from './hit-order';
import { firstTerm, hasMatch, parseMarked } from './snippet';
import type { Database, Statement } from './sqlite';

/** Words of context in a body or note snippet; short fields come whole (up to 64 words). */
const SNIPPET_WORDS = 20;
const FIELD_WORDS = 64;

const snippet = (table: string, column: number, size: number) =>
  `snippet(${table}, ${column}, '${MARK_START}', '${MARK_END}', '${ELLIPSIS}', ${size})`;

interface AnnRow {
  annotation: string;
  kind: 'highlight' | 'article-note';
  color: HighlightColor | null;
  quote: string;
  note: string;
  tags: string;
}

/** One hit per matched tag: the tags column holds one tag per line. */
function tagHits(marked: string, base: Omit<SearchHit, 'snippet' | 'term' | 'field'>): SearchHit[] {
  return marked
    .split('\n')
    .map(parseMarked)
    .filter(hasMatch)
    .map((snippet) => ({ field: 'tag', snippet, term: firstTerm(snippet), ...base }));
}

function hit(
  field: SearchHit['field'],
  snippet: SnippetPart[],
  annotationId: string | null = null,
  color: HighlightColor | null = null,
): SearchHit[] {
  return hasMatch(snippet) ? [{ field, snippet, annotationId, color, term: firstTerm(snippet) }] : [];
}

/**
 * Hits of result articles, best first. Prepared once per database.
 *
 * Rowids are bound with `CAST(? AS INTEGER)`: the driver binds JS numbers as
 * REAL, and FTS5 then ignores a `rowid = ?` constraint (every match comes back).
 * The result rowids are a filter (`+rowid IN`), not an FTS5 constraint: as a
 * constraint FTS5 evaluates the query once per rowid, expanding a prefix each time.
 */
export class FtsHits {
  readonly #db: Database;
  readonly #annotations: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#annotations = db.prepare(
      `SELECT annotation, kind, color, ${snippet('ann', 0, SNIPPET_WORDS)} AS quote,
              ${snippet('ann', 1, SNIPPET_WORDS)} AS note, ${snippet('ann', 2, FIELD_WORDS)} AS tags
       FROM ann WHERE ann MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
       ORDER BY bm25(ann, ${ANN_WEIGHTS}) LIMIT 20`,
    );
  }

  /**
   * The hits of each article in `rowids` for `allWords` (the expression they matched)
   * and `anyWord` (an annotation need only hold one of the words). Only articles in
   * `annotated` have annotations to look at.
   */
  hits(rowids: readonly number[], annotated: ReadonlySet<number>, allWords: string, anyWord: string): Map<number, SearchHit[]> {
    const out = new Map<number, SearchHit[]>();
    if (rowids.length === 0) return out;
    const rows = this.#db
      .prepare(
        `SELECT rowid, ${snippet('art', 0, FIELD_WORDS)}, ${snippet('art', 1, FIELD_WORDS)}, ${snippet('art', 2, FIELD_WORDS)},
                ${snippet('art', 3, FIELD_WORDS)}, ${snippet('art', 4, SNIPPET_WORDS)}
         FROM art WHERE art MATCH ? AND +rowid IN (${rowids.map(() => 'CAST(? AS INTEGER)').join(',')})`,
      )
      .raw()
      .all(allWords, ...rowids) as [number, string, string, string, string, string][];
    for (const [rowid, title, byline, site, tags, body] of rows) {
      const hits: SearchHit[] = [];
      hits.push(...hit('title', parseMarked(title)), ...hit('byline', parseMarked(byline)));
      hits.push(...hit('site', parseMarked(site)), ...hit('text', parseMarked(body)));
      hits.push(...tagHits(tags, { annotationId: null, color: null }));
      if (annotated.has(rowid)) hits.push(...this.#annotationHits(rowid, anyWord));
      out.set(rowid, bestHits(hits));
    }
    return out;
  }

  #annotationHits(rowid: number, anyWord: string): SearchHit[] {
    const rows = this.#annotations.all(anyWord, rowid * ANN_SLOTS, rowid * ANN_SLOTS + ANN_SLOTS - 1) as AnnRow[];
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const color = row.color ?? null;
      if (row.kind === 'article-note') {
        hits.push(...hit('article-note', parseMarked(row.note), row.annotation));
        continue;
      }
      hits.push(...hit('note', parseMarked(row.note), row.annotation, color));
      hits.push(...hit('highlight', parseMarked(row.quote), row.annotation, color));
      hits.push(...tagHits(row.tags, { annotationId: row.annotation, color }));
    }
    return hits;
  }
}
