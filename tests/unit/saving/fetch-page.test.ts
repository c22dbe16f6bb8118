/** fetchPage against a loopback server: redirects, errors in words, limits, charsets. */
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage } from '../../../main/saving/fetch-page';
import { failure } from './helpers';
import { CYRILLIC_PARAGRAPH, FIXTURES, startServer, type TestServer } from './server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** A port nothing listens on (a server opened and closed). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('fetchPage', () => {
  it('fetches and decodes an HTML page', async () => {
    const page = await fetchPage(`${server.origin}/news.html#top`);
    expect(page.requestedUrl).toBe(`${server.origin}/news.html`);
    expect(page.url).toBe(`${server.origin}/news.html`);
    expect(page.encoding).toBe('utf-8');
    expect(page.html).toContain('Harbour reopens after storm repairs');
  });

  it('follows a chain of 5 redirects, reporting the final address', async () => {
    const page = await fetchPage(`${server.origin}/r/5`);
    expect(page.url).toBe(`${server.origin}/news.html`);
    expect(page.requestedUrl).toBe(`${server.origin}/r/5`);
  });

  it('refuses a sixth redirect', async () => {
    expect(await failure(fetchPage(`${server.origin}/r/6`))).toStrictEqual({
      code: 'network',
      message: 'The page redirected more than 5 times.',
    });
  });

  it('re-checks every hop: a redirect to ftp: is refused', async () => {
    expect(await failure(fetchPage(`${server.origin}/to-ftp`))).toStrictEqual({
      code: 'invalid-input',
      message: 'The page redirected to an address that is not http or https (ftp:).',
    });
  });

  it('says 404 in words', async () => {
    expect(await failure(fetchPage(`${server.origin}/gone`))).toStrictEqual({
      code: 'not-found',
      message: `Nothing was found at ${server.origin}/gone (404).`,
    });
  });

  it('reports other HTTP errors with their status', async () => {
    expect(await failure(fetchPage(`${server.origin}/server-error`))).toStrictEqual({
      code: 'network',
      message: `The site answered 500 Internal Server Error for ${server.origin}/server-error.`,
    });
  });

  it('stops a page that never finishes at the time limit', async () => {
    const started = Date.now();
    expect(await failure(fetchPage(`${server.origin}/hang`, { limits: { pageTimeoutMs: 300 } }))).toStrictEqual({
      code: 'network',
      message: 'The page took longer than 0.3 seconds to load, so saving stopped.',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('cuts off a 50 MB response at 10 MB without reading the rest', async () => {
    expect(await failure(fetchPage(`${server.origin}/huge`))).toStrictEqual({
      code: 'too-large',
      message: 'The page is larger than 10 MB, too large to save.',
    });
    // The server could only push what fit in socket buffers after we stopped reading.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.hugeBytesSent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses an announced Content-Length over the limit before reading', async () => {
    expect(await failure(fetchPage(`${server.origin}/huge-announced`))).toStrictEqual({
      code: 'too-large',
      message: 'The page is larger than 10 MB, too large to save.',
    });
  });

  it('uses a smaller cap when configured', async () => {
    expect((await failure(fetchPage(`${server.origin}/news.html`, { limits: { maxPageBytes: 1000 } }))).message).toBe(
      'The page is larger than 1000 bytes, too large to save.',
    );
  });

  it('refuses a PDF and an image as not HTML', async () => {
    expect(await failure(fetchPage(`${server.origin}/doc.pdf`))).toStrictEqual({
      code: 'invalid-input',
      message: 'This address is a PDF document, not a web page.',
    });
    expect(await failure(fetchPage(`${server.origin}/picture`))).toStrictEqual({
      code: 'invalid-input',
      message: 'This address is an image, not a web page.',
    });
  });

  it('recognizes a PDF sent without a Content-Type', async () => {
    expect((await failure(fetchPage(`${server.origin}/untyped.pdf`))).message).toBe(
      'This address is a PDF document, not a web page.',
    );
  });

  it('decodes a windows-1251 page from its <meta charset>', async () => {
    const page = await fetchPage(`${server.origin}/cp1251.html`);
    expect(page.encoding).toBe('windows-1251');
    expect(page.html).toContain(CYRILLIC_PARAGRAPH);
    expect(page.html).toContain('<title>Новая библиотека</title>');
  });

  it('decodes a windows-1251 page from its Content-Type header', async () => {
    const page = await fetchPage(`${server.origin}/cp1251.html?header`);
    expect(page.encoding).toBe('windows-1251');
    expect(page.html).toContain(CYRILLIC_PARAGRAPH);
  });

  it('says "offline" when the connection is refused', async () => {
    const port = await closedPort();
    expect(await failure(fetchPage(`http://127.0.0.1:${port}/news.html`))).toStrictEqual({
      code: 'network',
      message: `You appear to be offline, or 127.0.0.1:${port} cannot be reached.`,
    });
  });

  it('says "offline" when the name does not resolve', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }) });
    };
    expect((await failure(fetchPage('https://news.example/a', { fetch }))).message).toBe(
      'You appear to be offline, or news.example cannot be reached.',
    );
  });

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    const pending = fetchPage(`${server.origin}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toStrictEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
  });

  it('reports progress in bytes', async () => {
    const seen: number[] = [];
    await fetchPage(`${server.origin}/news.html`, { onBytes: (bytes) => seen.push(bytes) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe((await stat(join(FIXTURES, 'news.html'))).size);
  });

  it.each([
    ['', 'Enter a web address to save.'],
    ['not a url', '"not a url" is not a web address.'],
    ['file:///etc/passwd', 'Only http and https addresses can be saved, not file:'],
    ['javascript:alert(1)', 'Only http and https addresses can be saved, not javascript:'],
    ['https://user:pw@news.example/', 'Addresses with a user name or password cannot be saved.'],
    [`https://news.example/${'a'.repeat(2000)}`, 'The web address is longer than 2000 characters.'],
  ])('refuses the address %j', async (url, message) => {
    expect(await failure(fetchPage(url))).toStrictEqual({ code: 'invalid-input', message });
  });
});
