/**
 * The article in a page: @mozilla/readability on a jsdom document (scripts never run,
 * nothing is fetched), its metadata, then the article HTML sanitized (ARCHITECTURE.md §6).
 * Images are still as the page had them (absolute URLs); `images.ts` saves them.
 *
 * Pages are parsed with DOMParser in one jsdom window made once per process (a new
 * JSDOM per page costs more than Readability itself); the page's own `<base>` elements
 * are removed and one pointing at the page's URL put first, so relative links resolve
 * against the page and never against an address the page chose.
 */
import { isWebUrl } from '../../common/model';
import { LibraryError } from '../library/errors';
import { sanitizeArticleHtml } from '../library/sanitize';
import type { ArticleRecord } from '../library/schema';
import { webUrlOrNull } from './url';

/**
 * The article found in a page: the record's metadata (`site` is the publication, "The
 * Example Times", or the host name; `language` a tag such as "en" or "pt-BR"), the
 * excerpt, the canonical address (`<link rel="canonical">` or `og:url`, http(s) only),
 * and the sanitized article HTML (image URLs absolute, not yet saved).
 */
export type ExtractedArticle = Pick<ArticleRecord, 'title' | 'byline' | 'site' | 'publishedAt' | 'language'> & {
  excerpt: string | null;
  canonicalUrl: string | null;
  html: string;
};

/** The message when Readability finds nothing to read. */
export const NOT_AN_ARTICLE = 'No article could be found on this page: it has no readable text.';

const MAX_META = 500;

type ReadabilityClass = typeof import('@mozilla/readability').Readability;
type Modules = { JSDOM: typeof import('jsdom').JSDOM; VirtualConsole: typeof import('jsdom').VirtualConsole; Readability: ReadabilityClass };

let modules: Promise<Modules> | undefined;
let current: { window: { DOMParser: typeof DOMParser; close(): void }; uses: number } | undefined;

/**
 * Pages parsed in one jsdom window before it is replaced: jsdom's selector engine keeps
 * every document queried in a window alive until the window is closed, so a long-lived
 * window would grow by each page (about 1 MB for a 20 KB page).
 */
const USES_PER_WINDOW = 32;

function loadModules(): Promise<Modules> {
  modules ??= Promise.all([import('jsdom'), import('@mozilla/readability')]).then(([jsdom, readability]) => ({
    JSDOM: jsdom.JSDOM,
    VirtualConsole: jsdom.VirtualConsole,
    Readability: readability.Readability,
  }));
  return modules;
}

/**
 * A DOMParser in a script-less, resource-less jsdom window (jsdom neither runs the
 * page's scripts nor fetches anything). Synchronous, and the caller parses and runs
 * Readability synchronously, so closing a replaced window never pulls it from under one.
 */
function currentParser({ JSDOM, VirtualConsole }: Modules): DOMParser {
  if (!current || current.uses >= USES_PER_WINDOW) {
    const old = current;
    const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window;
    current = { window: window as unknown as { DOMParser: typeof DOMParser; close(): void }, uses: 0 };
    old?.window.close();
  }
  current.uses++;
  return new current.window.DOMParser();
}

function clean(value: string | null | undefined, max = MAX_META): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function meta(document: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const element =
      document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`);
    const value = clean(element?.getAttribute('content'));
    if (value) return value;
  }
  return null;
}

/** ISO-ish date as the library stores it: "2024-03-28", "2024-03-28T02:00:00.000Z", or null. */
export function normalizeDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso && !Number.isNaN(Date.parse(text.replace(' ', 'T')))) return text.replace(' ', 'T');
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A language tag ("en", "pt-BR"), from "en", "en_US", "EN-us"; null when it is not one. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const text = value?.trim().replace(/_/g, '-');
  if (!text || !/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/.test(text)) return null;
  const [first, ...rest] = text.split('-');
  return [first!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

/** "Der Leuchtturm — Lokalzeitung" → "Der Leuchtturm" when the page's one <h1> says just that. */
function withoutSiteSuffix(title: string | null, heading: string | null): string | null {
  if (!title || !heading || title === heading || !title.startsWith(heading)) return title;
  return /^\s*[—–\-|:·•»]\s*\S/.test(title.slice(heading.length)) ? heading : title;
}

function hostName(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    return isWebUrl(url) ? url.hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/**
 * Extract and sanitize the article in `html`, which was found at `pageUrl` (the base
 * for relative links; a `file:` URL for local files). Throws LibraryError('invalid-input')
 * with {@link NOT_AN_ARTICLE} when there is no readable text.
 */
export async function extractArticle(html: string, pageUrl: string): Promise<ExtractedArticle> {
  const loaded = await loadModules();
  const { Readability } = loaded;
  // From here to Readability's answer, nothing awaits (see currentParser).
  const document = currentParser(loaded).parseFromString(html, 'text/html');
  for (const base of document.querySelectorAll('base')) base.remove();
  const base = document.createElement('base');
  base.setAttribute('href', pageUrl);
  document.head.prepend(base);
  const pageWithoutHash = pageUrl.replace(/#.*$/, '');
  const canonicalLink = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const canonicalUrl = webUrlOrNull(canonicalLink, pageUrl) ?? webUrlOrNull(meta(document, 'og:url'), pageUrl);
  const published = meta(document, 'article:published_time', 'og:published_time', 'datePublished', 'date', 'dc.date');
  const language = normalizeLanguage(document.documentElement.getAttribute('lang')) ??
    normalizeLanguage(meta(document, 'og:locale', 'language'));
  const fallbackTitle = meta(document, 'og:title', 'twitter:title') ?? clean(document.title);
  const headings = document.querySelectorAll('h1');
  const heading = headings.length === 1 ? clean(headings[0]!.textContent) : null;
  const siteName = meta(document, 'og:site_name', 'application-name');

  const article = new Readability(document, {
    serializer: (node: Node) => {
      // Readability made in-page links absolute (the document's own URL is about:blank): undo that.
      for (const link of (node as Element).querySelectorAll('a[href]')) {
        const href = link.getAttribute('href')!;
        if (href.startsWith(`${pageWithoutHash}#`)) link.setAttribute('href', href.slice(pageWithoutHash.length));
      }
      return (node as Element).innerHTML;
    },
  }).parse();
  if (!article?.content || !article.textContent?.trim()) throw new LibraryError('invalid-input', NOT_AN_ARTICLE);

  const sanitized = await sanitizeArticleHtml(article.content, { fileImages: pageUrl.startsWith('file:') });
  return {
    title: withoutSiteSuffix(clean(article.title), heading) ?? fallbackTitle ?? 'Untitled',
    byline: clean(article.byline),
    site: clean(article.siteName) ?? siteName ?? hostName(pageUrl),
    publishedAt: normalizeDate(article.publishedTime) ?? normalizeDate(published),
    language: normalizeLanguage(article.lang) ?? language,
    excerpt: clean(article.excerpt, 1000),
    canonicalUrl,
    html: sanitized,
  };
}
