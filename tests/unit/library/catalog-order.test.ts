/**
 * The catalog's order is the listing's (ARCHITECTURE.md §3, the catalog): on random
 * libraries, every sort × filter (and tag) the catalog answers — whole, by windows, the
 * totals, locate by id and by title prefix — equals `sortAndFilter` over the same rows,
 * tie-breaks included (equal saved times, titles equal but for case or accents, numbers
 * in titles, undated and unparseable publication dates, progress on the filters' edges).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleSummary, LibraryFilter, LibrarySort } from '../../../common/model';
import { Catalog, foldTitle } from '../../../main/library/catalog';
import { sortAndFilter, type ListOptions } from '../../../main/library/listing';
import { random } from '../reliability/model';

const SORTS: LibrarySort[] = ['saved', 'title', 'published', 'progress'];
const FILTERS: LibraryFilter[] = ['all', 'unread', 'in-progress', 'finished', 'tag'];

const WORDS = ['apple', 'Apple', 'äpple', 'Zebra', 'zebra', 'éclair', 'Eclair', 'item 2', 'item 10', 'Item 9', ' leading', 'naïve', 'ß', 'ss', '東京', 'x', ''];
const TAGS = ['News', 'news', 'NEWS', 'tech', 'Tech', 'café', 'Café', 'long-read'];
const FRACTIONS = [0, 0.004, 0.005, 0.3, 0.994, 0.995, 1];
const PUBLISHED = [null, '2024-01-02', '2024-01-02T03:04', '2023-12-31T23:59:59.000Z', 'not a date', '1999-05-05'];

function summary(rng: () => number, id: string): ArticleSummary {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const words = 1 + Math.floor(rng() * 3);
  let title = Array.from({ length: words }, () => pick(WORDS)).join(' ');
  if (!title.trim()) title = 'Untitled';
  const tags: string[] = [];
  for (const tag of TAGS) if (rng() < 0.2 && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const fraction = rng() < 0.3 ? null : pick(FRACTIONS);
  return {
    id,
    title,
    byline: null,
    site: 'Example',
    url: null,
    publishedAt: pick(PUBLISHED),
    // Few distinct saved times: ties are common, so the title and id tie-breaks are exercised.
    savedAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(rng() * 5))).toISOString(),
    language: 'en',
    wordCount: 100,
    readingMinutes: 1,
    progress: fraction === null ? null : { fraction, position: 0, within: 0 },
    tags,
  };
}

const catalogs: Catalog[] = [];
afterEach(() => catalogs.splice(0).forEach((catalog) => catalog.close()));

function memoryCatalog(): Catalog {
  const catalog = Catalog.open({ path: null, log: () => {} });
  catalogs.push(catalog);
  return catalog;
}

/** Everything the catalog answers for one view, checked against sortAndFilter over `rows`. */
function checkView(catalog: Catalog, rows: readonly ArticleSummary[], options: ListOptions, rng: () => number, seed: number): void {
  const what = `seed ${seed}, ${JSON.stringify(options)}`;
  const expected = sortAndFilter(rows, options);
  const ids = expected.map((a) => a.id);
  expect(catalog.all(options).map((a) => a.id), what).toEqual(ids);
  const limit = 1 + Math.floor(rng() * 7);
  const offset = Math.floor(rng() * (ids.length + 2));
  const window = catalog.window(options, offset, limit);
  expect(window.total, what).toBe(ids.length);
  expect(window.articles, what).toEqual(expected.slice(offset, offset + limit));
  if (ids.length > 0) {
    const at = Math.floor(rng() * ids.length);
    expect(catalog.locateId(options, ids[at]!), what).toBe(at);
    const prefix = foldTitle(expected[Math.floor(rng() * ids.length)]!.title).slice(0, 1 + Math.floor(rng() * 3));
    const asked = rng() < 0.5 ? prefix.toUpperCase() : prefix;
    const from = Math.floor(rng() * ids.length);
    let found: number | null = null;
    for (let k = 0; k < ids.length; k++) {
      const i = (from + k) % ids.length;
      if (foldTitle(expected[i]!.title).startsWith(foldTitle(asked))) {
        found = i;
        break;
      }
    }
    expect(catalog.locateTitle(options, asked, from), `${what} prefix ${asked} from ${from}`).toBe(found);
  }
  expect(catalog.locateId(options, 'no-such-id'), what).toBeNull();
}

describe('the catalog orders as sortAndFilter', () => {
  it('on random libraries, through adds, updates and removals, in every sort and filter', () => {
    for (let round = 0; round < 25; round++) {
      const seed = (Math.random() * 2 ** 31) >>> 0;
      const rng = random(seed);
      const catalog = memoryCatalog();
      const rows = new Map<string, ArticleSummary>();
      let next = 0;
      for (let step = 0; step < 6; step++) {
        // Adds in batches, then a few changes and removals, as saves, edits and the trash do.
        const added = Array.from({ length: Math.floor(rng() * 40) }, () => summary(rng, `a-${next++}`));
        // Half the changes keep the title (progress, tags, read), half save it again under a new one.
        const changed = [...rows.keys()]
          .filter(() => rng() < 0.15)
          .map((id) => (rng() < 0.5 ? { ...summary(rng, id), title: rows.get(id)!.title } : summary(rng, id)));
        const removed = [...rows.keys()].filter(() => rng() < 0.1);
        catalog.upsert([...added, ...changed].map((s) => ({ summary: s, fingerprint: null })));
        catalog.remove(removed);
        for (const s of [...added, ...changed]) rows.set(s.id, s);
        for (const id of removed) rows.delete(id);
        const all = [...rows.values()];
        for (const sort of SORTS) {
          for (const filter of FILTERS) {
            const tag = filter === 'tag' ? ` ${TAGS[Math.floor(rng() * TAGS.length)]!.toUpperCase()} ` : undefined;
            checkView(catalog, all, { sort, filter, tag }, rng, seed);
          }
        }
        // Every tag once, whatever its spelling, sorted.
        const lower = [...new Set(all.flatMap((a) => a.tags.map((t) => t.toLowerCase())))].sort();
        expect(catalog.tags().map((t) => t.toLowerCase()).sort(), `seed ${seed}`).toEqual(lower);
        expect(catalog.tags(), `seed ${seed}`).toEqual([...catalog.tags()].sort((a, b) => a.localeCompare(b)));
      }
    }
  });

  it('keeps the order when titles keep landing in the same gap (the ranks are numbered again)', () => {
    const catalog = memoryCatalog();
    const rows: ArticleSummary[] = [];
    const add = (id: string, title: string) => {
      const s = { ...summary(random(1), id), title, savedAt: '2024-01-01T00:00:00.000Z', tags: [] };
      rows.push(s);
      catalog.upsert([{ summary: s, fingerprint: null }]);
    };
    add('first', 'a');
    add('last', 'b');
    // "a" < "az" < "azz" < … < "b": each new title halves the gap left before "b".
    for (let k = 1; k <= 80; k++) add(`t-${k}`, `a${'z'.repeat(k)}`);
    for (const sort of SORTS) expect(catalog.all({ sort }).map((a) => a.id)).toEqual(sortAndFilter(rows, { sort }).map((a) => a.id));
  });

  it('answers an empty window past the end, with the total', () => {
    const catalog = memoryCatalog();
    catalog.upsert([{ summary: summary(random(2), 'only'), fingerprint: null }]);
    expect(catalog.window({}, 5, 10)).toEqual({ articles: [], total: 1 });
    expect(catalog.window({ filter: 'tag', tag: 'none' }, 0, 10)).toEqual({ articles: [], total: 0 });
  });
});
