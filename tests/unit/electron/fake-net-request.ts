/**
 * A stand-in for Electron's `net.request` over Node's http client, for tests where
 * `electron` is mocked. It follows what Electron documents for `ClientRequest`
 * (https://www.electronjs.org/docs/latest/api/client-request) and what its source
 * (lib/common/api/net-client-request.ts) does:
 * - `redirect: 'manual'`: a 3xx with a Location emits `redirect` (status, method, the
 *   new absolute URL, headers); unless a listener calls `followRedirect()` or
 *   `abort()` during that event, the request fails with "Redirect was cancelled";
 * - a redirect to a scheme Chromium cannot fetch fails with net::ERR_UNSAFE_REDIRECT
 *   before any `redirect` event (net's URLRequestHttpJob::IsSafeRedirect);
 * - `response` gives a readable IncomingMessage with statusCode, statusMessage and
 *   lower-case headers; network failures are Errors named like Chromium's
 *   ("net::ERR_CONNECTION_REFUSED").
 * It proves our adapter against that contract, not that Chromium keeps it.
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type ClientRequest as NodeRequest, type IncomingMessage } from 'node:http';

export interface FakeRequestOptions {
  url: string;
  method?: string;
  redirect?: 'follow' | 'error' | 'manual';
  [option: string]: unknown;
}

const CHROMIUM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
};

export class FakeClientRequest extends EventEmitter {
  readonly options: FakeRequestOptions;
  readonly headers: Record<string, string> = {};
  aborted = false;
  #started = false;
  #request: NodeRequest | undefined;
  #response: IncomingMessage | undefined;
  #follow: (() => void) | undefined;

  constructor(options: FakeRequestOptions) {
    super();
    if (!/^https?:$/.test(new URL(options.url).protocol)) throw new Error('ClientRequest only supports http: and https: protocols');
    this.options = options;
  }

  setHeader(name: string, value: string): void {
    if (this.#started) throw new Error("Can't set headers after they are sent");
    this.headers[name.toLowerCase()] = value;
  }

  followRedirect(): void {
    if (!this.#follow) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.#follow();
  }

  end(): void {
    this.#started = true;
    this.#send(this.options.url);
  }

  abort(): void {
    if (!this.aborted) process.nextTick(() => this.emit('abort'));
    this.aborted = true;
    this.#request?.destroy();
    this.#response?.destroy();
  }

  #fail(message: string): void {
    if (this.aborted) return;
    this.#response?.destroy(new Error(message));
    this.emit('error', new Error(message));
  }

  #send(url: string): void {
    const request = (this.#request = httpRequest(url, { method: this.options.method ?? 'GET', headers: this.headers }));
    request.on('error', (error: NodeJS.ErrnoException) => this.#fail(CHROMIUM_ERRORS[error.code ?? ''] ?? 'net::ERR_FAILED'));
    request.on('response', (response) => {
      const location = response.headers.location;
      if (response.statusCode! >= 300 && response.statusCode! < 400 && location !== undefined) {
        response.resume();
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return this.#fail('net::ERR_UNSAFE_REDIRECT');
        if (this.options.redirect !== 'manual') return this.#fail('the fake only does redirect: manual');
        let follow = false;
        this.#follow = () => (follow = true);
        const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, ([] as string[]).concat(v ?? [])]));
        try {
          this.emit('redirect', response.statusCode, this.options.method ?? 'GET', next.href, headers);
        } finally {
          this.#follow = undefined;
          if (follow && !this.aborted) this.#send(next.href);
          else if (!this.aborted) this.#fail('Redirect was cancelled');
        }
        return;
      }
      this.#response = response;
      response.on('error', () => undefined);
      this.emit('response', response);
    });
    request.end();
  }
}
