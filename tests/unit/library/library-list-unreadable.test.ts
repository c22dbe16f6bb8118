/**
 * list() returns every readable article plus a problem for each unreadable one
 * (ARCHITECTURE.md §3): a file that cannot be read is reported and left where it is
 * (it is not known to be damaged); a damaged one is quarantined as before. Here with
 * real file systems states (a folder in article.json's place, a link loop); EACCES and
 * EIO are injected in faults.test.ts.
 */
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryWith } from './helpers';

describe('Library.list with an unreadable article.json', () => {
  it('reports a folder in its place, leaves it there and lists the rest', async () => {
    const { dir, library } = await libraryWith('a', 'b', 'c');
    await rm(join(dir, 'articles', 'b', 'article.json'));
    await mkdir(join(dir, 'articles', 'b', 'article.json'));
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id).sort()).toEqual(['a', 'c']);
    expect(listing.problems).toEqual([
      {
        file: 'articles/b/article.json',
        movedTo: null,
        reason: 'article.json could not be read: illegal operation on a directory (EISDIR); it was left where it is',
      },
    ]);
    expect(await readdir(join(dir, 'articles', 'b'))).toContain('article.json');
    expect(await readdir(dir)).not.toContain('.quarantine');
    await expect(library.get('b')).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('EISDIR') });
  });

  it.skipIf(process.platform === 'win32')('reports a link loop (ELOOP) and lists the rest', async () => {
    // Windows needs a privilege to make file symlinks; the loop is a POSIX case.
    const { dir, library } = await libraryWith('a', 'b');
    const path = join(dir, 'articles', 'b', 'article.json');
    await rm(path);
    await symlink(path, path);
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toEqual(['a']);
    expect(listing.problems).toEqual([
      expect.objectContaining({ file: 'articles/b/article.json', movedTo: null, reason: expect.stringContaining('(ELOOP)') }),
    ]);
  });

  it('still quarantines a damaged one, beside an unreadable one', async () => {
    const { dir, library } = await libraryWith('a', 'b', 'c');
    await writeFile(join(dir, 'articles', 'a', 'article.json'), '{ not json');
    await rm(join(dir, 'articles', 'b', 'article.json'));
    await mkdir(join(dir, 'articles', 'b', 'article.json'));
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toEqual(['c']);
    expect(listing.problems).toEqual([
      expect.objectContaining({ file: 'articles/a/article.json', movedTo: expect.stringMatching(/^\.quarantine\//) }),
      expect.objectContaining({ file: 'articles/b/article.json', movedTo: null }),
    ]);
  });
});
