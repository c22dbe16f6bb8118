/** The search filters (colors, tags, has notes), shared by both engines. */
import type { SearchFilters } from '../../common/search';
import { fold } from './fold';
import type { IndexDoc } from './types';

/** What the filters look at in one article: live highlights' colors, all tags, notes. */
export interface FilterFacts {
  colors: Set<string>;
  /** Folded: the article's tags and its live highlights' tags. */
  tags: Set<string>;
  hasNotes: boolean;
}

export function factsOf(doc: IndexDoc): FilterFacts {
  const colors = new Set<string>();
  const tags = new Set(doc.tags.map((tag) => fold(tag.trim())));
  let hasNotes = false;
  for (const annotation of doc.annotations) {
    if (annotation.color) colors.add(annotation.color);
    for (const tag of annotation.tags) tags.add(fold(tag.trim()));
    if (annotation.note.trim() !== '') hasNotes = true;
  }
  return { colors, tags, hasNotes };
}

export const hasFilters = (filters: SearchFilters) =>
  filters.colors.length > 0 || filters.tags.length > 0 || filters.hasNotes;

/** Whether an article passes: one of the colors, every tag (case- and accent-insensitive), a note if asked. */
export function passes(facts: FilterFacts, filters: SearchFilters): boolean {
  if (filters.colors.length > 0 && !filters.colors.some((color) => facts.colors.has(color))) return false;
  if (!filters.tags.every((tag) => facts.tags.has(fold(tag.trim())))) return false;
  return !filters.hasNotes || facts.hasNotes;
}

/** `facts` as the FTS engine stores them in `docs`: `,yellow,green,` and `\ntag\nother\n`. */
export function storedFacts(facts: FilterFacts): { colors: string; tags: string; hasNotes: number } {
  return {
    colors: `,${[...facts.colors].sort().join(',')},`,
    tags: `\n${[...facts.tags].sort().join('\n')}\n`,
    hasNotes: facts.hasNotes ? 1 : 0,
  };
}

/** A SQL condition on `docs` for the filters, and its parameters ('1' when there are none). */
export function filterSql(filters: SearchFilters): { sql: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  if (filters.colors.length > 0) {
    conditions.push(`(${filters.colors.map(() => 'instr(docs.colors, ?) > 0').join(' OR ')})`);
    params.push(...filters.colors.map((color) => `,${color},`));
  }
  for (const tag of filters.tags) {
    conditions.push('instr(docs.tags, ?) > 0');
    params.push(`\n${fold(tag.trim())}\n`);
  }
  if (filters.hasNotes) conditions.push('docs.has_notes = 1');
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}
