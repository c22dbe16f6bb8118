/** The index on disk and the worker: reopen, damaged snapshots, changes while closed, crashes, the fallback. */
import { rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCHEMA_VERSION } from '../../../main/search/fts-schema';
import { openDatabase } from '../../../main/search/sqlite';
import { addArticle, ids, patchArticle, search, setAnnotations, startService, stopService, storyLibrary, STORY_ID } from './helpers';

const snapshot = (dir: string) => join(dir, '.index', 'search-v1.sqlite');
const QUERIES = ['Naryshkn', 'pyong', 'walrus', 'korean moscow', 'zeppelin'];

async function libraryWithNotes(): Promise<string> {
  const dir = await storyLibrary();
  for (let i = 0; i < 30; i++) await addArticle(dir, { id: `a${i}`, body: `the walrus number ${i} swims north`, title: `Walrus ${i}` });
  await setAnnotations(dir, 'a3', [{ kind: 'highlight', quote: 'walrus', color: 'green', note: 'a zeppelin overhead' }]);
  return dir;
}

async function answers(dir: string) {
  const { service, logs } = await startService(dir);
  await service.whenReady();
  const out = [];
  for (const query of QUERIES) out.push(await search(service, query));
  await stopService(service);
  return { answers: out, logs };
}

describe('the snapshot', () => {
  test('is saved under .index/ and a fresh service answers the same from it, at once', async () => {
    const dir = await libraryWithNotes();
    const first = await answers(dir);
    expect(first.answers.map((a) => a.total)).toEqual([1, 1, 30, 1, 1]);
    const { service, logs } = await startService(dir);
    const immediate = await search(service, 'walrus');
    expect(immediate).toMatchObject({ state: 'ready', total: 30 });
    await stopService(service);
    expect((await answers(dir)).answers).toEqual(first.answers);
    expect(logs).toEqual([]);
  });

  test.each([
    ['garbage bytes', async (file: string) => writeFile(file, Buffer.alloc(8192, 0x5a))],
    ['a truncated file', async (file: string) => truncate(file, 5000)],
    ['another schema version', async (file: string) => {
      const db = openDatabase(file);
      db.prepare(`UPDATE meta SET value = '0' WHERE key = 'schema'`).run();
      db.close();
    }],
    ['words cut by another ICU (an app update)', async (file: string) => {
      const db = openDatabase(file);
      db.prepare(`UPDATE meta SET value = 'icu 1.0, unicode 1.0' WHERE key = 'segmenter'`).run();
      db.close();
    }],
    ['a database that is not ours', async (file: string) => {
      await rm(file);
      const db = openDatabase(file);
      db.exec('CREATE TABLE other(x)');
      db.close();
    }],
  ])('with %s is rebuilt and answers right', async (_name, damage) => {
    const dir = await libraryWithNotes();
    const before = await answers(dir);
    await rm(`${snapshot(dir)}-wal`, { force: true });
    await rm(`${snapshot(dir)}-shm`, { force: true });
    await damage(snapshot(dir));
    const after = await answers(dir);
    expect(after.answers).toEqual(before.answers);
    expect(after.logs.some((line) => /^search: the index .* (could not be opened|is damaged) \(.+\); rebuilding it$/.test(line))).toBe(true);
    const db = openDatabase(snapshot(dir));
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).pluck().get()).toBe(SCHEMA_VERSION);
    db.close();
  });

  test('a missing snapshot is rebuilt', async () => {
    const dir = await libraryWithNotes();
    const before = await answers(dir);
    await rm(join(dir, '.index'), { recursive: true });
    expect((await answers(dir)).answers).toEqual(before.answers);
  });

  test('articles changed, added or deleted while closed are reindexed on open; the rest is not', async () => {
    const dir = await libraryWithNotes();
    await answers(dir);
    await patchArticle(dir, 'a1', { title: 'Albatross', tags: ['seabird'] });
    await setAnnotations(dir, 'a2', [{ kind: 'article-note', note: 'remember the zeppelin' }]);
    await setAnnotations(dir, 'a3', []);
    await rm(join(dir, 'articles', 'a4'), { recursive: true });
    await addArticle(dir, { id: 'late', body: 'a late walrus' });
    const db = openDatabase(snapshot(dir));
    const before = new Map(db.prepare('SELECT id, rowid FROM docs').raw().all() as [string, number][]);
    db.close();
    const { service } = await startService(dir);
    await service.whenReady();
    expect(ids(await search(service, 'albatross'))).toEqual(['a1']);
    expect(ids(await search(service, 'seabird'))).toEqual(['a1']);
    expect(ids(await search(service, 'zeppelin'))).toEqual(['a2']);
    expect((await search(service, 'walrus')).total).toBe(30);
    expect(ids(await search(service, 'walrus', {}, 100))).not.toContain('a4');
    await stopService(service);
    const reopened = openDatabase(snapshot(dir));
    const after = new Map(reopened.prepare('SELECT id, rowid FROM docs').raw().all() as [string, number][]);
    reopened.close();
    const reindexed = [...after].filter(([id, rowid]) => before.get(id) !== rowid).map(([id]) => id).sort();
    expect(reindexed).toEqual(['a1', 'a2', 'a3', 'late']);
  });
});

describe('the worker', () => {
  test('a crash is survived: the worker is started again and answers', async () => {
    const dir = await libraryWithNotes();
    const { service, logs } = await startService(dir, { testHooks: true });
    await service.whenReady();
    const pending = search(service, 'walrus');
    await service.crashWorkerForTests();
    expect((await pending).total).toBe(30);
    await service.whenReady();
    expect((await search(service, 'Naryshkn')).results.map((r) => r.articleId)).toEqual([STORY_ID]);
    expect(service.workerRestarts).toBe(1);
    expect(logs).toContain('search: the worker exited with code 70; starting it again');
  });

  test('killed while building the index, it leaves a snapshot that reopens and is completed', async () => {
    const dir = await storyLibrary();
    for (let i = 0; i < 600; i++) await addArticle(dir, { id: `a${i}`, body: `walrus number ${i}` });
    const { service, logs } = await startService(dir, { testHooks: true });
    expect((await search(service, 'walrus')).state).toBe('indexing');
    await service.crashWorkerForTests();
    await service.whenReady();
    expect(await search(service, 'walrus', {}, 100)).toMatchObject({ state: 'ready', total: 600 });
    expect(logs).toEqual(['search: the worker exited with code 70; starting it again']);
  });

  test('closed while building the index, the worker stops its reads and ends by itself; the snapshot reopens and is completed', async () => {
    const dir = await storyLibrary();
    for (let i = 0; i < 600; i++) await addArticle(dir, { id: `a${i}`, body: `walrus number ${i}` });
    const first = await startService(dir);
    expect((await search(first.service, 'walrus')).state).toBe('indexing');
    await stopService(first.service);
    // No "did not stop … terminating it": terminating a thread mid-read aborts Node 20.
    expect(first.logs).toEqual([]);
    const second = await startService(dir);
    await second.service.whenReady();
    expect(await search(second.service, 'walrus', {}, 100)).toMatchObject({ state: 'ready', total: 600 });
    expect(second.logs).toEqual([]);
  });

  test('without testHooks the crash request is refused', async () => {
    const { service } = await startService(await storyLibrary());
    await expect(service.crashWorkerForTests()).rejects.toThrow('the crash request is for tests only');
  });

  test('without node:sqlite the scan engine answers, and the log says why', async () => {
    const dir = await libraryWithNotes();
    const { service, logs } = await startService(dir, { sqliteModule: 'node:no-such-sqlite' });
    expect(await service.whenReady()).toEqual({ engine: 'scan' });
    expect(ids(await search(service, 'pyong'))).toEqual([STORY_ID]);
    expect((await search(service, 'walrus')).total).toBe(30);
    expect((await search(service, 'zeppelin')).results[0]?.hits[0]?.field).toBe('note');
    expect(logs).toHaveLength(1);
    expect(logs).toEqual([
      'search: node:sqlite with FTS5 is not available (this runtime has no built-in module node:no-such-sqlite); searching with the scan engine (slower, no typo tolerance)',
    ]);
  });

  test('after close, queries are refused', async () => {
    const { service } = await startService(await storyLibrary());
    await stopService(service);
    await expect(service.query({ query: 'x', filters: { colors: [], tags: [], hasNotes: false }, limit: 30 })).rejects.toThrow(
      'the search service is closed',
    );
  });
});
