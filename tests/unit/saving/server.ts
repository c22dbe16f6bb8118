/**
 * A loopback HTTP server (127.0.0.1, a free port) serving the import fixtures, for
 * the import tests. Started and stopped by the tests; nothing leaves the machine.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import', import.meta.url));
export const HOSTILE = fileURLToPath(new URL('../../fixtures/hostile', import.meta.url));

/** "Привет" → windows-1251 bytes (Cyrillic letters and ASCII only). */
export function toWindows1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (code === 0x401) bytes.push(0xa8);
    else if (code === 0x451) bytes.push(0xb8);
    else if (code === 0x2014) bytes.push(0x97);
    else throw new Error(`no windows-1251 byte for ${char}`);
  }
  return Buffer.from(bytes);
}

export const CYRILLIC_PARAGRAPH =
  'Сегодня в городе открылась новая библиотека. Читатели пришли рано утром и ждали у дверей — ' +
  'многие принесли с собой старые книги, чтобы подарить их новому зданию. Директор сказал, что ' +
  'библиотека будет открыта каждый день, кроме понедельника, и что дети смогут приходить бесплатно.';

export interface TestServer {
  origin: string;
  /** Bytes the `/huge` route managed to write before the client went away. */
  hugeBytesSent: () => number;
  close: () => Promise<void>;
}

const HUGE = 50 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

async function sendFile(res: ServerResponse, path: string, type: string): Promise<void> {
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

/** Start the server. */
export async function startServer(): Promise<TestServer> {
  let hugeSent = 0;
  const open = new Set<ServerResponse>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const redirect = /^\/r\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(n % 2 ? 302 : 301, { location: n > 1 ? `/r/${n - 1}` : '/news.html' });
      res.end();
    } else if (path === '/news.html' || path === '/broken.html' || path === '/images-mixed.html' || path === '/crossorigin.html') {
      await sendFile(res, join(FIXTURES, path.slice(1)), 'text/html; charset=utf-8');
    } else if (path.startsWith('/news-images/') || path.startsWith('/images/')) {
      const name = path.split('/').pop()!;
      await sendFile(res, join(FIXTURES, 'news-images', name), TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
    } else if (path.startsWith('/hostile/')) {
      await sendFile(res, join(HOSTILE, path.slice('/hostile/'.length).replace(/[^a-z0-9.-]/g, '')), 'text/html; charset=utf-8');
    } else if (path === '/cp1251.html') {
      const html =
        '<!doctype html><html lang="ru"><head><meta charset="windows-1251"><title>Новая библиотека</title></head>' +
        `<body><article><h1>Новая библиотека</h1><p>${CYRILLIC_PARAGRAPH}</p><p>${CYRILLIC_PARAGRAPH}</p></article></body></html>`;
      const header = url.searchParams.has('header') ? 'text/html; charset=windows-1251' : 'text/html';
      res.writeHead(200, { 'content-type': header });
      res.end(toWindows1251(html));
    } else if (path === '/hang') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<!doctype html><html><body><p>This page never finishes');
    } else if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (hugeSent < HUGE && !res.destroyed) {
          hugeSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    } else if (path === '/huge-announced') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(HUGE) });
      res.write('<p>'); // and nothing more: the announced length alone must be refused
    } else if (path === '/doc.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    } else if (path === '/untyped.pdf') {
      res.end('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    } else if (path === '/picture') {
      await sendFile(res, join(FIXTURES, 'news-images', 'harbour.png'), 'image/png');
    } else if (path === '/server-error') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    } else if (path === '/to-ftp') {
      res.writeHead(302, { location: 'ftp://127.0.0.1/file' });
      res.end();
    } else if (path === '/nav-only.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head><title>Menu</title></head><body><nav></nav><script>x()</script></body></html>');
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not found</h1>');
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hugeBytesSent: () => hugeSent,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
