import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../main/library';
import { libraryWith, temps } from './helpers';
import { storeDispatcher } from './dispatcher';

const readRecord = async (dir: string, id: string) =>
  JSON.parse(await readFile(join(dir, 'articles', id, 'article.json'), 'utf8')) as ArticleRecord & Record<string, unknown>;

describe('Library.setProgress', () => {
  it('round-trips through get and list, changing nothing else', async () => {
    const { dir, library } = await libraryWith('a', 'b');
    const before = await readRecord(dir, 'a');
    await library.setProgress('a', { fraction: 0.42, position: 1234, within: 0.5 });
    expect((await library.get('a')).progress).toEqual({ fraction: 0.42, position: 1234, within: 0.5 });
    const { articles } = await library.list();
    expect(articles.find((a) => a.id === 'a')?.progress).toEqual({ fraction: 0.42, position: 1234, within: 0.5 });
    expect(articles.find((a) => a.id === 'b')?.progress).toBeNull();
    expect(await readRecord(dir, 'a')).toEqual({ ...before, readingProgress: { fraction: 0.42, position: 1234, within: 0.5 } });
    expect(await temps(dir)).toEqual([]);
  });

  it('keeps fields it does not know (written by a later version)', async () => {
    const { dir, library } = await libraryWith('a');
    const path = join(dir, 'articles', 'a', 'article.json');
    await writeFile(path, JSON.stringify({ ...(await readRecord(dir, 'a')), future: { x: 1 } }));
    await library.setProgress('a', { fraction: 1, position: 0, within: 0 });
    expect(await readRecord(dir, 'a')).toMatchObject({ future: { x: 1 }, readingProgress: { fraction: 1, position: 0, within: 0 } });
  });

  it('loses no update and leaves the last value when 50 calls run at once', async () => {
    const { dir, library } = await libraryWith('a');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => library.setProgress('a', { fraction: i / 49, position: i, within: 0 })),
    );
    const record = await readRecord(dir, 'a');
    expect(record.readingProgress).toEqual({ fraction: 1, position: 49, within: 0 });
    expect(await readdir(join(dir, 'articles', 'a'))).toEqual(expect.arrayContaining(['article.json']));
    expect(await temps(dir)).toEqual([]);
  });

  it('throws not-found for an unknown id and creates nothing', async () => {
    const { dir, library } = await libraryWith();
    await expect(library.setProgress('nope', { fraction: 0, position: 0, within: 0 })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No article with id "nope"',
    });
    expect(await readdir(join(dir, 'articles'))).toEqual([]);
  });

  it('refuses progress outside the schema (parsed by the dispatcher)', async () => {
    const { dir, library } = await libraryWith('a');
    const dispatch = storeDispatcher(dir, library);
    expect(await dispatch('article:set-progress', { id: 'a', progress: { fraction: 2, position: 0, within: 0 } })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'article:set-progress: progress.fraction: Invalid value: Expected <=1 but received 2' },
    });
  });

  it('throws corrupt and writes nothing when article.json is unreadable', async () => {
    const { dir, library } = await libraryWith('a');
    const path = join(dir, 'articles', 'a', 'article.json');
    await writeFile(path, 'nonsense');
    await expect(library.setProgress('a', { fraction: 0, position: 0, within: 0 })).rejects.toMatchObject({
      code: 'corrupt',
    });
    await expect(library.setProgress('a', { fraction: 0, position: 0, within: 0 })).rejects.toThrow(
      `Could not update ${path}: article.json is not valid JSON: `,
    );
    expect(await readFile(path, 'utf8')).toBe('nonsense');
  });
});
