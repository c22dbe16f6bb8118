/**
 * A read-only library over the real dispatcher (main/handlers.ts): every writing channel
 * is refused with 'read-only' and the reason in words before its service runs, and not
 * one byte in the library folder changes; reading channels still answer.
 */
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelInput, type ChannelName } from '../../../common/ipc';
import { WRITING_CHANNELS } from '../../../main/handlers';
import { AnnotationStore, DraftStore, Library, SettingsStore } from '../../../main/library';
import { storeDispatcher } from './dispatcher';
import { targetAt } from './annotations-helpers';
import { bundled, freshDir } from './helpers';

type Writing = { [C in ChannelName]: (typeof WRITING_CHANNELS)[C] extends true ? C : never }[ChannelName];

const UUID = '0b5f4f7e-3b7a-4c55-9a55-0c3f0e6b1d2a';
/** A valid payload for every writing channel (so a refusal is the gate's, not the parser's). */
const PAYLOADS: { [C in Writing]: ChannelInput<C> } = {
  'article:set-progress': { id: 'a', progress: { fraction: 0.5, position: 3, within: 0 } },
  'annotations:create': { articleId: 'a', target: targetAt('The body of a.', 4, 8), color: 'yellow' },
  'annotations:update': { articleId: 'a', id: UUID, patch: { color: 'blue' } },
  'annotations:delete': { articleId: 'a', id: UUID },
  'annotations:restore': { articleId: 'a', id: UUID },
  'annotations:set-article-note': { articleId: 'a', note: 'A note' },
  'colors:rename': { color: 'yellow', name: 'Ideas' },
  'settings:update': { reading: { theme: 'sepia' } },
  'notes:import': undefined,
  'library:add-url': { url: 'https://example.com/story' },
  'library:add-files': { paths: ['/tmp/story.md'] },
  'library:choose-files': undefined,
  'article:delete': { id: 'a' },
  'article:restore': { id: 'a' },
  'trash:empty': undefined,
  'article:set-read': { id: 'a', read: true },
  'article:set-tags': { id: 'a', tags: ['x'] },
  'drafts:put': { articleId: 'a', target: 'article', text: 'Typed while read-only' },
};

/** Every file under `dir` with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return files;
}

const opened: Library[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});
async function open(dir: string): Promise<Library> {
  // A heartbeat that does not run during the test, so the holder's .lock keeps its bytes too.
  const library = await Library.open(dir, { bundled: [bundled('a')], lock: { heartbeatMs: 600_000 } });
  opened.push(library);
  return library;
}

describe('a read-only library behind the dispatcher', () => {
  it('classifies every channel as writing or not', () => {
    expect(Object.keys(WRITING_CHANNELS).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(PAYLOADS).sort()).toEqual(CHANNEL_NAMES.filter((c) => WRITING_CHANNELS[c]).sort());
  });

  it('refuses every writing channel with the reason, and the folder keeps every byte', async () => {
    const dir = await freshDir();
    await open(dir);
    const second = await open(dir);
    const reason = second.readOnly?.reason;
    expect(reason).toMatch(/^This library is open in Lectern on this computer/);
    const dispatch = storeDispatcher(dir, second);
    const before = await snapshot(dir);
    for (const [channel, payload] of Object.entries(PAYLOADS)) {
      expect(await dispatch(channel, payload), channel).toEqual({
        ok: false,
        error: { code: 'read-only', message: `Not saved. ${reason}` },
      });
    }
    expect(await snapshot(dir)).toEqual(before);
    // Reading still works.
    const listing = await dispatch('library:list', undefined);
    expect(listing).toMatchObject({ ok: true, value: { articles: [{ id: 'a' }] } });
    expect(await dispatch('article:get', { id: 'a' })).toMatchObject({ ok: true, value: { id: 'a' } });
    expect(await dispatch('annotations:list', { articleId: 'a' })).toMatchObject({ ok: true });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a writable library answers the same payloads (the gate is what refused them)', async () => {
    const dir = await freshDir();
    const dispatch = storeDispatcher(dir, await open(dir));
    expect(await dispatch('article:set-progress', PAYLOADS['article:set-progress'])).toEqual({ ok: true, value: null });
    expect(await dispatch('annotations:create', PAYLOADS['annotations:create'])).toMatchObject({ ok: true });
    expect(await dispatch('colors:rename', PAYLOADS['colors:rename'])).toMatchObject({ ok: true });
  });

  it('reports a damaged article.json and leaves it where it is (a read-only Lectern moves nothing to .quarantine/)', async () => {
    const dir = await freshDir();
    await (await open(dir)).close();
    await writeFile(join(dir, 'articles', 'a', 'article.json'), '{ not json');
    // Another computer's Lectern holds the library (a fresh lock in its name).
    const now = new Date().toISOString();
    const lock = { host: 'other-computer', pid: 4242, startedAt: now, heartbeatAt: now, appVersion: '0.1.0', token: 'f'.repeat(32) };
    await writeFile(join(dir, '.lock'), `${JSON.stringify(lock)}\n`);
    const second = await open(dir);
    expect(second.readOnly?.reason).toMatch(/other-computer/);
    const before = await snapshot(dir);
    const listing = await second.list();
    expect(listing.articles).toEqual([]);
    expect(listing.problems).toEqual([
      expect.objectContaining({ file: 'articles/a/article.json', movedTo: null, reason: expect.stringMatching(/left where it is: this library is open read-only/) }),
    ]);
    await expect(second.get('a')).rejects.toThrow(/could not be read and was left where it is/);
    expect(await snapshot(dir)).toEqual(before);
    // Once this Lectern holds the lock, the damaged file goes to quarantine as usual.
    await second.close();
    await writeFile(join(dir, '.lock'), `${JSON.stringify({ ...lock, heartbeatAt: new Date(Date.now() - 3_600_000).toISOString(), startedAt: new Date(Date.now() - 3_600_000).toISOString() })}\n`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, '.lock'), hourAgo, hourAgo); // stale: its heartbeat and the file are both old
    const writable = await open(dir);
    expect(writable.readOnly).toBeNull();
    expect((await writable.list()).problems.at(-1)).toMatchObject({ file: 'articles/a/article.json', movedTo: expect.stringMatching(/^\.quarantine\//) });
  });

  it('the stores refuse too (a caller that skips the dispatcher writes nothing), until the read-only open closes', async () => {
    const dir = await freshDir();
    await (await open(dir)).close();
    const now = new Date().toISOString();
    const lock = { host: 'other-computer', pid: 4242, startedAt: now, heartbeatAt: now, appVersion: '0.1.0', token: 'e'.repeat(32) };
    await writeFile(join(dir, '.lock'), `${JSON.stringify(lock)}\n`);
    const second = await open(dir);
    const reason = second.readOnly?.reason;
    expect(reason).toMatch(/other-computer/);
    const annotations = new AnnotationStore(dir);
    const before = await snapshot(dir);
    const refused = { code: 'read-only', message: reason };
    await expect(annotations.create({ articleId: 'a', target: targetAt('The body of a.', 4, 8), color: 'yellow', note: '', tags: [] })).rejects.toMatchObject(refused);
    await expect(annotations.setArticleNote('a', 'A note')).rejects.toMatchObject(refused);
    await expect(new SettingsStore(dir).rename('yellow', 'Ideas')).rejects.toMatchObject(refused);
    const drafts = new DraftStore(dir, annotations);
    await expect(drafts.put('a', 'article', 'Typed')).rejects.toMatchObject(refused);
    await drafts.flush();
    expect(await snapshot(dir)).toEqual(before);
    // Reading still answers.
    expect((await annotations.list('a')).highlights).toEqual([]);
    // Once that open is closed, this process no longer counts the library as read-only here.
    await second.close();
    await expect(annotations.setArticleNote('a', 'A note')).resolves.toMatchObject({ note: 'A note' });
  });
});
