/**
 * Notes as typed, kept by main until saved (main/library/drafts.ts, ARCHITECTURE.md §3):
 * coalesced atomic writes of drafts.json, a crash between a keystroke and the save
 * recovered when the app starts again (or when the article opens), drafts older than
 * the saved note dropped, a bad file quarantined, a newer one left alone.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, DraftStore, Library } from '../../../main/library';
import { writeFileAtomic } from '../../../main/library/atomic';
import { DRAFT_WRITE_DELAY_MS, draftIsNewer } from '../../../main/library/drafts';
import { problemsFor } from '../../../main/library/quarantine';
import { BODY, targetFor } from './annotations-helpers';
import { bundled, clock, freshDir } from './helpers';
import { storeDispatcher } from './dispatcher';

/** One clock for both stores (a minute per call), so "typed after the note changed" is decided as in the app. */
async function setup() {
  const dir = await freshDir();
  const library = await Library.open(dir, { bundled: [bundled('a', 'A', BODY), bundled('b')] });
  const now = clock('2024-06-01T00:00:00.000Z');
  const annotations = new AnnotationStore(dir, { now });
  const writes: string[] = [];
  const drafts = new DraftStore(dir, annotations, {
    now,
    write: async (path, data) => {
      writes.push(data);
      await writeFileAtomic(path, data);
    },
  });
  return { dir, library, now, annotations, drafts, writes, file: join(dir, 'drafts.json') };
}

/** A second process on the same folder: new stores, nothing in memory. */
function restart(dir: string, now = clock('2024-07-01T00:00:00.000Z')) {
  const annotations = new AnnotationStore(dir, { now });
  return { annotations, drafts: new DraftStore(dir, annotations, { now }) };
}

const readDrafts = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { format: number; drafts: { text: string }[] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFile(file: string, text: string, timeoutMs = 2_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      const json = await readDrafts(file);
      if (json.drafts.some((d) => d.text === text)) return performance.now() - start;
    } catch {
      // not written yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`"${text}" never reached ${file}`);
    await sleep(5);
  }
}

describe('DraftStore: writing', () => {
  it('coalesces a burst of keystrokes into one atomic write of the last text, within the write delay', async () => {
    const { drafts, writes, file, dir } = await setup();
    const typed = 'Typed one key at a time.';
    for (let i = 1; i <= typed.length; i++) void drafts.put('a', 'article', typed.slice(0, i));
    const took = await waitForFile(file, typed);
    expect(writes).toHaveLength(1);
    expect(took).toBeLessThan(DRAFT_WRITE_DELAY_MS + 400);
    expect(await readDrafts(file)).toEqual({
      format: 1,
      drafts: [{ articleId: 'a', target: 'article', text: typed, at: expect.any(String) }],
    });
    // No temp file left behind.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes again for keystrokes that arrive while a write is under way, and flush() waits for them', async () => {
    const { drafts, writes, file } = await setup();
    await drafts.put('a', 'article', 'first');
    await drafts.flush();
    await drafts.put('a', 'article', 'second');
    await drafts.flush();
    expect(writes).toHaveLength(2);
    expect((await readDrafts(file)).drafts.map((d) => d.text)).toEqual(['second']);
  });

  it('left alone after a stream of drafts from several notes, the file holds exactly what main holds (no flush needed)', async () => {
    const { annotations, drafts, file } = await setup();
    const ids = await Promise.all(
      ['quick', 'brown', 'lazy'].map(async (w) => (await annotations.create({ articleId: 'a', target: targetFor(BODY, w), color: 'yellow', note: '', tags: [] })).id),
    );
    const targets = ['article', ...ids];
    await Promise.all(
      targets.map(async (target, n) => {
        for (let i = 0; i < 40; i++) {
          void drafts.put('a', target, `${target} ${i}`);
          await sleep((i * 7 + n * 3) % 9);
        }
      }),
    );
    await sleep(DRAFT_WRITE_DELAY_MS + 300);
    const onDisk = (await readDrafts(file)).drafts;
    expect(onDisk).toEqual(await drafts.all());
    expect(onDisk.map((d) => d.text).sort()).toEqual(targets.map((t) => `${t} 39`).sort());
  });

  it('keeps a draft whose write failed and writes it on the next flush', async () => {
    const dir = await freshDir();
    await Library.open(dir, { bundled: [bundled('a')] });
    const annotations = new AnnotationStore(dir);
    let fail = true;
    const drafts = new DraftStore(dir, annotations, {
      write: async (path, data) => {
        if (fail) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        await writeFileAtomic(path, data);
      },
    });
    await drafts.put('a', 'article', 'kept');
    await expect(drafts.flush()).rejects.toThrow('ENOSPC');
    fail = false;
    await drafts.flush();
    expect((await readDrafts(join(dir, 'drafts.json'))).drafts.map((d) => d.text)).toEqual(['kept']);
  });

  it('refuses a bad article id and a note over the size limit, writing nothing', async () => {
    const { drafts, writes } = await setup();
    await expect(drafts.put('../x', 'article', 'x')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(drafts.put('a', 'article', 'x'.repeat(100_001))).rejects.toMatchObject({ code: 'too-large' });
    await drafts.flush();
    expect(writes).toEqual([]);
  });
});

describe('DraftStore: a crash between a keystroke and the save', () => {
  it('recovers the article note and a highlight note on the next start; the drafts file is emptied', async () => {
    const { dir, annotations, drafts, file } = await setup();
    const highlight = await annotations.create({ articleId: 'a', target: targetFor(BODY, 'lazy dog'), color: 'yellow', note: '', tags: [] });
    await annotations.setArticleNote('a', 'Saved before.');
    await drafts.put('a', 'article', 'Saved before. And typed after');
    await drafts.put('a', highlight.id, 'Typed, never saved');
    await waitForFile(file, 'Typed, never saved'); // on disk; then the process dies (nothing else is awaited)

    const next = restart(dir);
    expect(await next.drafts.recover()).toEqual({ applied: 2, kept: 0, articles: ['a'] });
    const after = await next.annotations.list('a');
    expect(after.articleNote?.note).toBe('Saved before. And typed after');
    expect(after.highlights[0]?.note).toBe('Typed, never saved');
    expect(await readDrafts(file)).toEqual({ format: 1, drafts: [] });
  });

  it('answers the drafts newer than the saved notes when the article opens (the page adopts them)', async () => {
    const { dir, drafts, file } = await setup();
    await drafts.put('a', 'article', 'Typed in a window that crashed');
    await drafts.put('b', 'article', 'Another article');
    await waitForFile(file, 'Another article');
    const next = restart(dir);
    expect(await next.drafts.pending('a')).toEqual([
      { target: 'article', text: 'Typed in a window that crashed', at: expect.any(String) },
    ]);
    expect(await next.drafts.pending('c')).toEqual([]);
  });

  it('drops a draft older than the saved note, one equal to it, and one whose highlight is gone', async () => {
    const { dir, now, annotations, drafts, file } = await setup();
    const kept = await annotations.create({ articleId: 'a', target: targetFor(BODY, 'quick'), color: 'yellow', note: 'same', tags: [] });
    const gone = await annotations.create({ articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    await drafts.put('a', 'article', 'older than the note');
    await drafts.put('a', kept.id, 'same');
    await drafts.put('a', gone.id, 'its highlight was deleted');
    await drafts.flush();
    // Saved elsewhere after the draft, without clearing it (the clear was lost in a crash).
    await annotations.setArticleNote('a', 'newer, saved');
    await annotations.delete({ articleId: 'a', id: gone.id });

    const next = restart(dir, now);
    expect(await next.drafts.recover()).toEqual({ applied: 0, kept: 0, articles: [] });
    const after = await next.annotations.list('a');
    expect(after.articleNote?.note).toBe('newer, saved');
    expect(after.highlights.map((h) => h.note)).toEqual(['same']);
    expect(await readDrafts(file)).toEqual({ format: 1, drafts: [] });
  });

  it('a color change after the draft does not make the draft look older than its highlight', async () => {
    const { dir, library, annotations, file } = await setup();
    // The dispatcher has its own stores on the folder (real time), as main does.
    const dispatch = storeDispatcher(dir, library);
    const h = await annotations.create({ articleId: 'a', target: targetFor(BODY, 'quick'), color: 'yellow', note: '', tags: [] });
    expect(await dispatch('drafts:put', { articleId: 'a', target: h.id, text: 'typed, then the color changed' })).toEqual({ ok: true, value: null });
    expect(await dispatch('annotations:update', { articleId: 'a', id: h.id, patch: { color: 'blue' } })).toMatchObject({ ok: true });
    await waitForFile(file, 'typed, then the color changed');
    await sleep(DRAFT_WRITE_DELAY_MS + 100); // the touched draft written too

    const next = restart(dir, clock('2030-01-01T00:00:00.000Z'));
    expect(await next.drafts.recover()).toEqual({ applied: 1, kept: 0, articles: ['a'] });
    expect((await next.annotations.list('a')).highlights[0]).toMatchObject({ color: 'blue', note: 'typed, then the color changed' });
  });
});

describe('DraftStore: recovery that cannot write', () => {
  it('keeps a draft it could not apply (and says so), for the next start', async () => {
    const { dir, drafts, file } = await setup();
    await drafts.put('a', 'article', 'the disk was full');
    await drafts.flush();
    const log: string[] = [];
    const failing = new DraftStore(
      dir,
      {
        list: async (articleId) => ({ articleId, highlights: [], articleNote: null }),
        update: () => Promise.reject(new Error('not called')),
        setArticleNote: () => Promise.reject(Object.assign(new Error('No space left'), { code: 'io' })),
      },
      { log: (m) => log.push(m) },
    );
    expect(await failing.recover()).toEqual({ applied: 0, kept: 1, articles: [] });
    expect(log).toEqual(['an unsaved note of a could not be applied; it is kept: Error: No space left']);
    expect((await readDrafts(file)).drafts.map((d) => d.text)).toEqual(['the disk was full']);
  });
});

describe('DraftStore: cleared when the note is saved', () => {
  it('a save clears the drafts put before it began, and keeps a keystroke that raced it', async () => {
    const { dir, library } = await setup();
    const dispatch = storeDispatcher(dir, library);
    await dispatch('drafts:put', { articleId: 'a', target: 'article', text: 'abc' });
    expect(await dispatch('annotations:set-article-note', { articleId: 'a', note: 'abc' })).toMatchObject({ ok: true });
    expect(await dispatch('drafts:list', { articleId: 'a' })).toEqual({ ok: true, value: [] });

    // The save of "abcd" begins, then "abcde" arrives before it has finished.
    const saving = dispatch('annotations:set-article-note', { articleId: 'a', note: 'abcd' });
    await dispatch('drafts:put', { articleId: 'a', target: 'article', text: 'abcde' });
    expect(await saving).toMatchObject({ ok: true });
    const left = await dispatch('drafts:list', { articleId: 'a' });
    expect(left).toEqual({ ok: true, value: [{ target: 'article', text: 'abcde', at: expect.any(String) }] });
  });

  it('refuses malformed drafts at the bridge', async () => {
    const { dir, library } = await setup();
    const dispatch = storeDispatcher(dir, library);
    for (const payload of [
      { articleId: 'a', target: 'not-a-uuid', text: 'x' },
      { articleId: 'a', target: 'article', text: 42 },
      { articleId: '../a', target: 'article', text: 'x' },
      { articleId: 'a', target: 'article', text: 'x', at: '2024-01-01T00:00:00.000Z' },
    ]) {
      expect(await dispatch('drafts:put', payload)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await readdir(dir)).not.toContain('drafts.json');
  });
});

describe('DraftStore: the file', () => {
  it.each([
    ['not json', /^drafts\.json is not valid JSON: /],
    ['{"format":1,"drafts":[{"articleId":"a","target":"x","text":"t","at":"2024-01-01T00:00:00.000Z"}]}', /^drafts\.json does not match the drafts schema: /],
  ])('a bad file (%s) is quarantined with its bytes, reported, and a fresh one written', async (bad, reason) => {
    const { dir, drafts, file } = await setup();
    await writeFile(file, bad);
    await drafts.put('a', 'article', 'after the bad file');
    await drafts.flush();
    expect((await readDrafts(file)).drafts.map((d) => d.text)).toEqual(['after the bad file']);
    const [moved] = await readdir(join(dir, '.quarantine'));
    expect(await readFile(join(dir, '.quarantine', moved!), 'utf8')).toBe(bad);
    expect(problemsFor(dir).at(-1)).toMatchObject({ file: 'drafts.json', reason: expect.stringMatching(reason) });
  });

  it('a file from a newer Lectern is left alone and refused in words', async () => {
    const { drafts, file } = await setup();
    const newer = JSON.stringify({ format: 2, drafts: [] });
    await writeFile(file, newer);
    await expect(drafts.put('a', 'article', 'x')).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('only reads format 1. Update Lectern'),
    });
    expect(await readFile(file, 'utf8')).toBe(newer);
  });
});

describe('draftIsNewer', () => {
  const at = '2024-06-01T00:05:00.000Z';
  it.each([
    [{ text: 'x', at }, null, true],
    [{ text: '', at }, null, false],
    [{ text: 'x', at }, { note: 'x', modified: '2024-06-01T00:00:00.000Z' }, false],
    [{ text: 'x', at }, { note: 'y', modified: '2024-06-01T00:00:00.000Z' }, true],
    [{ text: 'x', at }, { note: 'y', modified: '2024-06-01T00:06:00.000Z' }, false],
    [{ text: 'x', at }, { note: 'y', modified: at }, true],
  ])('%j over %j → %s', (draft, saved, expected) => {
    expect(draftIsNewer(draft, saved)).toBe(expected);
  });
});
