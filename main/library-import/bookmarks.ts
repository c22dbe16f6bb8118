/**
 * Netscape bookmark HTML (ARCHITECTURE.md §3), as Chrome, Firefox, Safari, Raindrop,
 * Pinboard and Linkwarden export it: `<DT><H3>folder</H3><DL><p><DT><A HREF ADD_DATE
 * TAGS>title</A><DD>description…</DL><p>`. Read with {@link readBookmarks}, given the
 * file's text; parsed by parse5 as a browser would, so unclosed `<DT>`/`<p>` and Safari's
 * top-level `<DT>`s without a `<DL>` around them are read the same.
 *
 * - A bookmark's folders become its tags (each folder's name under the tag rule, spaces →
 *   "-"), plus its TAGS attribute (comma-separated: Firefox, Pinboard, Raindrop,
 *   Linkwarden). The browsers' own top folders (Bookmarks bar / Toolbar / Menu, Other and
 *   Mobile bookmarks, Safari's Favorites and Reading List, Raindrop's Unsorted; or any
 *   folder marked PERSONAL_TOOLBAR_FOLDER / UNFILED_BOOKMARKS_FOLDER) give no tag.
 * - ADD_DATE (Unix seconds) is when it was saved; the `<DD>` after it is its note.
 * - Only http(s) addresses are read; `javascript:`, `place:`, `file:`… are reported by
 *   line and skipped. Folders nested deeper than the JSON depth limit refuse the file.
 */
import { attr, childrenOf, isElement, lineOf, parseHtml, textOf, type HtmlElement, type HtmlNode } from './html-tree';
import { fromUnixTime } from './values';
import { IMPORT_LIMITS, ImportFileError, type ImportedItem, type ImportProblem, type ParsedLibrary } from './model';
import { toTags } from './values';

type Limits = typeof IMPORT_LIMITS;
export type BookmarkLimits = { [K in keyof Limits]: number };

/** The browsers' and managers' own top folders, compared without case: containers, not topics. */
const ROOT_FOLDERS = new Set([
  'bookmarks bar',
  'bookmarks toolbar',
  'bookmarks menu',
  'other bookmarks',
  'mobile bookmarks',
  'favorites',
  'favourites',
  'favorites bar',
  'reading list',
  'unsorted',
]);

/** The start of a file is a Netscape bookmark file by its doctype, or by its `<DT><A … ADD_DATE>` entries. */
export function looksLikeBookmarks(head: string): boolean {
  return (
    /<!DOCTYPE\s+NETSCAPE-Bookmark-file-1\s*>/iu.test(head) ||
    (/<dl\b/iu.test(head) && /<dt>\s*<(?:a|h3)\b[^>]*\badd_date\s*=/iu.test(head))
  );
}

interface Folder {
  name: string;
  /** A browser's own top folder: no tag. */
  root: boolean;
}

/** Reads a Netscape bookmark file, given its text. */
export async function readBookmarks(text: string, limits: BookmarkLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  if (text.length > limits.fileBytes) {
    throw new ImportFileError(`The file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB; Lectern reads export files up to that size.`);
  }
  if (!looksLikeBookmarks(text.slice(0, 64 * 1024))) {
    throw new ImportFileError('The file is not a bookmark file: it has no NETSCAPE-Bookmark-file-1 doctype and no <DT><A ADD_DATE> entries.');
  }
  const document = parseHtml(text);
  const items: ImportedItem[] = [];
  const problems: ImportProblem[] = [];
  // The element before each <DL> (a <p> skipped) and each <DD>, noted when their parent is
  // walked, so nothing searches its siblings (a flat folder of 100,000 links stays linear).
  const before = new Map<HtmlElement, HtmlElement>();
  const itemOfDt = new Map<HtmlElement, ImportedItem>();
  // Depth-first, in document order, each node with the folders it is in.
  const stack: Array<{ node: HtmlNode; path: Folder[] }> = [{ node: document, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    let inner = path;
    if (isElement(node)) {
      if (node.tagName === 'dl') {
        const folder = folderOf(node, path.length, before.get(node));
        if (folder) {
          inner = [...path, folder];
          if (inner.length > limits.jsonDepth) {
            throw new ImportFileError(`The bookmark folders are nested more than ${limits.jsonDepth} levels deep; Lectern reads up to that depth.`);
          }
        }
      } else if (node.tagName === 'a') {
        const item = readLink(node, path, problems);
        if (item) {
          items.push(item);
          const dt = node.parentNode as HtmlNode | null;
          if (dt && isElement(dt) && dt.tagName === 'dt') itemOfDt.set(dt, item);
        }
        continue;
      } else if (node.tagName === 'dd') {
        const previous = before.get(node);
        const item = previous ? itemOfDt.get(previous) : undefined;
        const note = item && item.note === undefined ? ownText(node) : '';
        if (item && note !== '') item.note = note;
      }
    }
    const children = childrenOf(node);
    let previous: HtmlElement | undefined;
    for (const child of children) {
      if (!isElement(child)) continue;
      if (previous && (child.tagName === 'dl' || child.tagName === 'dd')) before.set(child, previous);
      if (child.tagName !== 'p') previous = child;
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ node: children[i]!, path: inner });
  }
  return { source: 'bookmarks', items, problems };
}

/** The folder a `<DL>` holds: the `<H3>` in the `<DT>` around it, or the `<H3>` (or `<DT><H3>`) just before it. */
function folderOf(dl: HtmlElement, depth: number, previous: HtmlElement | undefined): Folder | null {
  const parent = dl.parentNode as HtmlNode | null;
  let heading: HtmlElement | undefined;
  if (parent && isElement(parent) && parent.tagName === 'dt') {
    heading = parent.childNodes.filter(isElement).find((e) => e.tagName === 'h3');
  } else if (previous?.tagName === 'h3') {
    heading = previous;
  } else if (previous?.tagName === 'dt') {
    const inDt = previous.childNodes.filter(isElement);
    if (!inDt.some((e) => e.tagName === 'a')) heading = inDt.find((e) => e.tagName === 'h3');
  }
  if (!heading) return null;
  const name = textOf(heading);
  const marked = attr(heading, 'personal_toolbar_folder') === 'true' || attr(heading, 'unfiled_bookmarks_folder') === 'true';
  const root = marked || (depth === 0 && ROOT_FOLDERS.has(name.toLowerCase())) || attr(heading, 'id') === 'com.apple.ReadingList';
  return { name, root };
}

function readLink(a: HtmlElement, path: Folder[], problems: ImportProblem[]): ImportedItem | null {
  const line = lineOf(a);
  const where = line === undefined ? {} : { line };
  const href = (attr(a, 'href') ?? '').trim();
  const title = textOf(a);
  let url: string | null = null;
  try {
    const parsed = new URL(href);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') url = href;
  } catch {
    url = null;
  }
  if (url === null) {
    const shown = href === '' ? 'no address' : `“${href.slice(0, 80)}${href.length > 80 ? '…' : ''}”`;
    problems.push({ ...where, reason: `“${title.slice(0, 80)}” has ${href === '' ? shown : `the address ${shown}`}, not http(s); skipped` });
    return null;
  }
  const time = attr(a, 'add_date')?.trim() ?? '';
  const savedAt = fromUnixTime(time);
  if (time !== '' && time !== '0' && savedAt === undefined) {
    problems.push({ ...where, reason: `the date “${time.slice(0, 40)}” is not a Unix time; left out` });
  }
  return {
    kind: 'article',
    url,
    title: title || url,
    tags: toTags([...path.filter((f) => !f.root).map((f) => f.name), ...(attr(a, 'tags') ?? '').split(',')]),
    ...(savedAt ? { savedAt } : {}),
    state: 'unread',
    highlights: [],
  };
}

/** A `<DD>`'s own text (its description), not a list it may wrap in a broken file. */
function ownText(dd: HtmlElement): string {
  const own = dd.childNodes.filter((c) => !isElement(c) || (c.tagName !== 'dl' && c.tagName !== 'dt'));
  return own
    .map((c) => textOf(c))
    .join(' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
