/**
 * The catalog's file under trouble while in use (ARCHITECTURE.md §3, the catalog): a
 * disk that fills up moves the catalog into memory with its rows; a file damaged under
 * it is started again empty and the library is asked to read its folders again.
 */
import { open as openFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../common/model';
import { Catalog, CATALOG_FILE } from '../../../main/library/catalog';
import { freshDir } from './helpers';

const summary = (i: number): ArticleSummary => ({
  id: `a-${i}`,
  title: `A title long enough to fill pages ${'x'.repeat(200)} ${i}`,
  byline: null,
  site: 'Example',
  url: null,
  publishedAt: null,
  savedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
  language: 'en',
  wordCount: 100,
  readingMinutes: 1,
  progress: null,
  tags: ['t'],
});

const catalogs: Catalog[] = [];
afterEach(() => catalogs.splice(0).forEach((catalog) => catalog.close()));

describe('the catalog file in use', () => {
  it('a full disk moves the catalog into memory, keeping every row', async () => {
    const dir = await freshDir();
    const logged: string[] = [];
    const catalog = Catalog.open({ path: join(dir, '.index', CATALOG_FILE), log: (m) => logged.push(m), maxPageCount: 60 });
    catalogs.push(catalog);
    expect(catalog.path).not.toBeNull();
    for (let batch = 0; batch < 20; batch++) {
      catalog.upsert(Array.from({ length: 50 }, (_, k) => ({ summary: summary(batch * 50 + k), fingerprint: null })));
    }
    expect(logged.join('\n')).toMatch(/cannot be written \(.*full.*\); keeping it in memory/i);
    expect(catalog.path).toBeNull();
    expect(catalog.size).toBe(1000);
    expect(catalog.window({ sort: 'saved' }, 0, 3).articles.map((a) => a.id)).toEqual(['a-999', 'a-998', 'a-997']);
    expect(catalog.window({ filter: 'tag', tag: 'T' }, 0, 1).total).toBe(1000);
  });

  it('a file damaged under it is started again empty, the reason logged, and the library told to read its folders', async () => {
    const dir = await freshDir();
    const path = join(dir, '.index', CATALOG_FILE);
    const first = Catalog.open({ path, log: () => {} });
    first.upsert(Array.from({ length: 300 }, (_, i) => ({ summary: summary(i), fingerprint: null })));
    first.close();
    const logged: string[] = [];
    let resets = 0;
    const catalog = Catalog.open({ path, log: (m) => logged.push(m), onReset: () => resets++ });
    catalogs.push(catalog);
    // Garbage over every page but the first (the header and the schema stay readable).
    const { size } = await stat(path);
    const handle = await openFile(path, 'r+');
    await handle.write(Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
    await handle.close();
    const answer = catalog.window({ sort: 'saved' }, 0, 10);
    expect(answer).toEqual({ articles: [], total: 0 });
    expect(resets).toBe(1);
    expect(logged.join('\n')).toMatch(/is damaged .*; rebuilding it from the article folders/);
    expect(catalog.path).toBe(path);
  });
});
