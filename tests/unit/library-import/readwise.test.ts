import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvCell, csvHead } from '../../../main/notes/csv';
import { ImportFileError } from '../../../main/library-import/model';
import {
  looksLikeReadwiseHighlights,
  looksLikeReadwiseReader,
  readReadwise,
} from '../../../main/library-import/readwise';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const fixture = (name: string) => ({ path: `${fixtures}library-import/readwise/${name}` });

describe('Readwise highlights export', () => {
  it('groups highlights by title and author into books, with notes, colors, tags, locations and dates', async () => {
    const parsed = await readReadwise(fixture('readwise-export.csv'));
    expect(parsed.source).toBe('readwise-highlights');
    expect(parsed.items).toEqual([
      {
        kind: 'book',
        url: null,
        title: 'The Quiet Orchard',
        author: 'Ada Example',
        tags: ['fiction', 'to-reread'],
        state: 'unread',
        highlights: [
          {
            quote: 'The orchard was quiet in the way only old orchards are.',
            tags: ['favorite', 'orchards'],
            color: 'yellow',
            location: 'location 120',
            createdAt: '2024-03-28T10:15:00.000Z',
          },
          {
            quote: 'Every branch remembered a storm.',
            tags: [],
            note: 'Storms as memory',
            color: 'blue',
            location: 'location 245',
            createdAt: '2024-03-29T05:00:00.000Z',
          },
        ],
      },
      {
        kind: 'book',
        url: null,
        title: 'Why Maps Lie',
        author: 'example.org',
        tags: [],
        state: 'unread',
        highlights: [
          {
            quote: 'Maps are arguments, not pictures.',
            tags: [],
            note: 'A note with "quotes"\nand a second line.',
            color: 'pink',
            location: 'order 3',
            createdAt: '2023-11-02T08:30:00.000Z',
          },
          { quote: 'A highlight with a date that is not one.', tags: ['maps'], color: 'orange', location: 'order 7' },
        ],
      },
    ]);
    expect(parsed.problems).toEqual([
      { line: 6, reason: 'the Highlighted at cell is not a date: "sometime in May"' },
      { line: 7, reason: 'the row has no highlight text' },
    ]);
  });
});

describe('Readwise import form', () => {
  it('groups by URL (articles) or by title and author (books); inline .tags; dates without a zone are UTC', async () => {
    const parsed = await readReadwise(fixture('readwise-import-form.csv'));
    expect(parsed.source).toBe('readwise-highlights');
    expect(parsed.items).toEqual([
      {
        kind: 'article',
        url: 'https://example.com/articles/tides',
        title: 'Tides Explained',
        author: 'Rae Writer',
        tags: [],
        state: 'unread',
        highlights: [
          {
            quote: 'The tide turns twice a day.',
            tags: ['ocean', 'science'],
            note: 'The moon does most of it.',
            location: '10',
            createdAt: '2020-07-11T09:00:00.000Z',
          },
          { quote: 'Spring tides are the largest.', tags: [], location: '220', createdAt: '2020-07-11T09:05:00.000Z' },
        ],
      },
      {
        kind: 'book',
        url: null,
        title: 'A Field Guide to Clouds',
        author: 'Sam Sample',
        tags: [],
        state: 'unread',
        highlights: [
          {
            quote: 'Clouds are weather you can see.',
            tags: [],
            note: 'Page 4 in print',
            location: '42',
            createdAt: '2021-01-02T00:00:00.000Z',
          },
          { quote: 'A link that is not a web page.', tags: [], location: '50', createdAt: '2021-01-03T10:00:00.000Z' },
        ],
      },
    ]);
    expect(parsed.problems).toEqual([
      { line: 6, reason: 'the URL is not http(s), grouped by title: "mailto:someone@example.com"' },
      { line: 7, reason: 'the row has 8 fields; the header has 7' },
    ]);
  });

  it("reads back Lectern's own CSV export exactly (the golden file: BOM, CRLF, article note, inline tags, formula guard)", async () => {
    const parsed = await readReadwise({ path: `${fixtures}export/story.csv` });
    expect(parsed.problems).toEqual([]);
    expect(parsed.items).toEqual([
      {
        kind: 'book',
        url: null,
        title: 'Russian intelligence chief discusses security cooperation in Pyongyang',
        author: 'AFP',
        tags: [],
        state: 'unread',
        note: 'Context: an AFP wire story, 28 March 2024.\n\nRead with the *September summit* in mind 📰',
        highlights: [
          {
            quote: 'Russian intelligence chief discussed bilateral security cooperation',
            tags: [],
            location: '41',
            createdAt: '2024-05-01T10:00:00.000Z',
          },
          {
            quote: 'bilateral security cooperation during a visit to North Korea',
            tags: [],
            note: '**Why it matters:** "security cooperation", not aid | see <b>below</b>\n# 정보 협력 🤝 (intelligence cooperation)\n- compare the 2023 summit, "top priority" 🇰🇵🇷🇺',
            location: '78',
            createdAt: '2024-05-01T10:01:00.000Z',
          },
          {
            quote: 'its war against Ukraine.\nThe North Korean state news agency',
            tags: [],
            location: '322',
            createdAt: '2024-05-01T10:02:00.000Z',
          },
          {
            quote: 'Both Russia and North Korea are subject to international sanctions',
            tags: ['sanctions', '북한', 'un/security-council'],
            note: '=HYPERLINK("http://example.com") and -1',
            location: '955',
            createdAt: '2024-05-01T10:03:00.000Z',
          },
        ],
      },
    ]);
  });

  it("takes off the writer's formula guard from every cell, and only that", async () => {
    const row = ['=SUM(1,2)', 'Sums', '@handle', 'https://example.com/sums', '-1 is a note', '7', '2024-05-01T10:00:00.000Z'];
    const text = `${csvHead()}${row.map(csvCell).join(',')}\r\n${["'quoted", 'Sums', '', '', "'=kept", '8', ''].map(csvCell).join(',')}\r\n`;
    expect(text).toContain(`"'=SUM(1,2)",Sums,'@handle`);
    const parsed = await readReadwise(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items).toEqual([
      {
        kind: 'article',
        url: 'https://example.com/sums',
        title: 'Sums',
        author: '@handle',
        tags: [],
        state: 'unread',
        highlights: [
          { quote: '=SUM(1,2)', tags: [], note: '-1 is a note', location: '7', createdAt: '2024-05-01T10:00:00.000Z' },
        ],
      },
      {
        kind: 'book',
        url: null,
        title: 'Sums',
        tags: [],
        state: 'unread',
        // a leading ' before other text is the writer's own text, kept; before "=" it reads as the guard
        highlights: [{ quote: "'quoted", tags: [], note: '=kept', location: '8' }],
      },
    ]);
  });
});

describe('Readwise Reader library', () => {
  it('reads documents: tags (list or commas), saved dates, progress, archive and shortlist', async () => {
    const parsed = await readReadwise(fixture('reader-library.csv'));
    expect(parsed.source).toBe('readwise-reader');
    expect(parsed.items).toEqual([
      {
        kind: 'article',
        url: 'https://example.com/rivers',
        title: 'How Rivers Bend',
        tags: ['geography', 'long-read'],
        state: 'unread',
        savedAt: '2024-01-15T08:00:00.000Z',
        progress: 0.5,
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.org/later',
        title: 'Saved for Later',
        tags: [],
        state: 'unread',
        savedAt: '2024-02-01T12:00:00.000Z',
        progress: 0,
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.net/essay',
        title: 'Finished Essay',
        tags: ['tools', 'writing'],
        state: 'archived',
        savedAt: '2023-12-24T17:30:00.000Z',
        progress: 1,
        highlights: [],
      },
      {
        kind: 'article',
        url: 'https://example.com/best',
        title: 'Best Of',
        tags: [],
        state: 'unread',
        starred: true,
        savedAt: '2024-02-02T00:00:00.000Z',
        progress: 0.1,
        highlights: [],
      },
      { kind: 'article', url: 'https://example.com/odd', title: 'Odd Values', tags: [], state: 'unread', highlights: [] },
    ]);
    expect(parsed.problems).toEqual([
      { line: 6, reason: 'the Saved date cell is not a date: "not a date"' },
      { line: 6, reason: 'the Reading progress is not between 0 and 1: "150"' },
      { line: 7, reason: 'the row has no URL' },
    ]);
  });
});

describe('Readwise detection and refusals', () => {
  it('tells the three headers apart, and others from them', () => {
    const exportHead =
      'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n';
    expect(looksLikeReadwiseHighlights(exportHead)).toBe(true);
    expect(looksLikeReadwiseHighlights(exportHead.replace(',Document tags', ''))).toBe(true);
    expect(looksLikeReadwiseHighlights('\uFEFFHighlight,Title,Author,URL,Note,Location,Date\r\n')).toBe(true);
    expect(looksLikeReadwiseHighlights('Highlight,Title\n')).toBe(true);
    expect(looksLikeReadwiseHighlights('Highlight,Title,Colour\n')).toBe(false);
    expect(looksLikeReadwiseHighlights('Title,Highlight\n')).toBe(false);
    expect(looksLikeReadwiseReader(exportHead)).toBe(false);
    const readerHead = 'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen\n';
    expect(looksLikeReadwiseReader(readerHead)).toBe(true);
    expect(looksLikeReadwiseHighlights(readerHead)).toBe(false);
    expect(looksLikeReadwiseReader('URL,Title,Selection,Folder,Timestamp,Tags\n')).toBe(false);
    expect(looksLikeReadwiseHighlights('URL,Title,Selection,Folder,Timestamp,Tags\n')).toBe(false);
  });

  it('refuses another file, a file over the size limit and a row over the row limit', async () => {
    await expect(readReadwise('URL,Title,Selection,Folder\n')).rejects.toThrow(ImportFileError);
    await expect(readReadwise('URL,Title,Selection,Folder\n')).rejects.toThrow(/not a Readwise CSV/u);
    await expect(readReadwise('', { fileBytes: 10, csvRowBytes: 10 })).rejects.toThrow(/not a Readwise CSV/u);
    await expect(readReadwise(fixture('reader-library.csv'), { fileBytes: 200, csvRowBytes: 1024 })).rejects.toThrow(
      /The file is .* bytes; at most 200 bytes can be imported/u,
    );
    const long = `Highlight,Title\nshort,A\n"${'a very long highlight '.repeat(10)}",B\nshort,C\n`;
    await expect(readReadwise(long, { fileBytes: 10_000, csvRowBytes: 100 })).rejects.toThrow(
      'The row at line 3 is over 100 bytes, the most one row can be; the file is not imported.',
    );
    const parsed = await readReadwise(long, { fileBytes: 10_000, csvRowBytes: 1000 });
    expect(parsed.items.map((i) => i.title)).toEqual(['A', 'B', 'C']);
  });
});
