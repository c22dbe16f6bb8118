/** In-process engines for the search tests (no worker): a fresh FTS5 snapshot, the scan engine, documents. */
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, expect } from 'vitest';
import { FtsEngine } from '../../../main/search/fts-engine';
import { openSnapshot } from '../../../main/search/fts-schema';
import { ScanEngine } from '../../../main/search/scan-engine';
import type { IndexAnnotation, IndexDoc, SearchEngine } from '../../../main/search/types';
import { SearchQueryInputSchema, type SearchAnswer } from '../../../common/search';
import { freshDir } from '../library/helpers';

const open: SearchEngine[] = [];
afterEach(() => {
  for (const engine of open.splice(0)) engine.close();
});

/** An FTS engine on a new snapshot file in a temp folder. */
export async function ftsEngine(): Promise<FtsEngine> {
  const { db } = openSnapshot(join(await freshDir(), 'search-v1.sqlite'));
  const engine = new FtsEngine(db);
  open.push(engine);
  return engine;
}

export function scanEngine(): ScanEngine {
  return new ScanEngine();
}

let n = 0;
/** A document with defaults for what the test does not care about. */
export function doc(fields: Partial<IndexDoc> & { id: string }): IndexDoc {
  return {
    fingerprint: `fp-${n++}`,
    title: `Title of ${fields.id}`,
    byline: null,
    site: 'Example',
    savedAt: '2024-05-01T10:00:00.000Z',
    tags: [],
    text: '',
    annotations: [],
    ...fields,
  };
}

/** A live highlight (uuid id). */
export function highlight(fields: Partial<IndexAnnotation> & { quote: string }): IndexAnnotation {
  return { id: crypto.randomUUID(), kind: 'highlight', note: '', tags: [], color: 'yellow', ...fields };
}

export function articleNote(note: string): IndexAnnotation {
  return { id: crypto.randomUUID(), kind: 'article-note', quote: '', note, tags: [], color: null };
}

type Filters = { colors?: ('yellow' | 'green' | 'blue' | 'pink' | 'purple')[]; tags?: string[]; hasNotes?: boolean };

/** Query an engine with input parsed by the contract (defaults filled in). */
export function ask(engine: SearchEngine, query: string, filters: Filters = {}, limit = 30): Omit<SearchAnswer, 'state' | 'progress'> {
  const answer = engine.query(v.parse(SearchQueryInputSchema, { query, filters, limit }));
  expect(answer.results.length).toBeLessThanOrEqual(limit);
  return answer;
}

/** Result ids, in order. */
export const idsOf = (answer: { results: { articleId: string }[] }) => answer.results.map((r) => r.articleId);

/** A snippet as one string with matched words in [brackets]: easy to read in assertions. */
export const marked = (parts: readonly { text: string; match: boolean }[]) =>
  parts.map((part) => (part.match ? `[${part.text}]` : part.text)).join('');
