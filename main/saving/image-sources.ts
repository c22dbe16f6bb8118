/**
 * Where an image's bytes come from: the web (bounded like a page), a `data:` URL, or
 * — for a local file — the file's own folder and nothing outside it.
 */
import { realpath, stat, readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWebUrl } from '../../common/model';
import { LibraryError } from '../library/errors';
import { AddressGuard } from './addresses';
import { boundedGet, type FetchLike } from './http';
import { formatBytes } from './limits';

/** Loads one image's bytes; throws (LibraryError, message in words) when it cannot. */
export type ImageLoader = (url: URL, signal?: AbortSignal) => Promise<Uint8Array>;

export interface LoaderLimits {
  maxImageBytes: number;
  imageTimeoutMs: number;
  maxRedirects: number;
}

function tooLarge(max: number): LibraryError {
  return new LibraryError('too-large', `it is larger than ${formatBytes(max)}`);
}

/** The bytes of a `data:` URL (base64 or percent-encoded). */
export function decodeDataUrl(url: URL, maxBytes: number): Uint8Array {
  const href = url.href;
  const comma = href.indexOf(',');
  if (comma < 0) throw new LibraryError('invalid-input', 'it is a malformed data: URL');
  const header = href.slice(5, comma);
  const payload = href.slice(comma + 1);
  const base64 = /;base64$/i.test(header);
  if (base64 && (payload.length * 3) / 4 > maxBytes + 3) throw tooLarge(maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = base64
      ? new Uint8Array(Buffer.from(decodeURIComponent(payload), 'base64'))
      : new Uint8Array(Buffer.from(decodeURIComponent(payload), 'latin1'));
  } catch {
    throw new LibraryError('invalid-input', 'it is a malformed data: URL');
  }
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

/**
 * Images of a web page: http(s) (size and time bounded; every host and redirect hop
 * resolved and refused when on this computer or the user's network, through the
 * page's own `addresses` check so that only the typed page's origin is trusted) and
 * `data:` URLs.
 */
export function webImageLoader(limits: LoaderLimits, fetch?: FetchLike, addresses: AddressGuard = new AddressGuard()): ImageLoader {
  return async (url, signal) => {
    if (url.protocol === 'data:') return decodeDataUrl(url, limits.maxImageBytes);
    if (!isWebUrl(url)) {
      throw new LibraryError('invalid-input', `${url.protocol} addresses are not fetched`);
    }
    const { body } = await boundedGet(url, {
      maxBytes: limits.maxImageBytes,
      timeoutMs: limits.imageTimeoutMs,
      maxRedirects: limits.maxRedirects,
      signal,
      fetch,
      addresses,
      accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
      noun: 'The image',
    });
    return body;
  };
}

/**
 * Images of a local file: `file:` URLs whose real path (symlinks resolved) is a
 * regular file inside `folder`, and `data:` URLs. Nothing is fetched from the network.
 */
export function folderImageLoader(folder: string, limits: LoaderLimits): ImageLoader {
  let root: Promise<string> | undefined;
  return async (url) => {
    if (url.protocol === 'data:') return decodeDataUrl(url, limits.maxImageBytes);
    if (url.protocol !== 'file:') {
      throw new LibraryError('invalid-input', 'images on the web are not fetched for a local file');
    }
    if (url.host !== '') throw new LibraryError('forbidden', 'it is on another computer');
    root ??= realpath(folder);
    let real: string;
    try {
      real = await realpath(fileURLToPath(url));
    } catch {
      throw new LibraryError('not-found', 'the file is not there');
    }
    const base = await root;
    if (!real.startsWith(base.endsWith(sep) ? base : base + sep)) {
      throw new LibraryError('forbidden', "it is outside the file's folder");
    }
    const info = await stat(real);
    if (!info.isFile()) throw new LibraryError('not-found', 'it is not a file');
    if (info.size > limits.maxImageBytes) throw tooLarge(limits.maxImageBytes);
    return new Uint8Array(await readFile(real));
  };
}
