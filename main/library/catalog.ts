/**
 * The catalog of the library (ARCHITECTURE.md §3): `<library>/.index/catalog-v1.sqlite`,
 * one row per article with its row of the library view (the ArticleSummary as JSON),
 * the keys the sorts, filters and type-to-find use, and the fingerprint of its
 * article.json (size, mtime, ctime, inode) the reconcile compares with the disk.
 *
 * A cache only, like the search snapshot: a file that does not open, is not a Lectern
 * catalog (application_id), has another schema version (user_version) or was built
 * with another collation is deleted and rebuilt from the article folders, the reason
 * logged; one found damaged later is too. When the file cannot be written (a read-only
 * library, a full disk, an unwritable `.index/`) the catalog lives in memory.
 *
 * Order: SQLite cannot compare with `localeCompare`, so titles carry ranks computed in
 * JS with the listing's collators (title-ranks.ts); every sort is then an index walk
 * that gives exactly the order of `sortAndFilter` (listing.ts), tie-breaks included.
 *
 * Over 400 lines and still one idea: the catalog's table and every statement on it
 * (open/rebuild, windows, type-to-find, tags, upserts, rank renumbering); the title
 * ranks' arithmetic is in title-ranks.ts and the check against the folders in reconcile.ts.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleSummary, LibraryFilter, LibrarySort } from '../../common/model';
import { isCorruption, openDatabase, type Database, type Statement } from '../search/sqlite';
import { FINISHED, STARTED, type ListOptions } from './listing';
import { assignRanks, TitleRanks } from './title-ranks';

/** The catalog's file name in `<library>/.index/`. */
export const CATALOG_FILE = 'catalog-v1.sqlite';
/** Bump when the tables or the keys change: an older catalog is then rebuilt. */
export const CATALOG_VERSION = 1;
/** `PRAGMA application_id` of a catalog ("LCT1"): any other SQLite file is not one. */
export const CATALOG_APPLICATION_ID = 0x4c435431;

/** What identifies one version of an article.json on disk. */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A row to store: the summary and the fingerprint of the article.json it was read from (null: unknown). */
export interface CatalogEntry {
  summary: ArticleSummary;
  fingerprint: Fingerprint | null;
}

/** A stored row's fingerprint, and whether it was taken long enough after the file's last change to be trusted. */
export interface StoredFingerprint extends Fingerprint {
  verified: boolean;
}

/** A fingerprint taken less than this after the file's mtime may miss a change in the same clock tick. */
export const RACY_MS = 2_000;

/** Whether a fingerprint taken now can be trusted to show the next change (the file's last change is not too recent). */
export function isVerified(fingerprint: Fingerprint | null, now = Date.now()): boolean {
  return fingerprint !== null && now - Math.max(fingerprint.mtimeMs, fingerprint.ctimeMs) > RACY_MS;
}

/** Titles as type-to-find compares them: no case, no accents, no leading spaces. */
export function foldTitle(title: string): string {
  return title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trimStart();
}

/** `String.prototype.localeCompare`'s order (the tie-break of every sort). */
const variant = new Intl.Collator();
/** The title sort's order: no case or accents, numbers by value. */
const base = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
/** The collation the ranks were computed with: another one (a new locale or ICU) means new ranks. */
const COLLATION = `${variant.resolvedOptions().locale}/icu ${process.versions.icu ?? '?'}/unicode ${process.versions.unicode ?? '?'}`;

/** Undated articles' publication key: after every date. */
const UNDATED = -1e300;

const fractionOf = (a: ArticleSummary) => a.progress?.fraction ?? 0;

/** 0 unread, 1 in progress, 2 finished (listing.ts's filters); 3 for a fraction none of them keeps. */
function stateOf(a: ArticleSummary): number {
  const f = fractionOf(a);
  if (f < STARTED) return 0;
  if (f >= STARTED && f < FINISHED) return 1;
  if (f >= FINISHED) return 2;
  return 3;
}

const STATES: Partial<Record<LibraryFilter, number>> = { unread: 0, 'in-progress': 1, finished: 2 };

const ORDER: Record<LibrarySort, string> = {
  saved: 'saved_ms DESC, title_rank, id',
  title: 'base_rank, saved_ms DESC, title_rank, id',
  published: 'pub_key DESC, saved_ms DESC, title_rank, id',
  progress: 'fraction DESC, saved_ms DESC, title_rank, id',
};
const SORTS = Object.keys(ORDER) as LibrarySort[];

const KEYS = 'saved_ms REAL NOT NULL, pub_key REAL NOT NULL, fraction REAL NOT NULL, title_rank REAL NOT NULL, base_rank REAL NOT NULL';

const CREATE = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(
  id TEXT NOT NULL UNIQUE,
  summary TEXT NOT NULL,
  title TEXT NOT NULL,
  folded TEXT NOT NULL,
  state INTEGER NOT NULL,
  ${KEYS},
  size INTEGER NOT NULL,
  mtime REAL NOT NULL,
  ctime REAL NOT NULL,
  ino REAL NOT NULL,
  verified INTEGER NOT NULL
);
CREATE TABLE tags(tag TEXT NOT NULL, id TEXT NOT NULL, spelling TEXT NOT NULL, ${KEYS}, PRIMARY KEY(tag, id)) WITHOUT ROWID;
CREATE INDEX tags_of ON tags(id);
${SORTS.map((sort) => `
CREATE INDEX all_${sort} ON articles(${ORDER[sort]});
CREATE INDEX state_${sort} ON articles(state, ${ORDER[sort]});
CREATE INDEX tag_${sort} ON tags(tag, ${ORDER[sort]});`).join('')}
`;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Delete a catalog file and its journal files (missing ones are fine). */
export function deleteCatalog(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

function create(db: Database): void {
  db.exec(`BEGIN; ${CREATE}; COMMIT;`);
  db.prepare(`INSERT INTO meta(key, value) VALUES ('collation', ?)`).run(COLLATION);
  db.exec(`PRAGMA application_id = ${CATALOG_APPLICATION_ID}; PRAGMA user_version = ${CATALOG_VERSION};`);
}

/**
 * The catalog file at `path`, checked; created empty when absent. Throws (the caller
 * deletes it and tries once more) when it is not a current Lectern catalog.
 */
function openFile(path: string, sqliteModule?: string): { db: Database; fresh: boolean } {
  const db = openDatabase(path, sqliteModule);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const id = db.prepare('PRAGMA application_id').pluck().get() as number;
    const version = db.prepare('PRAGMA user_version').pluck().get() as number;
    const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
    if (id === 0 && version === 0 && objects === 0) {
      create(db);
      return { db, fresh: true };
    }
    if (id !== CATALOG_APPLICATION_ID) throw new Error('the file is not a Lectern catalog (another application_id)');
    if (version !== CATALOG_VERSION) throw new Error(`the catalog has schema version ${version}, not ${CATALOG_VERSION}`);
    const collation = db.prepare(`SELECT value FROM meta WHERE key = 'collation'`).pluck().get();
    if (collation !== COLLATION) throw new Error(`its title order was computed for ${JSON.stringify(collation ?? null)}, not ${COLLATION}`);
    return { db, fresh: false };
  } catch (error) {
    db.close();
    throw error;
  }
}

function openMemory(sqliteModule?: string): Database {
  const db = openDatabase(':memory:', sqliteModule);
  create(db);
  return db;
}

export interface CatalogOpenOptions {
  /** Where the file is; null keeps the catalog in memory (a read-only library). */
  path: string | null;
  log: (message: string) => void;
  /** The SQLite module (tests name a missing one). */
  sqliteModule?: string;
  /** The catalog was found damaged while in use and was started again empty: everything must be read again. */
  onReset?: () => void;
  /** `PRAGMA max_page_count` of the file (tests: a disk that fills up). */
  maxPageCount?: number;
}

export class Catalog {
  readonly #options: CatalogOpenOptions;
  #db!: Database;
  /** The file, or null while in memory. */
  #path: string | null;
  /** Whether the catalog started empty (no file, or it was rebuilt). */
  readonly fresh: boolean;
  #statements = new Map<string, Statement>();
  #titleRanks: TitleRanks | null = null;
  #baseRanks: TitleRanks | null = null;
  #counts = new Map<string, number>();
  /** The sorted tag list, until a tag changes. */
  #tags: string[] | null = null;
  #spellings: Map<string, Map<string, number>> | null = null;
  #orderedCache: { key: string; ids: string[]; folded: string[] } | null = null;

  private constructor(options: CatalogOpenOptions, db: Database, path: string | null, fresh: boolean) {
    this.#options = options;
    this.#db = db;
    this.#path = path;
    this.fresh = fresh;
  }

  /** Open (or create, or rebuild) the catalog; never throws for a bad or unwritable file: it then lives in memory. */
  static open(options: CatalogOpenOptions): Catalog {
    const { path, log, sqliteModule } = options;
    if (path === null) return new Catalog(options, openMemory(sqliteModule), null, true);
    try {
      mkdirSync(dirname(path), { recursive: true });
      try {
        const { db, fresh } = openFile(path, sqliteModule);
        if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`);
        return new Catalog(options, db, path, fresh);
      } catch (error) {
        log(`library: the catalog ${path} cannot be used (${reasonOf(error)}); rebuilding it from the article folders`);
        deleteCatalog(path);
        return new Catalog(options, openFile(path, sqliteModule).db, path, true);
      }
    } catch (error) {
      log(`library: the catalog ${path} cannot be written (${reasonOf(error)}); keeping it in memory`);
      return new Catalog(options, openMemory(sqliteModule), null, true);
    }
  }

  /** The file the catalog is in, or null while it is kept in memory. */
  get path(): string | null {
    return this.#path;
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.open) this.#db.close();
  }

  // ---------------------------------------------------------------- reading

  /** How many rows. */
  get size(): number {
    return this.#read(() => this.#count({}));
  }

  /** Every row's fingerprint, by id. */
  fingerprints(): Map<string, StoredFingerprint> {
    return this.#read(() => {
      const out = new Map<string, StoredFingerprint>();
      const rows = this.#statement('SELECT id, size, mtime, ctime, ino, verified FROM articles').raw().all() as [string, number, number, number, number, number][];
      for (const [id, size, mtimeMs, ctimeMs, ino, verified] of rows) out.set(id, { size, mtimeMs, ctimeMs, ino, verified: verified === 1 });
      return out;
    });
  }

  /** The ids of every row. */
  ids(): string[] {
    return this.#read(() => this.#statement('SELECT id FROM articles').pluck().all() as string[]);
  }

  /** One row, or undefined. */
  get(id: string): ArticleSummary | undefined {
    return this.#read(() => {
      const json = this.#statement('SELECT summary FROM articles WHERE id = ?').pluck().get(id) as string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as ArticleSummary);
    });
  }

  /** The rows from `offset` (at most `limit`) of the ordered, filtered listing, and how many it has. */
  window(options: ListOptions, offset: number, limit: number): { articles: ArticleSummary[]; total: number } {
    return this.#read(() => {
      const total = this.#count(options);
      if (limit <= 0 || offset >= total) return { articles: [], total };
      // The ids from the sort's index alone (the offset is walked there), then their rows.
      const { sql, params } = this.#query(options, 'id');
      const ids = this.#statement(`${sql} LIMIT ? OFFSET ?`).pluck().all(...params, limit, offset) as string[];
      const row = this.#statement('SELECT summary FROM articles WHERE id = ?').pluck();
      const articles: ArticleSummary[] = [];
      for (const id of ids) {
        const json = row.get(id) as string | undefined;
        if (json !== undefined) articles.push(JSON.parse(json) as ArticleSummary);
      }
      return { articles, total };
    });
  }

  /** The whole ordered, filtered listing. */
  all(options: ListOptions = {}): ArticleSummary[] {
    return this.#read(() => {
      const { sql, params } = this.#query(options, 'id');
      const summaries = new Map(
        (this.#statement('SELECT id, summary FROM articles').raw().all() as [string, string][]),
      );
      return (this.#statement(sql).pluck().all(...params) as string[]).map((id) => JSON.parse(summaries.get(id)!) as ArticleSummary);
    });
  }

  /** The position of the article `id` in the ordered, filtered listing, or null. */
  locateId(options: ListOptions, id: string): number | null {
    return this.#read(() => {
      const at = this.#ordered(options).ids.indexOf(id);
      return at === -1 ? null : at;
    });
  }

  /** The first position at or after `from` (wrapping around) whose folded title starts with `prefix` folded, or null. */
  locateTitle(options: ListOptions, prefix: string, from: number): number | null {
    return this.#read(() => {
      const { folded } = this.#ordered(options);
      const wanted = foldTitle(prefix);
      const n = folded.length;
      const start = n === 0 ? 0 : ((Math.trunc(from) % n) + n) % n;
      for (let k = 0; k < n; k++) {
        const at = (start + k) % n;
        if (folded[at]!.startsWith(wanted)) return at;
      }
      return null;
    });
  }

  /** Every article tag, each once (the spelling most articles use), sorted. */
  tags(): string[] {
    return this.#read(() => {
      if (!this.#tags) {
        const spellings = this.#tagSpellings();
        const names: string[] = [];
        for (const uses of spellings.values()) {
          let best: [string, number] | undefined;
          for (const entry of uses) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
          if (best) names.push(best[0]);
        }
        this.#tags = names.sort((a, b) => a.localeCompare(b));
      }
      return [...this.#tags];
    });
  }

  // ---------------------------------------------------------------- writing

  /** Add or replace rows (one transaction). */
  upsert(entries: readonly CatalogEntry[]): void {
    if (entries.length === 0) return;
    this.#write(() => {
      // A row keeping its title keeps its ranks (most writes: progress, tags, read), so the
      // titles are loaded only for a new title; new titles first, as they may number all again.
      const stored = this.#statement('SELECT title FROM articles WHERE id = ?').pluck();
      const renamed = entries.filter((entry) => stored.get(entry.summary.id) !== entry.summary.title);
      const ranks = this.#ranksFor(renamed.map((entry) => entry.summary.title));
      const storedRanks = this.#statement('SELECT title_rank, base_rank FROM articles WHERE id = ?').raw();
      for (const { summary } of entries) {
        if (ranks.has(summary.title)) continue;
        const kept = storedRanks.get(summary.id) as [number, number] | undefined;
        if (kept) ranks.set(summary.title, kept);
      }
      const now = Date.now();
      const removeTags = this.#statement('DELETE FROM tags WHERE id = ?');
      const put = this.#statement(`INSERT INTO articles(id, summary, title, folded, state, saved_ms, pub_key, fraction, title_rank, base_rank, size, mtime, ctime, ino, verified)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET summary = excluded.summary, title = excluded.title, folded = excluded.folded, state = excluded.state,
          saved_ms = excluded.saved_ms, pub_key = excluded.pub_key, fraction = excluded.fraction, title_rank = excluded.title_rank,
          base_rank = excluded.base_rank, size = excluded.size, mtime = excluded.mtime, ctime = excluded.ctime, ino = excluded.ino,
          verified = excluded.verified`);
      const putTag = this.#statement(
        'INSERT OR IGNORE INTO tags(tag, id, spelling, saved_ms, pub_key, fraction, title_rank, base_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      this.#db.transaction(() => {
        for (const { summary, fingerprint } of entries) {
          const [titleRank, baseRank] = ranks.get(summary.title)!;
          const savedMs = Date.parse(summary.savedAt) || 0;
          const published = summary.publishedAt ? Date.parse(summary.publishedAt) : Number.NaN;
          const pubKey = Number.isNaN(published) ? UNDATED : published;
          const fraction = fractionOf(summary);
          const fp = fingerprint ?? { size: -1, mtimeMs: 0, ctimeMs: 0, ino: 0 };
          const verified = isVerified(fingerprint, now) ? 1 : 0;
          put.run(summary.id, JSON.stringify(summary), summary.title, foldTitle(summary.title), stateOf(summary), savedMs, pubKey, fraction,
            titleRank, baseRank, fp.size, fp.mtimeMs, fp.ctimeMs, fp.ino, verified);
          if (this.#forgetTags(summary.id) || summary.tags.length > 0) this.#tags = null;
          removeTags.run(summary.id);
          this.#countTags(summary.tags);
          for (const tag of summary.tags) putTag.run(tag.toLowerCase(), summary.id, tag, savedMs, pubKey, fraction, titleRank, baseRank);
        }
      })();
    });
  }

  /** Remove rows (one transaction); ids without a row are fine. */
  remove(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.#write(() => {
      const removeRow = this.#statement('DELETE FROM articles WHERE id = ?');
      const removeTags = this.#statement('DELETE FROM tags WHERE id = ?');
      this.#db.transaction(() => {
        for (const id of ids) {
          if (this.#forgetTags(id)) this.#tags = null;
          removeRow.run(id);
          removeTags.run(id);
        }
      })();
    });
  }

  // ---------------------------------------------------------------- inside

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** SELECT `column` (id or folded) of the ordered, filtered listing, walking the sort's index. */
  #query(options: ListOptions, column: 'id' | 'folded'): { sql: string; params: (string | number)[] } {
    const sort = options.sort ?? 'saved';
    const filter = options.filter ?? 'all';
    if (filter === 'tag') {
      const what = column === 'id' ? 'id' : '(SELECT folded FROM articles a WHERE a.id = t.id)';
      return {
        sql: `SELECT ${what} FROM tags t INDEXED BY tag_${sort} WHERE tag = ? ORDER BY ${ORDER[sort]}`,
        params: [(options.tag ?? '').trim().toLowerCase()],
      };
    }
    const state = STATES[filter];
    if (state === undefined) return { sql: `SELECT ${column} FROM articles INDEXED BY all_${sort} ORDER BY ${ORDER[sort]}`, params: [] };
    return { sql: `SELECT ${column} FROM articles INDEXED BY state_${sort} WHERE state = ? ORDER BY ${ORDER[sort]}`, params: [state] };
  }

  /** The ids and folded titles of one ordered, filtered listing (type-to-find asks several times in a row: kept until a change). */
  #ordered(options: ListOptions): { ids: string[]; folded: string[] } {
    const key = JSON.stringify([options.sort ?? 'saved', options.filter ?? 'all', options.filter === 'tag' ? (options.tag ?? '').trim().toLowerCase() : '']);
    if (this.#orderedCache?.key === key) return this.#orderedCache;
    const ids = this.#statement(this.#query(options, 'id').sql).pluck().all(...this.#query(options, 'id').params) as string[];
    const foldedOf = new Map(this.#statement('SELECT id, folded FROM articles').raw().all() as [string, string][]);
    const folded = ids.map((id) => foldedOf.get(id) ?? '');
    this.#orderedCache = { key, ids, folded };
    return this.#orderedCache;
  }

  /** How many articles use each spelling of each tag (lower case → spelling → uses), read once and then kept up to date. */
  #tagSpellings(): Map<string, Map<string, number>> {
    if (!this.#spellings) {
      const spellings = new Map<string, Map<string, number>>();
      for (const [tag, spelling] of this.#statement('SELECT tag, spelling FROM tags').raw().all() as [string, string][]) {
        const uses = spellings.get(tag) ?? new Map<string, number>();
        uses.set(spelling, (uses.get(spelling) ?? 0) + 1);
        spellings.set(tag, uses);
      }
      this.#spellings = spellings;
    }
    return this.#spellings;
  }

  /** Count the stored tags of `id` out of the spellings (before its tags are replaced or removed); whether it had any. */
  #forgetTags(id: string): boolean {
    const old = this.#statement('SELECT tag, spelling FROM tags WHERE id = ?').raw().all(id) as [string, string][];
    if (this.#spellings) {
      for (const [tag, spelling] of old) {
        const uses = this.#spellings.get(tag);
        const n = (uses?.get(spelling) ?? 0) - 1;
        if (n > 0) uses!.set(spelling, n);
        else uses?.delete(spelling);
        if (uses?.size === 0) this.#spellings.delete(tag);
      }
    }
    return old.length > 0;
  }

  #countTags(tags: readonly string[]): void {
    if (!this.#spellings) return;
    const seen = new Set<string>();
    for (const spelling of tags) {
      const tag = spelling.toLowerCase();
      if (seen.has(tag)) continue; // INSERT OR IGNORE keeps the first spelling per article
      seen.add(tag);
      const uses = this.#spellings.get(tag) ?? new Map<string, number>();
      uses.set(spelling, (uses.get(spelling) ?? 0) + 1);
      this.#spellings.set(tag, uses);
    }
  }

  #count(options: ListOptions): number {
    const filter = options.filter ?? 'all';
    const key = filter === 'tag' ? `tag:${(options.tag ?? '').trim().toLowerCase()}` : filter;
    const known = this.#counts.get(key);
    if (known !== undefined) return known;
    let count: number;
    if (filter === 'tag') count = this.#statement('SELECT count(*) FROM tags WHERE tag = ?').pluck().get(key.slice(4)) as number;
    else if (STATES[filter] === undefined) count = this.#statement('SELECT count(*) FROM articles').pluck().get() as number;
    else count = this.#statement('SELECT count(*) FROM articles WHERE state = ?').pluck().get(STATES[filter]!) as number;
    this.#counts.set(key, count);
    return count;
  }

  /** The ranks (variant, base) of each title, numbering every stored title again when a gap is used up. */
  #ranksFor(titles: readonly string[]): Map<string, [number, number]> {
    if (titles.length === 0) return new Map();
    if (!this.#titleRanks || !this.#baseRanks) {
      this.#titleRanks = new TitleRanks(variant.compare);
      this.#titleRanks.load(this.#statement('SELECT title, title_rank FROM articles ORDER BY title_rank').raw().all() as [string, number][]);
      this.#baseRanks = new TitleRanks(base.compare);
      this.#baseRanks.load(this.#statement('SELECT title, base_rank FROM articles ORDER BY base_rank').raw().all() as [string, number][]);
    }
    const out = new Map<string, [number, number]>();
    for (const title of titles) {
      if (out.has(title)) continue;
      const t = this.#titleRanks.rankOf(title);
      const b = this.#baseRanks.rankOf(title);
      if (t === undefined || b === undefined) return this.#renumber(titles);
      out.set(title, [t, b]);
    }
    return out;
  }

  /** Number every title (stored and new) afresh, RANK_GAP apart, and store the new ranks. */
  #renumber(extra: readonly string[]): Map<string, [number, number]> {
    const stored = this.#statement('SELECT id, title FROM articles').raw().all() as [string, string][];
    const titles = [...stored.map(([, title]) => title), ...extra];
    const t = assignRanks(titles, variant.compare);
    const b = assignRanks(titles, base.compare);
    const setArticle = this.#statement('UPDATE articles SET title_rank = ?, base_rank = ? WHERE id = ?');
    const setTags = this.#statement('UPDATE tags SET title_rank = ?, base_rank = ? WHERE id = ?');
    this.#db.transaction(() => {
      for (const [id, title] of stored) {
        setArticle.run(t.get(title)!, b.get(title)!, id);
        setTags.run(t.get(title)!, b.get(title)!, id);
      }
    })();
    const sortedPairs = (ranks: Map<string, number>) => [...ranks].sort((x, y) => x[1] - y[1]);
    this.#titleRanks = new TitleRanks(variant.compare);
    this.#titleRanks.load(sortedPairs(t));
    this.#baseRanks = new TitleRanks(base.compare);
    this.#baseRanks.load(sortedPairs(b));
    return new Map(extra.map((title) => [title, [t.get(title)!, b.get(title)!]]));
  }

  #changed(): void {
    this.#counts.clear();
    this.#orderedCache = null;
  }

  /** A read; a damaged file is replaced by an empty catalog (the library then reads its folders again). */
  #read<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#reset(`it is damaged (${reasonOf(error)})`, false);
      return run();
    }
  }

  /** A write; a damaged file is replaced, and a file that cannot be written any more (full disk…) moves into memory. */
  #write(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#spellings = null;
      this.#tags = null;
      if (this.#path === null) throw error;
      this.#reset(isCorruption(error) ? `it is damaged (${reasonOf(error)})` : `it cannot be written (${reasonOf(error)})`, !isCorruption(error));
      run();
    } finally {
      this.#changed();
    }
  }

  /**
   * Start again: a damaged file is deleted and recreated empty (every row is read
   * again); a file that cannot be written is copied into memory (`keepRows`) and the
   * catalog lives there from now on.
   */
  #reset(why: string, keepRows: boolean): void {
    const path = this.#path!;
    const { log, sqliteModule } = this.#options;
    this.#statements.clear();
    this.#titleRanks = null;
    this.#baseRanks = null;
    this.#spellings = null;
    this.#tags = null;
    this.#changed();
    if (keepRows) {
      log(`library: the catalog ${path} ${why}; keeping it in memory`);
      const memory = openMemory(sqliteModule);
      try {
        this.#db.close();
        memory.prepare('ATTACH DATABASE ? AS old').run(path);
        memory.exec('BEGIN; INSERT INTO main.articles SELECT * FROM old.articles; INSERT INTO main.tags SELECT * FROM old.tags; COMMIT; DETACH DATABASE old;');
      } catch (error) {
        log(`library: the catalog's rows could not be copied (${reasonOf(error)}); reading the article folders again`);
        memory.close();
        this.#db = openMemory(sqliteModule);
        this.#path = null;
        this.#options.onReset?.();
        return;
      }
      this.#db = memory;
      this.#path = null;
      return;
    }
    log(`library: the catalog ${path} ${why}; rebuilding it from the article folders`);
    try {
      this.#db.close();
    } catch {
      // Already closed or unusable: it is deleted next.
    }
    try {
      deleteCatalog(path);
      this.#db = openFile(path, sqliteModule).db;
    } catch (error) {
      log(`library: the catalog ${path} cannot be written (${reasonOf(error)}); keeping it in memory`);
      this.#db = openMemory(sqliteModule);
      this.#path = null;
    }
    this.#options.onReset?.();
  }
}
