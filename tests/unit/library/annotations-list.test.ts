/**
 * AnnotationStore.list: document order, the article note, and what an unreadable or
 * foreign annotations.json does (quarantined and reported, or refused when newer).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationsPath, BODY, readAnnotations, setup, targetFor } from './annotations-helpers';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('AnnotationStore.list', () => {
  it('answers no highlights and no note when there is no file, and writes nothing', async () => {
    const { dir, store } = await setup();
    expect(await store.list('a')).toEqual({ articleId: 'a', highlights: [], articleNote: null });
    expect(await readdir(join(dir, 'articles', 'a'))).not.toContain('annotations.json');
  });

  it('orders live highlights by start, then by creation; deleted ones are left out', async () => {
    const { store } = await setup();
    const make = (exact: string, occurrence = 0) =>
      store.create({ articleId: 'a', target: targetFor(BODY, exact, occurrence), color: 'yellow', note: '', tags: [] });
    const dog = await make('dog', 1);
    const quickLong = await make('quick brown');
    const quick = await make('quick');
    const gone = await make('The');
    const fox = await make('fox');
    await store.delete({ articleId: 'a', id: gone.id });
    expect((await store.list('a')).highlights.map((h) => h.id)).toEqual([quickLong.id, quick.id, fox.id, dog.id]);
  });

  it('answers the article note beside the highlights', async () => {
    const { store } = await setup();
    const note = await store.setArticleNote('a', '# Thoughts');
    expect(await store.list('a')).toEqual({ articleId: 'a', highlights: [], articleNote: note });
  });

  it('refuses an unknown article with not-found', async () => {
    const { store } = await setup();
    await expect(store.list('nope')).rejects.toMatchObject({ code: 'not-found', message: 'No article with id "nope"' });
  });

  it('quarantines an unparseable annotations.json with the same bytes, reports it, then answers empty', async () => {
    const { dir, library, store } = await setup();
    const bad = '{"format": 1, "annotations": [';
    await writeFile(annotationsPath(dir), bad);
    expect(await store.list('a')).toEqual({ articleId: 'a', highlights: [], articleNote: null });
    let reason = '';
    try {
      JSON.parse(bad);
    } catch (error) {
      reason = `annotations.json is not valid JSON: ${(error as Error).message}`;
    }
    const movedTo = '.quarantine/2024-06-01T00-00-00-000Z-a-annotations.json';
    expect((await library.list()).problems).toEqual([{ file: 'articles/a/annotations.json', movedTo, reason }]);
    expect(await readFile(join(dir, movedTo), 'utf8')).toBe(bad);
    expect(await readdir(join(dir, 'articles', 'a'))).not.toContain('annotations.json');

    // Writing anew is fine: the old bytes are safe in quarantine.
    await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    expect((await readAnnotations(dir)).annotations).toHaveLength(1);
    expect(await readFile(join(dir, movedTo), 'utf8')).toBe(bad);
  });

  it.each([
    ['[]', 'annotations.json holds an array, not an object'],
    ['{"format":1,"annotations":[{"id":"x"}]}', 'annotations.json does not match the annotations schema: annotations.0.kind: Invalid type: Expected ("highlight" | "article-note") but received undefined'],
    [
      JSON.stringify({
        format: 1,
        annotations: [
          { id: MISSING_ID, kind: 'article-note', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', motivation: 'commenting', target: { source: 'b' }, note: '', deleted: null },
        ],
      }),
      'annotations.json has an annotation of the article "b" but is in the folder "a"',
    ],
  ])('quarantines %s with the reason %j', async (bad, reason) => {
    const { dir, library, store } = await setup();
    await writeFile(annotationsPath(dir), bad);
    expect((await store.list('a')).highlights).toEqual([]);
    expect((await library.list()).problems).toEqual([
      { file: 'articles/a/annotations.json', movedTo: '.quarantine/2024-06-01T00-00-00-000Z-a-annotations.json', reason },
    ]);
  });

  it('quarantines a corrupt file met first by a change, and never overwrites it in place', async () => {
    const { dir, library, store } = await setup();
    await writeFile(annotationsPath(dir), 'garbage');
    await store.setArticleNote('a', 'fresh');
    expect((await library.list()).problems.map((p) => p.file)).toEqual(['articles/a/annotations.json']);
    expect(await readFile(join(dir, '.quarantine', '2024-06-01T00-00-00-000Z-a-annotations.json'), 'utf8')).toBe('garbage');
    expect((await store.list('a')).articleNote?.note).toBe('fresh');
  });

  it('refuses a newer format as corrupt and leaves the file alone', async () => {
    const { dir, store } = await setup();
    const newer = '{"format":2,"annotations":"elsewhere"}';
    await writeFile(annotationsPath(dir), newer);
    await expect(store.list('a')).rejects.toMatchObject({
      code: 'corrupt',
      message: `${annotationsPath(dir)} has format 2, but this version of Lectern only reads format 1. Update Lectern to see these highlights.`,
    });
    await expect(store.setArticleNote('a', 'x')).rejects.toMatchObject({ code: 'corrupt' });
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(newer);
    expect(await readdir(dir)).not.toContain('.quarantine');
  });

  it('keeps keys written by a later version when it rewrites the file', async () => {
    const { dir, store } = await setup();
    const highlight = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    const file = await readAnnotations(dir);
    await writeFile(
      annotationsPath(dir),
      JSON.stringify({ ...file, synced: 'x', annotations: file.annotations.map((a) => ({ ...a, stylus: { w: 2 } })) }),
    );
    await store.update({ articleId: 'a', id: highlight.id, patch: { color: 'blue' } });
    const after = (await readAnnotations(dir)) as unknown as Record<string, unknown> & { annotations: Record<string, unknown>[] };
    expect(after['synced']).toBe('x');
    expect(after.annotations[0]).toMatchObject({ stylus: { w: 2 }, color: 'blue' });
  });
});
