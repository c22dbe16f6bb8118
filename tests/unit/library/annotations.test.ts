/**
 * AnnotationStore: create, update, delete, restore and the article note, each checked
 * on disk too (listing: annotations-list.test.ts; through the dispatcher:
 * annotations-bridge.test.ts).
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, articleText } from '../../../main/library';
import { annotationsPath, BODY, readAnnotations, setup, targetAt, targetFor, UUID_PATTERN } from './annotations-helpers';
import { bundled, freshDir, temps } from './helpers';

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
