/**
 * The offset space of a highlight's TextPositionSelector (ARCHITECTURE.md §4): the text
 * content of the article body exactly as a browser's `element.textContent` gives it
 * once `content.html` is parsed — every text node, in document order, nothing
 * collapsed or added. The renderer counts its offsets over the same string.
 *
 * (This is not `text.txt`, which is normalized for search and snippets.)
 *
 * Parsed with jsdom, loaded lazily; the result is cached in memory per article and
 * content hash, so a changed content.html is parsed again.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LibraryError, describeOsError, errorCode } from './errors';
import { paths } from './layout';

/** Articles whose text is kept; the least recently used is dropped beyond this. */
const CACHE_SIZE = 32;

const cache = new Map<string, { hash: string; text: string }>();

let jsdom: Promise<typeof import('jsdom')> | undefined;

/** `textContent` of `html` parsed as a fragment (as the renderer puts it in the article body). */
export async function textContentOf(html: string): Promise<string> {
  jsdom ??= import('jsdom');
  const { JSDOM } = await jsdom;
  return JSDOM.fragment(html).textContent ?? '';
}

/**
 * The article's text content. A missing or unreadable content.html is
 * LibraryError('corrupt') (the article exists, so its content should).
 */
export async function articleText(dir: string, id: string): Promise<string> {
  const path = paths.contentHtml(dir, id);
  let html: string;
  try {
    html = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error) === 'ENOENT' ? 'corrupt' : 'io';
    throw new LibraryError(code, `Could not read ${path}: ${describeOsError(error)}`, { cause: error });
  }
  const key = `${resolve(dir)}\0${id}`;
  const hash = createHash('sha256').update(html, 'utf8').digest('hex');
  const cached = cache.get(key);
  cache.delete(key);
  if (cached?.hash === hash) {
    cache.set(key, cached);
    return cached.text;
  }
  const text = await textContentOf(html);
  cache.set(key, { hash, text });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return text;
}

/** How many UTF-16 code units (JavaScript string length) the article's text content has. */
export async function articleTextLength(dir: string, id: string): Promise<number> {
  return (await articleText(dir, id)).length;
}
