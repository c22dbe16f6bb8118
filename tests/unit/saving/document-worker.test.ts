/**
 * The document worker (pages parsed off main's event loop): the same answers as in
 * this thread, errors in the same words, cancel, a page that never finishes, a thread
 * that dies, and ImportService saving through it. Runs the worker bundled as
 * electron-vite bundles it (tests/worker-bundle.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DocumentWorker, ImportService, inThisThread, NOT_AN_ARTICLE } from '../../../main/saving';
import { documentWorkerUrl } from '../../worker-bundle';
import { at, failure, freshLibrary, saved } from './helpers';
import { FIXTURES, HOSTILE, startServer, type TestServer } from './server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const open: DocumentWorker[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((worker) => worker.close()));
});

/** A pool of one thread (as on a 2-core machine), unless `options.size` says otherwise: these tests count threads. */
async function worker(options: ConstructorParameters<typeof DocumentWorker>[1] = {}) {
  const logs: string[] = [];
  const made = new DocumentWorker(await documentWorkerUrl(), { size: 1, log: (m) => logs.push(m), ...options });
  open.push(made);
  return { worker: made, logs };
}

const news = () => readFile(join(FIXTURES, 'news.html'), 'utf8');

describe('DocumentWorker', () => {
  it('extracts a page, reads a file and finishes an article exactly as this thread does', async () => {
    const { worker: documents } = await worker();
    const page = await news();
    const url = 'https://news.example/harbour';
    expect(await documents.extractArticle(page, url)).toStrictEqual(await inThisThread.extractArticle(page, url));
    for (const name of ['field-notes.md', 'meeting.txt', 'saved-page.html']) {
      const path = join(FIXTURES, 'files', name);
      const bytes = new Uint8Array(await readFile(path));
      expect(await documents.documentFromBytes(path, bytes)).toStrictEqual(await inThisThread.documentFromBytes(path, bytes));
    }
    const html =
      '<p>Kept <img src="a.png" srcset="a.png 1x, a2.png 2x"> <img src="https://x.example/y.png"> <img src="z.png"><script>bad()</script></p>';
    const plan = await documents.planImages(html, 2);
    expect(plan).toStrictEqual(await inThisThread.planImages(html, 2));
    expect(plan).toStrictEqual({ candidates: [['a2.png', 'a.png'], ['https://x.example/y.png']], total: 3 });
    const placed = { articleId: 'a', files: ['0'.repeat(64) + '.png', null], maxImages: 2 };
    const finished = await documents.finishArticle(html, placed);
    expect(finished).toStrictEqual(await inThisThread.finishArticle(html, placed));
    expect(finished.html).toBe(`<p>Kept <img src="lectern-asset://a/${'0'.repeat(64)}.png">  </p>`);
    expect(finished.text).toBe('Kept');
  });

  it('says what went wrong in the same words and code', async () => {
    const { worker: documents } = await worker();
    expect(await failure(documents.extractArticle('<html><body></body></html>', 'https://x.example/'))).toEqual({
      code: 'invalid-input',
      message: NOT_AN_ARTICLE,
    });
    const path = join(FIXTURES, 'files', 'empty.md');
    expect(await failure(documents.documentFromBytes(path, new TextEncoder().encode('   \n')))).toEqual({
      code: 'invalid-input',
      message: 'The file has no text to read.',
    });
  });

  it('every hostile document comes out of the worker as it comes out of this thread', async () => {
    const { worker: documents } = await worker();
    const names = (await readdir(HOSTILE)).filter((name) => name.endsWith('.html'));
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      const page = await readFile(join(HOSTILE, name), 'utf8');
      const url = `https://hostile.example/${name}`;
      const here = await inThisThread.extractArticle(page, url).catch((error: Error) => error.message);
      const there = await documents.extractArticle(page, url).catch((error: Error) => error.message);
      expect(there, name).toStrictEqual(here);
    }
  });

  it('cancel answers at once; a page that never finishes is given up after the time limit and the thread replaced', async () => {
    const { worker: documents, logs } = await worker({ testHooks: true, timeoutMs: 400 });
    const controller = new AbortController();
    const hung = documents.hangForTests(controller.signal);
    controller.abort();
    expect(await failure(hung)).toEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    // The cancelled page still holds the thread; its time limit frees it, and the
    // next page (queued behind it) is answered by the new thread.
    const next = documents.extractArticle(await news(), 'https://news.example/a');
    expect((await next).title).toBe('Harbour reopens after storm repairs');
    expect(documents.threadsStarted).toBe(2);

    expect(await failure(documents.hangForTests())).toEqual({
      code: 'too-large',
      message: 'The page took longer than 0.4 seconds to read, so saving stopped.',
    });
    // The busy thread was stopped; the next page starts a third.
    expect((await documents.extractArticle(await news(), 'https://news.example/b')).title).toBe('Harbour reopens after storm repairs');
    expect(documents.threadsStarted).toBe(3);
    expect(logs.filter((line) => line.includes('starting a new one'))).toHaveLength(2);
  });

  it('a page cancelled while waiting behind a stuck one is not given to the new thread', async () => {
    const { worker: documents } = await worker({ testHooks: true, timeoutMs: 400 });
    const stuck = documents.hangForTests();
    const controller = new AbortController();
    const waiting = documents.extractArticle(await news(), 'https://news.example/', controller.signal);
    controller.abort();
    expect(await failure(waiting)).toEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    expect((await failure(stuck)).code).toBe('too-large');
    // Nothing was left to resend, so no new thread was started for it.
    expect(documents.threadsStarted).toBe(1);
    expect((await documents.extractArticle(await news(), 'https://news.example/')).title).toBe('Harbour reopens after storm repairs');
    expect(documents.threadsStarted).toBe(2);
  });

  it('a thread that dies fails the calls it held, in words; the next call starts another', async () => {
    const { worker: documents, logs } = await worker({ testHooks: true });
    expect(await failure(documents.crashForTests())).toEqual({
      code: 'internal',
      message: 'The page could not be read: the reading thread stopped (exit code 71).',
    });
    expect(logs).toContain('import: the document worker stopped (exit code 71)');
    expect((await documents.extractArticle(await news(), 'https://news.example/')).title).toBe('Harbour reopens after storm repairs');
    expect(documents.threadsStarted).toBe(2);
  });

  it('refuses the test hooks unless asked to honour them', async () => {
    const { worker: documents } = await worker();
    expect(await failure(documents.hangForTests())).toEqual({ code: 'internal', message: 'the hang request is for tests only' });
    expect(await failure(documents.crashForTests())).toEqual({ code: 'internal', message: 'the crash request is for tests only' });
  });

  it('close waits for the page being parsed, then stops the thread; a later call starts a new one', async () => {
    const { worker: documents } = await worker();
    const pending = documents.extractArticle(await news(), 'https://news.example/');
    await documents.close();
    expect((await pending).title).toBe('Harbour reopens after storm repairs');
    expect((await documents.extractArticle(await news(), 'https://news.example/')).title).toBe('Harbour reopens after storm repairs');
    expect(documents.threadsStarted).toBe(2);
  });
});

describe('ImportService with the document worker', () => {
  it('saves a URL and files exactly as when parsing in this thread', async () => {
    const { worker: documents } = await worker();
    const viaWorker = await freshLibrary();
    const here = await freshLibrary();
    const now = at('2024-05-01T10:00:00.000Z');
    const services = [new ImportService(viaWorker.dir, { now, work: documents }), new ImportService(here.dir, { now })];
    const files = ['field-notes.md', 'meeting.txt', 'saved-page.html'].map((name) => join(FIXTURES, 'files', name));
    const results = [];
    for (const service of services) {
      const page = await service.addUrl(`${server.origin}/news.html`);
      const added = await service.addFiles(files);
      results.push({ page, added: added.added.map((a) => a.id), refused: added.refused });
    }
    expect(results[0]).toStrictEqual(results[1]);
    expect(results[0]!.added).toHaveLength(3);
    for (const id of [results[0]!.page.id, ...results[0]!.added]) {
      expect(await saved(viaWorker.dir, id), id).toStrictEqual(await saved(here.dir, id));
    }
  });
});
