/** The driver seam over node:sqlite: the calls the FTS engine relies on (ARCHITECTURE.md §2). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkSqlite, isCorruption, openDatabase } from '../../../main/search/sqlite';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function table() {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)');
  return db;
}

describe('main/search/sqlite.ts on node:sqlite', () => {
  test('has FTS5 with the tokenizer options the index uses', () => {
    expect(() => checkSqlite()).not.toThrow();
    expect(() => checkSqlite('node:no-such-sqlite')).toThrow('this runtime has no built-in module node:no-such-sqlite');
  });

  test('pluck answers the first column, raw answers arrays, and plain rows are objects', () => {
    const db = table();
    db.prepare('INSERT INTO t(name) VALUES (?), (?)').run('a', 'b');
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
    expect(db.prepare('SELECT name FROM t WHERE id = 9').pluck().get()).toBeUndefined();
    expect(db.prepare('SELECT id, name FROM t ORDER BY id').raw().all()).toEqual([[1, 'a'], [2, 'b']]);
    expect({ ...(db.prepare('SELECT id, name FROM t WHERE id = 1').get() as object) }).toEqual({ id: 1, name: 'a' });
    expect(db.prepare('INSERT INTO t(name) VALUES (?)').run('c').lastInsertRowid).toBe(3);
    db.close();
    expect(db.open).toBe(false);
  });

  test('a transaction commits, rolls back when its function throws, and nests with a savepoint', () => {
    const db = table();
    const insert = db.prepare('INSERT INTO t(name) VALUES (?)');
    const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
    db.transaction((name: string) => void insert.run(name))('kept');
    expect(() => db.transaction(() => {
      insert.run('dropped');
      throw new Error('boom');
    })()).toThrow('boom');
    expect(count()).toBe(1);
    db.transaction(() => {
      insert.run('outer');
      expect(() => db.transaction(() => {
        insert.run('inner');
        throw new Error('inner boom');
      })()).toThrow('inner boom');
    })();
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['kept', 'outer']);
    db.close();
  });

  test('a file that is not a database is corruption; a bad statement is not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'garbage.sqlite');
    await writeFile(file, 'garbage bytes, not a database '.repeat(200));
    let error: unknown;
    try {
      openDatabase(file).pragma('journal_mode = WAL');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ errcode: 26 });
    expect(isCorruption(error)).toBe(true);
    const db = table();
    expect(() => db.exec('SELECT * FROM missing')).toThrow();
    try {
      db.exec('SELECT * FROM missing');
    } catch (caught) {
      expect(isCorruption(caught)).toBe(false);
    }
    expect(isCorruption(new Error('plain'))).toBe(false);
    expect(isCorruption({ errcode: 11 })).toBe(true);
    db.close();
  });
});
