/**
 * CSV export in Readwise's import format: the columns exactly
 * `Highlight,Title,Author,URL,Note,Location,Date`, RFC 4180 (every field quoted when
 * it holds `"`, `,`, CR or LF; `"` doubled; CRLF between records), UTF-8 with a
 * byte order mark (so Excel reads it as UTF-8). One article or the whole library
 * gives one file.
 *
 * - Highlight: the quote. Title: the article's title. Author: its byline, else its
 *   publication. URL: its URL, else empty.
 * - Note: the note's Markdown; with tags, Readwise's inline tags come first on their
 *   own line (`.tag1 .tag2`, each tag with whitespace made `-`).
 * - Location: where the highlight starts, as a character offset into the article text
 *   (Readwise sorts by it; a larger Location is later in the article).
 * - Date: when the highlight was made, ISO 8601 in UTC (`2024-05-01T10:00:00.000Z`).
 * - The article note, when included, is one row first: Highlight is the article's
 *   title (Readwise needs a highlight), Note the article note, Location 0.
 *
 * Formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is
 * prefixed with `'`, so a spreadsheet shows it as text instead of running it.
 */
import { chunksToString } from './chunks';
import type { ExportModel } from './types';

export const CSV_HEADER = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;
export const BOM = '\uFEFF';

/** A cell made safe for spreadsheets, then quoted per RFC 4180 when needed. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const record = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The BOM and the header row. */
export const csvHead = () => `${BOM}${record(CSV_HEADER)}`;

/** The rows of one article (no header). */
export function csvRows(model: ExportModel): string {
  const { article } = model;
  const author = article.byline ?? article.site ?? '';
  const url = article.url ?? '';
  let out = '';
  const note = model.articleNote?.note ?? '';
  if (note !== '') out += record([article.title, article.title, author, url, note, '0', model.articleNote!.created]);
  for (const h of model.highlights) {
    const tags = h.tags.map((t) => `.${t.trim().replace(/\s+/g, '-')}`).join(' ');
    const cellNote = tags === '' ? h.note : h.note === '' ? tags : `${tags}\n${h.note}`;
    const location = String(h.placed?.start ?? h.target.position.start);
    out += record([h.target.quote.exact, article.title, author, url, cellNote, location, h.created]);
  }
  return out;
}

/** The whole CSV of `models`, in chunks (the header, then one per article). */
export async function* csvChunks(models: Iterable<ExportModel> | AsyncIterable<ExportModel>): AsyncGenerator<string> {
  yield csvHead();
  for await (const model of models) {
    const rows = csvRows(model);
    if (rows !== '') yield rows;
  }
}

export const csvToString = (model: ExportModel) => chunksToString(csvChunks([model]));
