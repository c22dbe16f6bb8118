/** The order of hits within one result, shared by both engines: best first, at most {@link MAX_HITS}. */
import type { SearchField, SearchHit } from '../../common/search';
import { MAX_HITS } from './types';

const ORDER: readonly SearchField[] = ['title', 'article-note', 'note', 'highlight', 'tag', 'text', 'byline', 'site'];

/** Hits by field (title, notes, highlight quotes, tags, body, byline, site), keeping the given order within a field. */
export function bestHits(hits: readonly SearchHit[]): SearchHit[] {
  return hits
    .map((hit, index) => ({ hit, index }))
    .sort((a, b) => ORDER.indexOf(a.hit.field) - ORDER.indexOf(b.hit.field) || a.index - b.index)
    .slice(0, MAX_HITS)
    .map(({ hit }) => hit);
}
