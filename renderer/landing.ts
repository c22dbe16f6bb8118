/**
 * Where opening an article should land instead of the saved reading position: at a
 * word (the find bar opens pre-filled with it), at a highlight (its popover opens),
 * or at the article note (the Notes panel opens).
 */
import type { SearchHit } from '../common/search';

export type Landing =
  | { kind: 'find'; term: string }
  | { kind: 'highlight'; id: string }
  | { kind: 'article-note' };

/** Where a search hit leads: highlight hits to the highlight, text hits to the word. */
export function landingFor(hit: SearchHit): Landing | undefined {
  if (hit.annotationId && hit.field !== 'article-note') return { kind: 'highlight', id: hit.annotationId };
  if (hit.field === 'article-note') return { kind: 'article-note' };
  if (hit.field === 'text' && hit.term.trim() !== '') return { kind: 'find', term: hit.term };
  return undefined;
}
