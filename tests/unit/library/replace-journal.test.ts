/**
 * The re-save journal (main/library/staging.ts, ARCHITECTURE.md §3): saving an article
 * again is staged, committed by `.staging/<random>/replace.json`, then applied.
 * A kill after the commit is finished by the next `Library.open` (content.html matching
 * `contentHash`, tags and reading position kept); a kill before it leaves the article as
 * it was; applying twice changes nothing more. Also: `Library.open` removes the temp
 * files a killed trash left in `.trash/` and `.trash/<id>/`.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library, LOCK_FILE, STALE_MS } from '../../../main/library';
import { atomicSettings } from '../../../main/library/atomic';
import { LibraryError } from '../../../main/library/errors';
import {
  ArticleStaging,
  REPLACE_INTENT,
  applyStagedReplace,
  commitReplace,
  replaceArticleContent,
  saveNewArticle,
  type ArticleDraft,
} from '../../../main/library/staging';
import { freshDir, tree } from './helpers';

const SAVED = new Date('2024-05-01T10:00:00.000Z');
const LATER = new Date('2024-06-01T10:00:00.000Z');
const OLD_IMAGE = new Uint8Array([1, 2, 3]);
const NEW_IMAGE = new Uint8Array([9, 9]);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title: 'Old title',
    byline: null,
    site: 'Example',
    url: 'https://example.com/a',
    canonicalUrl: null,
    publishedAt: '2024-04-01',
    language: 'en',
    excerpt: null,
    credit: null,
    html: '<p>Old words.</p>',
    text: 'Old words.',
    wordCount: 2,
    tags: ['saved'],
    ...overrides,
  };
}
const NEW = draft({ title: 'New title', html: '<p>New words, more of them.</p>', text: 'New words, more of them.', wordCount: 5, tags: ['again'] });

const opened: Library[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});
async function open(dir: string): Promise<Library> {
  const library = await Library.open(dir, { bundled: [] });
  opened.push(library);
  // Staging folders and temp files a killed process left go in the background after open.
  await library.swept();
  return library;
}
/** What a crash does to the open library: its lock goes (a dead holder), nothing else happens. */
async function reopen(library: Library): Promise<Library> {
  await library.close();
  return open(library.dir);
}

/** A library with the article "a" (one image), opened. */
async function withArticle(): Promise<{ dir: string; library: Library }> {
  const dir = await freshDir();
  const library = await open(dir);
  const staging = await ArticleStaging.create(dir);
  await staging.storeAsset(OLD_IMAGE, 'png');
  await saveNewArticle(dir, staging, 'a', draft(), SAVED);
  await writeFile(join(dir, 'articles', 'a', 'annotations.json'), 'ANNOTATIONS');
  return { dir, library };
}

/** A re-save of "a" with NEW and its new image, staged and committed but not applied (a kill right after the commit). */
async function committed(dir: string, savedAt = LATER, next = NEW) {
  const staging = await ArticleStaging.create(dir);
  await staging.storeAsset(NEW_IMAGE, 'gif');
  const intent = await commitReplace(dir, staging, 'a', next, savedAt);
  return { staging, intent };
}

async function files(dir: string, id = 'a') {
  const folder = join(dir, 'articles', id);
  return {
    record: JSON.parse(await readFile(join(folder, 'article.json'), 'utf8')) as Record<string, unknown>,
    html: await readFile(join(folder, 'content.html'), 'utf8'),
    text: await readFile(join(folder, 'text.txt'), 'utf8'),
    assets: (await readdir(join(folder, 'assets'))).sort(),
    annotations: await readFile(join(folder, 'annotations.json'), 'utf8'),
  };
}

/** Every file under `dir` with its contents, but the lock (its heartbeat changes). */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // The catalog in .index/ is a cache of the folders (ARCHITECTURE.md §3): its bytes are not the library's.
  for (const file of await tree(dir)) if (file !== LOCK_FILE && !file.startsWith('.index/')) out[file] = await readFile(join(dir, file), 'latin1');
  return out;
}

const staged = (dir: string) => readdir(join(dir, '.staging'));

/** Collect what atomicSettings.warn is told while `fn` runs. */
async function warned<T>(fn: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const saved = atomicSettings.warn;
  atomicSettings.warn = (message) => warnings.push(message);
  try {
    return { value: await fn(), warnings };
  } finally {
    atomicSettings.warn = saved;
  }
}

describe('a re-save interrupted after its commit', () => {
  it('is committed on disk but changes nothing in articles/ until applied', async () => {
    const { dir } = await withArticle();
    const before = await files(dir);
    const { staging, intent } = await committed(dir);
    expect(await files(dir)).toStrictEqual(before);
    expect((await readdir(staging.path)).sort()).toStrictEqual(['assets', 'content.html', REPLACE_INTENT, 'text.txt']);
    expect(JSON.parse(await readFile(join(staging.path, REPLACE_INTENT), 'utf8'))).toStrictEqual(intent);
    expect(intent).toMatchObject({ format: 1, articleId: 'a', savedAt: LATER.toISOString(), contentHash: sha256(NEW.html) });
    // A committed folder belongs to the journal: the saving service's discard keeps it.
    await staging.discard();
    expect(await staged(dir)).toHaveLength(1);
  });

  it('is finished at the next open: content.html matches contentHash, tags and reading position are kept', async () => {
    const { dir, library } = await withArticle();
    await committed(dir);
    // Changes made after the commit, before the crash: acknowledged, so they must survive.
    await library.setTags('a', ['mine']);
    await library.setProgress('a', { fraction: 0.4, position: 7, within: 0.5 });
    const next = await reopen(library);
    const after = await files(dir);
    expect(after.html).toBe(NEW.html);
    expect(after.text).toBe(NEW.text);
    expect(after.record).toMatchObject({
      title: 'New title',
      wordCount: 5,
      savedAt: LATER.toISOString(),
      contentHash: sha256(after.html),
      tags: ['mine', 'again'],
      readingProgress: { fraction: 0.4, position: 7, within: 0.5 },
    });
    expect(after.assets).toStrictEqual([`${sha256(NEW_IMAGE)}.gif`]);
    expect(after.annotations).toBe('ANNOTATIONS');
    expect(await staged(dir)).toStrictEqual([]);
    expect((await next.get('a')).html).toBe(NEW.html);
  });

  it('is finished at the next open when the apply was cut short half way (new content.html under the old record)', async () => {
    const { dir, library } = await withArticle();
    const { staging } = await committed(dir);
    // The first steps of an apply, then the kill: exactly the state the kill suite found.
    await cp(join(staging.path, 'assets'), join(dir, 'articles', 'a', 'assets'), { recursive: true });
    await rm(join(staging.path, 'assets', `${sha256(NEW_IMAGE)}.gif`));
    await cp(join(staging.path, 'content.html'), join(dir, 'articles', 'a', 'content.html'));
    await rm(join(staging.path, 'content.html'));
    const cut = await files(dir);
    expect(cut.record['contentHash']).not.toBe(sha256(cut.html));
    await reopen(library);
    const after = await files(dir);
    expect(after.record['contentHash']).toBe(sha256(after.html));
    expect(after).toMatchObject({ html: NEW.html, text: NEW.text, assets: [`${sha256(NEW_IMAGE)}.gif`] });
    expect(await staged(dir)).toStrictEqual([]);
  });

  it('a failed apply reports what was kept, keeps the journal, and the next open finishes it', async () => {
    const { dir, library } = await withArticle();
    // text.txt cannot be replaced (a folder is in its place): the apply fails after content.html moved.
    const textPath = join(dir, 'articles', 'a', 'text.txt');
    await rm(textPath);
    await mkdir(join(textPath, 'blocker'), { recursive: true });
    const staging = await ArticleStaging.create(dir);
    const error = await replaceArticleContent(dir, staging, 'a', NEW, LATER).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).code).toBe('io');
    expect((error as LibraryError).message).toMatch(
      /The new version is kept and is put in place the next time Lectern opens this library; its tags, reading position and highlights are kept\.$/,
    );
    await staging.discard(); // what the saving service does on any failure
    expect(await staged(dir)).toHaveLength(1);
    await rm(textPath, { recursive: true });
    await reopen(library);
    const after = await files(dir);
    expect(after).toMatchObject({ html: NEW.html, text: NEW.text });
    expect(after.record['contentHash']).toBe(sha256(after.html));
    expect(await staged(dir)).toStrictEqual([]);
  });
});

describe('a re-save interrupted before its commit', () => {
  it('leaves the old article intact, and its staging folder is removed at the next open', async () => {
    const { dir, library } = await withArticle();
    const before = await snapshot(dir);
    // Everything staged but the intent (a kill while the intent's temp file was written).
    const staging = await ArticleStaging.create(dir);
    await staging.storeAsset(NEW_IMAGE, 'gif');
    await writeFile(join(staging.path, 'content.html'), NEW.html);
    await writeFile(join(staging.path, 'text.txt'), NEW.text);
    await writeFile(join(staging.path, `.${REPLACE_INTENT}.0123456789ab.tmp`), '{"format":1,"articleId":"a"');
    await reopen(library);
    expect(await staged(dir)).toStrictEqual([]);
    expect(await snapshot(dir)).toStrictEqual(before);
  });

  it('a failed commit leaves the article as it was and removes its staging folder', async () => {
    const { dir } = await withArticle();
    const before = await snapshot(dir);
    const staging = await ArticleStaging.create(dir);
    await staging.storeAsset(NEW_IMAGE, 'gif');
    // The intent cannot be renamed in: a folder is in its place.
    await mkdir(join(staging.path, REPLACE_INTENT, 'blocker'), { recursive: true });
    const error = await replaceArticleContent(dir, staging, 'a', NEW, LATER).catch((caught: unknown) => caught);
    expect((error as LibraryError).code).toBe('io');
    expect((error as LibraryError).message).toMatch(/The article was not updated; it is as it was\.$/);
    expect(await staged(dir)).toStrictEqual([]);
    expect(await snapshot(dir)).toStrictEqual(before);
  });
});

describe('applying a committed re-save', () => {
  it('twice gives the same article, and the second apply keeps changes made in between', async () => {
    const { dir, library } = await withArticle();
    const { staging, intent } = await committed(dir);
    const copy = join(dir, 'copy-of-staging');
    await cp(staging.path, copy, { recursive: true });
    await applyStagedReplace(dir, staging.path, intent);
    const once = await snapshot(join(dir, 'articles'));
    // Applying again (a kill before the journal was removed) changes nothing…
    await cp(copy, staging.path, { recursive: true });
    await applyStagedReplace(dir, staging.path, intent);
    expect(await snapshot(join(dir, 'articles'))).toStrictEqual(once);
    // …not even a tag the user removed after the first apply: the draft's tags are not merged again.
    await library.setTags('a', ['saved']);
    const tagged = await snapshot(join(dir, 'articles'));
    await cp(copy, staging.path, { recursive: true });
    await reopen(library);
    expect(await snapshot(join(dir, 'articles'))).toStrictEqual(tagged);
    expect((await files(dir)).record['tags']).toStrictEqual(['saved']);
    expect(await staged(dir)).toStrictEqual([]);
  });

  it('an older committed re-save never overwrites a later save of the same article', async () => {
    const { dir, library } = await withArticle();
    const older = await committed(dir, LATER, draft({ title: 'Older', html: '<p>Older.</p>', text: 'Older.' }));
    const newest = new Date('2024-07-01T00:00:00.000Z');
    const staging = await ArticleStaging.create(dir);
    await replaceArticleContent(dir, staging, 'a', NEW, newest);
    const current = await snapshot(join(dir, 'articles'));
    expect(await staged(dir)).toStrictEqual([older.staging.path.split(/[\\/]/).pop()]);
    await reopen(library);
    expect(await snapshot(join(dir, 'articles'))).toStrictEqual(current);
    expect((await files(dir)).record['savedAt']).toBe(newest.toISOString());
    expect(await staged(dir)).toStrictEqual([]);
  });
});

describe('rolling forward at open', () => {
  it('a re-save that cannot be finished is reported, kept for the next open, and does not stop the library opening', async () => {
    const { dir, library } = await withArticle();
    await committed(dir);
    const recordPath = join(dir, 'articles', 'a', 'article.json');
    const good = await readFile(recordPath, 'utf8');
    await library.close();
    await writeFile(recordPath, '{ "damaged": ');
    const { value: next, warnings } = await warned(() => open(dir));
    expect(next.readOnly).toBeNull();
    expect(warnings.some((w) => w.includes('the unfinished update of the article "a" could not be finished; it is kept in'))).toBe(true);
    expect(await staged(dir)).toHaveLength(1);
    // Repaired, the next open finishes it.
    await writeFile(recordPath, good);
    await reopen(next);
    expect((await files(dir)).record).toMatchObject({ title: 'New title', contentHash: sha256(NEW.html) });
    expect(await staged(dir)).toStrictEqual([]);
  });

  it('drops a committed re-save whose article is no longer in the library', async () => {
    const { dir, library } = await withArticle();
    await committed(dir);
    await library.trash('a');
    const before = await snapshot(join(dir, '.trash'));
    const { warnings } = await warned(() => reopen(library));
    expect(warnings.some((w) => w.includes('"a" is no longer in the library; its unfinished update was dropped'))).toBe(true);
    expect(await staged(dir)).toStrictEqual([]);
    expect(await snapshot(join(dir, '.trash'))).toStrictEqual(before);
  });

  it('leaves a young committed re-save alone when the last holder may be alive (stale lock), and finishes an old one', async () => {
    const { dir, library } = await withArticle();
    const young = await committed(dir);
    await library.close();
    // A lock of another computer whose heartbeat is stale: its holder may still be saving.
    const beat = new Date(Date.now() - STALE_MS - 5_000).toISOString();
    const plant = async () => {
      const record = { host: `not-${hostname()}`, pid: 1, startedAt: beat, heartbeatAt: beat, appVersion: '0.0.0', token: 'abcdef0123456789' };
      await writeFile(join(dir, LOCK_FILE), `${JSON.stringify(record)}\n`);
      await utimes(join(dir, LOCK_FILE), new Date(beat), new Date(beat));
    };
    await plant();
    const before = await files(dir);
    await (await open(dir)).close();
    expect(await files(dir)).toStrictEqual(before);
    expect(await staged(dir)).toHaveLength(1);
    // Two hours old: a dead process's.
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(young.staging.path, 'assets'), old, old);
    await utimes(young.staging.path, old, old);
    await plant();
    await open(dir);
    expect((await files(dir)).html).toBe(NEW.html);
    expect(await staged(dir)).toStrictEqual([]);
  });
});

describe('temp files in the trash', () => {
  it('are removed at open: .trash/.<id>.json.<hex>.tmp and .trash/<id>/.<name>.<hex>.tmp', async () => {
    const { dir, library } = await withArticle();
    await library.trash('a');
    const clean = await snapshot(dir);
    await writeFile(join(dir, '.trash', '.a.json.0123456789ab.tmp'), '{"trashedAt":');
    await writeFile(join(dir, '.trash', 'a', '.annotations.json.0123456789ab.tmp'), '{"anno');
    await reopen(library);
    expect(await snapshot(dir)).toStrictEqual(clean);
  });
});
