/**
 * The SQLite driver seam: Node's built-in `node:sqlite` (`DatabaseSync`), which the
 * Node of Electron 45 ships with FTS5 compiled in (ARCHITECTURE.md §2). No native
 * module: the same code runs under Vitest on Node 24 and in Electron's workers.
 * Only the few calls the FTS engine makes are typed here; `pluck`, `raw`, `pragma`
 * and `transaction` are small adapters over `StatementSync` and explicit
 * BEGIN/COMMIT/ROLLBACK.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type Param = null | number | bigint | string | Uint8Array;

export interface Statement {
  run(...params: Param[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: Param[]): unknown;
  all(...params: Param[]): unknown[];
  /** Answer the first column's value instead of a row object. */
  pluck(): Statement;
  /** Answer rows as arrays of column values. */
  raw(): Statement;
}

export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): Database;
  pragma(source: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
  readonly open: boolean;
}

/** The built-in module that provides SQLite. Tests name another to see the fallback. */
export const SQLITE_MODULE = 'node:sqlite';

type SqliteModule = { DatabaseSync: new (path: string) => DatabaseSync };

class SyncStatement implements Statement {
  readonly #statement: StatementSync;
  #pluck = false;

  constructor(statement: StatementSync) {
    this.#statement = statement;
  }

  run(...params: Param[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...params);
  }

  get(...params: Param[]): unknown {
    const row = this.#statement.get(...params) as unknown;
    return this.#pluck && row !== undefined ? (row as unknown[])[0] : row;
  }

  all(...params: Param[]): unknown[] {
    const rows = this.#statement.all(...params) as unknown[];
    return this.#pluck ? rows.map((row) => (row as unknown[])[0]) : rows;
  }

  pluck(): Statement {
    this.#pluck = true;
    this.#statement.setReturnArrays(true);
    return this;
  }

  raw(): Statement {
    this.#statement.setReturnArrays(true);
    return this;
  }
}

class SyncDatabase implements Database {
  readonly #db: DatabaseSync;
  #savepoints = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get open(): boolean {
    return this.#db.isOpen;
  }

  prepare(sql: string): Statement {
    return new SyncStatement(this.#db.prepare(sql));
  }

  exec(sql: string): Database {
    this.#db.exec(sql);
    return this;
  }

  pragma(source: string): unknown {
    return this.#db.prepare(`PRAGMA ${source}`).all();
  }

  /** `fn` inside BEGIN … COMMIT (ROLLBACK when it throws); nested calls use a savepoint. */
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      const nested = this.#db.isTransaction;
      const name = `nested_${++this.#savepoints}`;
      this.#db.exec(nested ? `SAVEPOINT ${name}` : 'BEGIN');
      try {
        fn(...args);
      } catch (error) {
        if (this.#db.isTransaction) this.#db.exec(nested ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK');
        throw error;
      } finally {
        this.#savepoints--;
      }
      this.#db.exec(nested ? `RELEASE ${name}` : 'COMMIT');
    };
  }

  close(): void {
    this.#db.close();
  }
}

/**
 * Open (or create) the database at `path`. Throws when the SQLite module is not
 * there (`sqliteModule`, for tests) or the file cannot be opened.
 */
export function openDatabase(path: string, sqliteModule: string = SQLITE_MODULE): Database {
  const sqlite = process.getBuiltinModule(sqliteModule) as SqliteModule | undefined;
  if (sqlite?.DatabaseSync === undefined) throw new Error(`this runtime has no built-in module ${sqliteModule}`);
  return new SyncDatabase(new sqlite.DatabaseSync(path));
}

/**
 * Throws unless `sqliteModule` opens an in-memory database with FTS5 and the
 * tokenizer options the index uses (the engine falls back to a scan otherwise).
 */
export function checkSqlite(sqliteModule: string = SQLITE_MODULE): void {
  const db = openDatabase(':memory:', sqliteModule);
  try {
    db.exec("CREATE VIRTUAL TABLE probe USING fts5(a, tokenize='unicode61 remove_diacritics 2', prefix='3 4')");
  } catch (error) {
    throw new Error(`SQLite has no usable FTS5: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/**
 * Whether an error says the database file is damaged or not a database at all.
 * node:sqlite errors carry SQLite's primary result code in `errcode` (its low
 * byte: SQLITE_CORRUPT 11, SQLITE_NOTADB 26).
 */
export function isCorruption(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && [11, 26].includes(errcode & 0xff);
}
