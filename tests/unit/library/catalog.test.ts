/**
 * The catalog inside the library (ARCHITECTURE.md §3, the catalog): a warm open answers
 * from it before reading a folder; a cold one builds it in batches announced as added;
 * every write updates its row in the same step; the background check (reconcile) finds
 * what changed on disk by hand or behind a crash, and announces it.
 */
import { mkdir, readFile, rename, rm, utimes, writeFile, cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryChange } from '../../../common/ipc';
import { Library } from '../../../main/library';
import { CATALOG_FILE } from '../../../main/library/catalog';
import { RECONCILE_BATCH } from '../../../main/library/reconcile';
import { ArticleStaging, commitReplace, replaceArticleContent, saveNewArticle, type ArticleDraft } from '../../../main/library/staging';
import { bundled, freshDir } from './helpers';

const opened: Library[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});

interface Opened {
  library: Library;
  changes: LibraryChange[];
  logged: string[];
}

async function open(dir: string, ids: string[] = []): Promise<Opened> {
  const changes: LibraryChange[] = [];
  const logged: string[] = [];
  const library = await Library.open(dir, {
    bundled: ids.map((id) => bundled(id)),
    onChange: (change) => changes.push(change),
    log: (message) => logged.push(message),
  });
  opened.push(library);
  return { library, changes, logged };
}

async function reopen(library: Library, ids: string[] = []): Promise<Opened> {
  await library.close();
  opened.splice(opened.indexOf(library), 1);
  return open(library.dir, ids);
}

const ids = async (library: Library, options = {}) =>
  (await library.listWindow({ offset: 0, limit: 500, ...options })).articles.map((a) => a.id);

const removeCatalog = async (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) await rm(path + suffix, { force: true });
};

const articleJson = (dir: string, id: string) => join(dir, 'articles', id, 'article.json');

/** Change a field of article.json on disk, as another tool (or a write whose catalog update was lost) would. */
async function editRecord(dir: string, id: string, change: (record: Record<string, unknown>) => void): Promise<void> {
  const record = JSON.parse(await readFile(articleJson(dir, id), 'utf8')) as Record<string, unknown>;
  change(record);
  await writeFile(articleJson(dir, id), `${JSON.stringify(record, null, 2)}\n`);
}

/** Everything announced, merged. */
const merged = (changes: LibraryChange[]) => ({
  added: changes.flatMap((c) => c.added).sort(),
  updated: changes.flatMap((c) => c.updated).sort(),
  removed: changes.flatMap((c) => c.removed).sort(),
});

const draft = (title: string): ArticleDraft => ({
  title,
  byline: null,
  site: 'Example',
  url: 'https://example.com/x',
  publishedAt: null,
  language: 'en',
  credit: null,
  wordCount: 3,
  canonicalUrl: null,
  excerpt: null,
  html: `<p>${title}</p>`,
  text: title,
  tags: [],
});

describe('Library.open with a catalog', () => {
  it('keeps the catalog in .index/ and answers a warm open from it before reading any folder', async () => {
    const dir = await freshDir();
    const first = await open(dir, ['a', 'b']);
    await first.library.reconciled();
    expect(first.library.catalogPath).toBe(join(dir, '.index', CATALOG_FILE));
    await first.library.close();
    // Behind the closed library's back: a title changed, a folder added.
    await editRecord(dir, 'a', (r) => (r['title'] = 'Changed by hand'));
    await cp(join(dir, 'articles', 'b'), join(dir, 'articles', 'c'), { recursive: true });
    await editRecord(dir, 'c', (r) => (r['id'] = 'c'));
    const { library, changes } = await open(dir, ['a', 'b']);
    // Straight after open: the catalog's rows, as they were (nothing was read yet).
    const warm = await library.listWindow({ offset: 0, limit: 10 });
    expect(warm.total).toBe(2);
    expect(warm.articles.find((a) => a.id === 'a')?.title).toBe('Title of a');
    // The background check then finds both, and says so.
    await library.reconciled();
    expect((await ids(library)).sort()).toEqual(['a', 'b', 'c']);
    expect((await library.listWindow({ offset: 0, limit: 10 })).articles.find((a) => a.id === 'a')?.title).toBe('Changed by hand');
    expect(merged(changes)).toEqual({ added: ['c'], updated: ['a'], removed: [] });
  });

  it('builds a missing catalog in batches, each announced as added, and lists the rows as they arrive', async () => {
    const dir = await freshDir();
    const count = RECONCILE_BATCH * 2 + 7;
    const { library } = await open(dir, ['seed']);
    await library.reconciled();
    const template = await readFile(articleJson(dir, 'seed'), 'utf8');
    for (let i = 0; i < count; i++) {
      const id = `n-${i}`;
      await mkdir(join(dir, 'articles', id));
      await writeFile(articleJson(dir, id), template.replace('"id": "seed"', `"id": "${id}"`));
    }
    await library.close();
    opened.splice(0);
    await rm(join(dir, '.index'), { recursive: true });
    const totals: number[] = [];
    const changes: LibraryChange[] = [];
    const cold = await Library.open(dir, {
      bundled: [],
      onChange: (change) => {
        changes.push(change);
        void cold.listWindow({ offset: 0, limit: 1 }).then((w) => totals.push(w.total));
      },
    });
    opened.push(cold);
    await cold.reconciled();
    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(changes.every((c) => c.updated.length === 0 && c.removed.length === 0 && c.added.length <= RECONCILE_BATCH)).toBe(true);
    expect(merged(changes).added).toHaveLength(count + 1);
    // Rows were listable before the last batch arrived.
    expect(Math.min(...totals)).toBeLessThan(count + 1);
    expect((await cold.listWindow({ offset: 0, limit: 1 })).total).toBe(count + 1);
  });

  it('shows the re-save a killed process committed as soon as it opens (the roll-forward updates the row)', async () => {
    const dir = await freshDir();
    const { library } = await open(dir, ['a']);
    await library.reconciled();
    const staging = await ArticleStaging.create(dir);
    await commitReplace(dir, staging, 'a', draft('The new title'), new Date('2030-01-01T00:00:00.000Z'));
    // Killed after the commit: the row still says the old title.
    expect((await library.listWindow({ offset: 0, limit: 5 })).articles[0]?.title).toBe('Title of a');
    const next = await reopen(library, ['a']);
    expect((await next.library.listWindow({ offset: 0, limit: 5 })).articles[0]).toMatchObject({ id: 'a', title: 'The new title' });
  });
});

describe('every write updates its row in the same step', () => {
  it('read, tags, progress, trash, restore, a new save and a re-save', async () => {
    const dir = await freshDir();
    const { library, changes } = await open(dir, ['a', 'b']);
    await library.reconciled();
    const row = async (id: string) => (await library.listWindow({ offset: 0, limit: 50 })).articles.find((a) => a.id === id);

    await library.setRead('a', true);
    expect((await row('a'))?.progress?.fraction).toBe(1);
    expect(await ids(library, { filter: 'finished' })).toEqual(['a']);
    await library.setProgress('b', { fraction: 0.5, position: 3, within: 0 });
    expect(await ids(library, { filter: 'in-progress' })).toEqual(['b']);
    await library.setTags('a', ['Long-read']);
    expect(await ids(library, { filter: 'tag', tag: 'long-read' })).toEqual(['a']);
    expect((await library.listWindow({ offset: 0, limit: 1 })).tags).toEqual(['Long-read']);

    await library.trash('a');
    expect(await ids(library)).toEqual(['b']);
    expect((await library.listWindow({ offset: 0, limit: 1, filter: 'tag', tag: 'long-read' })).total).toBe(0);
    await library.restore('a');
    expect((await row('a'))?.tags).toEqual(['Long-read']);

    const staging = await ArticleStaging.create(dir);
    await saveNewArticle(dir, staging, 'c', draft('A new one'), new Date('2030-01-01T00:00:00.000Z'));
    expect((await ids(library))[0]).toBe('c');
    await replaceArticleContent(dir, await ArticleStaging.create(dir), 'c', draft('Saved again'), new Date('2030-01-02T00:00:00.000Z'));
    expect((await row('c'))?.title).toBe('Saved again');
    // The library's own writes are not announced by the check (the dispatcher announces them).
    await library.reconcile();
    expect(changes).toEqual([]);
  });

  it('a write whose catalog update was lost (a crash between the two) is found by the next check', async () => {
    const dir = await freshDir();
    const { library } = await open(dir, ['a']);
    await library.reconciled();
    await library.close();
    opened.splice(0);
    // As if setProgress wrote the file and the process died before the catalog's update.
    await editRecord(dir, 'a', (r) => (r['readingProgress'] = { fraction: 0.4, position: 2, within: 0 }));
    const next = await open(dir, ['a']);
    await next.library.reconciled();
    expect((await ids(next.library, { filter: 'in-progress' }))).toEqual(['a']);
    expect(merged(next.changes)).toEqual({ added: [], updated: ['a'], removed: [] });
  });

  it('an edit that keeps the size and the mtime is still found (ctime and inode are in the fingerprint)', async () => {
    const dir = await freshDir();
    const { library, changes } = await open(dir, ['a']);
    await library.reconciled();
    const path = articleJson(dir, 'a');
    const { mtime } = await stat(path);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('Title of a', 'Title of z'));
    await utimes(path, mtime, mtime);
    await library.reconcile();
    expect((await library.listWindow({ offset: 0, limit: 1 })).articles[0]?.title).toBe('Title of z');
    expect(merged(changes).updated).toEqual(['a']);
  });
});

describe('bad input: the folders are the truth', () => {
  it('a library edited by hand while open (folders added, removed, renamed) is shown as on disk after the next check', async () => {
    const dir = await freshDir();
    const { library, changes } = await open(dir, ['a', 'b', 'c']);
    await library.reconciled();
    await rm(join(dir, 'articles', 'a'), { recursive: true });
    await rename(join(dir, 'articles', 'b'), join(dir, 'articles', 'b2'));
    await editRecord(dir, 'b2', (r) => (r['id'] = 'b2'));
    await cp(join(dir, 'articles', 'c'), join(dir, 'articles', 'd'), { recursive: true });
    await editRecord(dir, 'd', (r) => (r['id'] = 'd'));
    await library.reconcile();
    expect((await ids(library)).sort()).toEqual(['b2', 'c', 'd']);
    expect(merged(changes)).toEqual({ added: ['b2', 'd'], updated: [], removed: ['a', 'b'] });
    // Exactly what a catalog built from nothing shows.
    await library.close();
    opened.splice(0);
    await rm(join(dir, '.index'), { recursive: true });
    const fresh = await open(dir, ['a', 'b', 'c']);
    await fresh.library.reconciled();
    for (const sort of ['saved', 'title', 'published', 'progress'] as const) {
      expect(await ids(fresh.library, { sort })).toEqual((await fresh.library.list({ sort })).articles.map((a) => a.id));
    }
  });

  it('a corrupt article.json added by hand is moved to quarantine by the check a page asks for (recheck), and the change is announced without ids', async () => {
    const dir = await freshDir();
    const { library, changes } = await open(dir, ['a']);
    await library.reconciled();
    changes.splice(0);
    await mkdir(join(dir, 'articles', 'broken-one'), { recursive: true });
    await writeFile(articleJson(dir, 'broken-one'), '{"id": "broken-one", "title": ');
    // A page that just loaded asks for its first rows with recheck: answered at once from the catalog…
    const first = await library.listWindow({ offset: 0, limit: 10, recheck: true });
    expect(first.articles.map((a) => a.id)).toEqual(['a']);
    await library.reconciled();
    // …and the check moves the damaged file aside and says the problems changed.
    expect(changes).toEqual([{ added: [], updated: [], removed: [] }]);
    const after = await library.listWindow({ offset: 0, limit: 10 });
    expect(after.articles.map((a) => a.id)).toEqual(['a']);
    expect(after.problems).toEqual([expect.objectContaining({ file: 'articles/broken-one/article.json', movedTo: expect.stringMatching(/^\.quarantine\//) })]);
    // Without recheck (and within a few seconds of the last check) nothing is checked again.
    await library.listWindow({ offset: 0, limit: 10 });
    expect(changes).toHaveLength(1);
  });

  it('a row whose article.json went bad or away is dropped and reported, never shown as a broken row', async () => {
    const dir = await freshDir();
    const { library, changes } = await open(dir, ['a', 'b', 'c']);
    await library.reconciled();
    await writeFile(articleJson(dir, 'a'), '{ "title": ');
    await rm(articleJson(dir, 'b'));
    await mkdir(join(dir, 'articles', 'c', 'article.json.d'));
    await rm(articleJson(dir, 'c'));
    await mkdir(articleJson(dir, 'c')); // a folder where the file should be
    await library.reconcile();
    const listing = await library.listWindow({ offset: 0, limit: 10 });
    expect(listing.articles).toEqual([]);
    expect(listing.total).toBe(0);
    expect(listing.problems.map((p) => p.file).sort()).toEqual(['articles/a/article.json', 'articles/c/article.json']);
    // The background check moves nothing: the damaged file is where it was.
    expect(await readFile(articleJson(dir, 'a'), 'utf8')).toBe('{ "title": ');
    expect(merged(changes).removed).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['garbage bytes', async (path: string) => {
      await removeCatalog(path);
      await writeFile(path, Buffer.from('this is not a database at all, only bytes '.repeat(200)));
    }, /cannot be used/],
    ['another schema version', async (path: string) => {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(path);
      db.exec('PRAGMA user_version = 99');
      db.close();
    }, /schema version 99, not 1/],
    ['a foreign SQLite file', async (path: string) => {
      const { DatabaseSync } = await import('node:sqlite');
      await removeCatalog(path);
      const db = new DatabaseSync(path);
      db.exec('PRAGMA application_id = 0; PRAGMA user_version = 0; CREATE TABLE notes(x); INSERT INTO notes VALUES (1)');
      db.close();
    }, /not a Lectern catalog/],
  ])('a catalog with %s is rebuilt from the folders, the reason logged', async (_what, damage, reason) => {
    const dir = await freshDir();
    const { library } = await open(dir, ['a', 'b']);
    await library.reconciled();
    await library.close();
    opened.splice(0);
    const path = join(dir, '.index', CATALOG_FILE);
    await damage(path);
    const next = await open(dir, ['a', 'b']);
    expect(next.logged.join('\n')).toMatch(reason);
    expect(next.logged.join('\n')).toMatch(/rebuilding it from the article folders/);
    expect(next.library.catalogPath).toBe(path);
    await next.library.reconciled();
    expect((await ids(next.library)).sort()).toEqual(['a', 'b']);
  });

  it('an unwritable .index/ keeps the catalog in memory, and the library still lists and saves', async () => {
    const dir = await freshDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.index'), 'a file where the folder should be');
    const { library, logged } = await open(dir, ['a']);
    expect(library.catalogPath).toBeNull();
    expect(logged.join('\n')).toMatch(/cannot be written .*; keeping it in memory/);
    await library.reconciled();
    expect(await ids(library)).toEqual(['a']);
    await library.setRead('a', true);
    expect(await ids(library, { filter: 'finished' })).toEqual(['a']);
  });

  it('a read-only library keeps its catalog in memory and writes nothing into .index/', async () => {
    const dir = await freshDir();
    const { library } = await open(dir, ['a']);
    await library.reconciled();
    const before = await stat(join(dir, '.index', CATALOG_FILE));
    const second = await open(dir, ['a']);
    expect(second.library.readOnly).not.toBeNull();
    expect(second.library.catalogPath).toBeNull();
    await second.library.reconciled();
    expect(await ids(second.library)).toEqual(['a']);
    expect((await stat(join(dir, '.index', CATALOG_FILE))).mtimeMs).toBe(before.mtimeMs);
  });
});
