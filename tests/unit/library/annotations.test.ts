import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/handlers';
import { AnnotationStore, ColorSettings, Library, articleText } from '../../../main/library';
import { annotationsPath, BODY, readAnnotations, setup, targetAt, targetFor, UUID_PATTERN } from './annotations-helpers';
import { bundled, clock, freshDir, temps } from './helpers';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const TOO_LARGE = 'The note is 100001 bytes; a note may be at most 100000 bytes';

describe('AnnotationStore.create', () => {
  it('stores a W3C-shaped highlight and answers its view', async () => {
    const { dir, store } = await setup();
    const target = targetFor(BODY, 'brown fox');
    const highlight = await store.create({ articleId: 'a', target, color: 'green', note: '', tags: [] });
    expect(highlight).toEqual({
      id: expect.stringMatching(UUID_PATTERN),
      articleId: 'a',
      created: '2024-06-01T00:00:00.000Z',
      modified: '2024-06-01T00:00:00.000Z',
      motivation: 'highlighting',
      target,
      color: 'green',
      note: '',
      tags: [],
    });
    expect(await readAnnotations(dir)).toEqual({
      format: 1,
      annotations: [
        {
          id: highlight.id,
          kind: 'highlight',
          created: '2024-06-01T00:00:00.000Z',
          modified: '2024-06-01T00:00:00.000Z',
          motivation: 'highlighting',
          target: {
            source: 'a',
            selector: [
              { type: 'TextQuoteSelector', exact: 'brown fox', prefix: 'The quick ', suffix: target.quote.suffix },
              { type: 'TextPositionSelector', start: 10, end: 19 },
            ],
          },
          color: 'green',
          note: '',
          tags: [],
          deleted: null,
        },
      ],
    });
    expect(await temps(dir)).toEqual([]);
  });

  it('is "commenting" with a note, and keeps the first spelling of repeated tags', async () => {
    const { store } = await setup();
    const highlight = await store.create({
      articleId: 'a',
      target: targetFor(BODY, 'lazy dog'),
      color: 'blue',
      note: 'Why *lazy*?',
      tags: ['Dogs', 'dogs', 'DOGS', 'fox', 'Fox'],
    });
    expect(highlight).toMatchObject({ motivation: 'commenting', note: 'Why *lazy*?', tags: ['Dogs', 'fox'] });
  });

  it('persists: a fresh store on the same folder sees the same highlight', async () => {
    const { dir, store } = await setup();
    const highlight = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox', 1), color: 'pink', note: 'n', tags: ['t'] });
    expect((await new AnnotationStore(dir).list('a')).highlights).toEqual([highlight]);
  });

  it('accepts a note of exactly 100000 bytes', async () => {
    const { store } = await setup();
    const note = 'a'.repeat(99_997) + '한';
    expect((await store.create({ articleId: 'a', target: targetFor(BODY, 'dog'), color: 'yellow', note, tags: [] })).note).toBe(note);
  });

  it.each([
    ['100001 bytes of "a"', 'a'.repeat(100_001), TOO_LARGE],
    ['33334 "한" (100002 bytes)', '한'.repeat(33_334), 'The note is 100002 bytes; a note may be at most 100000 bytes'],
  ])('refuses a note of %s as too-large and leaves the file as it was', async (_label, note, message) => {
    const { dir, store } = await setup();
    await store.create({ articleId: 'a', target: targetFor(BODY, 'dog'), color: 'yellow', note: '', tags: [] });
    const before = await readFile(annotationsPath(dir), 'utf8');
    await expect(store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note, tags: [] })).rejects.toMatchObject({
      code: 'too-large',
      message,
    });
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('creates no file when the first highlight is refused', async () => {
    const { dir, store } = await setup();
    await expect(
      store.create({ articleId: 'a', target: targetFor(BODY, 'dog'), color: 'yellow', note: 'a'.repeat(100_001), tags: [] }),
    ).rejects.toThrow(TOO_LARGE);
    expect(await readdir(join(dir, 'articles', 'a'))).not.toContain('annotations.json');
  });

  it('accepts a highlight that ends at the end of the text and refuses one past it', async () => {
    const { dir, store } = await setup();
    const end = BODY.length;
    await expect(store.create({ articleId: 'a', target: targetAt(BODY, end - 4, end), color: 'yellow', note: '', tags: [] })).resolves.toMatchObject({
      target: { quote: { exact: ' on.' }, position: { start: end - 4, end } },
    });
    const past = { ...targetAt(BODY, end - 3, end), position: { type: 'TextPositionSelector' as const, start: end - 2, end: end + 1 } };
    await expect(store.create({ articleId: 'a', target: past, color: 'yellow', note: '', tags: [] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: `The highlight ends at ${end + 1}, past the end of the article text (${end} characters)`,
    });
    expect((await readAnnotations(dir)).annotations).toHaveLength(1);
  });

  it('measures the text as the body element’s textContent: markup, entities and newlines included', async () => {
    const html = '<h2>Heading</h2>\n<p>One <em>two</em> &amp; three</p>\n<p>Four 🦊</p>';
    const text = 'Heading\nOne two & three\nFour 🦊';
    const { store } = await setup(BODY, [{ ...bundled('c'), html }]);
    const fox = targetFor(text, '🦊');
    expect(fox.position).toEqual({ type: 'TextPositionSelector', start: text.length - 2, end: text.length });
    await expect(store.create({ articleId: 'c', target: fox, color: 'yellow', note: '', tags: [] })).resolves.toMatchObject({ target: fox });
    const past = { ...targetAt(text, 0, 3), position: { type: 'TextPositionSelector' as const, start: text.length - 2, end: text.length + 1 } };
    await expect(store.create({ articleId: 'c', target: past, color: 'yellow', note: '', tags: [] })).rejects.toThrow(
      `The highlight ends at ${text.length + 1}, past the end of the article text (${text.length} characters)`,
    );
  });

  it('refuses a quote whose length is not the span of its position', async () => {
    const { store } = await setup();
    const target = { ...targetFor(BODY, 'quick'), position: { type: 'TextPositionSelector' as const, start: 4, end: 10 } };
    await expect(store.create({ articleId: 'a', target, color: 'yellow', note: '', tags: [] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The quote has 5 characters but the position selector spans 6 (4 to 10)',
    });
  });

  it('refuses an unknown article with not-found and creates nothing', async () => {
    const { dir, store } = await setup();
    await expect(store.create({ articleId: 'nope', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No article with id "nope"',
    });
    expect(await readdir(join(dir, 'articles'))).toEqual(['a', 'b']);
  });

  it('refuses an article id that is not a folder name before it names a path (the payload is parsed by the dispatcher)', async () => {
    const { store } = await setup();
    await expect(store.create({ articleId: '../a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Invalid article id "../a": an article id is 1–64 characters of a–z, 0–9 and "-"',
    });
  });

  it('says corrupt when the article has no content.html', async () => {
    const { dir, store } = await setup();
    await rm(join(dir, 'articles', 'b', 'content.html'));
    await expect(store.create({ articleId: 'b', target: targetAt('The body of b.', 0, 3), color: 'yellow', note: '', tags: [] })).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/^Could not read .*content\.html: no such file or directory \(ENOENT\)$/),
    });
  });

  it('loses nothing when 100 highlights are created at once by two stores', async () => {
    const { dir, store } = await setup();
    const other = new AnnotationStore(dir);
    const made = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? store : other).create({ articleId: 'a', target: targetAt(BODY, i % 70, (i % 70) + 3), color: 'yellow', note: `${i}`, tags: [] }),
      ),
    );
    const { highlights } = await new AnnotationStore(dir).list('a');
    expect(highlights.map((h) => h.id).sort()).toEqual(made.map((h) => h.id).sort());
    expect(await temps(dir)).toEqual([]);
  });
});

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

describe('AnnotationStore.update', () => {
  it('changes color, note and tags, moves modified on and keeps created', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    const noted = await store.update({ articleId: 'a', id: made.id, patch: { note: '**Fast**', tags: ['Speed', 'speed', 'x'] } });
    expect(noted).toEqual({
      ...made,
      modified: '2024-06-01T00:01:00.000Z',
      motivation: 'commenting',
      note: '**Fast**',
      tags: ['Speed', 'x'],
    });
    const recolored = await store.update({ articleId: 'a', id: made.id, patch: { color: 'purple', note: '' } });
    expect(recolored).toMatchObject({ color: 'purple', note: '', motivation: 'highlighting', tags: ['Speed', 'x'], modified: '2024-06-01T00:02:00.000Z' });
    expect((await new AnnotationStore(dir).list('a')).highlights).toEqual([recolored]);
    expect((await readAnnotations(dir)).annotations[0]).toMatchObject({ motivation: 'highlighting', created: made.created });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: 'n', tags: ['t'] });
    const before = await readFile(annotationsPath(dir), 'utf8');
    expect(await store.update({ articleId: 'a', id: made.id, patch: { color: 'yellow', note: 'n', tags: ['t', 'T'] } })).toEqual(made);
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('refuses an unknown highlight with not-found', async () => {
    const { dir, store } = await setup();
    await store.setArticleNote('a', 'article note');
    const noteId = (await readAnnotations(dir)).annotations[0]!.id;
    for (const id of [MISSING_ID, noteId]) {
      await expect(store.update({ articleId: 'a', id, patch: { color: 'blue' } })).rejects.toMatchObject({
        code: 'not-found',
        message: `No highlight with id "${id}" in article "a"`,
      });
    }
  });

  it('refuses an unknown article with not-found', async () => {
    const { store } = await setup();
    await expect(store.update({ articleId: 'zz', id: MISSING_ID, patch: { color: 'blue' } })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No article with id "zz"',
    });
  });

  it('refuses a too-large note and leaves the file as it was', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    const before = await readFile(annotationsPath(dir), 'utf8');
    await expect(store.update({ articleId: 'a', id: made.id, patch: { note: 'a'.repeat(100_001) } })).rejects.toMatchObject({
      code: 'too-large',
      message: TOO_LARGE,
    });
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('changes a deleted highlight without bringing it back; a restore shows the change', async () => {
    const { store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    await store.delete({ articleId: 'a', id: made.id });
    await store.update({ articleId: 'a', id: made.id, patch: { note: 'typed just before' } });
    expect((await store.list('a')).highlights).toEqual([]);
    expect((await store.restore({ articleId: 'a', id: made.id })).note).toBe('typed just before');
  });
});

describe('AnnotationStore.delete', () => {
  it('leaves a tombstone with the body kept, and answers the highlight', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'pink', note: 'keep me', tags: ['t'] });
    const deleted = await store.delete({ articleId: 'a', id: made.id });
    expect(deleted).toEqual({ ...made, modified: '2024-06-01T00:01:00.000Z' });
    expect((await store.list('a')).highlights).toEqual([]);
    const [tombstone] = (await readAnnotations(dir)).annotations;
    expect(tombstone).toMatchObject({
      id: made.id,
      deleted: '2024-06-01T00:01:00.000Z',
      modified: '2024-06-01T00:01:00.000Z',
      color: 'pink',
      note: 'keep me',
      tags: ['t'],
    });
  });

  it('changes nothing when the highlight is already deleted', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'pink', note: '', tags: [] });
    const first = await store.delete({ articleId: 'a', id: made.id });
    const before = await readFile(annotationsPath(dir), 'utf8');
    expect(await store.delete({ articleId: 'a', id: made.id })).toEqual(first);
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('refuses an unknown highlight with not-found', async () => {
    const { store } = await setup();
    await expect(store.delete({ articleId: 'a', id: MISSING_ID })).rejects.toMatchObject({
      code: 'not-found',
      message: `No highlight with id "${MISSING_ID}" in article "a"`,
    });
  });

  it('refuses a highlight of another article with not-found', async () => {
    const { store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'pink', note: '', tags: [] });
    await expect(store.delete({ articleId: 'b', id: made.id })).rejects.toThrow(`No highlight with id "${made.id}" in article "b"`);
  });
});

describe('AnnotationStore.restore', () => {
  it('brings a deleted highlight back as it was', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'blue', note: 'n', tags: ['t'] });
    await store.delete({ articleId: 'a', id: made.id });
    const restored = await store.restore({ articleId: 'a', id: made.id });
    expect(restored).toEqual({ ...made, modified: '2024-06-01T00:02:00.000Z' });
    expect((await new AnnotationStore(dir).list('a')).highlights).toEqual([restored]);
    expect((await readAnnotations(dir)).annotations[0]).toMatchObject({ deleted: null });
  });

  it('changes nothing when the highlight is not deleted', async () => {
    const { dir, store } = await setup();
    const made = await store.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'blue', note: '', tags: [] });
    const before = await readFile(annotationsPath(dir), 'utf8');
    expect(await store.restore({ articleId: 'a', id: made.id })).toEqual(made);
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('refuses an unknown highlight with not-found', async () => {
    const { store } = await setup();
    await expect(store.restore({ articleId: 'a', id: MISSING_ID })).rejects.toMatchObject({
      code: 'not-found',
      message: `No highlight with id "${MISSING_ID}" in article "a"`,
    });
  });
});

describe('AnnotationStore.setArticleNote', () => {
  it('creates the article note, then replaces its text keeping id and created', async () => {
    const { dir, store } = await setup();
    const first = await store.setArticleNote('a', 'First thoughts');
    expect(first).toEqual({
      id: expect.stringMatching(UUID_PATTERN),
      articleId: 'a',
      created: '2024-06-01T00:00:00.000Z',
      modified: '2024-06-01T00:00:00.000Z',
      note: 'First thoughts',
    });
    const second = await store.setArticleNote('a', 'Second thoughts');
    expect(second).toEqual({ ...first, modified: '2024-06-01T00:01:00.000Z', note: 'Second thoughts' });
    expect((await new AnnotationStore(dir).list('a')).articleNote).toEqual(second);
    expect((await readAnnotations(dir)).annotations).toEqual([
      {
        id: first.id,
        kind: 'article-note',
        created: '2024-06-01T00:00:00.000Z',
        modified: '2024-06-01T00:01:00.000Z',
        motivation: 'commenting',
        target: { source: 'a' },
        note: 'Second thoughts',
        deleted: null,
      },
    ]);
  });

  it('writes nothing when the note is unchanged', async () => {
    const { dir, store } = await setup();
    const first = await store.setArticleNote('a', 'same');
    const before = await readFile(annotationsPath(dir), 'utf8');
    expect(await store.setArticleNote('a', 'same')).toEqual(first);
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('refuses a too-large note and leaves the file as it was', async () => {
    const { dir, store } = await setup();
    await store.setArticleNote('a', 'kept');
    const before = await readFile(annotationsPath(dir), 'utf8');
    await expect(store.setArticleNote('a', '한'.repeat(33_334))).rejects.toMatchObject({
      code: 'too-large',
      message: 'The note is 100002 bytes; a note may be at most 100000 bytes',
    });
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(before);
  });

  it('refuses an unknown article with not-found', async () => {
    const { store } = await setup();
    await expect(store.setArticleNote('nope', 'x')).rejects.toMatchObject({ code: 'not-found', message: 'No article with id "nope"' });
  });
});

describe('annotations over the bridge', () => {
  const dispatcherFor = async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a', 'A', BODY)], now: clock() });
    return createDispatcher({
      library,
      annotations: new AnnotationStore(dir),
      colors: new ColorSettings(dir),
      settings: new ColorSettings(dir),
      appInfo: () => ({ name: 'Lectern', version: '0', platform: 'linux', libraryPath: dir }),
      search: {
        query: () => Promise.reject(new Error('search is not part of these tests')),
        refreshArticle: () => {},
        removeArticle: () => {},
      },
      saving: {
        addUrl: () => Promise.reject(new Error('saving is not part of these tests')),
        addFiles: () => Promise.reject(new Error('saving is not part of these tests')),
        chooseFiles: () => Promise.reject(new Error('saving is not part of these tests')),
        cancel: () => {},
      },
      libraryChanged: () => {},
      notes: {
        preview: () => Promise.reject(new Error('export is not part of these tests')),
        save: () => Promise.reject(new Error('export is not part of these tests')),
        cancel: () => {},
        importFromFile: () => Promise.reject(new Error('import is not part of these tests')),
      },
    });
  };

  it('refuses an article id that is not a folder name', async () => {
    const dispatch = await dispatcherFor();
    const payload = { articleId: '../a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] };
    expect(await dispatch('annotations:create', payload)).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'annotations:create: articleId: an article id is 1–64 characters of a–z, 0–9 and "-"' },
    });
  });

  it('refuses a patch that changes nothing at all', async () => {
    const dispatch = await dispatcherFor();
    expect(await dispatch('annotations:update', { articleId: 'a', id: MISSING_ID, patch: {} })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'annotations:update: patch: a patch changes something' },
    });
  });

  it('answers annotations:create with a 100001-byte note as too-large', async () => {
    const dispatch = await dispatcherFor();
    const payload = { articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: 'a'.repeat(100_001) };
    expect(await dispatch('annotations:create', payload)).toEqual({ ok: false, error: { code: 'too-large', message: TOO_LARGE } });
    expect(await dispatch('annotations:list', { articleId: 'a' })).toEqual({
      ok: true,
      value: { articleId: 'a', highlights: [], articleNote: null },
    });
  });

  it('round-trips create, update, delete and restore', async () => {
    const dispatch = await dispatcherFor();
    const created = await dispatch('annotations:create', { articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    expect(await dispatch('annotations:update', { articleId: 'a', id, patch: { note: 'hi' } })).toMatchObject({ ok: true, value: { note: 'hi' } });
    expect(await dispatch('annotations:delete', { articleId: 'a', id })).toMatchObject({ ok: true });
    expect(await dispatch('annotations:restore', { articleId: 'a', id })).toMatchObject({ ok: true, value: { id, note: 'hi' } });
    expect(await dispatch('annotations:restore', { articleId: 'a', id: MISSING_ID })).toEqual({
      ok: false,
      error: { code: 'not-found', message: `No highlight with id "${MISSING_ID}" in article "a"` },
    });
    expect(await dispatch('annotations:list', { articleId: 'missing' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No article with id "missing"' },
    });
  });
});

describe('articleText', () => {
  it('is parsed again when content.html changes', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'articles', 'x'), { recursive: true });
    await writeFile(join(dir, 'articles', 'x', 'content.html'), '<p>One</p>');
    expect(await articleText(dir, 'x')).toBe('One');
    await writeFile(join(dir, 'articles', 'x', 'content.html'), '<p>One</p><p>Two <b>bold</b></p>');
    expect(await articleText(dir, 'x')).toBe('OneTwo bold');
  });
});
