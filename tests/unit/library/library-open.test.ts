import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library, LibraryError, loadBundledArticles } from '../../../main/library';
import { CONTENT_DIR, STORY_FIELDS, STORY_ID, bundled, clock, freshDir, tree } from './helpers';

/** The library's files but the catalog's (`.index/`, a cache). */
const libraryTree = async (dir: string) => (await tree(dir)).filter((file) => !file.startsWith('.index/'));
const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

describe('Library.open', () => {
  it('creates library.json and seeds the bundled story', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: await loadBundledArticles(CONTENT_DIR), now: clock() });
    expect(library.dir).toBe(dir);
    // The catalog (a cache) is in .index/ beside the search index.
    expect(library.catalogPath).toBe(join(dir, '.index', 'catalog-v1.sqlite'));
    expect(await readJson(join(dir, 'library.json'))).toEqual({
      format: 1,
      createdAt: '2024-05-01T10:00:00.000Z',
      seeded: [STORY_ID],
    });
    expect(await libraryTree(dir)).toEqual([
      '.lock',
      `articles/${STORY_ID}/article.json`,
      `articles/${STORY_ID}/content.html`,
      `articles/${STORY_ID}/text.txt`,
      'library.json',
    ]);
    const record = await readJson(join(dir, 'articles', STORY_ID, 'article.json'));
    expect(record).toMatchObject({
      ...STORY_FIELDS,
      savedAt: '2024-05-01T10:01:00.000Z',
      tags: [],
      readingProgress: null,
      credit: 'AFP',
    });
    expect(Object.keys(record as object).sort()).toEqual(
      ['id', 'title', 'byline', 'site', 'url', 'publishedAt', 'savedAt', 'language', 'wordCount', 'contentHash', 'tags', 'readingProgress', 'credit'].sort(),
    );
  });

  it('seeds once: opening twice leaves one untouched copy', async () => {
    const dir = await freshDir();
    const articles = await loadBundledArticles(CONTENT_DIR);
    await (await Library.open(dir, { bundled: articles, now: clock() })).close();
    const before = await readFile(join(dir, 'articles', STORY_ID, 'article.json'), 'utf8');
    const library = await Library.open(dir, { bundled: articles, now: clock('2030-01-01T00:00:00.000Z') });
    expect((await library.list()).articles.map((a) => a.id)).toEqual([STORY_ID]);
    expect(await readFile(join(dir, 'articles', STORY_ID, 'article.json'), 'utf8')).toBe(before);
  });

  it('does not bring back a bundled article the user deleted', async () => {
    const dir = await freshDir();
    const articles = await loadBundledArticles(CONTENT_DIR);
    await (await Library.open(dir, { bundled: articles })).close();
    await rm(join(dir, 'articles', STORY_ID), { recursive: true });
    const library = await Library.open(dir, { bundled: articles });
    expect(await library.list()).toEqual({ articles: [], problems: [], total: 0, offset: 0, tags: [] });
    expect(await libraryTree(dir)).toEqual(['.lock', 'library.json']);
  });

  it('seeds a bundled article added by a later version into an existing library', async () => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a')] })).close();
    const library = await Library.open(dir, { bundled: [bundled('a'), bundled('b')] });
    expect((await library.list()).articles.map((a) => a.id).sort()).toEqual(['a', 'b']);
    expect(await readJson(join(dir, 'library.json'))).toMatchObject({ seeded: ['a', 'b'] });
  });

  it('removes stale temp files in the library and article folders, and nothing else', async () => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a')] })).close();
    await writeFile(join(dir, '.x.tmp'), 'half');
    await writeFile(join(dir, '.library.json.0123.tmp'), '{"form');
    await writeFile(join(dir, 'articles', 'a', '.article.json.abcd.tmp'), '{');
    await writeFile(join(dir, 'articles', 'a', '.keep'), 'not a temp file');
    await mkdir(join(dir, '.dir.tmp'));
    // The sweep runs in the background after open (start-up does only what the first paint needs).
    await (await Library.open(dir, { bundled: [bundled('a')] })).swept();
    expect(await libraryTree(dir)).toEqual([
      '.lock',
      'articles/a/.keep',
      'articles/a/article.json',
      'articles/a/content.html',
      'articles/a/text.txt',
      'library.json',
    ]);
    expect(await readdir(dir)).toContain('.dir.tmp');
  });

  it('refuses a library of a newer format and touches nothing', async () => {
    const dir = await freshDir();
    const newer = '{ "format": 2, "createdAt": "2030-01-01T00:00:00.000Z", "shape": "unknown" }';
    await writeFile(join(dir, 'library.json'), newer);
    await writeFile(join(dir, '.x.tmp'), 'left alone');
    const opening = Library.open(dir, { bundled: [bundled('a')] });
    await expect(opening).rejects.toThrow(LibraryError);
    await expect(opening).rejects.toMatchObject({
      code: 'corrupt',
      message: `${join(dir, 'library.json')} has format 2, but this version of Lectern only reads format 1. Update Lectern to open this library.`,
    });
    expect(await tree(dir)).toEqual(['.x.tmp', 'library.json']);
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(newer);
  });

  it('quarantines an unparseable library.json, recreates it and reports it', async () => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a'), bundled('b')] })).close();
    await rm(join(dir, 'articles', 'b'), { recursive: true });
    await writeFile(join(dir, 'library.json'), '{"format": 1,');
    const library = await Library.open(dir, { bundled: [bundled('a'), bundled('b')], now: clock() });
    let reason = '';
    try {
      JSON.parse('{"format": 1,');
    } catch (error) {
      reason = `library.json is not valid JSON: ${(error as Error).message}`;
    }
    const listing = await library.list();
    expect(listing.problems).toEqual([
      { file: 'library.json', movedTo: '.quarantine/2024-05-01T10-00-00-000Z-library.json', reason },
    ]);
    expect(await readFile(join(dir, '.quarantine', '2024-05-01T10-00-00-000Z-library.json'), 'utf8')).toBe('{"format": 1,');
    // Recreated for a library that has articles: the deleted bundled article "b" stays deleted.
    expect(await readJson(join(dir, 'library.json'))).toEqual({
      format: 1,
      createdAt: '2024-05-01T10:01:00.000Z',
      seeded: ['a', 'b'],
    });
    expect(listing.articles.map((a) => a.id)).toEqual(['a']);
  });

  it('quarantines a library.json of the wrong shape', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'library.json'), '{"format":"1","createdAt":"2024-01-01T00:00:00.000Z"}');
    const library = await Library.open(dir, { bundled: [], now: clock() });
    expect((await library.list()).problems).toEqual([
      {
        file: 'library.json',
        movedTo: '.quarantine/2024-05-01T10-00-00-000Z-library.json',
        reason: 'library.json does not match the library schema: format: Invalid type: Expected 1 but received "1"',
      },
    ]);
  });

  it('keeps an existing article when library.json was lost', async () => {
    const dir = await freshDir();
    const first = await Library.open(dir, { bundled: [bundled('a')] });
    await first.setProgress('a', { fraction: 0.5, position: 10, within: 0 });
    await first.close();
    await rm(join(dir, 'library.json'));
    const library = await Library.open(dir, { bundled: [bundled('a')] });
    expect((await library.get('a')).progress).toEqual({ fraction: 0.5, position: 10, within: 0 });
  });

  it('reports a folder it cannot create as an io error naming the path', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'file'), '');
    const opening = Library.open(join(dir, 'file', 'library'), { bundled: [] });
    await expect(opening).rejects.toMatchObject({
      code: 'io',
      message: `Could not create ${join(dir, 'file', 'library')}: not a directory (ENOTDIR)`,
    });
  });
});
