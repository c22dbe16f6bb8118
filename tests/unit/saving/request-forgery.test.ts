/**
 * Request forgery (ARCHITECTURE.md §6, main/saving/addresses.ts): a saved page whose
 * images, srcset candidates and redirects point at this computer and the private
 * network — as address literals in every spelling, and as DNS names that resolve
 * there — makes no request to them. Two real listeners ("traps", on 127.0.0.1 and
 * [::1]) count every connection: 0 reach them, while the page the user typed (on
 * 127.0.0.1 too: a page on their own computer is theirs to save) and its own images
 * are fetched. The control at the end asks the traps directly through the same fetch
 * and sees every one of those requests arrive, so a guard that let them through
 * would fail this test.
 *
 * DNS is a table (the service's injected resolver); the fetch routes a name to what
 * the table last answered, so a name resolving to 127.0.0.1 would really reach the
 * trap. A "public" answer is routed to the page's own server (the stand-in internet).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportService } from '../../../main/saving';
import { AddressGuard, PrivateAddressError, type ResolveHost } from '../../../main/saving/addresses';
import { failure, freshLibrary, saved } from './helpers';
import { FIXTURES } from './server';

const PUBLIC = '93.184.216.34';
const PNG = await readFile(join(FIXTURES, 'news-images', 'harbour.png'));
const JPG = await readFile(join(FIXTURES, 'news-images', 'minister.jpg'));

interface Listener {
  origin: string;
  port: number;
  connections: () => number;
  requests: string[];
  close: () => Promise<void>;
}

/** An HTTP server on `host` counting connections; `answer` handles each request. */
async function listen(host: '127.0.0.1' | '::1', answer: (path: string, res: import('node:http').ServerResponse) => void): Promise<Listener> {
  let connections = 0;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req.url ?? '/', res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    port,
    connections: () => connections,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let site: Listener;
let trap4: Listener;
let trap6: Listener;
/** Every URL handed to the fetch, in order. */
const asked: string[] = [];

/** A trap answers every request with a real PNG: were it reached, the image would be saved. */
const trapAnswer = (_path: string, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'image/png' });
  res.end(PNG);
};

const PARAGRAPH =
  'The harbour reopened on Monday after three months of repairs, and the first boats came in before dawn. ' +
  'Fishermen said the new wall, taller by a metre, had already kept out two spring storms, and the council promised more work.';

/** The hostile <img> elements of the story, each with its reason. */
function hostileImages(): { html: string; what: string }[] {
  const t4 = trap4.port;
  const t6 = trap6.port;
  const img = (src: string, what: string) => ({ html: `<img src="${src}" alt="${what}">`, what });
  return [
    img(`http://127.0.0.1:${t4}/direct.png`, 'IPv4 loopback'),
    img(`http://[::1]:${t6}/direct6.png`, 'IPv6 loopback'),
    img(`http://localhost:${t4}/localhost.png`, 'localhost'),
    img(`http://intranet.test:${t4}/dns.png`, 'a name resolving to 127.0.0.1'),
    img(`http://v6.test:${t6}/dns6.png`, 'a name resolving to ::1'),
    img(`http://dual.test:${t4}/dual.png`, 'a name with a public and a loopback address'),
    img(`http://[::ffff:127.0.0.1]:${t4}/mapped.png`, 'IPv4-mapped IPv6'),
    img(`http://2130706433:${t4}/decimal.png`, 'a decimal address'),
    img(`http://0x7f.0.0.1:${t4}/hex.png`, 'a hexadecimal address'),
    img(`http://0.0.0.0:${t4}/zero.png`, 'the unspecified address'),
    img('http://10.0.0.1/private.png', '10/8'),
    img('http://172.16.0.1/private.png', '172.16/12'),
    img('http://192.168.1.1/router.png', '192.168/16'),
    img('http://169.254.169.254/latest/meta-data/iam.png', 'cloud metadata'),
    img('http://meta.test/metadata.png', 'a name resolving to 169.254.169.254'),
    img('http://100.64.0.1/cgnat.png', 'CGNAT'),
    img('http://224.0.0.1/multicast.png', 'multicast'),
    img('http://[fd00::1]/ula.png', 'IPv6 unique local'),
    img('http://[fe80::1]/link.png', 'IPv6 link-local'),
    img('/img/to-trap.png', 'an image of the page redirecting to 127.0.0.1'),
    img('/img/to-name.png', 'an image of the page redirecting to a name resolving to 127.0.0.1'),
    img(`http://public.test:${site.port}/bounce.png`, 'a public image redirecting to [::1]'),
  ];
}

function story(): string {
  const figures = hostileImages().map(({ html }) => `<figure>${html}<figcaption>${PARAGRAPH}</figcaption></figure>`);
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour reopens</title></head><body><article>' +
    `<h1>Harbour reopens</h1><p>${PARAGRAPH}</p>` +
    // The page's own images: one behind two hostile srcset candidates (tried first, as the largest).
    `<figure><img src="/img/own.png" srcset="http://127.0.0.1:${trap4.port}/big.png 2000w, http://[::1]:${trap6.port}/mid.png 1000w" alt="own"></figure>` +
    `<p>${PARAGRAPH}</p>` +
    `<figure><img src="/img/own2.jpg" alt="own too"></figure>` +
    figures.join(`<p>${PARAGRAPH}</p>`) +
    `<p>${PARAGRAPH}</p></article></body></html>`
  );
}

beforeAll(async () => {
  trap4 = await listen('127.0.0.1', trapAnswer);
  trap6 = await listen('::1', trapAnswer);
  site = await listen('127.0.0.1', (path, res) => {
    const redirect = (location: string) => {
      res.writeHead(302, { location });
      res.end();
    };
    if (path === '/story.html' || path === '/rebind/story.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(path === '/story.html' ? story() : story().replace(/<figure><img src="\/img\/own.png"[^>]*><\/figure>/, '<figure><img src="/img/own.png" alt="own"></figure>'));
    } else if (path === '/moved') redirect('/story.html');
    else if (path === '/img/own.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    } else if (path === '/img/own2.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(JPG);
    } else if (path === '/img/to-trap.png') redirect(`http://127.0.0.1:${trap4.port}/redirected.png`);
    else if (path === '/img/to-name.png') redirect(`http://intranet.test:${trap4.port}/redirected-name.png`);
    else if (path === '/bounce.png') redirect(`http://[::1]:${trap6.port}/bounced.png`);
    else if (path === '/go-trap') redirect(`http://127.0.0.1:${trap4.port}/page.html`);
    else if (path === '/go-name') redirect(`http://v6.test:${trap6.port}/page.html`);
    else {
      res.writeHead(404);
      res.end();
    }
  });
});
afterAll(async () => {
  await Promise.all([site.close(), trap4.close(), trap6.close()]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The fake DNS: name → answers (a list of lists answers differently on each lookup). */
const DNS: Record<string, string[][]> = {
  'intranet.test': [['127.0.0.1']],
  'v6.test': [['::1']],
  'dual.test': [[PUBLIC, '127.0.0.1']],
  'public.test': [[PUBLIC]],
  'meta.test': [['169.254.169.254']],
  'rebind.test': [[PUBLIC], ['127.0.0.1']],
};
const lookups = new Map<string, number>();
const lastAnswer = new Map<string, string[]>();

const resolveHost: ResolveHost = async (url) => {
  const answers = DNS[url.hostname];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: 'ENOTFOUND' });
  const n = lookups.get(url.hostname) ?? 0;
  lookups.set(url.hostname, n + 1);
  const answer = answers[Math.min(n, answers.length - 1)]!;
  lastAnswer.set(url.hostname, answer);
  return answer;
};

/**
 * Node's fetch, with names routed as the fake DNS answered (the loopback answer when
 * there is one: where an attacker would aim), and the public address routed to `site`.
 */
const routedFetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
  asked.push(input);
  const url = new URL(input);
  const answer = url.hostname === 'localhost' ? ['127.0.0.1'] : (lastAnswer.get(url.hostname) ?? DNS[url.hostname]?.[0]);
  if (answer) {
    const address = answer.find((a) => a !== PUBLIC) ?? PUBLIC;
    if (address === PUBLIC) url.host = new URL(site.origin).host;
    else url.hostname = address.includes(':') ? `[${address}]` : address;
  }
  return fetch(url.href, init);
};

const trapHits = () => trap4.connections() + trap6.connections() + trap4.requests.length + trap6.requests.length;

/** The address checks of a run that refused, as the URLs they refused. */
function refusedChecks(spy: { mock: { calls: unknown[][]; settledResults: { type: string; value: unknown }[] } }): string[] {
  return spy.mock.calls
    .map(([url], index) => ({ url: (url as URL).href, result: spy.mock.settledResults[index] }))
    .filter(({ result }) => result?.type === 'rejected' && result.value instanceof PrivateAddressError)
    .map(({ url }) => url);
}

describe('request forgery: a saved page cannot make Lectern reach this computer or the private network', () => {
  it("saves the typed page and its own images; 0 of the hostile images, srcsets and redirects reach a listener", async () => {
    const check = vi.spyOn(AddressGuard.prototype, 'check');
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { fetch: routedFetch, resolveHost, limits: { imageTimeoutMs: 3000 } });
    // Typed on this computer, and redirected within its own origin: trusted.
    const result = await service.addUrl(`${site.origin}/moved`);

    const hostile = hostileImages();
    expect(trapHits()).toBe(0);
    // Nothing hostile was even handed to the fetch; only the page's own server (and the
    // "public" name routed to it) was asked.
    const reached = asked.filter((url) => !url.startsWith(site.origin) && !url.startsWith(`http://public.test:${site.port}/`));
    expect(reached).toStrictEqual([]);
    expect(site.requests.sort()).toStrictEqual(['/bounce.png', '/img/own.png', '/img/own2.jpg', '/img/to-name.png', '/img/to-trap.png', '/moved', '/story.html']);

    // The page and its own two images were saved, in words for the rest.
    const { html, assets } = await saved(dir, result.id);
    expect(assets).toHaveLength(2);
    expect(html).toContain('The harbour reopened on Monday');
    expect(html).not.toMatch(/127\.0\.0\.1|::1|localhost|\.test|10\.0\.0\.1|169\.254/);
    expect(result.warnings).toStrictEqual([
      `${hostile.length} images were not fetched: they point at addresses on your own network or this computer.`,
    ]);

    // Every hostile URL was tried and refused: the images, both srcset candidates, and the
    // three redirect targets (each hop is checked before it is requested).
    const refused = refusedChecks(check as never);
    const redirectTargets = [
      `http://127.0.0.1:${trap4.port}/redirected.png`,
      `http://intranet.test:${trap4.port}/redirected-name.png`,
      `http://[::1]:${trap6.port}/bounced.png`,
    ];
    const srcset = [`http://127.0.0.1:${trap4.port}/big.png`, `http://[::1]:${trap6.port}/mid.png`];
    expect(refused).toHaveLength(hostile.length - 3 + srcset.length + redirectTargets.length);
    for (const url of [...srcset, ...redirectTargets]) expect(refused).toContain(url);
    console.log(
      `[request-forgery] ${refused.length} hostile URLs tried and refused (${hostile.length - 3} image addresses, ` +
        `${srcset.length} srcset candidates, ${redirectTargets.length} redirect hops; ${hostile.length} images left out), ` +
        `${trapHits()} connections reached the listeners on 127.0.0.1 and [::1]; the page and its 2 own images saved`,
    );
  });

  it('refuses a typed page that redirects to another host on this computer, by address or by name', async () => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { fetch: routedFetch, resolveHost });
    expect(await failure(service.addUrl(`${site.origin}/go-trap`))).toStrictEqual({
      code: 'forbidden',
      message: `The page redirected to an address on your own network or this computer (127.0.0.1), which Lectern does not fetch.`,
    });
    expect(await failure(service.addUrl(`http://public.test:${site.port}/go-name`))).toStrictEqual({
      code: 'forbidden',
      message: `The page redirected to an address on your own network or this computer (v6.test, ::1), which Lectern does not fetch.`,
    });
    expect(trapHits()).toBe(0);
  });

  it('refuses the images of a typed public name once it rebinds to 127.0.0.1 (DNS rebinding)', async () => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { fetch: routedFetch, resolveHost, limits: { imageTimeoutMs: 3000 } });
    // The first lookup answers public (routed to the page server); every later one 127.0.0.1,
    // where /img/own.png and /img/own2.jpg of rebind.test:<trap port> would reach the trap.
    const result = await service.addUrl(`http://rebind.test:${trap4.port}/rebind/story.html`);
    expect(trapHits()).toBe(0);
    expect((await saved(dir, result.id)).assets).toStrictEqual([]);
    expect(result.warnings).toStrictEqual([
      `${hostileImages().length + 2} images were not fetched: they point at addresses on your own network or this computer.`,
    ]);
  });

  it('control: the same fetch does reach both listeners when asked directly, so the counts above can fail', async () => {
    const direct = [
      `http://127.0.0.1:${trap4.port}/direct.png`,
      `http://[::1]:${trap6.port}/direct6.png`,
      `http://localhost:${trap4.port}/localhost.png`,
      `http://intranet.test:${trap4.port}/dns.png`,
      `http://v6.test:${trap6.port}/dns6.png`,
      `http://dual.test:${trap4.port}/dual.png`,
      `http://[::ffff:127.0.0.1]:${trap4.port}/mapped.png`,
      `http://2130706433:${trap4.port}/decimal.png`,
      `http://0x7f.0.0.1:${trap4.port}/hex.png`,
      `http://0.0.0.0:${trap4.port}/zero.png`,
    ];
    const before = trap4.requests.length + trap6.requests.length;
    for (const url of direct) {
      const response = await routedFetch(url);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(trap4.requests.length + trap6.requests.length - before).toBe(direct.length);
    expect(trap4.connections()).toBeGreaterThan(0);
    expect(trap6.connections()).toBeGreaterThan(0);
  });
});
