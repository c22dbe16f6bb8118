/**
 * The document worker's entry (built to `out/main/document-worker.js`; see
 * electron.vite.config.ts): parses and sanitizes pages off main's event loop. It
 * reads and writes no files; requests are taken up one at a time, in order.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import * as v from 'valibot';
import { LibraryError } from '../library/errors';
import { inThisThread } from './document-work';
import {
  DocumentRequestSchema,
  DocumentWorkerDataSchema,
  type BusyTimes,
  type DocumentReply,
  type DocumentRequest,
} from './document-protocol';

if (!parentPort) throw new Error('main/saving/document-worker.ts runs only as a worker thread');
const port = parentPort;
const testHooks = v.parse(DocumentWorkerDataSchema, workerData)?.testHooks === true;

function run(request: DocumentRequest): Promise<unknown> {
  switch (request.op) {
    case 'extract':
      return inThisThread.extractArticle(request.html, request.pageUrl);
    case 'file':
      return inThisThread.documentFromBytes(request.path, request.bytes);
    case 'plan':
      return inThisThread.planImages(request.html, request.maxImages);
    case 'finish':
      return inThisThread.finishArticle(request.html, request.placed);
    case 'busy': {
      if (!testHooks) return Promise.reject(new Error('the busy request is for tests only'));
      // A page that takes `ms` of this thread's time.
      const start = performance.timeOrigin + performance.now();
      while (performance.timeOrigin + performance.now() - start < request.ms) {
        /* spin */
      }
      const times: BusyTimes = { threadId, start, end: performance.timeOrigin + performance.now() };
      return Promise.resolve(times);
    }
    case 'hang':
      if (!testHooks) return Promise.reject(new Error('the hang request is for tests only'));
      // A page that never finishes parsing.
      for (;;) {
        /* spin */
      }
    case 'crash':
      if (!testHooks) return Promise.reject(new Error('the crash request is for tests only'));
      process.exit(71);
  }
}

/** Load jsdom, Readability and DOMPurify once, before the first page's time limit starts. */
async function warmUp(): Promise<void> {
  await inThisThread.finishArticle('<p>warm</p>', { articleId: 'warm', files: [], maxImages: 0 });
  await inThisThread.extractArticle('<html><body></body></html>', 'https://warm.invalid/').catch(() => undefined);
}

/** One request at a time: its time limit (started when it is taken up) measures its own work. */
let queue: Promise<unknown> = warmUp().catch(() => undefined);

port.on('message', (raw: unknown) => {
  const parsed = v.safeParse(DocumentRequestSchema, raw);
  if (!parsed.success) return;
  const request = parsed.output;
  const reply = (message: DocumentReply) => port.postMessage(message);
  queue = queue.then(() => {
    reply({ id: request.id, started: true });
    return run(request).then(
      (value) => reply({ id: request.id, ok: true, value }),
      (error: unknown) =>
        reply({
          id: request.id,
          ok: false,
          code: error instanceof LibraryError ? error.code : 'internal',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
});
