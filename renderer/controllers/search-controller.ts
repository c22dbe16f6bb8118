/**
 * Library search as the reader types: waits for a pause in typing, asks main, and
 * keeps only the newest answer (an answer to an older query never replaces a newer
 * one). While main is still building the index it asks again until the answer is
 * complete, so results fill in without the reader typing anything.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SearchAnswer, SearchFilters } from '../../common/search';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';

/** Typing pause before a query goes out. */
export const SEARCH_DEBOUNCE_MS = 120;
/** How often an answer given while indexing is asked again. */
export const INDEXING_POLL_MS = 400;

/** Results asked for at first, and added by each "Show more results" (the contract allows 100). */
export const SEARCH_PAGE = 20;
export const MAX_RESULTS = 100;

export const NO_FILTERS: SearchFilters = { colors: [], tags: [], hasNotes: false };

export const hasFilters = (filters: SearchFilters): boolean =>
  filters.colors.length > 0 || filters.tags.length > 0 || filters.hasNotes;

export class SearchController implements ReactiveController {
  query = '';
  filters: SearchFilters = NO_FILTERS;
  /** The newest answer, or null when no search is active. */
  answer: SearchAnswer | null = null;
  /** A query is waiting or in flight. */
  busy = false;
  error: string | null = null;
  /** How many results to ask for: grows with "Show more results", back to one page on a new query. */
  limit = SEARCH_PAGE;

  #timer: ReturnType<typeof setTimeout> | null = null;
  #latest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<Bridge, 'search'> = defaultBridge,
    private readonly timing = { debounceMs: SEARCH_DEBOUNCE_MS, pollMs: INDEXING_POLL_MS },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#cancelTimer();
    this.#latest.cancel();
  }

  /** A search is active: there is a query or a filter. */
  get active(): boolean {
    return this.query.trim() !== '' || hasFilters(this.filters);
  }

  /** The reader changed the query or the filters: search after a short pause (at once when cleared). */
  set(query: string, filters: SearchFilters = this.filters): void {
    this.query = query;
    this.filters = filters;
    this.limit = SEARCH_PAGE;
    this.#cancelTimer();
    if (!this.active) {
      this.#latest.cancel();
      this.answer = null;
      this.busy = false;
      this.error = null;
      this.host.requestUpdate();
      return;
    }
    this.busy = true;
    this.host.requestUpdate();
    this.#timer = setTimeout(() => void this.run(), this.timing.debounceMs);
  }

  /** Ask now (also used to refresh the answer after the library changed). */
  async run(): Promise<void> {
    this.#cancelTimer();
    if (!this.active) return;
    this.busy = true;
    this.host.requestUpdate();
    await this.#latest.run(() => this.bridge.search(this.query, this.filters, this.limit), {
      value: (answer) => {
        this.answer = answer;
        this.error = null;
        if (answer.state === 'indexing') this.#timer = setTimeout(() => void this.run(), this.timing.pollMs);
      },
      error: (cause) => {
        this.error = errorMessage(cause);
      },
      settled: () => {
        this.busy = this.#timer !== null;
        this.host.requestUpdate();
      },
    });
  }

  /** There are more matching articles than shown, and the contract allows asking for them. */
  get canShowMore(): boolean {
    const answer = this.answer;
    return answer !== null && answer.results.length < answer.total && this.limit < MAX_RESULTS;
  }

  /** Ask for the next page of results (at once). */
  async showMore(): Promise<void> {
    if (!this.canShowMore) return;
    this.limit = Math.min(MAX_RESULTS, this.limit + SEARCH_PAGE);
    await this.run();
  }

  /** Forget the search (the library shows every article again). */
  clear(): void {
    this.set('', NO_FILTERS);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
