/** Library management through `Library`: sort and filter, trash, read/unread, tags, stale staging. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../main/library';
import { sortAndFilter } from '../../../main/library/listing';
import type { ArticleSummary } from '../../../common/model';
import { articleSummary as row } from '../article-summary';
import { bundled, clock, freshDir, tree } from './helpers';

const at = (fraction: number) => ({ fraction, position: 0, within: 0 });

describe('sortAndFilter', () => {
  const rows = [
    row('b', { title: 'banana', savedAt: '2024-05-03T00:00:00.000Z', publishedAt: '2020-01-01', progress: at(0.5), tags: ['Work'] }),
    row('a', { title: 'Apple', savedAt: '2024-05-01T00:00:00.000Z', publishedAt: null, progress: at(1) }),
    row('c', { title: 'cherry 10', savedAt: '2024-05-02T00:00:00.000Z', publishedAt: '2023-06-01T09:00', tags: ['later'] }),
    row('d', { title: 'cherry 9', savedAt: '2024-04-01T00:00:00.000Z', publishedAt: '2021-01-01', progress: at(0) }),
  ];
  const ids = (list: ArticleSummary[]) => list.map((r) => r.id);

  it('sorts by saved (newest first), title (case and numbers as people read them), published (undated last), progress', () => {
    expect(ids(sortAndFilter(rows))).toEqual(['b', 'c', 'a', 'd']);
    expect(ids(sortAndFilter(rows, { sort: 'title' }))).toEqual(['a', 'b', 'd', 'c']);
    expect(ids(sortAndFilter(rows, { sort: 'published' }))).toEqual(['c', 'd', 'b', 'a']);
    expect(ids(sortAndFilter(rows, { sort: 'progress' }))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters unread, in progress, finished, and by tag without regard to case', () => {
    expect(ids(sortAndFilter(rows, { filter: 'unread' }))).toEqual(['c', 'd']);
    expect(ids(sortAndFilter(rows, { filter: 'in-progress' }))).toEqual(['b']);
    expect(ids(sortAndFilter(rows, { filter: 'finished' }))).toEqual(['a']);
    expect(ids(sortAndFilter(rows, { filter: 'tag', tag: 'work' }))).toEqual(['b']);
    expect(ids(sortAndFilter(rows, { filter: 'tag', tag: 'none' }))).toEqual([]);
  });
});

describe('Library management', () => {
  const open = async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('x'), bundled('y')], now: clock() });
    return { dir, library };
  };

  it('moves an article to the trash and back, exactly as it was', async () => {
    const { dir, library } = await open();
    await library.setTags('x', ['keep']);
    const before = await tree(join(dir, 'articles', 'x'));
    await library.trash('x');
    expect((await library.list()).articles.map((a) => a.id)).toEqual(['y']);
    expect(await library.listTrash()).toMatchObject([{ id: 'x', title: 'Title of x' }]);
    await expect(library.get('x')).rejects.toMatchObject({ code: 'not-found' });
    await library.restore('x');
    expect(await tree(join(dir, 'articles', 'x'))).toEqual(before);
    expect((await library.get('x')).tags).toEqual(['keep']);
    expect(await library.listTrash()).toEqual([]);
  });

  it('empties the trash for good', async () => {
    const { library } = await open();
    await library.trash('x');
    await library.trash('y');
    expect(await library.emptyTrash()).toBe(2);
    expect(await library.listTrash()).toEqual([]);
    await expect(library.restore('x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('marks read and unread, and sets tags, answering the new row', async () => {
    const { library } = await open();
    expect((await library.setRead('x', true)).progress?.fraction).toBe(1);
    expect((await library.list({ filter: 'finished' })).articles.map((a) => a.id)).toEqual(['x']);
    expect((await library.setRead('x', false)).progress).toBeNull();
    expect((await library.setTags('y', ['b', 'a', 'B'])).tags).toEqual(['b', 'a']);
    expect((await library.list({ filter: 'tag', tag: 'A' })).articles.map((a) => a.id)).toEqual(['y']);
  });

  it('removes the staging folders a killed save left when it opens', async () => {
    const { dir, library } = await open();
    await mkdir(join(dir, '.staging', 'abc123', 'assets'), { recursive: true });
    await writeFile(join(dir, '.staging', 'abc123', 'content.html'), '<p>half</p>');
    await library.close(); // as a killed process's lock would be: its holder is gone
    await (await Library.open(dir, { bundled: [] })).swept();
    expect(await tree(join(dir, '.staging'))).toEqual([]);
  });
});
