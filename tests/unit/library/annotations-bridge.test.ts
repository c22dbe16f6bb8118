/**
 * Annotations through the real dispatcher (main/handlers.ts): the payload is parsed
 * there, once (ARCHITECTURE.md §8), and the store's own checks answer as Results.
 */
import { describe, expect, it } from 'vitest';
import { Library } from '../../../main/library';
import { storeDispatcher } from './dispatcher';
import { BODY, targetFor } from './annotations-helpers';
import { bundled, clock, freshDir } from './helpers';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const TOO_LARGE = 'The note is 100001 bytes; a note may be at most 100000 bytes';

describe('annotations over the bridge', () => {
  const dispatcherFor = async () => {
    const dir = await freshDir();
    return storeDispatcher(dir, await Library.open(dir, { bundled: [bundled('a', 'A', BODY)], now: clock() }));
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
