import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerColumns, headerIs, readCsvHead, readCsvRecords, type CsvInput, type CsvLimits } from '../../../main/library-import/csv';
import { commaTags, fromDateText, fromUnixSeconds, httpUrl, toTag, toTags } from '../../../main/library-import/values';
import { IMPORT_LIMITS, ImportFileError, type ImportProblem } from '../../../main/library-import/model';

async function read(input: CsvInput, limits?: CsvLimits) {
  const problems: ImportProblem[] = [];
  const rows: [number, Record<string, string>][] = [];
  for await (const { line, cells } of readCsvRecords(input, problems, limits)) rows.push([line, cells]);
  return { rows, problems };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the shared CSV step', () => {
  it('names cells from the header (BOM stripped, names trimmed) and gives each record the line it starts on', async () => {
    const { rows, problems } = await read('\uFEFF a , b \n1,2\n3,4');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      [2, { a: '1', b: '2' }],
      [3, { a: '3', b: '4' }],
    ]);
  });

  it('keeps newlines and doubled quotes inside quoted fields, with CRLF or LF files, and counts lines right after them', async () => {
    const text = 'a,b\r\n"one\r\ntwo ""2""",x\r\n\r\n"3\n4\r\n5",y\r\nlast,z\r\n';
    const { rows, problems } = await read(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      [2, { a: 'one\r\ntwo "2"', b: 'x' }],
      [5, { a: '3\n4\r\n5', b: 'y' }],
      [8, { a: 'last', b: 'z' }],
    ]);
  });

  it('skips empty lines without a problem; reports a row with the wrong number of fields by line and reads on', async () => {
    const { rows, problems } = await read('a,b\n\n\n1,2\n\n3\n4,5,6\n"x\ny",7\n8,9\n');
    expect(rows).toEqual([
      [4, { a: '1', b: '2' }],
      [8, { a: 'x\ny', b: '7' }],
      [10, { a: '8', b: '9' }],
    ]);
    expect(problems).toEqual([
      { line: 6, reason: 'the row has 1 fields; the header has 2' },
      { line: 7, reason: 'the row has 3 fields; the header has 2' },
    ]);
  });

  it('reports bad quotes by line; a stray quote after a quoted field swallows the rows up to the next quote (csv-parse reads on as quoted)', async () => {
    // "6,"7"z": csv-parse stays inside the quotes, so "8,9" on line 6 is part of the bad row, not read.
    const { rows, problems } = await read('a,b\n1,2\nx"y,3\n4,5\n6,"7"z\n8,9\n"10,11\n');
    expect(rows).toEqual([
      [2, { a: '1', b: '2' }],
      [4, { a: '4', b: '5' }],
    ]);
    expect(problems).toEqual([
      { line: 3, reason: 'a quote in the middle of an unquoted field' },
      { line: 5, reason: 'a quoted field is followed by other text before the next comma (a stray quote)' },
      { line: 7, reason: 'a quoted field is followed by other text before the next comma (a stray quote)' },
      { line: 7, reason: 'a quoted field is never closed (the file ends inside it)' },
    ]);
  });

  it('refuses the file at a row over the row limit, naming its line (csv-parse 7 cannot skip one and read on)', async () => {
    const text = `a,b\n1,2\n"${'x'.repeat(200)}",3\n4,5\n`;
    const error = await read(text, { fileBytes: 10_000, csvRowBytes: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toBe('The row at line 3 is over 64 bytes, the most one row can be; the file is not imported.');
    // The same from a file read in 64 KB chunks, the long row spanning chunks, far into the file.
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},"quoted\r\nfield ${i}"`).join('\r\n');
    const path = join(dir, 'long-row.csv');
    await writeFile(path, `a,b\r\n${rows}\r\nlong,"${'y'.repeat(2 * 1024 * 1024)}"\r\nafter,1\r\n`);
    await expect(read({ path })).rejects.toThrow(
      'The row at line 6002 is over 1 MB, the most one row can be; the file is not imported.',
    );
  });

  it('refuses a file over the size limit before reading it, an empty file, and a missing one', async () => {
    await expect(read('a,b\n1,2\n', { fileBytes: 5, csvRowBytes: 100 })).rejects.toThrow(
      'The file is 8 bytes; at most 5 bytes can be imported.',
    );
    const path = join(dir, 'big.csv');
    await writeFile(path, 'a,b\n1,2\n');
    await expect(read({ path }, { fileBytes: 5, csvRowBytes: 100 })).rejects.toThrow(ImportFileError);
    await expect(read('')).rejects.toThrow('The file is empty: it has no header row.');
    await expect(read('\uFEFF\n\n')).rejects.toThrow('The file is empty: it has no header row.');
    await expect(read({ path: join(dir, 'missing.csv') })).rejects.toThrow(/ENOENT/u);
    expect(IMPORT_LIMITS.csvRowBytes).toBe(1024 * 1024);
  });

  it('streams a file in chunks with the same lines as the text (CRLF inside quotes across chunk edges)', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `${i},"line one\r\nline two of ${i}",${'z'.repeat(i % 50)}`).join('\r\n');
    const text = `\uFEFFn,text,pad\r\n${body}\r\n`;
    const path = join(dir, 'many.csv');
    await writeFile(path, text);
    const fromFile = await read({ path });
    const fromText = await read(text);
    expect(fromFile).toEqual(fromText);
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.rows).toHaveLength(5000);
    expect(fromFile.rows[4999]).toEqual([2 + 2 * 4999, { n: '4999', text: 'line one\r\nline two of 4999', pad: 'z'.repeat(49) }]);
    expect(fromFile.rows.every(([line, cells]) => line === 2 + 2 * Number(cells.n))).toBe(true);
  });

  it('reads the head of a file or text for detection, and its header columns', async () => {
    const path = join(dir, 'head.csv');
    await writeFile(path, '\uFEFF"URL",Title , Selection\r\nx,y,z\r\n');
    const head = await readCsvHead({ path });
    expect(headerColumns(head)).toEqual(['URL', 'Title', 'Selection']);
    expect(headerIs(head, ['URL', 'Title'], ['Selection'])).toBe(true);
    expect(headerIs(head, ['URL', 'Title'])).toBe(false);
    expect(headerIs(head, ['Title', 'URL'], ['Selection'])).toBe(false);
    expect(await readCsvHead('a'.repeat(100_000))).toHaveLength(64 * 1024);
  });
});

describe('the shared CSV values', () => {
  it('makes tags to Lectern\'s rule', () => {
    expect(toTag('  Reading List ')).toBe('Reading-List');
    expect(toTag('#c#, d')).toBe('c-d');
    expect(toTag(' , # ')).toBeNull();
    expect(toTag('x'.repeat(80))).toBe('x'.repeat(64));
    expect(toTags(['a', 'A', ' b ', '', 'c d'])).toEqual(['a', 'b', 'c-d']);
    expect(toTags(Array.from({ length: 60 }, (_, i) => `t${i}`))).toHaveLength(50);
    expect(commaTags('favorite, long read,,x')).toEqual(['favorite', 'long-read', 'x']);
    expect(commaTags(undefined)).toEqual([]);
  });

  it('reads dates and Unix times to ISO UTC, and nothing else', () => {
    expect(fromDateText('2024-03-28 10:15:00+00:00')).toBe('2024-03-28T10:15:00.000Z');
    expect(fromDateText('2024-03-28 10:15:00.123456+02:00')).toBe('2024-03-28T08:15:00.123Z');
    expect(fromDateText('2024-03-28T10:15:00Z')).toBe('2024-03-28T10:15:00.000Z');
    expect(fromDateText('2024-03-28T10:15:00-0500')).toBe('2024-03-28T15:15:00.000Z');
    expect(fromDateText('2024-03-28 10:15+01')).toBe('2024-03-28T09:15:00.000Z');
    expect(fromDateText('2024-03-28 10:15:00')).toBe('2024-03-28T10:15:00.000Z');
    expect(fromDateText('2024-03-28')).toBe('2024-03-28T00:00:00.000Z');
    for (const bad of ['2024-02-30', '2024-13-01', '28/03/2024', 'March 28, 2024', '2024-03-28 25:00', '', 'now']) {
      expect(fromDateText(bad), bad).toBeUndefined();
    }
    expect(fromUnixSeconds('1711620900')).toBe('2024-03-28T10:15:00.000Z');
    // One rule for every reader: 0 is "no date" (bookmarks write ADD_DATE="0"), and a time too
    // large for seconds is milliseconds (or microseconds).
    expect(fromUnixSeconds('1711620900000')).toBe('2024-03-28T10:15:00.000Z');
    for (const bad of [' 0 ', '-1', '1e9', 'yesterday', '']) expect(fromUnixSeconds(bad), bad).toBeUndefined();
  });

  it('keeps http(s) addresses only', () => {
    expect(httpUrl(' https://example.com/a?b=1 ')).toBe('https://example.com/a?b=1');
    expect(httpUrl('http://example.org')).toBe('http://example.org');
    for (const bad of ['ftp://example.com', 'javascript:alert(1)', 'example.com', '', undefined]) expect(httpUrl(bad)).toBeNull();
  });
});
