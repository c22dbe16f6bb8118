import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../main/notes/csv';
import { ARTICLE_NOTE, QUOTES, TRICKY_NOTE, expectGolden, storyPreview } from './helpers';

const TITLE = 'Russian intelligence chief discusses security cooperation in Pyongyang';

describe('CSV export (Readwise)', () => {
  it('matches the golden file', async () => {
    await expectGolden('story.csv', await storyPreview('csv'));
  });

  it('starts with a BOM and the exact header, ends every record with CRLF, and parses back field for field', async () => {
    const out = await storyPreview('csv');
    expect(out.startsWith('\uFEFFHighlight,Title,Author,URL,Note,Location,Date\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    const rows = parse(out, { bom: true, relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'],
      [TITLE, TITLE, 'AFP', '', ARTICLE_NOTE, '0', '2024-05-01T10:04:00.000Z'],
      [QUOTES.first, TITLE, 'AFP', '', '', '41', '2024-05-01T10:00:00.000Z'],
      [QUOTES.overlapping, TITLE, 'AFP', '', TRICKY_NOTE, '78', '2024-05-01T10:01:00.000Z'],
      [QUOTES.crossing, TITLE, 'AFP', '', '', '322', '2024-05-01T10:02:00.000Z'],
      [
        QUOTES.tagged,
        TITLE,
        'AFP',
        '',
        '.sanctions .북한 .un/security-council\n=HYPERLINK("http://example.com") and -1',
        '955',
        '2024-05-01T10:03:00.000Z',
      ],
    ]);
  });

  it('prefixes cells a spreadsheet would run as a formula with an apostrophe', async () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a = b')).toBe('a = b');
    const rows = parse(await storyPreview('csv', { includeTags: false }), { bom: true }) as string[][];
    expect(rows[5]![4]).toBe(`'=HYPERLINK("http://example.com") and -1`);
  });
});
