/**
 * The open article's highlights and notes (ARCHITECTURE.md §4): loads them through the
 * bridge, anchors them in the article's text, and saves every change.
 *
 * Notes are saved as the reader types ({@link NoteDrafts}): each keystroke is kept
 * as a draft — in memory and, synchronously, in localStorage — handed to main within
 * ~100 ms (main keeps it in drafts.json), and written through the bridge
 * {@link NOTE_SAVE_DELAY_MS} ms after the last one, on blur, when the popover closes,
 * when the page is hidden or unloaded, and when main says the window is closing. A
 * draft still in localStorage, or one main kept that is newer than the saved note,
 * when its article is next opened (the window closed or crashed before the write got
 * through) is saved then. So closing the window never loses typed text.
 *
 * One idea in one file: every change (create, color, tags, note, delete, restore)
 * shows at once, goes through the bridge and is re-anchored against the same state
 * (the highlights, their places, the pending saves); the drafts live apart in
 * `note-drafts.ts`, the anchoring in `common/anchoring/`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleNote, ColorNames, Highlight, HighlightTarget } from '../../common/model';
import type { HighlightColor } from '../../common/colors';
import { DEFAULT_COLOR_NAMES, isHighlightColor } from '../colors';
import { anchor, anchorAll } from '../../common/anchoring/anchor';
import { LecternError, bridge as defaultBridge, type Bridge } from '../bridge';
import { errorMessage } from './errors';
import { LatestRequest } from './latest-request';
import { ARTICLE_NOTE, NoteDrafts, type DraftRef } from './note-drafts';

export { NOTE_SAVE_DELAY_MS } from './note-drafts';

/** A highlight placed in the text: `[start, end)` offsets in the article body's text content. */
export interface PlacedHighlight {
  highlight: Highlight;
  start: number;
  end: number;
}

type AnnotationsBridge = Pick<
  Bridge,
  | 'listAnnotations'
  | 'createHighlight'
  | 'updateHighlight'
  | 'deleteHighlight'
  | 'restoreHighlight'
  | 'setArticleNote'
  | 'getColorNames'
  | 'renameColor'
  | 'putDraft'
  | 'listDrafts'
>;

const LAST_COLOR_KEY = 'lectern:last-color';


/** localStorage, or nothing when it is unavailable (it never is in Lectern; tests may lack it). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class AnnotationsController implements ReactiveController {
  articleId: string | null = null;
  /** Live highlights as main sent them, updated as they change. */
  highlights: Highlight[] = [];
  articleNote: ArticleNote | null = null;
  colorNames: ColorNames = { ...DEFAULT_COLOR_NAMES };
  /** Highlights placed in the text, in document order. */
  placed: PlacedHighlight[] = [];
  /** Highlights that could not be placed in the text: listed, never dropped. */
  orphans: Highlight[] = [];
  /** The color `H` uses: the last one chosen, remembered across sessions. */
  lastColor: HighlightColor = 'yellow';
  loading = false;
  /** Changes (other than notes) in flight. */
  saving = 0;
  /** The last save that failed (its draft is kept and retried on the next flush). */
  saveError: string | null = null;

  #text: string | null = null;
  #textFor: string | null = null;
  /** Where each highlight sits in the text (null: an orphan). */
  #anchors = new Map<string, { start: number; end: number } | null>();
  #drafts = new NoteDrafts(
    (ref, note) => this.#writeNote(ref, note),
    () => this.#derive(),
    undefined,
    undefined,
    ({ articleId, key }, note) => this.bridge.putDraft(articleId, key, note),
  );
  #latest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Told about failures, in words a reader can act on. */
    private readonly onError: (message: string) => void = () => {},
    private readonly bridge: AnnotationsBridge = defaultBridge,
  ) {
    host.addController(this);
    const stored = storage()?.getItem(LAST_COLOR_KEY);
    if (isHighlightColor(stored)) this.lastColor = stored;
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#flushOnHide);
    document.addEventListener('visibilitychange', this.#flushOnHide);
    void this.#loadColorNames();
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#flushOnHide);
    document.removeEventListener('visibilitychange', this.#flushOnHide);
    void this.flushAll();
  }

  /** Fetch an article's annotations; they are placed once its text is known ({@link setText}). */
  async load(articleId: string): Promise<void> {
    void this.flushAll();
    this.articleId = articleId;
    this.highlights = [];
    this.articleNote = null;
    this.#anchors.clear();
    this.#text = this.#textFor === articleId ? this.#text : null;
    this.loading = true;
    this.#derive();
    await this.#latest.run(() => this.bridge.listAnnotations(articleId), {
      value: (annotations) => {
        this.highlights = annotations.highlights;
        this.articleNote = annotations.articleNote;
        this.#anchorAll();
        this.#recoverDrafts(articleId);
        void this.#adoptMainDrafts(articleId);
      },
      error: (cause) => {
        this.onError(`Highlights and notes could not be loaded. ${errorMessage(cause)}`);
      },
      settled: () => {
        this.loading = false;
        this.#derive();
      },
    });
  }

  /** The article is no longer shown: save what is pending and forget it. */
  close(): void {
    void this.flushAll();
    this.#latest.cancel();
    this.articleId = null;
    this.highlights = [];
    this.articleNote = null;
    this.#text = null;
    this.#textFor = null;
    this.#anchors.clear();
    this.loading = false;
    this.#derive();
  }

  /** The article body's text content as shown: highlights are anchored in it. */
  setText(articleId: string, text: string): void {
    if (articleId !== this.articleId) return;
    this.#text = text;
    this.#textFor = articleId;
    this.#anchors.clear();
    this.#anchorAll();
    this.#derive();
  }

  /** Highlight `[start, end)` of the text (already described as `target`) in `color`. */
  async create(target: HighlightTarget, color: HighlightColor, at: { start: number; end: number }): Promise<Highlight | null> {
    const articleId = this.articleId;
    if (!articleId) return null;
    this.rememberColor(color);
    this.saving++;
    this.host.requestUpdate();
    try {
      // The id is chosen here so a retried create is idempotent (ARCHITECTURE.md §4).
      const created = await this.bridge.createHighlight({ id: crypto.randomUUID(), articleId, target, color });
      if (articleId !== this.articleId) return null;
      this.highlights = [...this.highlights, created];
      this.#anchors.set(created.id, { start: at.start, end: at.end });
      this.saveError = null;
      return created;
    } catch (cause) {
      this.#failed(`The highlight could not be saved. ${errorMessage(cause)}`);
      return null;
    } finally {
      this.saving--;
      this.#derive();
    }
  }

  rememberColor(color: HighlightColor): void {
    this.lastColor = color;
    storage()?.setItem(LAST_COLOR_KEY, color);
  }

  async setColor(id: string, color: HighlightColor): Promise<void> {
    this.rememberColor(color);
    await this.#update(id, { color }, 'The color could not be changed.');
  }

  async setTags(id: string, tags: string[]): Promise<void> {
    await this.#update(id, { tags }, 'The tags could not be saved.');
  }

  /** A highlight's note as the reader sees it: the draft being typed, else the saved one. */
  noteOf(id: string): string {
    return this.#draftOf(id) ?? this.highlights.find((h) => h.id === id)?.note ?? '';
  }

  /** The article note as the reader sees it. */
  get articleNoteText(): string {
    return this.#draftOf(ARTICLE_NOTE) ?? this.articleNote?.note ?? '';
  }

  /** Whether anything typed or changed has not reached main yet. */
  get pending(): boolean {
    return this.#drafts.pending || this.saving > 0;
  }

  /** The reader typed in a highlight's note: keep it, save it soon. */
  draftNote(id: string, note: string): void {
    if (this.articleId) this.#drafts.set(this.articleId, id, note);
  }

  /** The reader typed in the article note: keep it, save it soon. */
  draftArticleNote(note: string): void {
    if (this.articleId) this.#drafts.set(this.articleId, ARTICLE_NOTE, note);
  }

  /** Save a highlight's (or, with no id, the article's) pending note now. */
  async flushNote(id: string = ARTICLE_NOTE): Promise<void> {
    if (this.articleId) await this.#drafts.flush(this.articleId, id);
  }

  /** Save every pending note (of any article) now. */
  flushAll(): Promise<void> {
    return this.#drafts.flushAll();
  }

  /** Delete a highlight; resolves to it (for Undo), or null if that failed. */
  async remove(id: string): Promise<Highlight | null> {
    const articleId = this.articleId;
    if (!articleId) return null;
    await this.#drafts.flush(articleId, id);
    this.saving++;
    try {
      const deleted = await this.bridge.deleteHighlight(articleId, id);
      if (articleId !== this.articleId) return deleted;
      this.highlights = this.highlights.filter((h) => h.id !== id);
      this.#anchors.delete(id);
      return deleted;
    } catch (cause) {
      this.#failed(`The highlight could not be deleted. ${errorMessage(cause)}`);
      return null;
    } finally {
      this.saving--;
      this.#derive();
    }
  }

  /** Undo a deletion. */
  async restore(articleId: string, id: string): Promise<Highlight | null> {
    this.saving++;
    try {
      const restored = await this.bridge.restoreHighlight(articleId, id);
      if (articleId !== this.articleId) return restored;
      this.highlights = [...this.highlights.filter((h) => h.id !== id), restored];
      this.#anchorOne(restored);
      return restored;
    } catch (cause) {
      this.#failed(`The highlight could not be restored. ${errorMessage(cause)}`);
      return null;
    } finally {
      this.saving--;
      this.#derive();
    }
  }

  async renameColor(color: HighlightColor, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed || trimmed === this.colorNames[color]) return;
    try {
      this.colorNames = await this.bridge.renameColor(color, trimmed);
    } catch (cause) {
      this.#failed(`The color could not be renamed. ${errorMessage(cause)}`);
    } finally {
      this.host.requestUpdate();
    }
  }

  // ------------------------------------------------------------------ internals

  async #loadColorNames(): Promise<void> {
    try {
      this.colorNames = await this.bridge.getColorNames();
      this.host.requestUpdate();
    } catch {
      // The defaults stay; loading the annotations reports a broken bridge.
    }
  }

  async #update(
    id: string,
    patch: { color?: HighlightColor; tags?: string[] },
    failure: string,
  ): Promise<void> {
    const articleId = this.articleId;
    if (!articleId) return;
    // Show the change at once; main's answer replaces it.
    const before = this.highlights.find((h) => h.id === id);
    if (!before) return;
    this.#replace({ ...before, ...patch });
    this.saving++;
    this.#derive();
    try {
      const updated = await this.bridge.updateHighlight(articleId, id, patch);
      if (articleId === this.articleId) this.#replace(updated);
    } catch (cause) {
      if (articleId === this.articleId) this.#replace(before);
      this.#failed(`${failure} ${errorMessage(cause)}`);
    } finally {
      this.saving--;
      this.#derive();
    }
  }

  #replace(highlight: Highlight): void {
    this.highlights = this.highlights.map((h) => (h.id === highlight.id ? highlight : h));
  }

  #draftOf(key: string): string | undefined {
    return this.articleId ? this.#drafts.get(this.articleId, key) : undefined;
  }

  /** Write one note through the bridge (for {@link NoteDrafts}); rejects when it was not saved. */
  async #writeNote({ articleId, key }: DraftRef, note: string): Promise<void> {
    const here = articleId === this.articleId;
    if (here) {
      const current = key === ARTICLE_NOTE ? (this.articleNote?.note ?? '') : this.highlights.find((h) => h.id === key)?.note;
      if (current === note) return;
      if (current === undefined && !this.loading) return; // the highlight is gone: nothing to attach it to
    }
    try {
      if (key === ARTICLE_NOTE) {
        const saved = await this.bridge.setArticleNote(articleId, note);
        if (articleId === this.articleId) this.articleNote = saved;
      } else {
        const saved = await this.bridge.updateHighlight(articleId, key, { note });
        if (articleId === this.articleId) this.#replace(saved);
      }
      this.saveError = null;
    } catch (cause) {
      if (cause instanceof LecternError && cause.code === 'not-found') return; // deleted elsewhere
      this.#failed(`Your note could not be saved; it is kept and will be saved again. ${errorMessage(cause)}`);
      throw cause;
    }
  }

  /** Drafts left in localStorage by a window that closed before they were saved: save them now. */
  #recoverDrafts(articleId: string): void {
    for (const { key, note } of this.#drafts.stored(articleId)) {
      if (key !== ARTICLE_NOTE && !this.highlights.some((h) => h.id === key)) {
        this.#drafts.discard(articleId, key);
        continue;
      }
      this.#drafts.set(articleId, key, note);
      void this.#drafts.flush(articleId, key);
    }
  }

  /**
   * Notes main kept (drafts.json) that are newer than the saved ones — typed in a
   * window that closed or crashed before saving: shown and saved now, unless this
   * page holds a draft of that note itself (it is newer still).
   */
  async #adoptMainDrafts(articleId: string): Promise<void> {
    let drafts: Awaited<ReturnType<AnnotationsBridge['listDrafts']>>;
    try {
      drafts = await this.bridge.listDrafts(articleId);
    } catch {
      return; // localStorage and the saved notes still stand
    }
    if (articleId !== this.articleId) return;
    for (const { target, text } of drafts) {
      if (this.#drafts.get(articleId, target) !== undefined) continue;
      if (target !== ARTICLE_NOTE && !this.highlights.some((h) => h.id === target)) continue;
      this.#drafts.set(articleId, target, text);
      void this.#drafts.flush(articleId, target);
    }
  }

  #anchorAll(): void {
    if (this.#text === null || this.#textFor !== this.articleId) return;
    const pending = this.highlights.filter((h) => !this.#anchors.has(h.id));
    const results = anchorAll(
      this.#text,
      pending.map((h) => h.target),
    );
    pending.forEach((h, i) => {
      const found = results[i];
      this.#anchors.set(h.id, found ? { start: found.start, end: found.end } : null);
    });
  }

  #anchorOne(highlight: Highlight): void {
    if (this.#text === null || this.#textFor !== this.articleId) return;
    const found = anchor(this.#text, highlight.target);
    this.#anchors.set(highlight.id, found ? { start: found.start, end: found.end } : null);
  }

  /** Rebuild the placed and orphan lists from the highlights and anchors, and re-render. */
  #derive(): void {
    const placed: PlacedHighlight[] = [];
    const orphans: Highlight[] = [];
    const known = this.#text !== null && this.#textFor === this.articleId;
    for (const stored of this.highlights) {
      const draft = this.#draftOf(stored.id);
      const highlight = draft === undefined ? stored : { ...stored, note: draft };
      const at = this.#anchors.get(highlight.id);
      if (at) placed.push({ highlight, start: at.start, end: at.end });
      else if (known && at === null) orphans.push(highlight);
    }
    placed.sort((a, b) => a.start - b.start || a.end - b.end);
    orphans.sort((a, b) => a.target.position.start - b.target.position.start);
    this.placed = placed;
    this.orphans = orphans;
    this.host.requestUpdate();
  }

  #failed(message: string): void {
    this.saveError = message;
    this.onError(message);
  }

  #flushOnHide = (event: Event) => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') void this.flushAll();
  };
}
