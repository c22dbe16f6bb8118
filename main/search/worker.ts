/**
 * The search worker's entry (built to `out/main/search-worker.js`; see
 * electron.vite.config.ts). All index work happens here, off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as v from 'valibot';
import { SearchHost } from './host';
import { QueryEnvelopeSchema, RequestSchema, WorkerOptionsSchema, type Request, type WorkerMessage } from './protocol';

if (!parentPort) throw new Error('main/search/worker.ts runs only as a worker thread');
const port = parentPort;
const options = v.parse(WorkerOptionsSchema, workerData);
const send = (message: WorkerMessage) => port.postMessage(message);
const host = new SearchHost(options, (message) => send({ type: 'log', message }));

async function answer(request: Request): Promise<unknown> {
  switch (request.type) {
    case 'query':
      return host.query(request.input);
    case 'refresh':
      await host.refresh(request.ids);
      return null;
    case 'index':
      await host.indexNow(request.ids);
      return null;
    case 'remove':
      host.remove(request.ids);
      return null;
    case 'ready':
      await host.ready();
      return { engine: host.engine };
    case 'close':
      await host.close();
      return null;
    case 'crash':
      if (!options.testHooks) throw new Error('the crash request is for tests only');
      // Exiting stops this thread like terminate() does: never with a file read in flight.
      await host.haltForCrash();
      process.exit(70);
  }
}

port.on('message', (raw: unknown) => {
  const parsed = v.safeParse(RequestSchema, raw);
  if (!parsed.success) {
    const query = v.safeParse(QueryEnvelopeSchema, raw);
    if (query.success) return send({ type: 'reply', id: query.output.id, ok: false, message: parsed.issues[0].message });
    return send({ type: 'log', message: 'search: the worker ignored a malformed request' });
  }
  const request = parsed.output;
  answer(request).then(
    (value) => {
      send({ type: 'reply', id: request.id, ok: true, value });
      // Closed: let go of the port so the thread ends by itself (see WorkerClient.close).
      if (request.type === 'close') port.close();
    },
    (error: unknown) =>
      send({ type: 'reply', id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
