/**
 * Which addresses saving may connect to (ARCHITECTURE.md §6): a saved page must not
 * make Lectern send requests to this computer or the user's own network (request
 * forgery against routers, printers, NAS boxes, cloud metadata at 169.254.169.254).
 *
 * Before every request — the page, each redirect hop, each image and each of its
 * hops — the host is resolved (every address it has) and the request is refused when
 * any address is in a refused range. The ranges are ipaddr.js's, never hand-written
 * masks. Refused (ARCHITECTURE.md §6):
 *   IPv4: unspecified 0.0.0.0/8, broadcast, multicast 224/4, linkLocal 169.254/16,
 *         loopback 127/8, carrierGradeNat 100.64/10, private 10/8 172.16/12
 *         192.168/16, reserved (documentation nets, 198.18/15, 240/4, …), as112, amt,
 *         benchmarking — that is, everything ipaddr.js does not call 'unicast';
 *   IPv6: unspecified ::, loopback ::1, linkLocal fe80::/10, uniqueLocal fc00::/7,
 *         multicast ff00::/8, site-local, discard, 6to4 2002::/16, teredo 2001::/32,
 *         reserved, ORCHID, segment routing… — again everything not 'unicast';
 *   IPv4 inside IPv6: IPv4-mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d, IPv4-compatible
 *         ::a.b.c.d and NAT64 64:ff9b::a.b.c.d are judged as the IPv4 address they
 *         carry (NAT64 of a public address is how IPv6-only networks reach the web);
 *         the local-use NAT64 prefix 64:ff9b:1::/48 is refused;
 *   names: `localhost` and `*.localhost` (RFC 6761: always this computer), whatever
 *         the resolver says.
 *
 * One exception: the page the user typed or dropped. A page on their own network is
 * theirs to save, with its own images. Trusted is that page's origin (scheme, host
 * and port as typed) and its https upgrade (same host, `https:` on the default port
 * when `http:` was typed on the default port) — and only at the addresses the host
 * had when the page was first fetched, so a public name that later resolves to a
 * private address (DNS rebinding) is refused like any other. A redirect away from
 * the trusted origin, and every image on another host, is checked like the rest.
 *
 * What this check cannot do: the request itself resolves the name again when it
 * connects. Node's fetch could be pinned to the checked address only through undici's
 * dispatcher (not a dependency); Electron's `net.request` has no way to pin at all.
 * The app asks Chromium's own resolver (`net.resolveHost`, the same host cache the
 * request then uses: main/electron/net-fetch.ts), which narrows but does not close the
 * gap: a DNS server that answers a public address to the check and a private one a
 * moment later to the connection (TTL 0) still gets through. Behind a proxy the proxy
 * resolves the name, so a name this computer cannot resolve is left to the proxy
 * (address literals are still checked).
 */
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { LibraryError } from '../library/errors';

/**
 * The addresses of `url`'s host (every one of them), or 'proxied' when this computer
 * cannot resolve it and the request goes through a proxy that will. Throws (e.g. an
 * `ENOTFOUND` error) when the name does not resolve and nothing else would.
 */
export type ResolveHost = (url: URL) => Promise<readonly string[] | 'proxied'>;

/** The system's resolver (getaddrinfo: hosts file, DNS), every address, in its order. */
export const systemResolveHost: ResolveHost = async (url) =>
  (await lookup(url.hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Refused because the address is on this computer or the user's own network. */
export class PrivateAddressError extends LibraryError {
  /** The address (or name) that was refused. */
  readonly address: string;

  constructor(message: string, address: string) {
    super('forbidden', message);
    this.address = address;
  }
}

/** `[::1]` → `::1`: a URL's hostname as an address literal, or null when it is a name. */
function literal(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and friends into dotted quads.
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(':') && ipaddr.IPv6.isValid(bare)) ? bare : null;
}

/** The IPv4 address carried in the last 32 bits of an IPv6 address. */
function lastIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

/**
 * Why `address` is refused ("loopback", "private", "ipv4Mapped of loopback", …), or
 * null when it is a public unicast address saving may reach. Unparseable → refused.
 */
export function refusedRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'not an address';
  }
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return range === 'unicast' ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const parts = v6.parts;
  const embedded = (name: string) => {
    const inner = refusedRange(lastIpv4(v6).toString());
    return inner === null ? null : `${name} of ${inner}`;
  };
  if (range === 'ipv4Mapped' || range === 'rfc6145') return embedded(range);
  if (range === 'rfc6052') {
    // Only the well-known 64:ff9b::/96 carries the address in its last 32 bits.
    const wellKnown = parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0;
    return wellKnown ? embedded('nat64') : 'rfc6052 local-use';
  }
  if (range === 'unicast' && parts.slice(0, 6).every((part) => part === 0)) {
    // IPv4-compatible ::a.b.c.d (deprecated, but still routed by some stacks).
    return embedded('ipv4Compatible');
  }
  return range === 'unicast' ? null : range;
}

/** `localhost`, `foo.localhost`, `localhost.`: names that always mean this computer. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** `to` is `from`'s https upgrade: http://host → https://host, both on the default port. */
function isHttpsUpgrade(from: URL, to: URL): boolean {
  return from.protocol === 'http:' && from.port === '' && to.protocol === 'https:' && to.port === '' && to.hostname === from.hostname;
}

/**
 * The address check for one save: every request of the save goes through
 * {@link AddressGuard.check} (main/saving/http.ts calls it before each hop).
 */
export class AddressGuard {
  readonly #resolve: ResolveHost;
  readonly #trusted: URL | undefined;
  /** The trusted host's addresses when the page was first fetched (see the module comment). */
  #trustedAddresses: Set<string> | undefined;
  /** The URLs refused so far, in order. */
  readonly refused: string[] = [];

  /** `trusted`: the page the user typed or dropped (none for everything else). */
  constructor(resolve: ResolveHost = systemResolveHost, trusted?: URL) {
    this.#resolve = resolve;
    this.#trusted = trusted;
  }

  #isTrusted(url: URL): boolean {
    const trusted = this.#trusted;
    return trusted !== undefined && (url.origin === trusted.origin || isHttpsUpgrade(trusted, url));
  }

  /**
   * Resolve `url`'s host and throw {@link PrivateAddressError} when any of its addresses
   * is refused; `noun` ("The page", "The image") words the message. Resolution errors
   * are thrown as they come (main/saving/http.ts words them as "cannot be reached").
   */
  async check(url: URL, noun: string, redirected = false): Promise<void> {
    const trusted = this.#isTrusted(url);
    const host = url.hostname;
    const refuse = (address: string) => this.#refuse(url, noun, address, redirected);
    if (!trusted && isLocalhostName(host)) throw refuse(host);
    const address = literal(host);
    const found = address !== null ? [address] : await this.#resolve(url);
    if (found === 'proxied') return;
    if (found.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    }
    if (trusted) {
      // First sight of the trusted host: whatever it resolves to is the user's choice.
      this.#trustedAddresses ??= new Set(found.map(normalize));
      const allowed = this.#trustedAddresses;
      const bad = found.find((a) => refusedRange(a) !== null && !allowed.has(normalize(a)));
      if (bad !== undefined) throw refuse(bad);
      return;
    }
    const bad = found.find((a) => refusedRange(a) !== null);
    if (bad !== undefined) throw refuse(bad);
  }

  #refuse(url: URL, noun: string, address: string, redirected: boolean): PrivateAddressError {
    this.refused.push(url.href);
    const bare = url.hostname.replace(/^\[|\]$/g, '');
    const where = address === bare ? address : `${url.hostname}, ${address}`;
    const verb = redirected ? 'redirected to' : 'points at';
    return new PrivateAddressError(
      `${noun} ${verb} an address on your own network or this computer (${where}), which Lectern does not fetch.`,
      address,
    );
  }
}

/** One spelling per address, so `::FFFF:7f00:1` and `::ffff:127.0.0.1` compare equal. */
function normalize(address: string): string {
  try {
    return ipaddr.parse(address).toNormalizedString();
  } catch {
    return address;
  }
}
