/** main/library/staging, trash and record: whole-or-nothing saves, updates, the trash, read/unread, tags. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeTags, setArticleRead, setArticleTags } from '../../../main/library/record';
import {
  ArticleStaging,
  articleIdTaken,
  removeStaleStaging,
  replaceArticleContent,
  saveNewArticle,
  type ArticleDraft,
} from '../../../main/library/staging';
import { emptyTrash, listTrash, restoreArticle, trashArticle } from '../../../main/library/trash';
import { tree } from '../library/helpers';
import { failure, freshLibrary } from './helpers';

const SAVED = new Date('2024-05-01T10:00:00.000Z');

function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title: 'A title',
    byline: null,
    site: 'Example',
    url: 'https://example.com/a',
    canonicalUrl: null,
    publishedAt: '2024-04-01',
    language: 'en',
    excerpt: 'An excerpt',
    credit: null,
    html: '<p>Some text.</p>',
    text: 'Some text.',
    wordCount: 2,
    tags: [],
    ...overrides,
  };
}

async function addArticle(dir: string, id: string, overrides: Partial<ArticleDraft> = {}) {
  const staging = await ArticleStaging.create(dir);
  await staging.storeAsset(new Uint8Array([1, 2, 3]), 'png');
  return saveNewArticle(dir, staging, id, draft(overrides), SAVED);
}

/** Every file under `dir` with its contents. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await tree(dir)) out[file] = await readFile(join(dir, file), 'latin1');
  return out;
}

describe('saveNewArticle', () => {
  it('writes the article folder in one rename and leaves no staging behind', async () => {
    const { dir, library } = await freshLibrary();
    const record = await addArticle(dir, 'a-title');
    expect(record).toMatchObject({ id: 'a-title', savedAt: SAVED.toISOString(), excerpt: 'An excerpt', canonicalUrl: null });
    expect((await tree(join(dir, 'articles', 'a-title'))).sort()).toStrictEqual([
      'article.json',
      'assets/039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81.png',
      'content.html',
      'text.txt',
    ]);
    expect(await readdir(join(dir, '.staging'))).toStrictEqual([]);
    expect((await library.get('a-title')).html).toBe('<p>Some text.</p>');
  });

  it('leaves no half article when the final rename fails, and cleans its staging folder', async () => {
    const { dir, library } = await freshLibrary();
    // A file where the article folder must go makes the save fail at the last step.
    await writeFile(join(dir, 'articles', 'blocked'), 'in the way');
    const staging = await ArticleStaging.create(dir);
    const error = await failure(saveNewArticle(dir, staging, 'blocked', draft(), SAVED));
    expect(error.code).toBe('io');
    expect(error.message).toBe(
      `Could not create ${join(dir, 'articles', 'blocked')}: it already exists. The article was not saved; the library is unchanged.`,
    );
    expect(await readdir(join(dir, '.staging'))).toStrictEqual([]);
    expect((await library.list()).articles).toStrictEqual([]);
  });

  it('leaves no half article when a write fails midway', async () => {
    const { dir, library } = await freshLibrary();
    const staging = await ArticleStaging.create(dir);
    await staging.storeAsset(new Uint8Array([1]), 'png');
    // text.txt cannot be created (a folder is in the way): content.html is written, then the save fails.
    await mkdir(join(staging.path, 'text.txt'));
    const error = await failure(saveNewArticle(dir, staging, 'midway', draft(), SAVED));
    expect(error.code).toBe('io');
    expect(error.message.startsWith(`Could not write ${join(dir, 'articles', 'midway')}: `)).toBe(true);
    expect(await articleIdTaken(dir, 'midway')).toBe(false);
    expect(await readdir(join(dir, '.staging'))).toStrictEqual([]);
    expect((await library.list()).articles).toStrictEqual([]);
  });

  it('refuses a draft the schema refuses before writing anything', async () => {
    const { dir } = await freshLibrary();
    const staging = await ArticleStaging.create(dir);
    const error = await failure(saveNewArticle(dir, staging, 'long', draft({ title: 'x'.repeat(2001) }), SAVED));
    expect(error.code).toBe('invalid-input');
    expect(await articleIdTaken(dir, 'long')).toBe(false);
  });

  it('refuses ids that are not folder names', async () => {
    const { dir } = await freshLibrary();
    const staging = await ArticleStaging.create(dir);
    expect((await failure(saveNewArticle(dir, staging, '../x', draft(), SAVED))).message).toBe(
      'Invalid article id "../x": an article id is 1–64 characters of a–z, 0–9 and "-"',
    );
  });
});

describe('removeStaleStaging', () => {
  it('removes what a killed save left, which the library never lists', async () => {
    const { dir, library } = await freshLibrary();
    const staging = await ArticleStaging.create(dir);
    await writeFile(join(staging.path, 'content.html'), '<p>half</p>');
    expect((await library.list()).articles).toStrictEqual([]);
    expect(await removeStaleStaging(dir)).toBe(1);
    expect(await readdir(join(dir, '.staging'))).toStrictEqual([]);
  });
});

describe('replaceArticleContent', () => {
  it('replaces content and images, keeps annotations.json, tags, progress and unknown keys', async () => {
    const { dir, library } = await freshLibrary();
    await addArticle(dir, 'a-title', { tags: ['one'] });
    const folder = join(dir, 'articles', 'a-title');
    await writeFile(join(folder, 'annotations.json'), 'ANNOTATIONS');
    await library.setProgress('a-title', { fraction: 0.3, position: 5, within: 0.5 });
    const json = JSON.parse(await readFile(join(folder, 'article.json'), 'utf8'));
    await writeFile(join(folder, 'article.json'), JSON.stringify({ ...json, future: 42 }));

    const staging = await ArticleStaging.create(dir);
    const image = await staging.storeAsset(new Uint8Array([9, 9]), 'gif');
    const later = new Date('2024-06-01T00:00:00.000Z');
    const record = await replaceArticleContent(dir, staging, 'a-title', draft({ title: 'New', html: '<p>New.</p>', text: 'New.', tags: ['ONE', 'two'] }), later);
    expect(record).toMatchObject({ title: 'New', tags: ['one', 'two'], readingProgress: { fraction: 0.3 }, future: 42, savedAt: later.toISOString() });
    expect(await readFile(join(folder, 'annotations.json'), 'utf8')).toBe('ANNOTATIONS');
    expect(await readdir(join(folder, 'assets'))).toStrictEqual([image]);
    expect(await readFile(join(folder, 'content.html'), 'utf8')).toBe('<p>New.</p>');
    expect(await readdir(join(dir, '.staging'))).toStrictEqual([]);
  });

  it('is not-found for an article that is not there', async () => {
    const { dir } = await freshLibrary();
    const staging = await ArticleStaging.create(dir);
    expect(await failure(replaceArticleContent(dir, staging, 'nope', draft(), SAVED))).toStrictEqual({
      code: 'not-found',
      message: 'No article with id "nope"',
    });
  });
});

describe('the trash', () => {
  it('moves an article to .trash and restores it identical', async () => {
    const { dir, library } = await freshLibrary();
    await addArticle(dir, 'a-title');
    await writeFile(join(dir, 'articles', 'a-title', 'annotations.json'), '{"kept":true}');
    const before = await snapshot(join(dir, 'articles', 'a-title'));

    await trashArticle(dir, 'a-title', new Date('2024-07-01T00:00:00.000Z'));
    expect((await library.list()).articles).toStrictEqual([]);
    expect(await listTrash(dir)).toStrictEqual([
      { id: 'a-title', title: 'A title', url: 'https://example.com/a', trashedAt: '2024-07-01T00:00:00.000Z' },
    ]);
    expect(await articleIdTaken(dir, 'a-title')).toBe(true);

    await restoreArticle(dir, 'a-title');
    expect(await snapshot(join(dir, 'articles', 'a-title'))).toStrictEqual(before);
    expect(await listTrash(dir)).toStrictEqual([]);
    expect((await library.list()).articles.map((a) => a.id)).toStrictEqual(['a-title']);
  });

  it('empties the trash for good', async () => {
    const { dir } = await freshLibrary();
    await addArticle(dir, 'one');
    await addArticle(dir, 'two');
    await trashArticle(dir, 'one');
    await trashArticle(dir, 'two');
    expect(await emptyTrash(dir)).toBe(2);
    expect(await listTrash(dir)).toStrictEqual([]);
    expect(await readdir(join(dir, '.trash'))).toStrictEqual([]);
    expect(await articleIdTaken(dir, 'one')).toBe(false);
  });

  it('says what is wrong', async () => {
    const { dir } = await freshLibrary();
    expect(await failure(trashArticle(dir, 'nope'))).toStrictEqual({ code: 'not-found', message: 'No article with id "nope"' });
    expect(await failure(restoreArticle(dir, 'nope'))).toStrictEqual({
      code: 'not-found',
      message: 'No article with id "nope" in the trash',
    });
    await addArticle(dir, 'twice');
    await trashArticle(dir, 'twice');
    await mkdir(join(dir, 'articles', 'twice'));
    expect(await failure(restoreArticle(dir, 'twice'))).toStrictEqual({
      code: 'invalid-input',
      message: 'The article "twice" cannot be restored: an article with that id exists',
    });
  });
});

describe('setArticleRead', () => {
  it('marks read (keeping the position) and unread', async () => {
    const { dir, library } = await freshLibrary();
    await addArticle(dir, 'a-title');
    await library.setProgress('a-title', { fraction: 0.4, position: 10, within: 0.2 });
    await setArticleRead(dir, 'a-title', true);
    expect((await library.get('a-title')).progress).toStrictEqual({ fraction: 1, position: 10, within: 0.2 });
    await setArticleRead(dir, 'a-title', false);
    expect((await library.get('a-title')).progress).toBeNull();
  });
});

describe('setArticleTags', () => {
  it('replaces the tags, dropping duplicates', async () => {
    const { dir } = await freshLibrary();
    await addArticle(dir, 'a-title');
    expect(await setArticleTags(dir, 'a-title', ['history', 'Korea', 'history', 'korea'])).toStrictEqual(['history', 'Korea']);
    const json = JSON.parse(await readFile(join(dir, 'articles', 'a-title', 'article.json'), 'utf8'));
    expect(json.tags).toStrictEqual(['history', 'Korea']);
  });

  it('refuses bad tags and too many', async () => {
    const { dir } = await freshLibrary();
    await addArticle(dir, 'a-title');
    expect(await failure(setArticleTags(dir, 'a-title', ['two words']))).toStrictEqual({
      code: 'invalid-input',
      message: 'Invalid tag "two words": a tag is 1–64 characters without spaces, "#" or ","',
    });
    expect(await failure(setArticleTags(dir, 'a-title', Array.from({ length: 51 }, (_, i) => `t${i}`)))).toStrictEqual({
      code: 'invalid-input',
      message: 'An article has at most 50 tags',
    });
  });

  it('normalizes free-text tags from front matter', () => {
    expect(normalizeTags([' machine learning ', '#ai', 'a,b', 'AI', ''])).toStrictEqual(['machine-learning', 'ai', 'a-b']);
  });
});
