/**
 * The FTS5 snapshot's tables (`<library>/.index/search-v1.sqlite`). A cache only:
 * any file that does not open, has another schema version or is damaged is deleted
 * and rebuilt from the article folders.
 */
import { rmSync } from 'node:fs';
import { SEGMENT } from './fold';
import { openDatabase, type Database } from './sqlite';

/** Bump when the tables or the tokenizer change: an older snapshot is then rebuilt. */
export const SCHEMA_VERSION = '4';
export const SNAPSHOT_FILE = 'search-v1.sqlite';

/**
 * The word breaks of Chinese, Japanese, Thai… come from ICU's dictionaries (fold.ts): a
 * snapshot written with another ICU (an app update) is rebuilt, so an article and a
 * query are always cut by the same dictionary.
 */
export const SEGMENTER_VERSION = `icu ${process.versions.icu ?? 'none'}, unicode ${process.versions.unicode ?? 'unknown'}`;

/** {@link SEGMENT} separates the dictionary segments of Chinese, Japanese, Thai… (fold.ts). */
const TOKENIZE = `tokenize = "unicode61 remove_diacritics 2 separators '${SEGMENT}'"`;

/** bm25 column weights of `art`: title 4, byline 2, site 2, tags 3, body 1, quotes 2, notes 3, highlight tags 3. */
export const ART_WEIGHTS = '4.0, 2.0, 2.0, 3.0, 1.0, 2.0, 3.0, 3.0';
/** bm25 column weights of `ann`: quote, note, tags. */
export const ANN_WEIGHTS = '2.0, 3.0, 2.0';

/** `ann` rowids are `docs rowid × ANN_SLOTS + n`, so one article's annotations are a rowid range. */
export const ANN_SLOTS = 65_536;

const CREATE = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE docs(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  title TEXT NOT NULL,
  byline TEXT,
  site TEXT,
  saved_at TEXT NOT NULL,
  colors TEXT NOT NULL,
  tags TEXT NOT NULL,
  has_notes INTEGER NOT NULL,
  annotations INTEGER NOT NULL
);
CREATE INDEX docs_saved ON docs(saved_at DESC, title, id);
CREATE VIRTUAL TABLE art USING fts5(title, byline, site, tags, body, quotes, notes, atags, ${TOKENIZE}, prefix = '3 4');
CREATE VIRTUAL TABLE ann USING fts5(quote, note, tags, annotation UNINDEXED, kind UNINDEXED, color UNINDEXED, ${TOKENIZE});
CREATE VIRTUAL TABLE vocab USING fts5vocab(art, 'row');
CREATE TABLE terms(term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE grams(gram TEXT NOT NULL, len INTEGER NOT NULL, term TEXT NOT NULL, PRIMARY KEY(gram, len, term)) WITHOUT ROWID;
-- Words written with an apostrophe: "pyongyang" → "p yongyang" (the tokens the index holds).
CREATE TABLE joins(joined TEXT NOT NULL, phrase TEXT NOT NULL, PRIMARY KEY(joined, phrase)) WITHOUT ROWID;
INSERT INTO art(art, rank) VALUES ('rank', 'bm25(${ART_WEIGHTS})');
`;

function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/**
 * The snapshot at `path`, checked: its schema version must be {@link SCHEMA_VERSION}, its
 * words cut by this {@link SEGMENTER_VERSION}.
 * Throws when it does not open or is not a current snapshot (the caller rebuilds).
 * `fresh` is true when the file was created empty now.
 */
export function openSnapshot(path: string, sqliteModule?: string): { db: Database; fresh: boolean } {
  const db = openDatabase(path, sqliteModule);
  try {
    configure(db);
    const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
    if (!hasMeta) {
      const count = db.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get() as number;
      if (count > 0) throw new Error('the file is not a Lectern search index (no meta table)');
      db.exec(`BEGIN; ${CREATE} INSERT INTO meta(key, value) VALUES ('schema', '${SCHEMA_VERSION}'); COMMIT;`);
      db.prepare(`INSERT INTO meta(key, value) VALUES ('segmenter', ?)`).run(SEGMENTER_VERSION);
      return { db, fresh: true };
    }
    const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).pluck().get();
    if (version !== SCHEMA_VERSION) {
      throw new Error(`the index has schema version ${JSON.stringify(version ?? null)}, not ${SCHEMA_VERSION}`);
    }
    const segmenter = db.prepare(`SELECT value FROM meta WHERE key = 'segmenter'`).pluck().get();
    if (segmenter !== SEGMENTER_VERSION) {
      throw new Error(`the index's words were cut by ${JSON.stringify(segmenter ?? null)}, not ${SEGMENTER_VERSION}`);
    }
    return { db, fresh: false };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Delete the snapshot and its WAL files (missing ones are fine). */
export function deleteSnapshot(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
