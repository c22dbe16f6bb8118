import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../../main/library-import/csv-rows';
import { IMPORT_LIMITS, ImportFileError, type ImportedItem, type ImportProblem } from '../../../main/library-import/model';
import { withZip } from '../../../main/library-import/zip';
import {
  looksLikePocketArchive,
  looksLikePocketCsv,
  looksLikePocketHtml,
  looksLikePocketZip,
  readPocketHtml,
  readPocketZip,
} from '../../../main/library-import/pocket';
import { looksLikeBookmarks } from '../../../main/library-import/bookmarks';
import { writeZip, type FixtureEntry } from './zip-fixture';

const FIXTURES = join(__dirname, '../../fixtures/library-import/pocket');
const fixture = (name: string) => readFile(join(FIXTURES, name));
const HEADER = 'title,url,time_added,tags,status\r\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-pocket-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
let count = 0;
async function zipOf(entries: FixtureEntry[]): Promise<string> {
  count += 1;
  return writeZip(join(dir, `${count}.zip`), entries);
}

/** The export as Pocket's zip holds it, built from the committed files. */
async function pocketZip(): Promise<string> {
  return zipOf([
    { name: 'part_000001.csv', data: await fixture('part_000001.csv') }, // out of order on purpose
    { name: 'part_000000.csv', data: await fixture('part_000000.csv') },
    { name: 'annotations/', data: '', method: 'store' },
    { name: 'annotations/part_000000.json', data: await fixture('annotations-part_000000.json') },
  ]);
}

const article = (fields: Partial<ImportedItem> & Pick<ImportedItem, 'url' | 'title'>): ImportedItem => ({
  kind: 'article',
  tags: [],
  state: 'unread',
  highlights: [],
  ...fields,
});

describe('Pocket 2025 export (zip of part_*.csv + annotations/part_*.json)', () => {
  it('reads every row in part order, with tags, dates, states and the highlights attached by URL', async () => {
    const library = await readPocketZip(await pocketZip());
    expect(library.source).toBe('pocket-csv');
    expect(library.items).toEqual([
      article({
        url: 'https://example.com/walking',
        title: 'The Quiet Art of Walking',
        tags: ['slow', 'outdoors'],
        savedAt: '2024-01-01T00:00:00.000Z',
        highlights: [
          { quote: 'A walk is a way of thinking with the feet.', tags: [], createdAt: '2024-01-02T00:00:00.000Z' },
          { quote: 'Nobody hurries on a footpath.', tags: [], createdAt: '2024-01-02T01:00:00.000Z' },
        ],
      }),
      article({
        url: 'https://example.org/maps?ref=list&page=1',
        title: 'Maps, Charts and "Lines"',
        tags: ['history'],
        savedAt: '2024-02-01T00:00:00.000Z',
        state: 'archived',
        highlights: [{ quote: 'Every map is an argument.', tags: [], createdAt: '2024-02-02T00:00:00.000Z' }],
      }),
      // Pocket writes the URL where an article had no title.
      article({ url: 'https://example.net/untitled', title: 'https://example.net/untitled', savedAt: '2024-03-01T00:00:00.000Z' }),
      article({
        url: 'https://example.com/spaces',
        title: 'Tags With Spaces',
        tags: ['long-read', 'to-do'],
        savedAt: '2024-03-01T00:05:00.000Z',
        state: 'archived',
      }),
      article({ url: 'https://example.com/two-lines', title: 'A Title Across Two Lines', savedAt: '2024-04-01T00:00:00.000Z' }),
      article({ url: 'https://example.org/odd', title: 'Odd Status', savedAt: '2024-04-01T00:01:40.000Z' }),
      // Highlights whose article is not in the list are kept as an item of their own.
      article({
        url: 'https://example.org/not-in-the-list',
        title: 'An Article Only in Highlights',
        highlights: [{ quote: 'Kept even without its row.', tags: [], createdAt: '2024-02-03T22:40:00.000Z' }],
      }),
    ]);
    expect(library.problems).toEqual([
      { entry: 'part_000000.csv', line: 5, reason: 'the row has no http(s) address (“javascript:void(0)”) and was skipped' },
      {
        entry: 'part_000000.csv',
        line: 6,
        reason: expect.stringMatching(/^the row is not valid CSV \(Invalid Opening Quote: a quote is found on field 0 at line 6/u) as string,
      },
      { entry: 'part_000001.csv', line: 4, reason: 'the status “favorite” is not unread or archive; read as unread' },
      {
        entry: 'annotations/part_000000.json [3]',
        reason: 'the entry is not Pocket\'s shape (highlights: Invalid type: Expected Array but received "not a list")',
      },
    ]);
  });

  it('is detected by its part_*.csv entries and its header, not by the file name', async () => {
    expect(looksLikePocketZip(['part_000000.csv', 'annotations/part_000000.json'])).toBe(true);
    expect(looksLikePocketZip(['pocket/part_000003.csv'])).toBe(true);
    expect(looksLikePocketZip(['__MACOSX/._part_000000.csv'])).toBe(false);
    expect(looksLikePocketZip(['metadata_0_to_20.json', 'content/a.html'])).toBe(false);
    expect(looksLikePocketCsv((await fixture('part_000000.csv')).toString('utf8').slice(0, 200))).toBe(true);
    expect(looksLikePocketCsv('\uFEFF"title","url","time_added","tags","status"\n')).toBe(true);
    expect(looksLikePocketCsv('URL,Title,Selection,Folder,Timestamp,Tags\n')).toBe(false);
  });

  it("is detected in an open zip by the first part's header, inflating only its start", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `A${i},https://example.com/${i},1700000000,,unread\r\n`).join('');
    const pocket = await zipOf([
      { name: 'part_000001.csv', data: 'not,the,header\r\n' },
      { name: 'part_000000.csv', data: HEADER + rows },
    ]);
    await withZip(pocket, async (zip) => {
      expect(await looksLikePocketArchive(zip)).toBe(true);
      expect(zip.expandedBytes).toBeLessThan(HEADER.length + rows.length); // not the whole part
    });
    const other = await zipOf([{ name: 'part_000000.csv', data: 'URL,Title,Selection,Folder\r\n' }]);
    await withZip(other, async (zip) => expect(await looksLikePocketArchive(zip)).toBe(false));
    const omnivore = await zipOf([{ name: 'metadata_0_to_20.json', data: '[]' }]);
    await withZip(omnivore, async (zip) => expect(await looksLikePocketArchive(zip)).toBe(false));
  });

  it('refuses a zip whose part is not a Pocket list, and one without any part', async () => {
    const instapaper = await zipOf([{ name: 'part_000000.csv', data: 'URL,Title,Selection,Folder\nhttps://example.com,A,,Unread\n' }]);
    await expect(readPocketZip(instapaper)).rejects.toThrow(
      new ImportFileError(
        'The zip is not a Pocket export: "part_000000.csv" starts with "URL,Title,Selection,Folder", not Pocket\'s header title,url,time_added,tags,status.',
      ),
    );
    const none = await zipOf([{ name: 'readme.txt', data: 'hello' }]);
    await expect(readPocketZip(none)).rejects.toThrow('The zip is not a Pocket export: it has no part_000000.csv list.');
  });

  it('refuses a Pocket zip with a zip-slip entry or a symbolic link before reading a row', async () => {
    const slip = await zipOf([
      { name: 'part_000000.csv', data: `${HEADER}A,https://example.com/a,1,,unread\r\n` },
      { name: 'annotations/../../../evil.json', data: '[]' },
    ]);
    await expect(readPocketZip(slip)).rejects.toThrow(
      'The zip was refused: the entry "annotations/../../../evil.json" points outside the archive ("..").',
    );
    const link = await zipOf([
      { name: 'part_000000.csv', data: `${HEADER}A,https://example.com/a,1,,unread\r\n` },
      { name: 'part_000001.csv', data: '/etc/passwd', method: 'store', unixMode: 0o120777 },
    ]);
    await expect(readPocketZip(link)).rejects.toThrow('The zip was refused: the entry "part_000001.csv" is a symbolic link.');
  });

  it('skips a row over the row limit with its line, and reads the rows after it on their own lines', async () => {
    const long = `"${'x'.repeat(300)}\n${'y'.repeat(300)}"`;
    const csv = `${HEADER}First,https://example.com/1,1700000000,,unread\r\n${long},https://example.com/long,1,,unread\r\n\r\nAfter,https://example.com/after,1700000000,,unread\r\nBad,mailto:someone@example.com,1,,unread\r\n`;
    const path = await zipOf([{ name: 'part_000000.csv', data: csv }]);
    const library = await readPocketZip(path, { ...IMPORT_LIMITS, csvRowBytes: 200 });
    expect(library.items.map((i) => i.url)).toEqual(['https://example.com/1', 'https://example.com/after']);
    expect(library.problems).toEqual([
      { entry: 'part_000000.csv', line: 3, reason: 'the row is longer than 200 bytes and was skipped' },
      { entry: 'part_000000.csv', line: 7, reason: 'the row has no http(s) address (“mailto:someone@example.com”) and was skipped' },
    ]);
  });

  it('refuses highlights nested deeper than the JSON limit', async () => {
    const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
    const path = await zipOf([
      { name: 'part_000000.csv', data: `${HEADER}A,https://example.com/a,1,,unread\r\n` },
      { name: 'annotations/part_000000.json', data: deep },
    ]);
    await expect(readPocketZip(path)).rejects.toThrow(
      '"annotations/part_000000.json" is nested more than 64 levels deep; Lectern reads JSON up to that depth.',
    );
  });

  it('reports a highlights file that is not JSON and keeps the articles', async () => {
    const path = await zipOf([
      { name: 'part_000000.csv', data: `${HEADER}A,https://example.com/a,1700000000,,unread\r\n` },
      { name: 'annotations/part_000000.json', data: '[{"url": "https://example.com/a",' },
    ]);
    const library = await readPocketZip(path);
    expect(library.items).toEqual([article({ url: 'https://example.com/a', title: 'A', savedAt: '2023-11-14T22:13:20.000Z' })]);
    expect(library.problems).toEqual([
      { entry: 'annotations/part_000000.json', reason: expect.stringMatching(/^the highlights file is not valid JSON \(.+\); its highlights were not read$/u) as string },
    ]);
  });

  it('measures a 5,000-row export: read time and heap (reported, not asserted)', async () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `"Article number ${i}, about things",https://example.com/articles/${i}?from=pocket,${1600000000 + i * 60},tag${i % 40}|reading,${i % 3 === 0 ? 'archive' : 'unread'}\r\n`,
    );
    const annotations = Array.from({ length: 500 }, (_, i) => ({
      url: `https://example.com/articles/${i * 10}?from=pocket`,
      title: `Article number ${i * 10}, about things`,
      highlights: [{ quote: `A sentence worth keeping, number ${i}.`, created_at: 1700000000 + i }],
    }));
    const path = await zipOf([
      { name: 'part_000000.csv', data: HEADER + rows.join('') },
      { name: 'annotations/part_000000.json', data: JSON.stringify(annotations) },
    ]);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    const library = await readPocketZip(path);
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(library.items).toHaveLength(5000);
    expect(library.items.filter((i) => i.highlights.length > 0)).toHaveLength(500);
    expect(library.items.filter((i) => i.state === 'archived')).toHaveLength(1667);
    expect(library.problems).toEqual([]);
    console.log(
      `Pocket 5,000 rows + 500 highlights: ${ms.toFixed(0)} ms, heap ${(heapBefore / 1048576).toFixed(1)} → peak ${(peak / 1048576).toFixed(1)} MB (+${((peak - heapBefore) / 1048576).toFixed(1)} MB)`,
    );
  });
});

describe("Pocket's older ril_export.html", () => {
  it('reads the Unread and Read Archive lists with tags and dates', async () => {
    const text = (await fixture('ril_export.html')).toString('utf8');
    const library = await readPocketHtml(text);
    expect(library.source).toBe('pocket-html');
    expect(library.items).toEqual([
      article({ url: 'https://example.com/unread-one', title: 'Stars & Their Stories', tags: ['science', 'space'], savedAt: '2020-09-13T12:26:40.000Z' }),
      article({ url: 'https://example.org/unread-two', title: 'Untagged Piece', savedAt: '2020-09-13T13:26:40.000Z' }),
      article({
        url: 'https://example.net/archived',
        title: 'Bread, Slowly',
        tags: ['cooking', 'slow-food'],
        savedAt: '2017-07-14T02:40:00.000Z',
        state: 'archived',
      }),
      article({ url: 'https://example.com/no-title', title: 'https://example.com/no-title', savedAt: '2017-07-14T03:40:00.000Z', state: 'archived' }),
    ]);
    expect(library.problems).toEqual([
      { line: 13, reason: 'the link has no http(s) address (“ftp://example.net/file”) and was skipped' },
    ]);
  });

  it('is told from a bookmark file and from other HTML by its content', async () => {
    const text = (await fixture('ril_export.html')).toString('utf8');
    expect(looksLikePocketHtml(text)).toBe(true);
    expect(looksLikePocketHtml('<h1>Unread</h1><ul><li><a href="https://example.com" time_added="1">x</a></li></ul>')).toBe(true);
    expect(looksLikePocketHtml('<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><A HREF="https://example.com" ADD_DATE="1">x</A></DL>')).toBe(false);
    expect(looksLikeBookmarks(text)).toBe(false);
    await expect(readPocketHtml('<html><body><p>Hello</p></body></html>')).rejects.toThrow(
      'The file is not a Pocket export: it has neither the "Pocket Export" title nor its Unread / Read Archive lists.',
    );
    await expect(readPocketHtml(text, { ...IMPORT_LIMITS, fileBytes: 100 })).rejects.toThrow(ImportFileError);
  });
});

describe('CSV rows under the row guard (csv-rows.ts)', () => {
  const text =
    'title,url\r\n' + // 1
    'one,https://example.com/1\r\n' + // 2
    '\r\n' + // 3 (empty)
    '"two\r\nlines",https://example.com/2\n' + // 4–5
    `"${'z'.repeat(50)}\n${'z'.repeat(50)}",https://example.com/long\r\n` + // 6–7, over 60 bytes
    'three,"https://example.com/3"\r\n' + // 8
    'bad "quote" here,https://example.com/4\r\n' + // 9
    'four,https://example.com/5'; // 10, no line end

  it.each([
    ['whole', [Buffer.from(text)]],
    ['one byte at a time (CR and LF in different chunks)', [...Buffer.from(text)].map((b) => Buffer.from([b]))],
  ])('gives every row its first line and reports the long and malformed ones, read %s', async (_name, chunks) => {
    const problems: ImportProblem[] = [];
    const rows: Array<{ fields: string[]; line: number }> = [];
    for await (const row of csvRows(Readable.from(chunks), 60, problems)) rows.push(row);
    expect(rows).toEqual([
      { fields: ['title', 'url'], line: 1 },
      { fields: ['one', 'https://example.com/1'], line: 2 },
      { fields: ['two\nlines', 'https://example.com/2'], line: 4 },
      { fields: ['three', 'https://example.com/3'], line: 8 },
      { fields: ['four', 'https://example.com/5'], line: 10 },
    ]);
    expect(problems).toEqual([
      { line: 6, reason: 'the row is longer than 60 bytes and was skipped' },
      { line: 9, reason: expect.stringMatching(/^the row is not valid CSV \(Invalid Opening Quote/u) as string },
    ]);
  });
});

describe('Pocket zip: the archive is closed whatever happens', () => {
  it.runIf(process.platform === 'linux')('leaves no file open after a part refused half-way through the zip', async () => {
    const { readdirSync } = await import('node:fs');
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const { randomBytes } = await import('node:crypto');
    // Rows that do not compress, so the entry is still being read from the file when refused.
    const rows = Array.from({ length: 20000 }, (_, i) => `${randomBytes(48).toString('base64')},https://example.com/${i},1700000000,,unread\r\n`).join('');
    const path = await zipOf([
      { name: 'part_000000.csv', data: `${HEADER}A,https://example.com/a,1700000000,,unread\r\n` },
      // Refused at its first row, with 20,000 rows still to inflate behind it.
      { name: 'part_000001.csv', data: `URL,Title,Selection,Folder\r\n${rows}` },
    ]);
    const before = openFiles();
    for (let i = 0; i < 5; i += 1) await expect(readPocketZip(path)).rejects.toThrow(ImportFileError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openFiles()).toBe(before);
  });
});
