/**
 * The pool of document workers: its size from the machine, pages parsed at once on
 * several threads, each page's own time limit, a crash failing only its page, idle
 * threads stopped, and ImportService.addFiles through a pool reporting every file in
 * the order given with the ids a one-by-one import gives.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentWorker, ImportService, defaultPoolSize, inThisThread } from '../../../main/saving';
import type { BusyTimes } from '../../../main/saving/document-protocol';
import { documentWorkerUrl } from '../../worker-bundle';
import { at, failure, freshDir, freshLibrary, saved } from './helpers';
import { FIXTURES } from './server';

const open: DocumentWorker[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((pool) => pool.close()));
});

async function pool(options: ConstructorParameters<typeof DocumentWorker>[1]) {
  const logs: string[] = [];
  const made = new DocumentWorker(await documentWorkerUrl(), { testHooks: true, log: (m) => logs.push(m), ...options });
  open.push(made);
  return { pool: made, logs };
}

/** Whether every two of the intervals overlap in time. */
const allOverlap = (times: BusyTimes[]) => Math.max(...times.map((t) => t.start)) < Math.min(...times.map((t) => t.end));

const news = () => readFile(join(FIXTURES, 'news.html'), 'utf8');
const TITLE = 'Harbour reopens after storm repairs';

describe('the document worker pool', () => {
  it('is sized to the machine: every core but one, at least one', () => {
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(2)).toBe(1);
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(() => new DocumentWorker(new URL('file:///nowhere.js'), { size: 0 })).toThrow(/at least one thread/);
  });

  it('starts no thread until a page arrives', async () => {
    const { pool: documents } = await pool({ size: 3 });
    expect(documents.threadsStarted).toBe(0);
    expect(documents.parallelism).toBe(3);
    await documents.close();
    expect(documents.threadsStarted).toBe(0);
  });

  it('parses N pages at once on N threads, and one after another on one', async () => {
    const { pool: three } = await pool({ size: 3 });
    // Three pages at once start three threads; once they have loaded jsdom (at different
    // speeds on a busy machine), three more pages run side by side.
    await Promise.all([0, 1, 2].map(() => three.busyForTests(0)));
    const parallel = await Promise.all([0, 1, 2].map(() => three.busyForTests(1_000)));
    expect(new Set(parallel.map((t) => t.threadId)).size).toBe(3);
    expect(allOverlap(parallel)).toBe(true);
    expect(three.threadsStarted).toBe(3);

    const { pool: one } = await pool({ size: 1 });
    const serial = await Promise.all([0, 1, 2].map(() => one.busyForTests(200)));
    expect(new Set(serial.map((t) => t.threadId)).size).toBe(1);
    // In the order asked, each after the one before ended.
    for (let i = 1; i < serial.length; i++) expect(serial[i]!.start).toBeGreaterThanOrEqual(serial[i - 1]!.end);
  });

  it('never starts more threads than its size, however many pages wait', async () => {
    const { pool: documents } = await pool({ size: 2 });
    const times = await Promise.all(Array.from({ length: 6 }, () => documents.busyForTests(100)));
    expect(documents.threadsStarted).toBe(2);
    expect(new Set(times.map((t) => t.threadId)).size).toBe(2);
  });

  it('the time limit is per page: pages waiting in the queue are not charged for the wait', async () => {
    const { pool: documents } = await pool({ size: 1, timeoutMs: 1_500 });
    // 3 × 600 ms on one thread is past the limit in all, but no page is.
    const times = await Promise.all([0, 1, 2].map(() => documents.busyForTests(600)));
    expect(times).toHaveLength(3);
    expect(documents.threadsStarted).toBe(1);
  });

  it('a page past the time limit fails alone: the other threads and their pages go on', async () => {
    const { pool: documents, logs } = await pool({ size: 2, timeoutMs: 2_000 });
    const page = await news();
    const stuck = documents.hangForTests();
    const others = [documents.busyForTests(300), documents.busyForTests(300), documents.extractArticle(page, 'https://news.example/')];
    expect(await failure(stuck)).toEqual({ code: 'too-large', message: 'The page took longer than 2 seconds to read, so saving stopped.' });
    const [a, b, saved] = await Promise.all(others);
    expect((saved as { title: string }).title).toBe(TITLE);
    expect((a as BusyTimes).threadId).toBe((b as BusyTimes).threadId);
    expect(logs.filter((line) => line.includes('starting a new one'))).toHaveLength(1);
  });

  it('a thread that dies fails only its page and is replaced', async () => {
    const { pool: documents, logs } = await pool({ size: 2 });
    await Promise.all([documents.busyForTests(0), documents.busyForTests(0)]);
    // The page is read before the crash is asked for: its rejection is handled at once (not during a file read).
    const page = await news();
    const busy = documents.busyForTests(2_000);
    const crashed = failure(documents.crashForTests());
    const queued = documents.extractArticle(page, 'https://news.example/');
    expect(await crashed).toEqual({
      code: 'internal',
      message: 'The page could not be read: the reading thread stopped (exit code 71).',
    });
    expect((await busy).end - (await busy).start).toBeGreaterThanOrEqual(2_000);
    expect((await queued).title).toBe(TITLE);
    expect(logs).toContain('import: the document worker stopped (exit code 71)');
    expect(documents.threadsStarted).toBe(3);
  });

  it('a page cancelled while waiting never reaches a thread', async () => {
    const { pool: documents } = await pool({ size: 1 });
    const first = documents.busyForTests(400);
    const controller = new AbortController();
    const waiting = documents.busyForTests(5_000, controller.signal);
    controller.abort();
    expect(await failure(waiting)).toEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    const started = Date.now();
    await first;
    // The next page is taken up at once (the cancelled 5 s page was not run).
    await documents.busyForTests(0);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('stops a thread left idle, and starts one again for the next page', async () => {
    const { pool: documents } = await pool({ size: 2, idleMs: 150 });
    await Promise.all([documents.busyForTests(50), documents.busyForTests(50)]);
    expect(documents.threadsStarted).toBe(2);
    await expect.poll(() => documents.threadsRunning, { timeout: 5_000 }).toBe(0);
    await documents.busyForTests(10);
    expect(documents.threadsRunning).toBe(1);
    expect(documents.threadsStarted).toBe(3);
  });

  it('close waits for the pages in flight on every thread, then stops them all', async () => {
    const { pool: documents } = await pool({ size: 2 });
    const pages = [documents.busyForTests(300), documents.busyForTests(300), documents.busyForTests(300)];
    await documents.close();
    expect(await Promise.all(pages)).toHaveLength(3);
    expect(documents.threadsRunning).toBe(0);
  });
});

describe('ImportService.addFiles through a pool', () => {
  it('reports every file in the order given, with the ids and articles of a one-by-one import', async () => {
    const source = await freshDir('lectern-pool-files-');
    await mkdir(join(source, 'pics'), { recursive: true });
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      const path = join(source, `page-${i}.html`);
      // Pages of different sizes finish out of order; pairs share a title (ids "…-2").
      const body = `<p>${'Words of the story, told at some length. '.repeat(20 + ((i * 37) % 11) * 40)}</p>`;
      await writeFile(path, `<html><head><title>Story ${Math.floor(i / 2)}</title></head><body><article><h1>Story ${Math.floor(i / 2)}</h1>${body}</article></body></html>`);
      files.push(path);
    }
    files.splice(3, 0, join(source, 'notes.pdf'));
    files.splice(7, 0, join(source, 'missing.html'));
    files.push(join(FIXTURES, 'files', 'field-notes.md'), join(FIXTURES, 'files', 'meeting.txt'));
    const { pool: documents } = await pool({ size: 3 });
    const viaPool = await freshLibrary();
    const oneByOne = await freshLibrary();
    const now = at('2024-05-01T10:00:00.000Z');
    const fromPool = await new ImportService(viaPool.dir, { now, work: documents }).addFiles(files);
    const fromHere = await new ImportService(oneByOne.dir, { now, work: inThisThread }).addFiles(files);
    expect(fromPool).toStrictEqual(fromHere);
    expect(fromPool.added.map((a) => a.file)).toStrictEqual(files.filter((f) => !/notes\.pdf|missing/.test(f)));
    expect(fromPool.refused.map((r) => r.code)).toStrictEqual(['invalid-input', 'not-found']);
    expect(fromPool.added.slice(0, 2).map((a) => a.id)).toStrictEqual(['2024-05-01-story-0', '2024-05-01-story-0-2']);
    for (const { id } of fromPool.added) expect(await saved(viaPool.dir, id), id).toStrictEqual(await saved(oneByOne.dir, id));
    expect(documents.threadsStarted).toBe(3);
  }, 60_000);

  it('files of the same page (one canonical URL) in one batch: the first is saved, the later ones update it', async () => {
    const source = await freshDir('lectern-pool-same-');
    const files: string[] = [];
    for (let i = 0; i < 6; i++) {
      const path = join(source, `copy-${i}.html`);
      const canonical = i % 2 === 0 ? 'https://same.example/story' : `https://other.example/${i}`;
      await writeFile(
        path,
        `<html><head><link rel="canonical" href="${canonical}"><title>Copy ${i}</title></head><body><article><h1>Copy ${i}</h1><p>${'A paragraph to read. '.repeat(40 + i * 30)}</p></article></body></html>`,
      );
      files.push(path);
    }
    const { pool: documents } = await pool({ size: 3 });
    const { dir, library } = await freshLibrary();
    const result = await new ImportService(dir, { work: documents }).addFiles(files);
    expect(result.refused).toStrictEqual([]);
    const same = result.added.filter((_, i) => i % 2 === 0);
    expect(same.map((a) => a.updated)).toStrictEqual([false, true, true]);
    expect(new Set(same.map((a) => a.id)).size).toBe(1);
    // The last copy given is what the article holds.
    expect((await library.get(same[0]!.id)).title).toBe('Copy 4');
    expect((await library.list()).articles).toHaveLength(4);
  });

  it('cancelling starts no further file and throws; the files saved so far stay whole', async () => {
    const source = await freshDir('lectern-pool-cancel-');
    const files: string[] = [];
    for (let i = 0; i < 30; i++) {
      const path = join(source, `page-${i}.html`);
      await writeFile(path, `<html><body><article><h1>Page ${i}</h1><p>${'Some text to read here. '.repeat(200)}</p></article></body></html>`);
      files.push(path);
    }
    const { pool: documents } = await pool({ size: 2 });
    const { dir, library } = await freshLibrary();
    const controller = new AbortController();
    let seen = 0;
    const run = new ImportService(dir, { work: documents }).addFiles(files, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'file' && ++seen === 6) controller.abort();
      },
    });
    expect(await failure(run)).toEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    expect(seen).toBeLessThan(files.length);
    const { articles, problems } = await library.list();
    expect(problems).toStrictEqual([]);
    expect(articles.length).toBeLessThan(files.length);
  });
});
