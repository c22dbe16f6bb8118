import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInstapaper, looksLikeInstapaper } from '../../../main/library-import/instapaper';
import { ImportFileError } from '../../../main/library-import/model';

const dir = fileURLToPath(new URL('../../fixtures/library-import/instapaper/', import.meta.url));
const fixture = (name: string) => `${dir}${name}`;

describe('Instapaper CSV', () => {
  it('reads the current export (Timestamp and Tags): folders, states, tags, dates, selections, problems by line', async () => {
    const parsed = await readInstapaper({ path: fixture('instapaper-export.csv') });
    expect(parsed.source).toBe('instapaper');
    expect(parsed.items).toEqual([
      {
        kind: 'article',
        url: 'https://example.com/essays/slow-reading',
        title: 'On Slow Reading',
        tags: [],
        state: 'unread',
        savedAt: '2024-03-28T10:15:00.000Z',
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.org/notes/gardens',
        title: 'Gardens, Walls and Paths',
        tags: ['essays', 'long-read'],
        state: 'archived',
        savedAt: '2023-11-14T22:13:20.000Z',
        highlights: [{ quote: 'A garden is a "room" with the roof off.\nIt keeps the weather in.', tags: [] }],
      },
      {
        kind: 'article',
        url: 'https://example.com/recipes/bread',
        title: 'Bread at Home',
        tags: ['food'],
        state: 'unread',
        starred: true,
        savedAt: '2020-09-13T12:26:40.000Z',
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.net/reading-list/item',
        title: 'https://example.net/reading-list/item',
        tags: ['Reading-List'],
        state: 'unread',
        savedAt: '2022-04-15T05:20:00.000Z',
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.com/bad-cells',
        title: 'Bad Cells',
        tags: [],
        state: 'unread',
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.com/after-errors',
        title: 'Still Read After Errors',
        tags: ['Mixed-Case'],
        state: 'archived',
        savedAt: '2022-04-15T05:20:03.000Z',
        highlights: [],
      },
    ]);
    expect(parsed.problems).toEqual([
      { line: 7, reason: 'the address is not an http(s) URL: "ftp://example.com/files/readme.txt"' },
      { line: 8, reason: 'the Tags cell is not a list of names: "["unclosed""' },
      { line: 8, reason: 'the Timestamp is not a Unix time: "yesterday"' },
      { line: 9, reason: 'the row has 7 fields; the header has 6' },
    ]);
  });

  it('reads the older four-column export (with a BOM and CRLF line ends)', async () => {
    const text = await readFile(fixture('instapaper-old.csv'), 'utf8');
    expect(text.startsWith('\uFEFFURL,Title,Selection,Folder\r\n')).toBe(true);
    const parsed = await readInstapaper(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.map((i) => [i.url, i.title, i.state, i.starred ?? false, i.tags, i.savedAt])).toEqual([
      ['https://example.com/old/first', 'First Old Link', 'unread', false, [], undefined],
      ['https://example.org/old/second', 'Second Old Link', 'archived', false, [], undefined],
      ['https://example.net/old/third', 'Third Old Link', 'unread', true, [], undefined],
      ['https://example.com/old/fourth', 'Fourth Old Link', 'unread', false, ['Travel-Plans'], undefined],
    ]);
    expect(parsed.items[1]!.highlights).toEqual([{ quote: 'A line kept from the page', tags: [] }]);
  });

  it('is detected from its header, never its name', async () => {
    expect(looksLikeInstapaper('URL,Title,Selection,Folder,Timestamp,Tags\nhttps://example.com,,,Unread,1,[]')).toBe(true);
    expect(looksLikeInstapaper('\uFEFFURL,Title,Selection,Folder\r\n')).toBe(true);
    expect(looksLikeInstapaper('URL,Title,Selection,Folder,Timestamp\n')).toBe(true);
    expect(looksLikeInstapaper('title,url,time_added,tags,status\n')).toBe(false);
    expect(looksLikeInstapaper('URL,Title\n')).toBe(false);
    expect(looksLikeInstapaper('URL,Title,Selection,Folder,Timestamp,Tags,More\n')).toBe(false);
    await expect(readInstapaper('Highlight,Title\nx,y\n')).rejects.toThrow(ImportFileError);
    await expect(readInstapaper('Highlight,Title\nx,y\n')).rejects.toThrow(/not an Instapaper export/u);
  });

  it('refuses a file over the size limit and a row over the row limit, with the reason', async () => {
    const text = await readFile(fixture('instapaper-export.csv'), 'utf8');
    await expect(readInstapaper(text, { fileBytes: 100, csvRowBytes: 1024 })).rejects.toThrow(
      /The file is 768 bytes; at most 100 bytes can be imported/u,
    );
    await expect(readInstapaper(text, { fileBytes: 1_000_000, csvRowBytes: 80 })).rejects.toThrow(
      /The row at line 3 is over 80 bytes/u,
    );
  });
});
