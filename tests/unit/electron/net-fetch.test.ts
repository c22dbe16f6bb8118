/**
 * Saving through Electron's network stack (main/electron/net-fetch.ts), with `electron`
 * mocked: `net.request` is a stand-in over Node's http client that keeps
 * ClientRequest's documented contract (fake-net-request.ts). Proves that the app's
 * fetch goes through `net.request`, that every limit and the hop-by-hop redirect
 * check of main/saving/http.ts hold through it, and that Node's fetch is not used.
 * Not proved here: Chromium's proxy and certificate handling (only the Electron suite
 * or a real Electron can show those).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeClientRequest, type FakeRequestOptions } from './fake-net-request';

const requests: FakeClientRequest[] = [];
vi.mock('electron', () => ({
  net: {
    request: vi.fn((options: FakeRequestOptions) => {
      const request = new FakeClientRequest(options);
      requests.push(request);
      return request;
    }),
    resolveHost: vi.fn(),
  },
  session: { defaultSession: { resolveProxy: vi.fn(async () => 'DIRECT') } },
}));

import { net, session } from 'electron';
import {
  chromiumFetch,
  chromiumResolveHost,
  electronFetch,
  electronResolveHost,
  type NetRequest,
} from '../../../main/electron/net-fetch';
import { fetchPage } from '../../../main/saving/fetch-page';
import { ImportService } from '../../../main/saving';
import { AddressGuard } from '../../../main/saving/addresses';
import { webImageLoader } from '../../../main/saving/image-sources';
import { DEFAULT_LIMITS } from '../../../main/saving/limits';
import { failure, freshLibrary, saved } from '../saving/helpers';
import { startServer, type TestServer } from '../saving/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  requests.length = 0;
  vi.mocked(net.request).mockClear();
  vi.restoreAllMocks();
});

const fetch = () => electronFetch();
/** The URL of each net.request call, in order. */
const asked = () => vi.mocked(net.request).mock.calls.map(([options]) => (options as { url: string }).url);

describe('electronFetch: the app fetches pages with net.request', () => {
  it('asks net.request for a GET with redirect: manual, no cookies, no cache, and our headers', async () => {
    const page = await fetchPage(`${server.origin}/news.html`, { fetch: fetch() });
    expect(page.html).toContain('Harbour reopens after storm repairs');
    expect(vi.mocked(net.request).mock.calls).toStrictEqual([
      [{ url: `${server.origin}/news.html`, method: 'GET', redirect: 'manual', useSessionCookies: false, cache: 'no-store' }],
    ]);
    expect(requests[0]!.headers).toMatchObject({
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
      'user-agent': 'Mozilla/5.0 (compatible; Lectern offline reader)',
    });
  });

  it('answers a redirect as a 3xx response and cancels that request, so each hop is asked for and checked by http.ts', async () => {
    const page = await fetchPage(`${server.origin}/r/5`, { fetch: fetch() });
    expect(page.url).toBe(`${server.origin}/news.html`);
    expect(asked()).toStrictEqual([
      ...[5, 4, 3, 2, 1].map((n) => `${server.origin}/r/${n}`),
      `${server.origin}/news.html`,
    ]);
    expect(requests.slice(0, 5).every((request) => request.aborted)).toBe(true);
  });

  it('hands back the hop itself', async () => {
    const response = await chromiumFetch((options) => net.request(options))(`${server.origin}/r/1`, { redirect: 'manual' });
    expect({ status: response.status, location: response.headers.get('location') }).toStrictEqual({
      status: 302,
      location: `${server.origin}/news.html`,
    });
  });

  it('keeps the redirect limit and refuses a redirect to another scheme', async () => {
    expect(await failure(fetchPage(`${server.origin}/r/6`, { fetch: fetch() }))).toStrictEqual({
      code: 'network',
      message: 'The page redirected more than 5 times.',
    });
    expect(await failure(fetchPage(`${server.origin}/to-ftp`, { fetch: fetch() }))).toStrictEqual({
      code: 'invalid-input',
      message: 'The page redirected to an address that is not http or https.',
    });
  });

  it('says 404 and other statuses in words', async () => {
    expect(await failure(fetchPage(`${server.origin}/gone`, { fetch: fetch() }))).toStrictEqual({
      code: 'not-found',
      message: `Nothing was found at ${server.origin}/gone (404).`,
    });
    expect((await failure(fetchPage(`${server.origin}/server-error`, { fetch: fetch() }))).message).toBe(
      `The site answered 500 Internal Server Error for ${server.origin}/server-error.`,
    );
  });

  it('cuts off a 50 MB response at 10 MB and cancels the request', async () => {
    expect(await failure(fetchPage(`${server.origin}/huge`, { fetch: fetch() }))).toStrictEqual({
      code: 'too-large',
      message: 'The page is larger than 10 MB, too large to save.',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.hugeBytesSent()).toBeLessThan(20 * 1024 * 1024);
    expect(requests[0]!.aborted).toBe(true);
  });

  it('stops at the time limit, and when cancelled', async () => {
    expect(await failure(fetchPage(`${server.origin}/hang`, { fetch: fetch(), limits: { pageTimeoutMs: 300 } }))).toStrictEqual({
      code: 'network',
      message: 'The page took longer than 0.3 seconds to load, so saving stopped.',
    });
    expect(requests[0]!.aborted).toBe(true);
    const controller = new AbortController();
    const pending = fetchPage(`${server.origin}/hang`, { fetch: fetch(), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toStrictEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    expect(requests[1]!.aborted).toBe(true);
  });

  it("words Chromium's network errors: unreachable is offline, others name the error", async () => {
    const failing = (message: string): NetRequest => (options) => {
      const request = new FakeClientRequest(options as FakeRequestOptions);
      request.end = () => void process.nextTick(() => request.emit('error', new Error(message)));
      return request as unknown as ReturnType<NetRequest>;
    };
    // The address check is answered with a public address, so each request reaches the failing stand-in.
    const resolveHost = async () => ['93.184.216.34'];
    expect(await failure(fetchPage('https://news.example/a', { resolveHost, fetch: chromiumFetch(failing('net::ERR_NAME_NOT_RESOLVED')) }))).toStrictEqual({
      code: 'network',
      message: 'You appear to be offline, or news.example cannot be reached.',
    });
    expect(await failure(fetchPage('https://news.example/a', { resolveHost, fetch: chromiumFetch(failing('net::ERR_INTERNET_DISCONNECTED')) }))).toStrictEqual({
      code: 'network',
      message: 'You appear to be offline, or news.example cannot be reached.',
    });
    expect(await failure(fetchPage('https://news.example/a', { resolveHost, fetch: chromiumFetch(failing('net::ERR_CERT_AUTHORITY_INVALID')) }))).toStrictEqual({
      code: 'network',
      message: 'The connection to news.example failed (ERR_CERT_AUTHORITY_INVALID).',
    });
  });

  it('saves a whole article with its images through net.request, never through Node’s fetch', async () => {
    const nodeFetch = vi.spyOn(globalThis, 'fetch');
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { fetch: fetch() }).addUrl(`${server.origin}/news.html`);
    expect(result.warnings).toStrictEqual([]);
    expect((await saved(dir, result.id)).assets).toHaveLength(3);
    const urls = asked().map((url) => new URL(url).pathname);
    expect(urls[0]).toBe('/news.html');
    expect(urls.filter((path) => path.startsWith('/news-images/'))).toHaveLength(3);
    expect(nodeFetch).not.toHaveBeenCalled();
  });

  it('is why not net.fetch: a manual redirect nobody follows fails as "Redirect was cancelled"', async () => {
    // What net.fetch does with redirect: 'manual' (it listens for no 'redirect' event).
    const request = new FakeClientRequest({ url: `${server.origin}/r/1`, redirect: 'manual' });
    const error = new Promise<Error>((resolve) => request.on('error', resolve));
    request.end();
    expect((await error).message).toBe('Redirect was cancelled');
  });
});

describe("electronResolveHost: the address check asks Chromium's resolver", () => {
  it('answers every endpoint net.resolveHost gives, asking for the hostname only', async () => {
    vi.mocked(net.resolveHost).mockResolvedValueOnce({
      endpoints: [
        { address: '93.184.216.34', family: 'ipv4' },
        { address: '2606:2800:220:1::1', family: 'ipv6' },
      ],
    });
    expect(await electronResolveHost()(new URL('https://news.example:8443/a?b'))).toStrictEqual(['93.184.216.34', '2606:2800:220:1::1']);
    expect(vi.mocked(net.resolveHost).mock.calls).toStrictEqual([['news.example']]);
  });

  it('throws the resolver error when the request would go direct, answers "proxied" behind a proxy', async () => {
    const notResolved = new Error('net::ERR_NAME_NOT_RESOLVED');
    const resolution = (proxy: string) => ({
      resolveHost: vi.fn(async () => Promise.reject(notResolved)),
      resolveProxy: vi.fn(async () => proxy),
    });
    const direct = resolution('DIRECT');
    await expect(chromiumResolveHost(direct)(new URL('https://gone.example/'))).rejects.toBe(notResolved);
    expect(direct.resolveProxy.mock.calls).toStrictEqual([['https://gone.example/']]);
    expect(await chromiumResolveHost(resolution('PROXY proxy.corp:3128; DIRECT'))(new URL('https://far.example/'))).toBe('proxied');
    vi.mocked(net.resolveHost).mockRejectedValueOnce(notResolved);
    vi.mocked(session.defaultSession.resolveProxy).mockResolvedValueOnce('PROXY proxy.corp:3128');
    expect(await electronResolveHost()(new URL('https://far.example/'))).toBe('proxied');
  });

  it('refuses, before net.request is called, an image whose name Chromium resolves to the private network', async () => {
    vi.mocked(net.resolveHost).mockResolvedValueOnce({ endpoints: [{ address: '10.0.0.7', family: 'ipv4' }] });
    const load = webImageLoader(DEFAULT_LIMITS, fetch(), new AddressGuard(electronResolveHost(), new URL('https://news.example/')));
    expect(await failure(load(new URL('http://wiki.corp/a.png')))).toStrictEqual({
      code: 'forbidden',
      message: 'The image points at an address on your own network or this computer (wiki.corp, 10.0.0.7), which Lectern does not fetch.',
    });
    expect(net.request).not.toHaveBeenCalled();
  });
});
