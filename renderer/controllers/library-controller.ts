/**
 * The library listing, a window at a time (ARCHITECTURE.md §2): main is asked only
 * for the rows near what the view shows, in blocks of {@link BLOCK} rows, and keeps
 * the answers by position. `rows` has one entry per article of the whole listing
 * (`total` of them): the summary once its block arrived, `null` before. When main
 * says the library changed, only what is needed is asked again (the blocks holding an
 * updated row; the total and the shown blocks when articles came or went), and the
 * rows on screen stay until the new ones arrive.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LibraryChange } from '../../common/ipc';
import type { ArticleSummary, LibraryFilter, LibraryListing, LibraryProblem, LibrarySort, ReadingProgress } from '../../common/model';
import { bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';

/** How the listing is ordered and narrowed (sent to main with each load). */
export interface LibraryViewOptions {
  sort: LibrarySort;
  filter: LibraryFilter;
  /** For `filter: 'tag'`. */
  tag: string | null;
}

/** Rows asked for at once (one `library:list` window). */
export const BLOCK = 100;
/** Rows beyond the shown ones, on each side, asked for ahead of scrolling. */
const AHEAD = 50;
/** Blocks kept at most; the ones farthest from what is shown are forgotten first. */
const KEEP_BLOCKS = 40;
/** Wait this long after the shown rows move before asking (a fast scroll asks once, where it stops). */
const SETTLE_MS = 40;

export type LibraryBridge = Pick<
  Bridge,
  'listArticles' | 'locateArticle' | 'onLibraryChanged' | 'deleteArticle' | 'restoreArticle' | 'setArticleRead' | 'setArticleTags'
>;

export class LibraryController implements ReactiveController {
  view: LibraryViewOptions = { sort: 'saved', filter: 'all', tag: null };
  /** How many articles the whole listing (this sort and filter) has. */
  total = 0;
  /** One entry per position of the whole listing: the row once loaded, `null` before. Replaced (not mutated) when anything in it changes. */
  rows: (ArticleSummary | null)[] = [];
  /** Every article tag of the library, each once, sorted: the filter menu. */
  tags: string[] = [];
  problems: LibraryProblem[] = [];
  /** True until the first answer (or failure) arrives, and again while reloading. */
  loading = true;
  /** Whether a listing has ever arrived (so a reload keeps showing it). */
  loaded = false;
  error: string | null = null;

  #unsubscribe: (() => void) | null = null;
  /** The load that decides `total` (first load, another view, articles came or went). */
  #latest = new LatestRequest();
  /** Bumped whenever `rows` is rebuilt: a block answer for an older listing is dropped. */
  #epoch = 0;
  #loadedBlocks = new Set<number>();
  #pendingBlocks = new Set<number>();
  /** Blocks to ask again when shown (their rows may be out of date; they stay on screen meanwhile). */
  #staleBlocks = new Set<number>();
  #shown = { first: 0, last: 0 };
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: LibraryBridge = defaultBridge,
    /** Told when a reload caused by main changed which articles there are (not for progress updates): the new total. */
    private readonly onReloaded: (total: number) => void = () => {},
  ) {
    host.addController(this);
  }

  /** For the filter menu (the name the views used before the listing came in windows). */
  get knownTags(): string[] {
    return this.tags;
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onLibraryChanged((change) => this.#onChange(change));
    } catch {
      // The bridge is missing; load() below reports it.
    }
    void this.load();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** The row at a position, or null while it is not loaded (or out of range). */
  rowAt(index: number): ArticleSummary | null {
    return this.rows[index] ?? null;
  }

  /** The position of a loaded row, or -1. */
  indexOf(id: string): number {
    return this.rows.findIndex((row) => row?.id === id);
  }

  /**
   * (Re)load the listing around what is shown: the total, the tags and the shown
   * blocks, in one window. The rows shown stay until the answer replaces them.
   */
  async load({ fromChange = false } = {}): Promise<void> {
    this.loading = true;
    this.host.requestUpdate();
    const view = this.view;
    const firstBlock = Math.floor(Math.max(0, this.#shown.first - AHEAD) / BLOCK);
    const lastBlock = Math.max(firstBlock, Math.floor((this.#shown.last + AHEAD) / BLOCK));
    const blocks = Math.min(5, lastBlock - firstBlock + 1);
    const totalBefore = this.total;
    // The page's first listing asks main to check the folders (files changed by hand meanwhile).
    const recheck = !this.loaded && !fromChange;
    await this.#latest.run(() => this.bridge.listArticles({ ...this.#ask(view, firstBlock * BLOCK, blocks * BLOCK), ...(recheck ? { recheck } : {}) }), {
      value: (listing) => {
        this.#epoch++;
        this.#loadedBlocks.clear();
        this.#pendingBlocks.clear();
        this.#staleBlocks.clear();
        this.total = listing.total;
        this.rows = new Array<ArticleSummary | null>(listing.total).fill(null);
        this.#take(listing);
        this.tags = listing.tags;
        this.problems = listing.problems;
        this.error = null;
        this.loaded = true;
        if (fromChange && totalBefore !== this.total) this.onReloaded(this.total);
        // The listing got shorter than where the view was: the view shows its end now.
        const { first, last } = this.#shown;
        if (last >= this.total) this.#shown = { first: Math.max(0, this.total - 1 - (last - first)), last: Math.max(0, this.total - 1) };
        // The rows shown may lie beyond the first window (or the listing got shorter).
        this.#schedule(0);
      },
      error: (cause) => {
        this.error = errorMessage(cause);
      },
      settled: () => {
        this.loading = false;
        this.host.requestUpdate();
      },
    });
  }

  /** Order or narrow the listing differently, and load it again (the rows at the shown positions first). */
  setView(view: LibraryViewOptions): Promise<void> {
    this.view = view;
    return this.load();
  }

  /** The view shows rows `first`…`last` (positions): ask for the blocks near them that are not loaded. */
  show(first: number, last: number): void {
    if (first === this.#shown.first && last === this.#shown.last) return;
    this.#shown = { first: Math.max(0, first), last: Math.max(first, last) };
    this.#schedule(SETTLE_MS);
  }

  /**
   * The position of the first title (folded) starting with `prefix` at or after
   * `from`, wrapping around — type-to-find; null if none.
   */
  async locateTitle(prefix: string, from: number): Promise<number | null> {
    const { sort, filter, tag } = this.view;
    return this.bridge.locateArticle({ ...this.#viewInput(sort, filter, tag), titlePrefix: prefix, from });
  }

  /** The position of an article in this listing (loaded or not), or null if it is not in it. */
  async locate(id: string): Promise<number | null> {
    const known = this.indexOf(id);
    if (known !== -1) return known;
    const { sort, filter, tag } = this.view;
    return this.bridge.locateArticle({ ...this.#viewInput(sort, filter, tag), id });
  }

  /** Move an article to the trash (main then says the library changed). Rejects with main's words. */
  async deleteArticle(id: string): Promise<void> {
    await this.bridge.deleteArticle(id);
  }

  /** Bring an article back from the trash. */
  async restoreArticle(id: string): Promise<void> {
    await this.bridge.restoreArticle(id);
  }

  /** Mark read or unread; the new row, shown at once. */
  async setRead(id: string, read: boolean): Promise<ArticleSummary> {
    const summary = await this.bridge.setArticleRead(id, read);
    this.applySummary(summary);
    return summary;
  }

  /** Replace the article's tags; the new row, shown at once. */
  async setTags(id: string, tags: string[]): Promise<ArticleSummary> {
    const summary = await this.bridge.setArticleTags(id, tags);
    this.applySummary(summary);
    return summary;
  }

  /** Show a row main just answered with (read state, tags), without waiting for a reload. */
  applySummary(summary: ArticleSummary): void {
    this.#replace(summary.id, () => summary);
  }

  /** Show a progress the reader just saved, without waiting for a reload. */
  applyProgress(id: string, progress: ReadingProgress): void {
    this.#replace(id, (article) => ({ ...article, progress }));
  }

  titleOf(id: string): string | null {
    const index = this.indexOf(id);
    return index === -1 ? null : (this.rows[index]?.title ?? null);
  }

  // ---------------------------------------------------------------- inside

  #replace(id: string, change: (article: ArticleSummary) => ArticleSummary): void {
    const index = this.indexOf(id);
    const article = index === -1 ? null : this.rows[index];
    if (!article) return;
    const rows = this.rows.slice();
    rows[index] = change(article);
    this.rows = rows;
    this.host.requestUpdate();
  }

  #viewInput(sort: LibrarySort, filter: LibraryFilter, tag: string | null) {
    return filter === 'tag' && tag ? { sort, filter, tag } : { sort, filter: filter === 'tag' ? ('all' as const) : filter };
  }

  #ask(view: LibraryViewOptions, offset: number, limit: number) {
    return { ...this.#viewInput(view.sort, view.filter, view.tag), offset, limit: Math.max(1, Math.min(500, limit)) };
  }

  /** Put a window's rows in place (into a fresh copy of `rows`, so the view sees the change). */
  #take(listing: LibraryListing): void {
    const rows = this.rows.length === listing.total ? this.rows.slice() : this.rows;
    listing.articles.forEach((article, i) => {
      const at = listing.offset + i;
      if (at < rows.length) rows[at] = article;
    });
    this.rows = rows;
    const end = listing.offset + listing.articles.length;
    for (let block = Math.ceil(listing.offset / BLOCK); block * BLOCK < end; block++) {
      if (end >= Math.min(this.total, (block + 1) * BLOCK)) {
        this.#loadedBlocks.add(block);
        this.#staleBlocks.delete(block);
      }
    }
  }

  #schedule(delay: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#fetchShown();
    }, delay);
  }

  /** Ask for each block near the shown rows that is missing or out of date (one request per block). */
  #fetchShown(): void {
    if (!this.loaded || this.total === 0) return;
    const first = Math.floor(Math.max(0, this.#shown.first - AHEAD) / BLOCK);
    const last = Math.floor(Math.min(this.total - 1, this.#shown.last + AHEAD) / BLOCK);
    for (let block = first; block <= last; block++) {
      if (this.#pendingBlocks.has(block)) continue;
      if (this.#loadedBlocks.has(block) && !this.#staleBlocks.has(block)) continue;
      void this.#fetchBlock(block);
    }
    this.#forgetFar(first, last);
  }

  async #fetchBlock(block: number): Promise<void> {
    const epoch = this.#epoch;
    this.#pendingBlocks.add(block);
    try {
      const listing = await this.bridge.listArticles(this.#ask(this.view, block * BLOCK, BLOCK));
      if (epoch !== this.#epoch) return;
      if (listing.total !== this.total) {
        // Articles came or went since the listing was loaded: load it again.
        void this.load({ fromChange: true });
        return;
      }
      this.#take(listing);
      this.problems = listing.problems;
      if (listing.tags.join('\n') !== this.tags.join('\n')) this.tags = listing.tags;
      this.host.requestUpdate();
    } catch (cause) {
      if (epoch !== this.#epoch) return;
      this.error = errorMessage(cause);
      this.host.requestUpdate();
    } finally {
      if (epoch === this.#epoch) this.#pendingBlocks.delete(block);
    }
  }

  /** Keep at most {@link KEEP_BLOCKS} blocks: forget the ones farthest from the shown blocks. */
  #forgetFar(first: number, last: number): void {
    if (this.#loadedBlocks.size <= KEEP_BLOCKS) return;
    const distance = (block: number) => (block < first ? first - block : block > last ? block - last : 0);
    const far = [...this.#loadedBlocks].sort((a, b) => distance(b) - distance(a)).slice(0, this.#loadedBlocks.size - KEEP_BLOCKS);
    if (far.length === 0) return;
    const rows = this.rows.slice();
    for (const block of far) {
      this.#loadedBlocks.delete(block);
      this.#staleBlocks.delete(block);
      rows.fill(null, block * BLOCK, Math.min(rows.length, (block + 1) * BLOCK));
    }
    this.rows = rows;
    this.host.requestUpdate();
  }

  #onChange(change: LibraryChange): void {
    const added = change?.added ?? [];
    const removed = change?.removed ?? [];
    const updated = change?.updated ?? [];
    // No ids: which files could not be read changed (they have no row): the listing again, for its problems.
    const problemsOnly = added.length === 0 && removed.length === 0 && updated.length === 0;
    if (added.length > 0 || removed.length > 0 || problemsOnly || !this.loaded) {
      // Positions moved: the total and the shown rows again (the rest as they are shown).
      void this.load({ fromChange: true });
      return;
    }
    if (updated.length === 0) return;
    // An updated row may also have moved (a sort by progress): every other kept block
    // is asked again when shown; the blocks holding the updated rows and the shown ones now.
    const now = new Set<number>();
    for (const id of updated) {
      const index = this.indexOf(id);
      if (index !== -1) now.add(Math.floor(index / BLOCK));
    }
    const moves = this.view.sort === 'progress' || this.view.filter !== 'all';
    if (moves) for (const block of this.#loadedBlocks) this.#staleBlocks.add(block);
    for (const block of now) this.#staleBlocks.add(block);
    if (now.size === 0 && !moves) return;
    if (moves) this.#fetchShown();
    for (const block of now) if (!this.#pendingBlocks.has(block)) void this.#fetchBlock(block);
  }
}
