import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeBookmarks, readBookmarks } from '../../../main/library-import/bookmarks';
import { IMPORT_LIMITS, ImportFileError, type ImportedItem } from '../../../main/library-import/model';
import { looksLikePocketHtml } from '../../../main/library-import/pocket';
import { toTag, toTags } from '../../../main/library-import/values';
import { fromUnixTime } from '../../../main/library-import/values';

const FIXTURES = join(__dirname, '../../fixtures/library-import/bookmarks');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

const link = (fields: Partial<ImportedItem> & Pick<ImportedItem, 'url' | 'title'>): ImportedItem => ({
  kind: 'article',
  tags: [],
  state: 'unread',
  highlights: [],
  ...fields,
});

describe('Netscape bookmark files', () => {
  it('Chrome: nested folders become tags, the Bookmarks bar and Other bookmarks do not; a bookmarklet is reported', async () => {
    const library = await readBookmarks(await fixture('chrome.html'));
    expect(library.source).toBe('bookmarks');
    expect(library.items).toEqual([
      link({ url: 'https://example.com/toolbar-article', title: 'A Toolbar Article', savedAt: '2023-11-14T22:15:00.000Z' }),
      link({
        url: 'https://example.org/essays/long-form?id=7&page=2',
        title: 'An Essay & Its Notes',
        tags: ['Slow-Reading'],
        savedAt: '2023-11-14T22:16:50.000Z',
      }),
      link({ url: 'https://example.org/deep', title: 'Deep in Folders', tags: ['Slow-Reading', 'Later-Maybe'], savedAt: '2023-11-14T22:17:20.000Z' }),
      link({ url: 'http://example.com/plain-http', title: 'Plain HTTP Page', savedAt: '2023-11-14T22:20:00.000Z' }),
    ]);
    expect(library.problems).toEqual([
      { line: 20, reason: '“A Bookmarklet” has the address “javascript:alert(document.title)”, not http(s); skipped' },
    ]);
  });

  it('Firefox: the menu at the top, the toolbar and Other Bookmarks give no tag; TAGS, <DD> notes; place: and file: reported', async () => {
    const library = await readBookmarks(await fixture('firefox.html'));
    expect(library.items).toEqual([
      link({
        url: 'https://example.com/menu-article',
        title: 'An Article in the Menu',
        tags: ['reading', 'long-read'],
        savedAt: '2023-11-16T02:01:40.000Z',
        note: 'Read on a rainy day.',
      }),
      link({ url: 'https://example.org/bread', title: 'Slow Bread', tags: ['Recipes-2'], savedAt: '2023-11-16T02:03:30.000Z' }),
      link({ url: 'https://example.com/toolbar', title: 'Toolbar Link', tags: ['tools'], savedAt: '2023-11-16T02:06:50.000Z' }),
      link({ url: 'https://example.net/unfiled', title: 'Unfiled Find', savedAt: '2023-11-16T02:08:30.000Z' }),
    ]);
    expect(library.problems).toEqual([
      {
        line: 12,
        reason:
          '“Recently Bookmarked” has the address “place:parent=menu________&queryType=1&sort=12&maxResults=10&excludeQueries=1”, not http(s); skipped',
      },
      { line: 23, reason: '“A Local File” has the address “file:///home/someone/notes.txt”, not http(s); skipped' },
    ]);
  });

  it('Safari: top-level <DT>s without a <DL>, no dates; Favorites and Reading List give no tag', async () => {
    const library = await readBookmarks(await fixture('safari.html'));
    expect(library.items).toEqual([
      link({ url: 'https://example.com/favorite', title: 'A Favorite Site' }),
      link({ url: 'https://example.org/trains', title: 'Night Trains', tags: ['Travel-Plans'] }),
      link({ url: 'https://example.net/to-read', title: 'Something to Read', note: 'A preview line Safari keeps.' }),
    ]);
    expect(library.problems).toEqual([]);
  });

  it('Raindrop: collections as folders (Unsorted gives no tag), TAGS and notes', async () => {
    const library = await readBookmarks(await fixture('raindrop.html'));
    expect(library.items).toEqual([
      link({
        url: 'https://example.com/typography',
        title: 'Typography Basics',
        tags: ['Design-Ideas', 'type', 'layout'],
        savedAt: '2023-11-17T05:46:50.000Z',
        note: 'A note kept in Raindrop.',
      }),
      link({ url: 'https://example.org/palettes', title: 'Palettes', tags: ['Design-Ideas', 'Colour'], savedAt: '2023-11-17T05:50:10.000Z' }),
      link({ url: 'https://example.net/loose', title: 'A Loose Link', tags: ['misc'], savedAt: '2023-11-17T05:53:30.000Z' }),
    ]);
    expect(library.problems).toEqual([]);
  });

  it('Pinboard: one flat list with TAGS and descriptions; a date that is not a Unix time is reported by line', async () => {
    const library = await readBookmarks(await fixture('pinboard.html'));
    expect(library.items).toEqual([
      link({
        url: 'https://example.com/pinned',
        title: 'Old Maps of the Sea',
        tags: ['history', 'maps'],
        savedAt: '2023-11-18T09:33:20.000Z',
        note: 'Charts drawn before satellites.',
      }),
      link({ url: 'https://example.org/quiet', title: 'Quiet Places', savedAt: '2023-11-18T09:35:00.000Z' }),
      link({ url: 'https://example.net/bad-date', title: 'Bad Date', tags: ['misc'] }),
    ]);
    expect(library.problems).toEqual([{ line: 8, reason: 'the date “yesterday” is not a Unix time; left out' }]);
  });

  it('Linkwarden: collections and sub-collections as tags, with its TAGS (spaces → "-")', async () => {
    const library = await readBookmarks(await fixture('linkwarden.html'));
    expect(library.items).toEqual([
      link({
        url: 'https://example.com/paper-one',
        title: 'Paper One',
        tags: ['Research-Papers', 'Machine-Learning', 'ethics'],
        savedAt: '2023-11-19T13:20:10.000Z',
        note: 'Linkwarden description.',
      }),
      link({ url: 'https://example.org/paper-two', title: 'Paper Two', tags: ['Research-Papers', 'Sub-Collection'], savedAt: '2023-11-19T13:20:30.000Z' }),
    ]);
    expect(library.problems).toEqual([]);
  });

  it('is detected from its content (doctype or <DT><A ADD_DATE>), and told from Pocket and plain HTML', async () => {
    for (const name of ['chrome', 'firefox', 'safari', 'raindrop', 'pinboard', 'linkwarden']) {
      const text = await fixture(`${name}.html`);
      expect(looksLikeBookmarks(text), name).toBe(true);
      expect(looksLikePocketHtml(text), name).toBe(false);
    }
    expect(looksLikeBookmarks('<DL><p><DT><A HREF="https://example.com/" ADD_DATE="1700000000">x</A></DL>')).toBe(true);
    expect(looksLikeBookmarks('<html><body><a href="https://example.com/">x</a></body></html>')).toBe(false);
    await expect(readBookmarks('<html><body><p>Just a page</p></body></html>')).rejects.toThrow(
      new ImportFileError('The file is not a bookmark file: it has no NETSCAPE-Bookmark-file-1 doctype and no <DT><A ADD_DATE> entries.'),
    );
  });

  it('refuses folders nested deeper than the limit, and a file over the size limit', async () => {
    const depth = IMPORT_LIMITS.jsonDepth + 1;
    const deep = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${'<DT><H3>f</H3>\n<DL><p>\n'.repeat(depth)}<DT><A HREF="https://example.com/">x</A>\n${'</DL><p>\n'.repeat(depth)}</DL><p>\n`;
    await expect(readBookmarks(deep)).rejects.toThrow(
      'The bookmark folders are nested more than 64 levels deep; Lectern reads up to that depth.',
    );
    const text = await fixture('chrome.html');
    await expect(readBookmarks(text, { ...IMPORT_LIMITS, fileBytes: 100 })).rejects.toThrow(ImportFileError);
  });

  it('skips every non-http(s) address with its line and keeps hostile titles as text', async () => {
    const text = [
      '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
      '<DL><p>',
      '<DT><A HREF="data:text/html,<script>alert(1)</script>">Data</A>',
      '<DT><A HREF="  https://example.com/spaced  " ADD_DATE="0">  <b>Bold</b> &lt;script&gt;  </A>',
      '<DT><A>No address</A>',
      '<DT><A HREF="not a url">Words</A>',
      '</DL><p>',
    ].join('\n');
    const library = await readBookmarks(text);
    expect(library.items).toEqual([link({ url: 'https://example.com/spaced', title: 'Bold <script>' })]);
    expect(library.problems).toEqual([
      { line: 3, reason: '“Data” has the address “data:text/html,<script>alert(1)</script>”, not http(s); skipped' },
      { line: 5, reason: '“No address” has no address, not http(s); skipped' },
      { line: 6, reason: '“Words” has the address “not a url”, not http(s); skipped' },
    ]);
  });
});

describe('a large bookmark file', () => {
  it('reads a flat folder of 20,000 links, each with its description (time reported, not asserted)', async () => {
    const links = Array.from(
      { length: 20000 },
      (_, i) => `<DT><A HREF="https://example.com/${i}" ADD_DATE="${1600000000 + i}">Link ${i}</A>\n<DD>About link ${i}`,
    );
    const text = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Everything</H3>\n<DL><p>\n${links.join('\n')}\n</DL><p>\n</DL><p>\n`;
    const started = performance.now();
    const library = await readBookmarks(text);
    const ms = performance.now() - started;
    expect(library.items).toHaveLength(20000);
    expect(library.items[19999]).toEqual(
      link({ url: 'https://example.com/19999', title: 'Link 19999', tags: ['Everything'], savedAt: '2020-09-13T17:59:59.000Z', note: 'About link 19999' }),
    );
    expect(library.items.every((item, i) => item.note === `About link ${i}`)).toBe(true);
    console.log(`bookmarks: 20,000 links in one folder read in ${ms.toFixed(0)} ms`);
  });
});

describe('tags and dates of imported files', () => {
  it('makes names into tags under the tag rule', () => {
    expect(toTag('  Slow   Reading ')).toBe('Slow-Reading');
    expect(toTag('#work, later')).toBe('work-later');
    expect(toTag('   ')).toBeNull();
    expect(toTag('#')).toBeNull();
    expect(toTag('x'.repeat(100))).toBe('x'.repeat(64));
    expect(toTag(`${'a'.repeat(63)}😀`)).toBe('a'.repeat(63)); // a surrogate pair is never split
    expect(toTags(['News', 'news', 'NEWS ', 'World', ''])).toEqual(['News', 'World']);
  });

  it('reads Unix times in seconds, milliseconds or microseconds', () => {
    expect(fromUnixTime('1700000000')).toBe('2023-11-14T22:13:20.000Z');
    expect(fromUnixTime(1700000000123)).toBe('2023-11-14T22:13:20.123Z');
    expect(fromUnixTime('1700000000123456')).toBe('2023-11-14T22:13:20.123Z');
    expect(fromUnixTime('0')).toBeUndefined();
    expect(fromUnixTime('')).toBeUndefined();
    expect(fromUnixTime('-5')).toBeUndefined();
    expect(fromUnixTime('2023-11-14')).toBeUndefined();
    expect(fromUnixTime(undefined)).toBeUndefined();
  });
});
