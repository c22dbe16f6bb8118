/**
 * One bounded HTTP GET: http/https only, redirects followed by hand (each hop's
 * scheme and address re-checked: before every hop the host is resolved and refused
 * when it is on this computer or the user's network, main/saving/addresses.ts,
 * ARCHITECTURE.md §6), one deadline for every hop and the whole body, a byte cap
 * enforced while the body streams (never buffered past the cap), cancellable.
 * Failures are LibraryErrors whose messages say what happened in words.
 *
 * The `fetch` is injected: in the app it is Chromium's network stack
 * (main/electron/net-fetch.ts: the system's proxy and certificates), in tests and
 * benches Node's own. Either way a redirect comes back as a 3xx response with a
 * `location`, and this module decides whether to follow it.
 */
import { isWebUrl } from '../../common/model';
import { LibraryError } from '../library/errors';
import { AddressGuard } from './addresses';
import { formatBytes, formatSeconds } from './limits';

/**
 * The `fetch` this module calls: Node's when none is given. It is called with
 * `redirect: 'manual'` and must answer a redirect with its 3xx response (status and
 * `location`), never follow it.
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BoundedGetOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Cancels the request (→ LibraryError('cancelled')). */
  signal?: AbortSignal;
  fetch?: FetchLike;
  /**
   * The address check every hop passes before it is requested; when absent, one that
   * trusts nothing and asks the system's resolver.
   */
  addresses?: AddressGuard;
  /** `Accept` header. */
  accept: string;
  /** What is being fetched, for messages: "The page", "The image". */
  noun: string;
  /** Called with the final response before its body is read; throw to refuse it. */
  inspect?: (response: Response, url: URL) => void;
  /** Bytes received so far, and the announced total when there is one. */
  onBytes?: (received: number, total: number | null) => void;
}

export interface BoundedGetResult {
  /** The address after redirects. */
  url: URL;
  response: Response;
  body: Uint8Array;
}

const USER_AGENT = 'Mozilla/5.0 (compatible; Lectern offline reader)';
/** Errors that mean "offline or unreachable": Node's (under undici's TypeError) and Chromium's (`net::ERR_…`). */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN',
  'ERR_INTERNET_DISCONNECTED', 'ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED', 'ERR_CONNECTION_REFUSED',
  'ERR_ADDRESS_UNREACHABLE',
]);

/** The message for a cancelled import. */
export const CANCELLED_MESSAGE = 'Saving was cancelled.';

class Deadline extends Error {}

/** GET `start` within the limits; see the module comment. */
export async function boundedGet(start: URL, options: BoundedGetOptions): Promise<BoundedGetResult> {
  const fetchImpl = options.fetch ?? (globalThis.fetch as FetchLike);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Deadline()), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const addresses = options.addresses ?? new AddressGuard();
  let url = start;
  try {
    let response: Response;
    for (let hop = 0; ; hop++) {
      checkScheme(url, hop > 0);
      await untilAborted(addresses.check(url, options.noun, hop > 0), signal);
      response = await fetchImpl(url.href, {
        redirect: 'manual',
        signal,
        headers: { accept: options.accept, 'user-agent': USER_AGENT },
      });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) break;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= options.maxRedirects) {
        throw new LibraryError('network', `${options.noun} redirected more than ${options.maxRedirects} times.`);
      }
      try {
        url = new URL(location, url);
      } catch {
        throw new LibraryError('network', `${options.noun} redirected to an address that is not valid.`);
      }
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      throw new LibraryError('not-found', `Nothing was found at ${url.href} (${response.status}).`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const text = response.statusText ? ` ${response.statusText}` : '';
      throw new LibraryError('network', `The site answered ${response.status}${text} for ${url.href}.`);
    }
    try {
      options.inspect?.(response, url);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
    const body = await readCapped(response, options);
    return { url, response, body };
  } catch (error) {
    if (options.signal?.aborted) throw new LibraryError('cancelled', CANCELLED_MESSAGE, { cause: error });
    if (deadline.signal.aborted) {
      throw new LibraryError(
        'network',
        `${options.noun} took longer than ${formatSeconds(options.timeoutMs)} to load, so saving stopped.`,
        { cause: error },
      );
    }
    if (error instanceof LibraryError) throw error;
    throw networkError(url, error, options.noun);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or the signal's reason as soon as it aborts (a DNS lookup cannot be cancelled). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkScheme(url: URL, redirected: boolean): void {
  if (isWebUrl(url)) return;
  throw new LibraryError(
    'invalid-input',
    redirected
      ? `The page redirected to an address that is not http or https (${url.protocol}).`
      : `Only http and https addresses can be saved, not ${url.protocol}`,
  );
}

function tooLarge(options: BoundedGetOptions): LibraryError {
  return new LibraryError('too-large', `${options.noun} is larger than ${formatBytes(options.maxBytes)}, too large to save.`);
}

/** Read the body, cancelling the stream as soon as it passes the cap. */
async function readCapped(response: Response, options: BoundedGetOptions): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(announced) && announced >= 0 ? announced : null;
  if (total !== null && total > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(options);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(options);
    }
    chunks.push(value);
    options.onBytes?.(received, total);
  }
  const body = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The error's code: the OS code under undici's "fetch failed" TypeError, or the name
 * in a Chromium network error's message ("net::ERR_NAME_NOT_RESOLVED" → "ERR_NAME_NOT_RESOLVED").
 */
function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    const chromium = /^net::(ERR_[A-Z0-9_]+)$/.exec(String((e as { message?: unknown }).message ?? ''));
    if (chromium) return chromium[1];
  }
  return undefined;
}

function networkError(url: URL, error: unknown, noun: string): LibraryError {
  const code = causeCode(error);
  if (code === 'ERR_UNSAFE_REDIRECT') {
    // Chromium refuses a redirect to a scheme it cannot fetch before we see the hop.
    return new LibraryError('invalid-input', `${noun} redirected to an address that is not http or https.`, { cause: error });
  }
  if (code && OFFLINE_CODES.has(code)) {
    return new LibraryError('network', `You appear to be offline, or ${url.host} cannot be reached.`, { cause: error });
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new LibraryError('network', `The connection to ${url.host} failed (${detail}).`, { cause: error });
}
