/**
 * Fetching the HTML of a web page to save: the address checked, at most
 * 5 redirects, 20 s in all, 10 MB at most, HTML only, decoded by its charset.
 * The address the user typed or dropped is trusted even on their own network; a
 * redirect to another host on it is not (main/saving/addresses.ts, ARCHITECTURE.md §6).
 */
import { LibraryError } from '../library/errors';
import { decodeHtml } from './charset';
import { AddressGuard, type ResolveHost } from './addresses';
import { boundedGet, type FetchLike } from './http';
import { DEFAULT_LIMITS, type ImportLimits } from './limits';
import { checkWebUrl } from './url';

export interface FetchPageOptions {
  signal?: AbortSignal;
  fetch?: FetchLike;
  limits?: Partial<ImportLimits>;
  /** Resolves hosts for the address check (the system's resolver when absent). */
  resolveHost?: ResolveHost;
  /** Bytes of the page received so far (and the announced total, when known). */
  onBytes?: (received: number, total: number | null) => void;
}

export interface FetchedPage {
  /** The address asked for, checked and without its fragment. */
  requestedUrl: string;
  /** The address after redirects. */
  url: string;
  html: string;
  /** The encoding the page was decoded with ("utf-8", "windows-1251", …). */
  encoding: string;
  /** The address check of this save, trusting the typed page's origin: the page's images go through it too. */
  addresses: AddressGuard;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** "a PDF document", "an image", …: what a response that is not HTML is. */
function describeType(mime: string): string {
  if (mime === 'application/pdf') return 'a PDF document';
  if (mime.startsWith('image/')) return 'an image';
  if (mime.startsWith('video/')) return 'a video';
  if (mime.startsWith('audio/')) return 'an audio file';
  return `a file of type ${mime}`;
}

/** Refuse a response whose Content-Type is given and not HTML. A missing type is judged by the bytes later. */
function requireHtml(response: Response): void {
  const header = response.headers.get('content-type');
  if (header === null) return;
  const mime = header.split(';')[0]!.trim().toLowerCase();
  if (mime === '' || HTML_TYPES.has(mime)) return;
  throw new LibraryError('invalid-input', `This address is ${describeType(mime)}, not a web page.`);
}

/** Bytes that begin like a PDF or common image, for responses that gave no Content-Type. */
function sniffNotHtml(body: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(body.subarray(0, 8));
  if (head.startsWith('%PDF-')) return 'application/pdf';
  if (head.startsWith('\x89PNG') || head.startsWith('GIF8') || head.startsWith('\xff\xd8\xff')) return 'image/*';
  return undefined;
}

/** Fetch the page at `rawUrl` and decode it; see the module comment for the rules. */
export async function fetchPage(rawUrl: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const start = checkWebUrl(rawUrl, limits.maxUrlLength);
  const addresses = new AddressGuard(options.resolveHost, start);
  const { url, response, body } = await boundedGet(start, {
    maxBytes: limits.maxPageBytes,
    timeoutMs: limits.pageTimeoutMs,
    maxRedirects: limits.maxRedirects,
    signal: options.signal,
    fetch: options.fetch,
    addresses,
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    noun: 'The page',
    inspect: requireHtml,
    onBytes: options.onBytes,
  });
  const sniffed = response.headers.get('content-type') === null ? sniffNotHtml(body) : undefined;
  if (sniffed) {
    throw new LibraryError('invalid-input', `This address is ${describeType(sniffed)}, not a web page.`);
  }
  const { text, encoding } = decodeHtml(body, response.headers.get('content-type'));
  url.hash = '';
  return { requestedUrl: start.href, url: url.href, html: text, encoding, addresses };
}
