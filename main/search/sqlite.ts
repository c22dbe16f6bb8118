/**
 * better-sqlite3, loaded at run time (it is a native module: the Node build under
 * Vitest, the Electron-ABI build in the app, passed as `nativeBinding`). Only the
 * few calls the FTS engine makes are typed here.
 */
import { createRequire } from 'node:module';

export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  pluck(toggle?: boolean): Statement;
  raw(toggle?: boolean): Statement;
}

export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
  readonly open: boolean;
}

export type DatabaseConstructor = new (path: string, options?: { nativeBinding?: string }) => Database;

/**
 * Open (or create) the database at `path`. Throws when better-sqlite3 or its native
 * binding cannot be loaded (wrong ABI, missing file) or the file cannot be opened.
 */
export function openDatabase(path: string, nativeBinding?: string): Database {
  const require = createRequire(import.meta.url);
  const Sqlite = require('better-sqlite3') as DatabaseConstructor;
  return new Sqlite(path, nativeBinding === undefined ? {} : { nativeBinding });
}

/** Whether an error says the database file is damaged or not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}
