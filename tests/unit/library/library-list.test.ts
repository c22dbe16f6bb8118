import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LibraryListingSchema } from '../../../common/model';
import { Library, loadBundledArticles } from '../../../main/library';
import { CONTENT_DIR, STORY_FIELDS, bundled, clock, freshDir, libraryWith, tree } from './helpers';

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected invalid JSON');
}

describe('Library.list', () => {
  it('lists the bundled story as a contract view', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: await loadBundledArticles(CONTENT_DIR), now: clock() });
    const listing = await library.list();
    expect(v.parse(LibraryListingSchema, listing)).toEqual(listing);
    expect(listing).toEqual({
      articles: [
        {
          ...STORY_FIELDS,
          savedAt: '2024-05-01T10:01:00.000Z',
          wordCount: 285,
          readingMinutes: 1,
          progress: null,
          tags: [],
        },
      ],
      problems: [],
      total: 1,
      offset: 0,
      tags: [],
    });
  });

  it('sorts by savedAt, newest first, then by title', async () => {
    const dir = await freshDir();
    // Calls: library.json createdAt, then savedAt of x, y and z.
    const times = ['2024-01-01', '2024-01-01', '2024-01-01', '2024-01-03'];
    const now = () => new Date(`${times.shift()}T00:00:00.000Z`);
    const library = await Library.open(dir, {
      bundled: [bundled('x', 'Zebra'), bundled('y', 'Apple'), bundled('z', 'Mango')],
      now,
    });
    expect((await library.list()).articles.map((a) => [a.id, a.savedAt])).toEqual([
      ['z', '2024-01-03T00:00:00.000Z'],
      ['y', '2024-01-01T00:00:00.000Z'],
      ['x', '2024-01-01T00:00:00.000Z'],
    ]);
  });

  it('quarantines an article.json that is not JSON, reports it, and lists the rest', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a'), bundled('b')], now: () => new Date('2024-05-01T10:00:00.000Z') });
    const broken = '{"id": "b", "title": }';
    await writeFile(join(dir, 'articles', 'b', 'article.json'), broken);
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toEqual(['a']);
    const problem = {
      file: 'articles/b/article.json',
      movedTo: '.quarantine/2024-05-01T10-00-00-000Z-b-article.json',
      reason: `article.json is not valid JSON: ${jsonError(broken)}`,
    };
    expect(listing.problems).toEqual([problem]);
    expect(await readFile(join(dir, problem.movedTo), 'utf8')).toBe(broken);
    expect(await tree(join(dir, 'articles', 'b'))).toEqual(['content.html', 'text.txt']);
    // Still reported later, and not twice.
    expect(await library.list()).toEqual({ articles: listing.articles, problems: [problem], total: 1, offset: 0, tags: [] });
    // And by another Library on the same folder in this process.
    const again = await Library.open(dir, { bundled: [bundled('a'), bundled('b')] });
    expect((await again.list()).problems).toEqual([problem]);
  });

  it('quarantines valid JSON of the wrong shape with the schema problem as the reason', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a'), bundled('b')], now: () => new Date('2024-05-01T10:00:00.000Z') });
    const path = join(dir, 'articles', 'a', 'article.json');
    const wrong = (await readFile(path, 'utf8')).replace('"wordCount": 4', '"wordCount": "many"');
    await writeFile(path, wrong);
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toEqual(['b']);
    expect(listing.problems).toEqual([
      {
        file: 'articles/a/article.json',
        movedTo: '.quarantine/2024-05-01T10-00-00-000Z-a-article.json',
        reason: 'article.json does not match the article schema: wordCount: Invalid type: Expected number but received "many"',
      },
    ]);
    expect(await readFile(join(dir, '.quarantine', '2024-05-01T10-00-00-000Z-a-article.json'), 'utf8')).toBe(wrong);
  });

  it('quarantines an article.json whose id is not its folder', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a')], now: () => new Date('2024-05-01T10:00:00.000Z') });
    await mkdir(join(dir, 'articles', 'copy'));
    const json = await readFile(join(dir, 'articles', 'a', 'article.json'), 'utf8');
    await writeFile(join(dir, 'articles', 'copy', 'article.json'), json);
    expect((await library.list()).problems).toEqual([
      {
        file: 'articles/copy/article.json',
        movedTo: '.quarantine/2024-05-01T10-00-00-000Z-copy-article.json',
        reason: 'article.json has the id "a" but is in the folder "copy"',
      },
    ]);
  });

  it('does not overwrite an earlier quarantined file with the same name', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a')], now: () => new Date('2024-05-01T10:00:00.000Z') });
    await writeFile(join(dir, 'articles', 'a', 'article.json'), 'first');
    await library.list();
    await writeFile(join(dir, 'articles', 'a', 'article.json'), 'second');
    const { problems } = await library.list();
    expect(problems.map((p) => p.movedTo)).toEqual([
      '.quarantine/2024-05-01T10-00-00-000Z-a-article.json',
      '.quarantine/2024-05-01T10-00-00-000Z-a-article-2.json',
    ]);
    expect(await readFile(join(dir, '.quarantine', '2024-05-01T10-00-00-000Z-a-article.json'), 'utf8')).toBe('first');
    expect(await readFile(join(dir, '.quarantine', '2024-05-01T10-00-00-000Z-a-article-2.json'), 'utf8')).toBe('second');
  });

  it('ignores folders without article.json and folders that are not article ids', async () => {
    const { dir, library } = await libraryWith('a');
    await mkdir(join(dir, 'articles', 'half-written'));
    await mkdir(join(dir, 'articles', 'Not An Id'));
    await writeFile(join(dir, 'articles', 'Not An Id', 'article.json'), 'x');
    await writeFile(join(dir, 'articles', 'stray-file'), 'x');
    expect(await library.list()).toEqual({ articles: [expect.objectContaining({ id: 'a' })], problems: [], total: 1, offset: 0, tags: [] });
  });
});
