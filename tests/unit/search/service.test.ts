import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addArticle, ids, patchArticle, search, setAnnotations, startService, storyLibrary, STORY_ID } from './helpers';
import { marked } from './engines';

describe('SearchService.refreshArticle', () => {
  test('indexes a new article, reindexes a changed one, drops one whose folder is gone', async () => {
    const dir = await storyLibrary();
    const { service } = await startService(dir);
    await service.whenReady();
    expect(ids(await search(service, 'walrus'))).toEqual([]);
    await addArticle(dir, { id: 'w', body: 'The walrus sings.' });
    await service.refreshArticle('w');
    expect(ids(await search(service, 'walrus'))).toEqual(['w']);
    await patchArticle(dir, 'w', { title: 'Albatross' });
    await service.refreshArticle('w');
    expect((await search(service, 'albatross')).results.map((r) => r.title)).toEqual(['Albatross']);
    await rm(join(dir, 'articles', 'w'), { recursive: true });
    await service.refreshArticle('w');
    expect(ids(await search(service, 'walrus'))).toEqual([]);
  });

  test('refreshes asked for together are applied together', async () => {
    const dir = await storyLibrary();
    const { service } = await startService(dir, { refreshDelayMs: 50 });
    await service.whenReady();
    await addArticle(dir, { id: 'a', body: 'walrus' });
    await addArticle(dir, { id: 'b', body: 'walrus' });
    const first = service.refreshArticle('a');
    const second = service.refreshArticle('b');
    expect(second).toBe(first);
    await first;
    expect(ids(await search(service, 'walrus')).sort()).toEqual(['a', 'b']);
  });
});

describe('SearchService.removeArticle', () => {
  test('the article is no longer found', async () => {
    const dir = await storyLibrary();
    const { service } = await startService(dir);
    await service.whenReady();
    await service.removeArticle(STORY_ID);
    expect((await search(service, 'Pyongyang')).total).toBe(0);
  });
});

describe('SearchService.query', () => {
  test('highlight quotes, notes, article notes and tags are hits with their annotation and color; tombstones are not', async () => {
    const dir = await storyLibrary();
    const [quoteId, noteId, , articleNoteId] = await setAnnotations(dir, STORY_ID, [
      { kind: 'highlight', quote: 'Sergey Naryshkin', color: 'green', tags: ['spymaster'] },
      { kind: 'highlight', quote: 'two meetings', color: 'pink', note: 'Compare with the *Kremlin* readout' },
      { kind: 'highlight', quote: 'satellite technology', color: 'blue', note: 'forgotten zeppelin', tags: ['obsolete'], deleted: true },
      { kind: 'article-note', note: 'Follow up on <script>alert(1)</script> espionage claims' },
    ]);
    const { service } = await startService(dir);
    await service.whenReady();
    const hitsFor = async (query: string) =>
      (await search(service, query)).results[0]?.hits.map((h) => [h.field, h.annotationId, h.color, marked(h.snippet)]);
    expect(await hitsFor('spymaster')).toEqual([['tag', quoteId, 'green', '[spymaster]']]);
    expect((await hitsFor('readout'))?.[0]).toEqual(['note', noteId, 'pink', 'Compare with the *Kremlin* [readout]']);
    expect((await hitsFor('Sergey'))?.slice(0, 1)).toEqual([['highlight', quoteId, 'green', '[Sergey] Naryshkin']]);
    expect(await hitsFor('alert')).toEqual([
      ['article-note', articleNoteId, null, 'Follow up on <script>[alert](1)</script> espionage claims'],
    ]);
    expect((await search(service, 'zeppelin')).total).toBe(0);
    expect((await search(service, '', { tags: ['obsolete'] })).total).toBe(0);
    expect(ids(await search(service, '', { colors: ['pink'] }))).toEqual([STORY_ID]);
    expect(ids(await search(service, '', { colors: ['blue'] }))).toEqual([]);
    expect(ids(await search(service, '', { hasNotes: true }))).toEqual([STORY_ID]);
  });

  test('unreadable files are skipped, the rest is searchable', async () => {
    const dir = await storyLibrary();
    await addArticle(dir, { id: 'broken', body: 'walrus' });
    await addArticle(dir, { id: 'noted', body: 'walrus' });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'articles', 'broken', 'article.json'), '{ not json');
    await writeFile(join(dir, 'articles', 'noted', 'annotations.json'), '[1, 2]');
    const { service, logs } = await startService(dir);
    await service.whenReady();
    expect(ids(await search(service, 'walrus'))).toEqual(['noted']);
    expect(ids(await search(service, 'Pyongyang'))).toEqual([STORY_ID]);
    expect(logs).toContain('search: skipped the annotations of "noted": annotations.json holds an array, not an object');
    expect(logs.some((line) => line.startsWith('search: skipped "broken": '))).toBe(true);
  });

  test('answers "indexing" with progress while a new index is built, then "ready"', async () => {
    const dir = await storyLibrary();
    for (let i = 0; i < 400; i++) await addArticle(dir, { id: `a${i}`, body: `walrus number ${i}` });
    const { service } = await startService(dir);
    const early = await search(service, 'walrus');
    expect(early.state).toBe('indexing');
    expect(early.progress).not.toBeNull();
    expect(early.progress!.done).toBeLessThan(401);
    await service.whenReady();
    const later = await search(service, 'walrus');
    expect(later).toMatchObject({ state: 'ready', progress: null, total: 400 });
  });
});
