/**
 * Saving pages through Chromium's network stack, so a save uses the system's proxy
 * settings (PAC, WPAD, the desktop's proxy) and its certificate store, as the window
 * does; Node's `fetch` knows neither. main/saving takes it as its `FetchLike`
 * (main/saving/http.ts keeps every limit and checks every redirect hop itself).
 *
 * Built on `net.request` rather than `net.fetch`: `net.fetch` passes
 * `redirect: 'manual'` to its request but listens for no `redirect` event, so a
 * redirect fails with "Redirect was cancelled" (Electron's documented `ClientRequest`
 * behaviour) instead of coming back as a 3xx response. Here the `redirect` event
 * answers the hop as a response carrying `location`, and the request is cancelled;
 * main/saving/http.ts checks the address and asks again.
 */
import { net, session, type ClientRequest, type ClientRequestConstructorOptions, type IncomingMessage } from 'electron';
import { Readable } from 'node:stream';
import type { FetchLike } from '../saving';
import type { ResolveHost } from '../saving/addresses';

/** What is used of Electron's `net.request` (tests pass a stand-in). */
export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest;

/** Statuses whose response has no body (as in the Fetch standard). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A {@link FetchLike} over `request`: GET (or init.method) with init's headers and signal, redirects returned, not followed. */
export function chromiumFetch(request: NetRequest): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const method = (init.method ?? 'GET').toUpperCase();
      // Default session (the system's proxy); no cookies sent or stored; no HTTP cache,
      // like Node's fetch. Redirects come to the 'redirect' listener below.
      const req = request({ url: input, method, redirect: 'manual', useSessionCookies: false, cache: 'no-store' });
      let settled = false;
      let incoming: IncomingMessage | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        finish();
      };
      const onAbort = () => {
        const reason: unknown = signal?.reason;
        req.abort();
        (incoming as unknown as Readable | undefined)?.destroy(reason instanceof Error ? reason : new Error(String(reason)));
        settle(() => reject(reason));
      };
      const forget = () => signal?.removeEventListener('abort', onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });

      for (const [name, value] of new Headers(init.headers)) req.setHeader(name, value);

      req.on('redirect', (status, _method, location) => {
        forget();
        // Not following it (no followRedirect()): cancel, and hand the hop back.
        req.abort();
        settle(() => resolve(new Response(null, { status, headers: { location } })));
      });
      req.on('response', (response) => {
        incoming = response;
        const stream = response as unknown as Readable;
        // The body ends, fails or is cancelled by the reader (a size cap): stop listening,
        // and cancel the request if it has not finished.
        stream.once('close', () => {
          forget();
          if (!stream.readableEnded) req.abort();
        });
        try {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const body =
            NULL_BODY.has(response.statusCode) || method === 'HEAD' ? null : (Readable.toWeb(stream) as ReadableStream<Uint8Array>);
          const answer = new Response(body, { status: response.statusCode, statusText: response.statusMessage, headers });
          settle(() => resolve(answer));
        } catch (error) {
          req.abort();
          forget();
          settle(() => reject(error));
        }
      });
      // Chromium's errors read "net::ERR_NAME_NOT_RESOLVED"; main/saving/http.ts words them.
      req.on('error', (error) => {
        forget();
        settle(() => reject(error));
      });
      req.end();
    });
}

/** The app's fetch for saving pages: {@link chromiumFetch} over Electron's `net.request` (call after `app` is ready). */
export function electronFetch(): FetchLike {
  return chromiumFetch((options) => net.request(options));
}

/** What is used of Electron to resolve a host the way `net.request` will (tests pass stand-ins). */
export interface HostResolution {
  resolveHost: (host: string) => Promise<{ endpoints: { address: string }[] }>;
  /** "DIRECT", or the proxies (PAC syntax) the default session uses for `url`. */
  resolveProxy: (url: string) => Promise<string>;
}

/**
 * The address check's resolver (main/saving/addresses.ts) over Chromium's own: the
 * same resolver, host cache and DNS-over-HTTPS settings `net.request` then connects
 * with, so the answer checked is, in the common case, the one connected to. It is
 * not pinned: `net.request` resolves again (from that cache, or anew once the entry
 * has expired), and Electron offers no way to hand a request the checked address —
 * the check-then-connect gap ARCHITECTURE.md §6 names. A name this computer cannot
 * resolve while a proxy is configured for the URL is 'proxied': the proxy resolves it
 * (address literals are still checked before this is asked).
 */
export function chromiumResolveHost(resolution: HostResolution): ResolveHost {
  return async (url) => {
    try {
      const { endpoints } = await resolution.resolveHost(url.hostname);
      return endpoints.map((endpoint) => endpoint.address);
    } catch (error) {
      const proxy = await resolution.resolveProxy(url.href).catch(() => 'DIRECT');
      if (!/^\s*DIRECT\s*$/i.test(proxy)) return 'proxied';
      throw error;
    }
  };
}

/** The app's resolver for the address check: {@link chromiumResolveHost} over `net.resolveHost` and the default session (after `app` is ready). */
export function electronResolveHost(): ResolveHost {
  return chromiumResolveHost({
    resolveHost: (host) => net.resolveHost(host),
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
  });
}
