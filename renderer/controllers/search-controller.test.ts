// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchAnswer, SearchFilters } from '../../common/search';
import { LecternError } from '../bridge';
import { MAX_RESULTS, NO_FILTERS, SEARCH_PAGE, SearchController } from './search-controller';

const answer = (query: string, extra: Partial<SearchAnswer> = {}): SearchAnswer => ({
  state: 'ready',
  progress: null,
  corrections: [],
  results: [{ articleId: 'a', title: query, byline: null, site: null, score: 1, hits: [] }],
  total: 1,
  ...extra,
});

/** A bridge whose answers come back only when the test releases them, in any order. */
function fakeBridge() {
  const pending: { query: string; filters: SearchFilters; resolve: (a: SearchAnswer) => void; reject: (e: unknown) => void }[] = [];
  const search = vi.fn(
    (query: string, filters: SearchFilters, _limit?: number) =>
      new Promise<SearchAnswer>((resolve, reject) => pending.push({ query, filters, resolve, reject })),
  );
  return { search, pending };
}

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });

/** A controller on a {@link fakeBridge}; `answered` types a query, waits out the pause and answers it. */
function setup(debounceMs = 10) {
  const bridge = fakeBridge();
  const search = new SearchController(host(), bridge, { debounceMs, pollMs: 400 });
  const answered = async (query: string, extra: Partial<SearchAnswer> = {}) => {
    search.set(query);
    await vi.advanceTimersByTimeAsync(debounceMs);
    bridge.pending.at(-1)!.resolve(answer(query, extra));
    await vi.advanceTimersByTimeAsync(0);
  };
  return { bridge, search, answered };
}

describe('SearchController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a pause in typing and sends only the last query', async () => {
    const { bridge, search } = setup(100);
    search.set('n');
    search.set('na');
    search.set('nar');
    expect(search.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(99);
    expect(bridge.search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(bridge.search).toHaveBeenCalledTimes(1);
    expect(bridge.search).toHaveBeenCalledWith('nar', NO_FILTERS, SEARCH_PAGE);
  });

  it('keeps the newest answer when an older one arrives later', async () => {
    const { bridge, search } = setup();
    search.set('pyong');
    await vi.advanceTimersByTimeAsync(10);
    search.set('pyongyang');
    await vi.advanceTimersByTimeAsync(10);
    expect(bridge.pending.map((p) => p.query)).toEqual(['pyong', 'pyongyang']);
    bridge.pending[1]!.resolve(answer('pyongyang'));
    await vi.advanceTimersByTimeAsync(0);
    bridge.pending[0]!.resolve(answer('pyong'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.answer?.results[0]?.title).toBe('pyongyang');
    expect(search.busy).toBe(false);
  });

  it('asks again while main is still indexing, and stops once the answer is complete', async () => {
    const { bridge, search, answered } = setup();
    await answered('korea', { state: 'indexing', progress: { done: 10, total: 100 } });
    expect(search.answer?.state).toBe('indexing');
    expect(search.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(bridge.search).toHaveBeenCalledTimes(2);
    bridge.pending[1]!.resolve(answer('korea'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(bridge.search).toHaveBeenCalledTimes(2);
    expect(search.answer?.state).toBe('ready');
    expect(search.busy).toBe(false);
  });

  it('clears at once without asking when the query and filters are emptied', async () => {
    const { bridge, search, answered } = setup();
    await answered('korea');
    search.set('   ');
    expect(search.active).toBe(false);
    expect(search.answer).toBeNull();
    await vi.advanceTimersByTimeAsync(100);
    expect(bridge.search).toHaveBeenCalledTimes(1);
  });

  it('searches with filters alone (an empty query with "has notes")', async () => {
    const { bridge, search } = setup();
    const filters = { ...NO_FILTERS, hasNotes: true };
    search.set('', filters);
    expect(search.active).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(bridge.search).toHaveBeenCalledWith('', filters, SEARCH_PAGE);
  });

  it('shows the bridge error in words and keeps the last answer', async () => {
    const { bridge, search, answered } = setup();
    await answered('korea');
    search.set('korean');
    await vi.advanceTimersByTimeAsync(10);
    bridge.pending[1]!.reject(new LecternError('invalid-input', 'a search is at most 500 characters'));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.error).toBe('a search is at most 500 characters');
    expect(search.answer?.results[0]?.title).toBe('korea');
    expect(search.busy).toBe(false);
  });

  it('shows more results a page at a time, up to the most the contract allows, and starts over on a new query', async () => {
    const { bridge, search, answered } = setup();
    await answered('korea', { total: 500 });
    expect(search.canShowMore).toBe(true);
    for (let n = 1; search.canShowMore; n++) {
      const more = search.showMore();
      bridge.pending[n]!.resolve(answer('korea', { total: 500 }));
      await more;
    }
    expect(bridge.search.mock.calls.map((c) => c[2])).toEqual([20, 40, 60, 80, 100]);
    expect(search.limit).toBe(MAX_RESULTS);
    search.set('korean');
    await vi.advanceTimersByTimeAsync(10);
    expect(bridge.search.mock.calls.at(-1)?.[2]).toBe(SEARCH_PAGE);
  });
});
