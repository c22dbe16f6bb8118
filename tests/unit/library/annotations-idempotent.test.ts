/**
 * A highlight create carrying the caller's id is idempotent (ARCHITECTURE.md §4): a
 * retry whose first answer was lost returns the same highlight and writes nothing;
 * the same id with another target is refused; the contract checks the id.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeDispatcher } from './dispatcher';
import { BODY, annotationsPath, readAnnotations, setup, targetFor } from './annotations-helpers';

describe('AnnotationStore.create with an id', () => {
  it('stores the highlight under the given id', async () => {
    const { dir, store } = await setup();
    const id = randomUUID();
    const created = await store.create({ id, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    expect(created.id).toBe(id);
    expect((await readAnnotations(dir)).annotations.map((a) => a.id)).toEqual([id]);
  });

  it('a retry with the same id and target returns the existing highlight and writes nothing', async () => {
    const { dir, store } = await setup();
    const id = randomUUID();
    const input = { id, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow' as const, note: '', tags: [] };
    const first = await store.create(input);
    const bytes = await readFile(annotationsPath(dir), 'utf8');
    // Even with another color: the first create won, the retry changes nothing.
    const again = await store.create({ ...input, color: 'blue' });
    expect(again).toEqual(first);
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(bytes);
    expect((await store.list('a')).highlights).toHaveLength(1);
  });

  it('concurrent retries of one create leave one highlight', async () => {
    const { dir, store } = await setup();
    const id = randomUUID();
    const input = { id, articleId: 'a', target: targetFor(BODY, 'dog'), color: 'green' as const, note: '', tags: [] };
    const answers = await Promise.all(Array.from({ length: 10 }, () => store.create(input)));
    expect(new Set(answers.map((a) => a.id))).toEqual(new Set([id]));
    expect((await readAnnotations(dir)).annotations).toHaveLength(1);
  });

  it('the same id with another target is invalid-input and nothing changes', async () => {
    const { dir, store } = await setup();
    const id = randomUUID();
    await store.create({ id, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    const bytes = await readFile(annotationsPath(dir), 'utf8');
    await expect(
      store.create({ id, articleId: 'a', target: targetFor(BODY, 'dog'), color: 'yellow', note: '', tags: [] }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: `The id "${id}" already belongs to another highlight in article "a"; nothing was changed.`,
    });
    expect(await readFile(annotationsPath(dir), 'utf8')).toBe(bytes);
  });

  it("the article note's id is refused as a highlight id", async () => {
    const { store } = await setup();
    const note = await store.setArticleNote('a', 'A note');
    await expect(
      store.create({ id: note.id, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('another note') });
  });

  it('a retry after a deleted highlight returns the tombstone as it is, not a new highlight', async () => {
    const { dir, store } = await setup();
    const id = randomUUID();
    const input = { id, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow' as const, note: '', tags: [] };
    await store.create(input);
    await store.delete({ articleId: 'a', id });
    const again = await store.create(input);
    expect(again.id).toBe(id);
    expect((await readAnnotations(dir)).annotations).toHaveLength(1);
    expect((await store.list('a')).highlights).toEqual([]);
  });
});

describe('annotations:create over the bridge', () => {
  it('accepts an optional UUID id and refuses anything else before the store runs', async () => {
    const { dir, library } = await setup();
    const dispatch = storeDispatcher(dir, library);
    const target = targetFor(BODY, 'fox');
    const bad = await dispatch('annotations:create', { id: 'not-a-uuid', articleId: 'a', target, color: 'yellow' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('id') } });
    const id = randomUUID();
    const first = await dispatch('annotations:create', { id, articleId: 'a', target, color: 'yellow' });
    const second = await dispatch('annotations:create', { id, articleId: 'a', target, color: 'yellow' });
    expect(first).toMatchObject({ ok: true, value: { id } });
    expect(second).toEqual(first);
    expect((await readAnnotations(dir)).annotations).toHaveLength(1);
  });
});
