/**
 * Symbolic links in the library (ARCHITECTURE.md §3): an article folder, a trashed
 * article folder or the `articles` folder that is a link (or resolves outside the
 * library) is refused by every reader and writer — forbidden, in words — and
 * nothing outside the library is read or changed. list() reports such a folder and
 * lists the rest. (Directory links are junctions on Windows, which Node reports as
 * symbolic links too.)
 */
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, Library } from '../../../main/library';
import { folderContainment } from '../../../main/library/containment';
import { ArticleStaging, replaceArticleContent } from '../../../main/library/staging';
import { TRASH_DIR } from '../../../main/library/trash';
import { targetAt } from './annotations-helpers';
import { bundled, freshDir, tree } from './helpers';

const linkType = process.platform === 'win32' ? 'junction' : 'dir';

/** A library with article "a", and outside it a copy of "a" as article "evil" linked in as articles/evil. */
async function linkedLibrary() {
  const base = await freshDir();
  const dir = join(base, 'library');
  const library = await Library.open(dir, { bundled: [bundled('a')] });
  const outside = join(base, 'outside', 'evil');
  await mkdir(join(base, 'outside'));
  await cp(join(dir, 'articles', 'a'), outside, { recursive: true });
  const json = JSON.parse(await readFile(join(outside, 'article.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(outside, 'article.json'), JSON.stringify({ ...json, id: 'evil', title: 'Outside' }));
  await symlink(outside, join(dir, 'articles', 'evil'), linkType);
  const before = await snapshot(outside);
  return { base, dir, library, outside, before };
}

/** Every file under `dir` with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await tree(dir)) out[file] = await readFile(join(dir, file), 'utf8').catch(() => '<dir>');
  return out;
}

const FORBIDDEN = {
  code: 'forbidden',
  message: 'The article "evil" cannot be opened: articles/evil is a symbolic link, and Lectern never follows links out of the library. Nothing was read or changed.',
};

describe('an article folder that is a symbolic link', () => {
  it('is refused by get, summary and every writer; the files it points at are untouched', async () => {
    const { dir, library, outside, before } = await linkedLibrary();
    const annotations = new AnnotationStore(dir);
    await expect(library.get('evil')).rejects.toMatchObject(FORBIDDEN);
    await expect(library.summary('evil')).rejects.toMatchObject(FORBIDDEN);
    await expect(library.setProgress('evil', { fraction: 0.5, position: 1, within: 0 })).rejects.toMatchObject(FORBIDDEN);
    await expect(library.setTags('evil', ['x'])).rejects.toMatchObject(FORBIDDEN);
    await expect(library.setRead('evil', true)).rejects.toMatchObject(FORBIDDEN);
    await expect(library.trash('evil')).rejects.toMatchObject(FORBIDDEN);
    await expect(annotations.list('evil')).rejects.toMatchObject(FORBIDDEN);
    await expect(
      annotations.create({ articleId: 'evil', target: targetAt('The body of a.', 0, 3), color: 'yellow', note: '', tags: [] }),
    ).rejects.toMatchObject(FORBIDDEN);
    await expect(annotations.setArticleNote('evil', 'note')).rejects.toMatchObject(FORBIDDEN);
    const staging = await ArticleStaging.create(dir);
    const draft = {
      title: 'New', byline: null, site: null, url: null, publishedAt: null, language: null, credit: null,
      wordCount: 1, canonicalUrl: null, excerpt: null, html: '<p>new</p>', text: 'new', tags: [],
    };
    await expect(replaceArticleContent(dir, staging, 'evil', draft, new Date())).rejects.toMatchObject(FORBIDDEN);
    expect(await snapshot(outside)).toEqual(before);
    // The real article is unaffected.
    expect((await library.get('a')).title).toBe('Title of a');
  });

  it('is left out of list() and reported, and the rest of the library lists', async () => {
    const { library, outside, before } = await linkedLibrary();
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toEqual(['a']);
    expect(listing.problems).toEqual([
      {
        file: 'articles/evil',
        movedTo: null,
        reason: 'articles/evil is a symbolic link; Lectern never follows links out of the library, so it was left where it is',
      },
    ]);
    expect(await snapshot(outside)).toEqual(before);
  });

  it('is refused even when it points at another article inside the library', async () => {
    const base = await freshDir();
    const dir = join(base, 'library');
    const library = await Library.open(dir, { bundled: [bundled('a')] });
    await symlink(join(dir, 'articles', 'a'), join(dir, 'articles', 'alias'), linkType);
    await expect(library.get('alias')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(library.setProgress('alias', { fraction: 0.5, position: 1, within: 0 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await library.get('a')).progress).toBeNull();
  });
});

describe('an assets folder that is a symbolic link', () => {
  it('is refused by a re-save, which neither moves images into it nor removes any there', async () => {
    const { base, dir } = await linkedLibrary();
    await rm(join(dir, 'articles', 'evil'));
    const outsideAssets = join(base, 'outside-assets');
    await mkdir(outsideAssets);
    await writeFile(join(outsideAssets, 'precious.png'), 'PRECIOUS');
    await symlink(outsideAssets, join(dir, 'articles', 'a', 'assets'), linkType);
    const staging = await ArticleStaging.create(dir);
    await staging.storeAsset(new TextEncoder().encode('new image'), 'png');
    const draft = {
      title: 'New', byline: null, site: null, url: null, publishedAt: null, language: null, credit: null,
      wordCount: 1, canonicalUrl: null, excerpt: null, html: '<p>new</p>', text: 'new', tags: [],
    };
    await expect(replaceArticleContent(dir, staging, 'a', draft, new Date())).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('articles/a/assets is a symbolic link'),
    });
    expect(await tree(outsideAssets)).toEqual(['precious.png']);
  });
});

describe('a trashed article folder that is a symbolic link', () => {
  it('is not restored, and nothing moves', async () => {
    const { base, dir, library, outside, before } = await linkedLibrary();
    await mkdir(join(dir, TRASH_DIR), { recursive: true });
    await rm(join(dir, 'articles', 'evil'));
    await symlink(outside, join(dir, TRASH_DIR, 'evil'), linkType);
    await expect(library.restore('evil')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('.trash/evil is a symbolic link'),
    });
    expect(await tree(join(dir, 'articles'))).not.toContain('evil');
    expect(await snapshot(outside)).toEqual(before);
    expect(await tree(base)).toContain('outside/evil/article.json');
  });
});

describe('an articles folder that is a symbolic link', () => {
  it('lists nothing but a problem, and get refuses', async () => {
    const base = await freshDir();
    const real = join(base, 'real-library');
    await Library.open(real, { bundled: [bundled('a')] });
    const dir = join(base, 'library');
    await mkdir(dir);
    await cp(join(real, 'library.json'), join(dir, 'library.json'));
    await symlink(join(real, 'articles'), join(dir, 'articles'), linkType);
    const library = await Library.open(dir, { bundled: [bundled('a')] });
    const listing = await library.list();
    expect(listing.articles).toEqual([]);
    expect(listing.problems).toEqual([
      expect.objectContaining({ file: 'articles', movedTo: null, reason: expect.stringContaining('articles is a symbolic link') }),
    ]);
    await expect(library.get('a')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('folderContainment', () => {
  it('accepts a real folder, says missing for an absent one or a file, refuses links', async () => {
    const { dir } = await linkedLibrary();
    await writeFile(join(dir, 'articles', 'file'), 'x');
    expect(await folderContainment(dir, 'articles', 'a')).toEqual({ kind: 'inside' });
    expect(await folderContainment(dir, 'articles', 'nope')).toEqual({ kind: 'missing' });
    expect(await folderContainment(dir, 'articles', 'file')).toEqual({ kind: 'missing' });
    expect(await folderContainment(dir, 'articles', 'evil')).toEqual({
      kind: 'outside',
      reason: 'articles/evil is a symbolic link',
    });
    expect(await folderContainment(dir, 'articles', 'evil', 'assets')).toEqual({
      kind: 'outside',
      reason: 'articles/evil/assets is a symbolic link',
    });
  });

  it('accepts a library reached through a link itself (only what is below the library is checked)', async () => {
    const { base, dir } = await linkedLibrary();
    await symlink(dir, join(base, 'via-link'), linkType);
    expect(await folderContainment(join(base, 'via-link'), 'articles', 'a')).toEqual({ kind: 'inside' });
    const library = await Library.open(join(base, 'via-link'), { bundled: [bundled('a')] });
    expect((await library.get('a')).id).toBe('a');
  });
});
