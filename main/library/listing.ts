/**
 * Sorting and filtering the library listing: recently saved, title,
 * published, progress; all, unread, in progress, finished, with a tag.
 */
import type { ArticleSummary, LibraryFilter, LibrarySort } from '../../common/model';
import { compareSummaries } from './schema';

export interface ListOptions {
  sort?: LibrarySort;
  filter?: LibraryFilter;
  tag?: string | undefined;
}

/** Finished means read to the end, unread means not begun — rounded to whole percent as the rows show them. */
export const FINISHED = 0.995;
export const STARTED = 0.005;
const fraction = (a: ArticleSummary) => a.progress?.fraction ?? 0;

function keep(filter: LibraryFilter, tag: string | undefined): (a: ArticleSummary) => boolean {
  switch (filter) {
    case 'unread':
      return (a) => fraction(a) < STARTED;
    case 'in-progress':
      return (a) => fraction(a) >= STARTED && fraction(a) < FINISHED;
    case 'finished':
      return (a) => fraction(a) >= FINISHED;
    case 'tag': {
      const wanted = (tag ?? '').trim().toLowerCase();
      return (a) => a.tags.some((t) => t.toLowerCase() === wanted);
    }
    case 'all':
      return () => true;
  }
}

/** Publication time for sorting; undated articles go last. */
const published = (a: ArticleSummary) => (a.publishedAt ? Date.parse(a.publishedAt) : Number.NaN);

function order(sort: LibrarySort): (a: ArticleSummary, b: ArticleSummary) => number {
  switch (sort) {
    case 'title':
      return (a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true }) || compareSummaries(a, b);
    case 'published':
      return (a, b) => {
        const pa = published(a);
        const pb = published(b);
        if (Number.isNaN(pa) !== Number.isNaN(pb)) return Number.isNaN(pa) ? 1 : -1;
        return (Number.isNaN(pa) ? 0 : pb - pa) || compareSummaries(a, b);
      };
    case 'progress':
      // Furthest along first: what you are reading before what you have not started.
      return (a, b) => fraction(b) - fraction(a) || compareSummaries(a, b);
    case 'saved':
      return compareSummaries;
  }
}

export function sortAndFilter(articles: readonly ArticleSummary[], options: ListOptions = {}): ArticleSummary[] {
  return articles.filter(keep(options.filter ?? 'all', options.tag)).sort(order(options.sort ?? 'saved'));
}
