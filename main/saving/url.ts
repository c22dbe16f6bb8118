/**
 * Checking a web address before anything is fetched from it: the URL rule of
 * common/model.ts ({@link isWebUrl}, {@link MAX_URL_CHARS}) in the saving service's words.
 */
import { isWebUrl, MAX_URL_CHARS } from '../../common/model';
import { LibraryError } from '../library/errors';

/**
 * `raw` as an http(s) URL without credentials, at most `maxLength` characters, and
 * without its `#fragment`; otherwise LibraryError('invalid-input') saying why.
 */
export function checkWebUrl(raw: string, maxLength: number): URL {
  const text = raw.trim();
  if (text === '') throw new LibraryError('invalid-input', 'Enter a web address to save.');
  if (text.length > maxLength) {
    throw new LibraryError('invalid-input', `The web address is longer than ${maxLength} characters.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LibraryError('invalid-input', `"${text}" is not a web address.`);
  }
  if (!isWebUrl(url)) {
    throw new LibraryError('invalid-input', `Only http and https addresses can be saved, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new LibraryError('invalid-input', 'Addresses with a user name or password cannot be saved.');
  }
  url.hash = '';
  return url;
}

/** `raw` as an http(s) URL string without its fragment, or null (for metadata such as canonical links). */
export function webUrlOrNull(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    if (!isWebUrl(url)) return null;
    if (url.username || url.password) return null;
    url.hash = '';
    const href = url.href;
    return href.length <= MAX_URL_CHARS ? href : null;
  } catch {
    return null;
  }
}
