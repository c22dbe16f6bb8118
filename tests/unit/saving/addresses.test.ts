/**
 * The address check of saving (main/saving/addresses.ts): which addresses are refused,
 * and what the page the user typed may still reach. No network: resolvers are stand-ins.
 */
import { describe, expect, it, vi } from 'vitest';
import { AddressGuard, PrivateAddressError, refusedRange, type ResolveHost } from '../../../main/saving/addresses';

describe('refusedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped of loopback'],
    ['::ffff:7f00:1', 'ipv4Mapped of loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped of private'],
    ['::ffff:169.254.169.254', 'ipv4Mapped of linkLocal'],
    ['::ffff:0:127.0.0.1', 'rfc6145 of loopback'],
    // ipaddr.js reads the dotted form ::a.b.c.d as mapped; the URL parser writes it ::7f00:1.
    ['::127.0.0.1', 'ipv4Mapped of loopback'],
    ['::7f00:1', 'ipv4Compatible of loopback'],
    ['::c0a8:1', 'ipv4Compatible of private'],
    ['64:ff9b::127.0.0.1', 'nat64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'nat64 of linkLocal'],
    ['64:ff9b:1::1', 'rfc6052 local-use'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['not an address', 'not an address'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedRange(address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::5db8:d822'])(
    'lets the public address %s through',
    (address) => {
      expect(refusedRange(address)).toBeNull();
    },
  );
});

/** A resolver answering from a table, logging what it was asked. */
function table(entries: Record<string, string[] | string[][]>): ResolveHost & { asked: string[] } {
  const asked: string[] = [];
  const calls = new Map<string, number>();
  const resolve = async (url: URL) => {
    asked.push(url.hostname);
    const entry = entries[url.hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: 'ENOTFOUND' });
    const n = calls.get(url.hostname) ?? 0;
    calls.set(url.hostname, n + 1);
    // A list of lists answers differently each time (the last answer repeats).
    return Array.isArray(entry[0]) ? (entry as string[][])[Math.min(n, entry.length - 1)]! : (entry as string[]);
  };
  return Object.assign(resolve, { asked });
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect((error as PrivateAddressError).code).toBe('forbidden');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('AddressGuard', () => {
  it('refuses address literals without asking the resolver, in words', async () => {
    const resolve = table({});
    const guard = new AddressGuard(resolve);
    expect(await refusal(guard.check(new URL('http://127.0.0.1:8080/a.png'), 'The image'))).toBe(
      'The image points at an address on your own network or this computer (127.0.0.1), which Lectern does not fetch.',
    );
    expect(await refusal(guard.check(new URL('http://[::1]/a.png'), 'The image'))).toContain('(::1)');
    expect(await refusal(guard.check(new URL('http://2130706433/'), 'The image'))).toContain('(127.0.0.1)');
    expect(await refusal(guard.check(new URL('http://0x7f.1/'), 'The image'))).toContain('(127.0.0.1)');
    expect(await refusal(guard.check(new URL('http://[::ffff:169.254.169.254]/latest/meta-data/'), 'The image'))).toContain(
      '(::ffff:a9fe:a9fe)',
    );
    expect(await refusal(guard.check(new URL('http://10.1.2.3/'), 'The page', true))).toBe(
      'The page redirected to an address on your own network or this computer (10.1.2.3), which Lectern does not fetch.',
    );
    expect(resolve.asked).toStrictEqual([]);
    expect(guard.refused).toHaveLength(6);
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    const guard = new AddressGuard(table({ 'mixed.example': ['93.184.216.34', '192.168.1.20'], 'fine.example': ['93.184.216.34', '2606:4700::1111'] }));
    expect(await refusal(guard.check(new URL('https://mixed.example/x.png'), 'The image'))).toContain('(mixed.example, 192.168.1.20)');
    await expect(guard.check(new URL('https://fine.example/x.png'), 'The image')).resolves.toBeUndefined();
  });

  it('refuses localhost names whatever the resolver says', async () => {
    const resolve = table({ 'app.localhost': ['93.184.216.34'] });
    const guard = new AddressGuard(resolve);
    expect(await refusal(guard.check(new URL('http://app.localhost/'), 'The image'))).toContain('(app.localhost)');
    expect(await refusal(guard.check(new URL('http://LOCALHOST./'), 'The image'))).toContain('(localhost.)');
    expect(resolve.asked).toStrictEqual([]);
  });

  it("passes the resolver's errors through, and treats no answer as not found", async () => {
    const guard = new AddressGuard(async () => []);
    await expect(guard.check(new URL('https://nowhere.example/'), 'The page')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(new AddressGuard(table({})).check(new URL('https://x.example/'), 'The page')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('leaves a name a proxy resolves to the proxy, but still checks literals', async () => {
    const guard = new AddressGuard(async () => 'proxied');
    await expect(guard.check(new URL('https://behind.proxy/'), 'The page')).resolves.toBeUndefined();
    expect(await refusal(guard.check(new URL('http://10.0.0.1/'), 'The page'))).toContain('(10.0.0.1)');
  });

  it("trusts the typed page's origin on the user's network, and its https upgrade, nothing else there", async () => {
    const resolve = table({ 'nas.local': ['192.168.1.10'], 'printer.local': ['192.168.1.11'] });
    const guard = new AddressGuard(resolve, new URL('http://nas.local/wiki/'));
    await expect(guard.check(new URL('http://nas.local/wiki/page'), 'The page')).resolves.toBeUndefined();
    await expect(guard.check(new URL('http://nas.local/img/a.png'), 'The image')).resolves.toBeUndefined();
    await expect(guard.check(new URL('https://nas.local/img/a.png'), 'The image')).resolves.toBeUndefined();
    expect(await refusal(guard.check(new URL('http://nas.local:8443/'), 'The image'))).toContain('(nas.local, 192.168.1.10)');
    expect(await refusal(guard.check(new URL('http://printer.local/'), 'The page', true))).toContain('redirected to');
    expect(await refusal(guard.check(new URL('http://192.168.1.10/'), 'The image'))).toContain('(192.168.1.10)');
  });

  it('trusts a typed loopback address literal (a page served on this computer)', async () => {
    const guard = new AddressGuard(table({}), new URL('http://127.0.0.1:8000/notes.html'));
    await expect(guard.check(new URL('http://127.0.0.1:8000/pic.png'), 'The image')).resolves.toBeUndefined();
    expect(await refusal(guard.check(new URL('http://127.0.0.1:8001/pic.png'), 'The image'))).toContain('(127.0.0.1)');
    expect(await refusal(guard.check(new URL('http://localhost:8000/pic.png'), 'The image'))).toContain('(localhost)');
  });

  it('does not let a typed public name rebind to a private address later (DNS rebinding)', async () => {
    const resolve = table({ 'news.example': [['93.184.216.34'], ['127.0.0.1']] });
    const guard = new AddressGuard(resolve, new URL('https://news.example/story'));
    await expect(guard.check(new URL('https://news.example/story'), 'The page')).resolves.toBeUndefined();
    expect(await refusal(guard.check(new URL('https://news.example/photo.jpg'), 'The image'))).toContain('(news.example, 127.0.0.1)');
    expect(resolve.asked).toStrictEqual(['news.example', 'news.example']);
  });

  it('keeps a typed private name to the addresses it first had', async () => {
    const resolve = table({ 'wiki.corp': [['10.0.0.5'], ['10.0.0.5'], ['10.0.0.6']] });
    const guard = new AddressGuard(resolve, new URL('http://wiki.corp/'));
    await guard.check(new URL('http://wiki.corp/'), 'The page');
    await guard.check(new URL('http://wiki.corp/a.png'), 'The image');
    expect(await refusal(guard.check(new URL('http://wiki.corp/b.png'), 'The image'))).toContain('(wiki.corp, 10.0.0.6)');
  });
});

describe('every request passes the check', () => {
  it('boundedGet checks even when no check is handed to it, before the fetch is called', async () => {
    const { boundedGet } = await import('../../../main/saving/http');
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('x'));
    const get = (url: string) =>
      boundedGet(new URL(url), { maxBytes: 100, timeoutMs: 1000, maxRedirects: 5, fetch, accept: '*/*', noun: 'The image' });
    await expect(get('http://127.0.0.1:9/a.png')).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(get('http://[::ffff:192.168.0.1]/a.png')).rejects.toBeInstanceOf(PrivateAddressError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a redirect hop to a refused address is not requested', async () => {
    const { boundedGet } = await import('../../../main/saving/http');
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }));
    const guard = new AddressGuard(async () => ['93.184.216.34']);
    await expect(
      boundedGet(new URL('https://cdn.example/a.png'), { maxBytes: 100, timeoutMs: 1000, maxRedirects: 5, fetch, addresses: guard, accept: '*/*', noun: 'The image' }),
    ).rejects.toThrow('The image redirected to an address on your own network or this computer (169.254.169.254), which Lectern does not fetch.');
    expect(fetch.mock.calls.map(([url]) => url)).toStrictEqual(['https://cdn.example/a.png']);
  });
});
