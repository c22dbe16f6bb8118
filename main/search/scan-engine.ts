/**
 * The simple engine: every article's fields folded to ` word word `, and a query
 * word matches when one of its alternatives occurs there (`includes`) — a whole
 * word, or a word start for the prefix word. No typo tolerance. It is the bench
 * baseline, the model the FTS engine is tested against, and the fallback when
 * node:sqlite cannot open or has no FTS5. Everything lives in memory.
 */
import type { SearchField, SearchHit, SearchQueryInput, SearchResult } from '../../common/search';
import { factsOf, hasFilters, passes, type FilterFacts } from './filters';
import { apostropheWords, cleanText, words } from './fold';
import { bestHits } from './hit-order';
import { addApostropheSpellings, parseQuery, type Alternative, type QueryWord } from './query-plan';
import { firstTerm, snippetOf } from './snippet';
import type { EngineAnswer, IndexDoc, SearchEngine } from './types';

interface Field {
  field: SearchField;
  text: string;
  /** ` word word ` (folded). */
  folded: string;
  weight: number;
  annotationId: string | null;
  color: IndexDoc['annotations'][number]['color'];
}

interface Entry {
  doc: IndexDoc;
  facts: FilterFacts;
  fields: Field[];
  /** Words written with an apostrophe: joined form → the tokens as a phrase. */
  joins: Map<string, string>;
}

/** At most this many apostrophe spellings per query word (as the FTS vocabulary). */
const MAX_JOINS = 8;

function joinsOf(fields: readonly Field[]): Map<string, string> {
  const joins = new Map<string, string>();
  for (const field of fields) for (const { joined, tokens } of apostropheWords(field.text)) joins.set(`${joined}\u0000${tokens.join(' ')}`, joined);
  return joins;
}

/** ` word word ` (folded), then the joined form of each word written with an apostrophe ("pyongyang"). */
const foldedWords = (text: string) => ` ${[...words(text), ...apostropheWords(text).map((w) => w.joined)].join(' ')} `;
const SNIPPET_WORDS = 20;

function fieldsOf(doc: IndexDoc): Field[] {
  const make = (field: SearchField, raw: string, weight: number, annotationId: string | null = null, color: Field['color'] = null) => {
    const text = cleanText(raw);
    return { field, text, folded: foldedWords(text), weight, annotationId, color };
  };
  const fields = [
    make('title', doc.title, 4),
    make('byline', doc.byline ?? '', 2),
    make('site', doc.site ?? '', 2),
    ...doc.tags.map((tag) => make('tag', tag, 3)),
    make('text', doc.text, 1),
  ];
  for (const a of doc.annotations) {
    if (a.kind === 'article-note') {
      fields.push(make('article-note', a.note, 3, a.id));
      continue;
    }
    fields.push(make('highlight', a.quote, 2, a.id, a.color), make('note', a.note, 3, a.id, a.color));
    fields.push(...a.tags.map((tag) => make('tag', tag, 3, a.id, a.color)));
  }
  return fields;
}

const needle = (alt: Alternative) => ` ${alt.tokens.join(' ')}${alt.prefix ? '' : ' '}`;
const matches = (field: Field, word: QueryWord) => word.alternatives.some((alt) => field.folded.includes(needle(alt)));

/** Whether a folded word is (or, for a prefix, starts) one of the query's tokens. */
function wordMatcher(query: readonly QueryWord[]): (folded: string) => boolean {
  const alts = query.flatMap((word) => word.alternatives);
  return (folded) =>
    alts.some((alt) => alt.tokens.some((token, i) => (alt.prefix && i === alt.tokens.length - 1 ? folded.startsWith(token) : folded === token)));
}

export class ScanEngine implements SearchEngine {
  readonly kind = 'scan';
  readonly #entries = new Map<string, Entry>();

  upsert(docs: readonly IndexDoc[]): void {
    for (const doc of docs) {
      const fields = fieldsOf(doc);
      this.#entries.set(doc.id, { doc, facts: factsOf(doc), fields, joins: joinsOf(fields) });
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.#entries.delete(id);
  }

  isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  fingerprints(): Map<string, string> {
    return new Map([...this.#entries].map(([id, entry]) => [id, entry.doc.fingerprint]));
  }

  query(input: SearchQueryInput): EngineAnswer {
    const query = parseQuery(input.query);
    if (query.length === 0 && !hasFilters(input.filters)) return { corrections: [], results: [], total: 0 };
    addApostropheSpellings(query, { joinedForms: (token, prefix) => this.#joinedForms(token, prefix) });
    const matched: { entry: Entry; score: number }[] = [];
    for (const entry of this.#entries.values()) {
      if (!passes(entry.facts, input.filters)) continue;
      let score = 0;
      const all = query.every((word) => {
        const weights = entry.fields.filter((field) => matches(field, word)).map((field) => field.weight);
        score += weights.reduce((sum, weight) => sum + weight, 0);
        return weights.length > 0;
      });
      if (all) matched.push({ entry, score });
    }
    matched.sort(
      (a, b) =>
        b.score - a.score ||
        b.entry.doc.savedAt.localeCompare(a.entry.doc.savedAt) ||
        a.entry.doc.title.localeCompare(b.entry.doc.title) ||
        (a.entry.doc.id < b.entry.doc.id ? -1 : 1),
    );
    const isMatch = wordMatcher(query);
    const results = matched.slice(0, input.limit).map(({ entry, score }) => resultOf(entry, score, query, isMatch));
    return { corrections: [], results, total: matched.length };
  }

  close(): void {
    this.#entries.clear();
  }

  /** The apostrophe spellings the library has whose joined form is `token` (or starts with it). */
  #joinedForms(token: string, prefix: boolean): { joined: string; tokens: string[] }[] {
    const found = new Set<string>();
    for (const entry of this.#entries.values()) {
      for (const [key, joined] of entry.joins) if (prefix ? joined.startsWith(token) : joined === token) found.add(key);
    }
    return [...found]
      .sort()
      .slice(0, MAX_JOINS)
      .map((key) => {
        const [joined, phrase] = key.split('\u0000') as [string, string];
        return { joined, tokens: phrase.split(' ') };
      });
  }
}

function resultOf(entry: Entry, score: number, query: readonly QueryWord[], isMatch: (folded: string) => boolean): SearchResult {
  const hits: SearchHit[] = [];
  for (const field of entry.fields) {
    if (!query.some((word) => matches(field, word))) continue;
    const size = field.field === 'text' || field.field === 'note' || field.field === 'highlight' || field.field === 'article-note' ? SNIPPET_WORDS : 64;
    const snippet = snippetOf(field.text, isMatch, size);
    if (!snippet) continue;
    hits.push({ field: field.field, snippet, annotationId: field.annotationId, color: field.color, term: firstTerm(snippet) });
  }
  const { id, title, byline, site } = entry.doc;
  return { articleId: id, title, byline, site, score, hits: bestHits(hits) };
}
