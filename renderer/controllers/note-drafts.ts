/**
 * Notes as they are typed, until main has saved them.
 *
 * Every keystroke replaces the draft — in memory and, synchronously, in
 * localStorage — sends it to main at most {@link DRAFT_SEND_DELAY_MS} ms later (main
 * keeps it in the library's drafts.json until the note is saved, ARCHITECTURE.md §3),
 * and schedules a write {@link NOTE_SAVE_DELAY_MS} ms later; a flush writes at once
 * (and a draft whose write failed is sent to main again). Writes of one note run one
 * after another (never two at once, never out of order). A draft leaves memory and localStorage only when the text main
 * saved is still the text on screen; a failed write keeps it for the next flush.
 * A draft carries its article, so switching articles never drops or misfiles one,
 * and one left in localStorage by a window that closed first is found again with
 * {@link NoteDrafts.stored}.
 */

/** How long after the last keystroke a note is saved. */
export const NOTE_SAVE_DELAY_MS = 500;
/** At most this long after a keystroke, the draft is in main (also while the reader keeps typing). */
export const DRAFT_SEND_DELAY_MS = 100;

/** Which note: a highlight's (its id) or the article's ({@link ARTICLE_NOTE}). */
export interface DraftRef {
  articleId: string;
  key: string;
}

/** The key of an article's own note (highlight ids are UUIDs, so they never clash). */
export const ARTICLE_NOTE = 'article';

const PREFIX = 'lectern:draft:';
const storageKey = ({ articleId, key }: DraftRef) => `${PREFIX}${articleId}:${key}`;
const mapKey = ({ articleId, key }: DraftRef) => `${articleId}\n${key}`;

/** Saves `note`; rejects when it was not saved (the draft is then kept). */
export type WriteNote = (ref: DraftRef, note: string) => Promise<void>;
/** Hands a draft to main (drafts:put); a failure is ignored (localStorage and the save still have it). */
export type SendDraft = (ref: DraftRef, note: string) => Promise<unknown>;

interface Draft extends DraftRef {
  note: string;
  timer: ReturnType<typeof setTimeout> | null;
  /** The pending send to main (a max-wait: keystrokes meanwhile ride along). */
  sendTimer: ReturnType<typeof setTimeout> | null;
}

function defaultStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class NoteDrafts {
  #drafts = new Map<string, Draft>();
  #chains = new Map<string, Promise<void>>();

  constructor(
    private readonly write: WriteNote,
    /** Told whenever a draft appears or goes. */
    private readonly onChange: () => void = () => {},
    private readonly delay = NOTE_SAVE_DELAY_MS,
    private readonly storage: () => Storage | null = defaultStorage,
    private readonly send: SendDraft = async () => {},
    private readonly sendDelay = DRAFT_SEND_DELAY_MS,
  ) {}

  /** The draft of a note, if one is waiting to be saved. */
  get(articleId: string, key: string): string | undefined {
    return this.#drafts.get(mapKey({ articleId, key }))?.note;
  }

  /** Whether anything typed has not been saved yet. */
  get pending(): boolean {
    return this.#drafts.size > 0 || this.#chains.size > 0;
  }

  /** The reader typed: keep it now, save it soon. */
  set(articleId: string, key: string, note: string): void {
    const ref = { articleId, key };
    const id = mapKey(ref);
    const draft = this.#drafts.get(id) ?? { articleId, key, note, timer: null, sendTimer: null };
    draft.note = note;
    if (draft.timer) clearTimeout(draft.timer);
    draft.timer = setTimeout(() => void this.flush(articleId, key), this.delay);
    draft.sendTimer ??= setTimeout(() => this.#sendNow(id), this.sendDelay);
    this.#drafts.set(id, draft);
    try {
      this.storage()?.setItem(storageKey(ref), note);
    } catch {
      // Storage full: the draft in memory is still saved in a moment.
    }
    this.onChange();
  }

  /** Save one note now (after any write of it already on its way). */
  flush(articleId: string, key: string): Promise<void> {
    const id = mapKey({ articleId, key });
    const draft = this.#drafts.get(id);
    if (draft?.timer) {
      clearTimeout(draft.timer);
      draft.timer = null;
    }
    // The save carries the latest text; a send after it would only repeat it.
    if (draft?.sendTimer) {
      clearTimeout(draft.sendTimer);
      draft.sendTimer = null;
    }
    const next = (this.#chains.get(id) ?? Promise.resolve()).then(() => this.#writeLatest(id));
    this.#chains.set(id, next);
    void next.finally(() => {
      if (this.#chains.get(id) !== next) return;
      this.#chains.delete(id);
      this.onChange(); // no longer pending: "Saving…" goes
    });
    return next;
  }

  /** Save every note now. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.#drafts.values()].map((d) => this.flush(d.articleId, d.key)));
  }

  /** Drafts of an article's notes left in localStorage (by this window or one that closed before saving). */
  stored(articleId: string): { key: string; note: string }[] {
    const store = this.storage();
    if (!store) return [];
    const prefix = storageKey({ articleId, key: '' });
    const found: { key: string; note: string }[] = [];
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (name?.startsWith(prefix)) found.push({ key: name.slice(prefix.length), note: store.getItem(name) ?? '' });
    }
    return found;
  }

  /** Forget a draft without saving it (its highlight is gone). */
  discard(articleId: string, key: string): void {
    const id = mapKey({ articleId, key });
    const draft = this.#drafts.get(id);
    if (draft?.timer) clearTimeout(draft.timer);
    if (draft?.sendTimer) clearTimeout(draft.sendTimer);
    this.#drafts.delete(id);
    this.storage()?.removeItem(storageKey({ articleId, key }));
    this.onChange();
  }

  /** Hand the draft's latest text to main now. */
  #sendNow(id: string): void {
    const draft = this.#drafts.get(id);
    if (!draft) return;
    if (draft.sendTimer) clearTimeout(draft.sendTimer);
    draft.sendTimer = null;
    const { articleId, key, note } = draft;
    void Promise.resolve()
      .then(() => this.send({ articleId, key }, note))
      .catch(() => undefined);
  }

  async #writeLatest(id: string): Promise<void> {
    const draft = this.#drafts.get(id);
    if (!draft) return;
    const { note } = draft;
    try {
      await this.write(draft, note);
    } catch {
      this.#sendNow(id); // kept for the next flush, and in main meanwhile
      return;
    }
    // Typed more meanwhile? Then that is still a draft.
    const now = this.#drafts.get(id);
    if (now && now.note === note && !now.timer) {
      this.#drafts.delete(id);
      this.storage()?.removeItem(storageKey(now));
    } else if (!now) {
      this.storage()?.removeItem(storageKey(draft));
    }
    this.onChange();
  }
}
