// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryChange, LibraryListInput } from '../../common/ipc';
import type { ArticleSummary, LibraryListing } from '../../common/model';
import { BLOCK, LibraryController, type LibraryBridge } from './library-controller';

const summary = (i: number, extra: Partial<ArticleSummary> = {}): ArticleSummary =>
  ({
    id: `article-${i}`,
    title: `Article ${i}`,
    byline: null,
    site: null,
    url: null,
    publishedAt: null,
    savedAt: '2024-01-01T00:00:00.000Z',
    language: 'en',
    wordCount: 100,
    readingMinutes: 1,
    tags: [],
    progress: null,
    ...extra,
  }) as ArticleSummary;

/** Main over a library of `count` articles: answers each window when the test releases it, records what was asked. */
function fakeMain(count: number) {
  let articles = Array.from({ length: count }, (_, i) => summary(i, i === 0 ? { tags: ['weekly'] } : {}));
  const asked: { offset: number; limit: number }[] = [];
  const pending: (() => void)[] = [];
  let changed: ((change: LibraryChange) => void) | null = null;
  const window = (offset: number, limit: number): LibraryListing => ({
    articles: articles.slice(offset, offset + limit),
    problems: [],
    total: articles.length,
    offset,
    tags: [...new Set(articles.flatMap((a) => a.tags))].sort(),
  });
  const bridge = {
    listArticles: vi.fn(
      (view?: Partial<LibraryListInput>) =>
        new Promise<LibraryListing>((resolve) => {
          const offset = view?.offset ?? 0;
          const limit = view?.limit ?? 500;
          asked.push({ offset, limit });
          pending.push(() => resolve(window(offset, limit)));
        }),
    ),
    locateArticle: vi.fn(async (input: { id?: string }) => {
      const at = articles.findIndex((a) => a.id === input.id);
      return at === -1 ? null : at;
    }),
    onLibraryChanged: vi.fn((listener: (change: LibraryChange) => void) => {
      changed = listener;
      return () => (changed = null);
    }),
    deleteArticle: vi.fn(),
    restoreArticle: vi.fn(),
    setArticleRead: vi.fn(),
    setArticleTags: vi.fn(),
  } as unknown as LibraryBridge;
  return {
    bridge,
    asked,
    /** Answer every window asked so far. */
    answerAll: async () => {
      while (pending.length > 0) pending.shift()!();
      await vi.advanceTimersByTimeAsync(0);
    },
    change: (change: Partial<LibraryChange>) => changed?.({ added: [], updated: [], removed: [], ...change }),
    set: (next: ArticleSummary[]) => (articles = next),
    get articles() {
      return articles;
    },
  };
}

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });

async function opened(count: number) {
  const main = fakeMain(count);
  const reloaded = vi.fn();
  const library = new LibraryController(host(), main.bridge, reloaded);
  library.hostConnected();
  await main.answerAll();
  await vi.advanceTimersByTimeAsync(100);
  await main.answerAll();
  return { main, library, reloaded };
}

describe('LibraryController (a window at a time)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for the first rows only, knows the total and the tags, and has a slot (null) for every other row', async () => {
    const { main, library } = await opened(20_000);
    expect(main.asked.every((w) => w.limit <= 500)).toBe(true);
    expect(library.total).toBe(20_000);
    expect(library.rows).toHaveLength(20_000);
    expect(library.rowAt(0)?.title).toBe('Article 0');
    expect(library.rowAt(19_999)).toBeNull();
    expect(library.tags).toEqual(['weekly']);
    expect(library.knownTags).toEqual(['weekly']);
    expect(library.titleOf('article-19999')).toBeNull();
    const loaded = library.rows.filter((row) => row !== null).length;
    expect(loaded).toBeLessThanOrEqual(500);
  });

  it('loads the blocks near what is shown, once the scrolling pauses, and not the ones scrolled past', async () => {
    const { main, library } = await opened(20_000);
    main.asked.length = 0;
    for (let first = 0; first < 19_990; first += 1000) library.show(first, first + 10);
    library.show(19_980, 19_999);
    await vi.advanceTimersByTimeAsync(100);
    await main.answerAll();
    expect(main.asked.map((w) => w.offset)).toEqual([19_900]);
    expect(library.rowAt(19_999)?.title).toBe('Article 19999');
    expect(library.titleOf('article-19999')).toBe('Article 19999');
  });

  it('an updated row reloads only the block holding it, and the rows stay on screen meanwhile', async () => {
    const { main, library, reloaded } = await opened(1_000);
    library.show(120, 160);
    await vi.advanceTimersByTimeAsync(100);
    await main.answerAll();
    main.asked.length = 0;
    main.set(main.articles.map((a, i) => (i === 150 ? { ...a, title: 'Renamed', tags: ['security'] } : a)));
    main.change({ updated: ['article-150'] });
    expect(library.rowAt(150)?.title).toBe('Article 150');
    await main.answerAll();
    expect(main.asked).toEqual([{ offset: BLOCK, limit: BLOCK }]);
    expect(library.rowAt(150)?.title).toBe('Renamed');
    // A tag given in the reader reaches the filter menu with the row.
    expect(library.tags).toEqual(['security', 'weekly']);
    expect(reloaded).not.toHaveBeenCalled();
  });

  it('an update to a row not loaded asks nothing (its block is asked when shown)', async () => {
    const { main, library } = await opened(20_000);
    main.asked.length = 0;
    main.change({ updated: ['article-15000'] });
    await main.answerAll();
    expect(main.asked).toEqual([]);
    expect(library.total).toBe(20_000);
  });

  it('added or removed rows reload the total and the shown rows, keeping the old rows until the answer', async () => {
    const { main, library, reloaded } = await opened(1_000);
    const before = library.rows;
    main.set([summary(-1), ...main.articles]);
    main.change({ added: ['article--1'] });
    expect(library.rows).toBe(before);
    await main.answerAll();
    expect(library.total).toBe(1_001);
    expect(library.rowAt(0)?.id).toBe('article--1');
    expect(library.rowAt(1)?.id).toBe('article-0');
    expect(reloaded).toHaveBeenCalledWith(1_001);
  });

  it('drops an answer for another view (sort changed while a block was on its way)', async () => {
    const { main, library } = await opened(20_000);
    library.show(10_000, 10_010);
    await vi.advanceTimersByTimeAsync(100);
    // Another sort before the block answers: the old block must not land in the new listing.
    const reload = library.setView({ sort: 'title', filter: 'all', tag: null });
    main.set(main.articles.slice().reverse());
    await main.answerAll();
    await reload;
    expect(library.rowAt(10_005)?.id).toBe(`article-${19_999 - 10_005}`);
    const kept = library.rows.findIndex((row, i) => row !== null && row.id !== `article-${19_999 - i}`);
    expect(kept).toBe(-1);
  });

  it('another sort or filter loads the rows at the shown positions (the view stays where it is scrolled)', async () => {
    const { main, library } = await opened(20_000);
    library.show(5_000, 5_010);
    await vi.advanceTimersByTimeAsync(100);
    await main.answerAll();
    main.asked.length = 0;
    await Promise.all([library.setView({ sort: 'title', filter: 'all', tag: null }), main.answerAll()]);
    expect(main.asked[0]!.offset).toBeLessThanOrEqual(4_950);
    expect(main.asked[0]!.offset + main.asked[0]!.limit).toBeGreaterThan(5_010);
    expect(library.rowAt(5_005)).not.toBeNull();
  });

  it('a filter that leaves fewer rows than where the view was: the rows that are left are loaded', async () => {
    const { main, library } = await opened(20_000);
    library.show(19_990, 19_999);
    await vi.advanceTimersByTimeAsync(100);
    await main.answerAll();
    const reload = library.setView({ sort: 'saved', filter: 'finished', tag: null });
    main.set(main.articles.slice(0, 2));
    await main.answerAll();
    await reload;
    await vi.advanceTimersByTimeAsync(100);
    await main.answerAll();
    expect(library.total).toBe(2);
    expect(library.rows.map((row) => row?.id)).toEqual(['article-0', 'article-1']);
  });

  it('applySummary and applyProgress change the one cached row (a new rows array for the view)', async () => {
    const { library } = await opened(300);
    const before = library.rows;
    library.applyProgress('article-2', { fraction: 0.5, anchor: null } as never);
    expect(library.rows).not.toBe(before);
    expect(library.rowAt(2)?.progress).toEqual({ fraction: 0.5, anchor: null });
    library.applySummary(summary(3, { title: 'New title' }));
    expect(library.titleOf('article-3')).toBe('New title');
  });

  it('locates a row not loaded through main', async () => {
    const { main, library } = await opened(20_000);
    expect(await library.locate('article-2')).toBe(2);
    expect(main.bridge.locateArticle).not.toHaveBeenCalled();
    expect(await library.locate('article-17000')).toBe(17_000);
    expect(main.bridge.locateArticle).toHaveBeenCalledWith(expect.objectContaining({ id: 'article-17000', sort: 'saved' }));
  });
});
