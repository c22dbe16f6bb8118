/**
 * `<library>/drafts.json`: notes as the reader types them, until they are saved
 * (ARCHITECTURE.md §3, §4). The page sends a draft ~100 ms after a keystroke; main
 * keeps it in memory at once and writes the file at most {@link DRAFT_WRITE_DELAY_MS}
 * ms later (coalesced: one atomic write for many keystrokes), so a note typed up to
 * a crash of the page is in main, and one typed up to a crash of the whole app is on
 * disk but for the last ~200 ms.
 *
 * ```json
 * { "format": 1, "drafts": [ { "articleId": "…", "target": "article" | "<highlight id>", "text": "…", "at": "…" } ] }
 * ```
 *
 * A draft goes when its note is saved ({@link DraftStore.saved}; only drafts put
 * before the save began: a keystroke racing the save is kept, stamped after it). A draft left by a
 * window that closed or crashed is *newer* than its note when its text differs and it
 * was put after the note last changed; such drafts are answered by
 * {@link DraftStore.pending} (the page adopts and saves them) and applied by
 * {@link DraftStore.recover} when the app starts. Older ones, and ones whose highlight
 * is gone, are dropped. The file is read through json-file.ts: versioned, checked
 * with its schema, quarantined when it does not parse.
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import { ArticleIdSchema, MAX_NOTE_BYTES, Timestamp, type ArticleNote, type Highlight } from '../../common/model';
import { DraftTargetSchema, type Draft } from '../../common/ipc';
import { checkId } from './article-id';
import { writeFileAtomic } from './atomic';
import { checkWritable, readOnlyReason } from './opens';
import { LibraryError, errorCode } from './errors';
import { judgeJson, readJsonFile, type JsonFileKind, type JsonFileSpec } from './json-file';
import { toJson } from './layout';
import type { AnnotationService } from './services';

export const DRAFTS_FILE = 'drafts.json';
export const DRAFTS_FORMAT = 1;
/** How long after a draft arrives the file is written (every draft arriving meanwhile goes in the same write). */
export const DRAFT_WRITE_DELAY_MS = 100;
/** At most this many unsaved notes are kept; a page never has more than a few. */
export const MAX_DRAFTS = 1_000;
/** The target of an article's own note. */
export const ARTICLE_NOTE_TARGET = 'article';

const StoredDraftSchema = v.strictObject({
  articleId: ArticleIdSchema,
  target: DraftTargetSchema,
  text: v.string(),
  at: Timestamp,
});
export const DraftsFileSchema = v.looseObject({
  format: v.literal(DRAFTS_FORMAT),
  drafts: v.pipe(v.array(StoredDraftSchema), v.maxLength(MAX_DRAFTS)),
});
export type DraftsFile = v.InferOutput<typeof DraftsFileSchema>;
type StoredDraft = v.InferOutput<typeof StoredDraftSchema>;

const DRAFTS_JSON: JsonFileKind<typeof DraftsFileSchema> = {
  name: DRAFTS_FILE,
  schema: DraftsFileSchema,
  schemaName: 'drafts',
  format: { newest: DRAFTS_FORMAT, update: 'Update Lectern to use these drafts.' },
};

/**
 * Whether a draft should replace the saved note: its text differs and it was typed
 * after (or in the same millisecond as) the note last changed. With no saved note (`null`: the article has none yet)
 * any non-empty draft is newer.
 */
export function draftIsNewer(draft: { text: string; at: string }, saved: { note: string; modified: string } | null): boolean {
  if (saved === null) return draft.text !== '';
  if (draft.text === saved.note) return false;
  // The same millisecond counts as after: a change to a highlight re-stamps its draft
  // (DraftStore.touched) right after writing, and a lost draft is the worse mistake.
  return Date.parse(draft.at) >= Date.parse(saved.modified);
}

/** What main's drafts answer the bridge (main/handlers.ts). */
export interface DraftService {
  put(articleId: string, target: string, text: string): Promise<void>;
  /** Drafts of an article that are newer than its saved notes (older ones are dropped). */
  pending(articleId: string): Promise<Draft[]>;
  /** A point in the order of drafts: taken when a save of a note begins. */
  mark(): number;
  /** The note of `target` was saved (or its highlight deleted): drafts put up to `mark` are done. */
  saved(articleId: string, target: string, mark: number): void;
  /** The highlight changed otherwise (color, tags): a draft of its note stays newer than it. */
  touched(articleId: string, target: string): void;
}

export interface DraftStoreOptions {
  now?: () => Date;
  /** Default {@link DRAFT_WRITE_DELAY_MS}. */
  writeDelayMs?: number;
  /** How the file is written; writeFileAtomic unless a test counts or fails writes. */
  write?: (path: string, data: string) => Promise<void>;
  /** Told of a write or clean-up that failed (the draft stays in memory and is written again). */
  log?: (message: string) => void;
}

interface Entry extends StoredDraft {
  /** Order of arrival in this process (0: read from the file). */
  seq: number;
}

type Notes = Pick<AnnotationService, 'list' | 'update' | 'setArticleNote'>;

const keyOf = (articleId: string, target: string) => `${articleId}\n${target}`;

export class DraftStore implements DraftService {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly path: string;
  readonly #spec: JsonFileSpec<DraftsFile>;
  readonly #now: () => Date;
  readonly #delay: number;
  readonly #write: (path: string, data: string) => Promise<void>;
  readonly #log: (message: string) => void;
  readonly #entries = new Map<string, Entry>();
  #loaded: Promise<void> | undefined;
  #seq = 0;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> | null = null;

  constructor(
    dir: string,
    private readonly notes: Notes,
    options: DraftStoreOptions = {},
  ) {
    this.dir = resolve(dir);
    this.path = resolve(this.dir, DRAFTS_FILE);
    this.#now = options.now ?? (() => new Date());
    this.#delay = options.writeDelayMs ?? DRAFT_WRITE_DELAY_MS;
    this.#write = options.write ?? ((path, data) => writeFileAtomic(path, data));
    this.#log = options.log ?? (() => {});
    this.#spec = {
      dir: this.dir,
      file: DRAFTS_FILE,
      quarantineName: DRAFTS_FILE,
      judge: (raw) => judgeJson(DRAFTS_JSON, this.path, raw),
      empty: () => ({ format: DRAFTS_FORMAT, drafts: [] }),
      now: this.#now,
    };
  }

  /** Keep what the reader typed; on disk within {@link DRAFT_WRITE_DELAY_MS} ms. */
  async put(articleId: string, target: string, text: string): Promise<void> {
    checkId(articleId);
    checkWritable(this.dir);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_NOTE_BYTES) {
      throw new LibraryError('too-large', `The note is ${bytes} bytes; a note may be at most ${MAX_NOTE_BYTES} bytes`);
    }
    // Stamped and ordered on arrival, before anything is awaited: a save that begins
    // after this call began after this draft (see saved()).
    const entry: Entry = { articleId, target, text, at: this.#now().toISOString(), seq: ++this.#seq };
    await this.#load();
    const key = keyOf(articleId, target);
    const old = this.#entries.get(key);
    if (old && old.seq > entry.seq) return;
    if (!old && this.#entries.size >= MAX_DRAFTS) {
      throw new LibraryError('too-large', `More than ${MAX_DRAFTS} unsaved notes; save or close some first`);
    }
    this.#entries.set(key, entry);
    this.#changed();
  }

  mark(): number {
    return this.#seq;
  }

  saved(articleId: string, target: string, mark: number): void {
    this.#after('clearing a saved draft', () => {
      const key = keyOf(articleId, target);
      const entry = this.#entries.get(key);
      if (!entry) return;
      if (entry.seq <= mark) this.#entries.delete(key);
      // A keystroke that raced the save is newer than the note just written.
      else entry.at = this.#now().toISOString();
      this.#changed();
    });
  }

  touched(articleId: string, target: string): void {
    this.#after('keeping a draft newer than its highlight', () => {
      const entry = this.#entries.get(keyOf(articleId, target));
      if (entry) {
        entry.at = this.#now().toISOString();
        this.#changed();
      }
    });
  }

  /** Every draft kept, oldest first (for tests and recovery). */
  async all(): Promise<StoredDraft[]> {
    await this.#load();
    return [...this.#entries.values()].sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...draft }) => draft);
  }

  async pending(articleId: string): Promise<Draft[]> {
    checkId(articleId);
    await this.#load();
    const mine = [...this.#entries.values()].filter((e) => e.articleId === articleId);
    if (mine.length === 0) return [];
    let saved: { highlights: Highlight[]; articleNote: ArticleNote | null };
    try {
      saved = await this.notes.list(articleId);
    } catch (error) {
      // A trashed article may come back: its drafts wait for it.
      if (errorCode(error) === 'not-found') return [];
      throw error;
    }
    const newer: Draft[] = [];
    for (const entry of mine) {
      const note =
        entry.target === ARTICLE_NOTE_TARGET ? saved.articleNote : saved.highlights.find((h) => h.id === entry.target);
      // A draft of a highlight that is gone has nothing to belong to.
      if (note !== undefined && draftIsNewer(entry, note)) {
        newer.push({ target: entry.target, text: entry.text, at: entry.at });
      } else if (this.#entries.get(keyOf(entry.articleId, entry.target)) === entry) {
        this.#entries.delete(keyOf(entry.articleId, entry.target));
        this.#changed();
      }
    }
    return newer;
  }

  /**
   * At start-up, before any window: every draft newer than its note becomes the note
   * (older ones are dropped). A draft that cannot be applied (the write fails) is kept
   * for the next start. Answers how many were applied (and to which articles) and kept.
   */
  async recover(): Promise<{ applied: number; kept: number; articles: string[] }> {
    const articles = new Set((await this.all()).map((d) => d.articleId));
    const changed = new Set<string>();
    let applied = 0;
    let kept = 0;
    for (const articleId of articles) {
      let drafts: Draft[];
      try {
        drafts = await this.pending(articleId);
      } catch (error) {
        this.#log(`drafts of ${articleId} could not be checked: ${String(error)}`);
        kept++;
        continue;
      }
      for (const draft of drafts) {
        const mark = this.mark();
        try {
          if (draft.target === ARTICLE_NOTE_TARGET) await this.notes.setArticleNote(articleId, draft.text);
          else await this.notes.update({ articleId, id: draft.target, patch: { note: draft.text } });
          this.saved(articleId, draft.target, mark);
          changed.add(articleId);
          applied++;
        } catch (error) {
          this.#log(`an unsaved note of ${articleId} could not be applied; it is kept: ${String(error)}`);
          kept++;
        }
      }
    }
    await this.flush();
    return { applied, kept, articles: [...changed] };
  }

  /** Write what is not on disk yet, now; resolves when it is (rejects when the write failed). */
  async flush(): Promise<void> {
    if (!this.#loaded) return;
    await this.#loaded;
    if (this.#writing) await this.#writing.catch(() => undefined);
    if (this.#dirty) await this.#startWrite();
  }

  // ------------------------------------------------------------------ internals

  #load(): Promise<void> {
    this.#loaded ??= readJsonFile(this.#spec).then((file) => {
      for (const draft of file.drafts) {
        const key = keyOf(draft.articleId, draft.target);
        if (!this.#entries.has(key)) this.#entries.set(key, { ...draft, seq: 0 });
      }
    });
    return this.#loaded;
  }

  /** Run `change` once the file is read; a failure is logged (these are never the user's call). */
  #after(what: string, change: () => void): void {
    this.#load().then(change, (error: unknown) => this.#log(`${what} failed: ${String(error)}`));
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#timer || this.#writing) return; // the write under way writes again when it ends
    this.#timer = setTimeout(() => {
      this.#startWrite().catch((error: unknown) =>
        this.#log(`unsaved notes could not be written to ${DRAFTS_FILE}; they are kept in memory: ${String(error)}`),
      );
    }, this.#delay);
  }

  #startWrite(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    // A read-only Lectern writes nothing in the library (ARCHITECTURE.md §3).
    if (readOnlyReason(this.dir) !== undefined) return Promise.resolve();
    if (!this.#writing && this.#dirty) this.#writing = this.#writeLoop();
    return this.#writing ?? Promise.resolve();
  }

  /** Writes until nothing is left; started only when something is (so it awaits before it ends). */
  async #writeLoop(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        const file: DraftsFile = {
          format: DRAFTS_FORMAT,
          drafts: [...this.#entries.values()].sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...draft }) => draft),
        };
        try {
          await this.#write(this.path, toJson(file));
        } catch (error) {
          this.#dirty = true;
          throw error;
        }
      }
    } finally {
      // In the same step as the last check of #dirty: a change after it starts a new write.
      this.#writing = null;
    }
  }
}
