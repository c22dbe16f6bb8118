/** A read-only library's search index lives outside it (`indexDir`): nothing is written in the library. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addArticle, freshDir, search, startService, stopService, storyLibrary } from './helpers';

describe('indexDir', () => {
  test('builds and answers from an index in another folder, and writes nothing in the library', async () => {
    const dir = await storyLibrary();
    await addArticle(dir, { id: 'w1', title: 'Walrus', body: 'the walrus swims north' });
    const before = (await readdir(dir, { recursive: true })).sort();
    const elsewhere = await freshDir();
    const { service, logs } = await startService(dir, { indexDir: elsewhere });
    await service.whenReady();
    expect(await search(service, 'walrus')).toMatchObject({ state: 'ready', total: 1 });
    await stopService(service);
    expect(logs).toEqual([]);
    expect((await stat(join(elsewhere, 'search-v1.sqlite'))).size).toBeGreaterThan(0);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(before);
    // The library's own catalog may be in .index/ (the library opened it); the search index is not.
    expect(before).not.toContain(join('.index', 'search-v1.sqlite'));
  });
});
