/**
 * Readwise's CSV files (ARCHITECTURE.md §3), told apart by their header:
 *
 * - its highlights export: `Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,
 *   Tags,Location Type,Location,Highlighted at,Document tags` (older files without
 *   `Document tags`). It has no URL: highlights group by title and author into books.
 * - its import form, `Highlight,Title,Author,URL,Note,Location,Date` (any of the columns
 *   after Highlight may be left out), which Lectern's own CSV export writes: a note's
 *   first line of `.tag` words is its tags; a cell that starts with `'` then `=`, `+`,
 *   `-`, `@`, a tab or a CR had the `'` added against spreadsheet formulas, and loses it;
 *   a row whose Highlight is its Title at Location 0 is the article's note (Lectern's
 *   convention). Highlights group by URL when there is one, else by title and author.
 * - Reader's library export: `Title,URL,ID,Document tags,Saved date,Reading progress,
 *   Location,Seen` (Location `archive` → archived, `shortlist` → starred; tags a list
 *   such as `['a', 'b']` or comma-separated).
 *
 * Highlights' tags are comma-separated; colors are kept as given. Dates (`2024-03-28
 * 10:15:00+00:00`, ISO 8601) become ISO UTC; one that does not parse is left out and
 * reported by line. An item with no URL is a book (`kind: 'book'`, `url: null`).
 *
 * Input: the file's text, or `{ path }` (streamed).
 */
import { byLine, headerColumns, headerIs, readCsvHead, readCsvRecords, type CsvInput, type CsvLimits } from './csv';
import { commaTags, fromDateText, httpUrl, toTags, urlProblem } from './values';
import {
  IMPORT_LIMITS,
  ImportFileError,
  type ImportedHighlight,
  type ImportedItem,
  type ImportProblem,
  type ParsedLibrary,
} from './model';

const EXPORT_COLUMNS = [
  'Highlight',
  'Book Title',
  'Book Author',
  'Amazon Book ID',
  'Note',
  'Color',
  'Tags',
  'Location Type',
  'Location',
  'Highlighted at',
] as const;
const IMPORT_FORM_COLUMNS = new Set(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
const READER_COLUMNS = ['Title', 'URL', 'ID', 'Document tags', 'Saved date', 'Reading progress', 'Location', 'Seen'] as const;

type Variant = 'export' | 'import-form' | 'reader';

function variantOf(head: string): Variant | null {
  if (headerIs(head, EXPORT_COLUMNS, ['Document tags'])) return 'export';
  if (headerIs(head, READER_COLUMNS)) return 'reader';
  const columns = headerColumns(head);
  if (
    columns[0] === 'Highlight' &&
    columns.includes('Title') &&
    columns.every((c) => IMPORT_FORM_COLUMNS.has(c)) &&
    new Set(columns).size === columns.length
  ) {
    return 'import-form';
  }
  return null;
}

/** True when the file's first line is a Readwise highlights CSV header (its export or its import form). */
export const looksLikeReadwiseHighlights = (head: string) => {
  const variant = variantOf(head);
  return variant === 'export' || variant === 'import-form';
};

/** True when the file's first line is Readwise Reader's library CSV header. */
export const looksLikeReadwiseReader = (head: string) => variantOf(head) === 'reader';

/** A cell with the `'` Lectern's (and spreadsheets') formula guard added taken off. */
const unguard = (cell: string | undefined) => (cell ?? '').replace(/^'(?=[=+\-@\t\r])/u, '');

/** A note whose first line is only `.tag` words: those tags, and the rest of the note. */
function splitInlineTags(note: string): { tags: string[]; note: string } {
  const [first = '', ...rest] = note.split(/\r\n|\n/u);
  const words = first.trim().split(/\s+/u);
  if (first.trim() === '' || !words.every((w) => /^\.\S+$/u.test(w))) return { tags: [], note };
  return { tags: toTags(words.map((w) => w.slice(1))), note: rest.join('\n') };
}

/** A list cell: `['a', 'b']`, `["a","b"]` or `a, b`. */
function listTags(cell: string | undefined): string[] {
  const text = (cell ?? '').trim();
  if (!text.startsWith('[')) return commaTags(text);
  const names = [...text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/gu)].map((m) => m[1] ?? m[2] ?? '');
  return toTags(names.map((n) => n.replace(/\\(.)/gu, '$1')));
}

class Grouper {
  readonly items = new Map<string, ImportedItem>();

  item(url: string | null, title: string, author: string): ImportedItem {
    const key = url !== null ? `url ${url}` : `book ${title}\n${author}`;
    let item = this.items.get(key);
    if (item === undefined) {
      item = { kind: url === null ? 'book' : 'article', url, title, tags: [], state: 'unread', highlights: [] };
      if (author !== '') item.author = author;
      this.items.set(key, item);
    }
    return item;
  }
}

function date(cell: string | undefined, column: string, line: number, problems: ImportProblem[]): string | undefined {
  const text = (cell ?? '').trim();
  if (text === '') return undefined;
  const iso = fromDateText(text);
  if (iso === undefined) problems.push({ line, reason: `the ${column} cell is not a date: "${text.slice(0, 100)}"` });
  return iso;
}

async function readHighlights(input: CsvInput, variant: Variant, limits: CsvLimits): Promise<ParsedLibrary> {
  const problems: ImportProblem[] = [];
  const groups = new Grouper();
  for await (const { line, cells } of readCsvRecords(input, problems, limits)) {
    const quote = variant === 'export' ? (cells.Highlight ?? '') : unguard(cells.Highlight);
    const title = (variant === 'export' ? cells['Book Title'] : unguard(cells.Title))?.trim() ?? '';
    const author = (variant === 'export' ? cells['Book Author'] : unguard(cells.Author))?.trim() ?? '';
    if (quote.trim() === '') {
      problems.push({ line, reason: 'the row has no highlight text' });
      continue;
    }
    if (title === '') {
      problems.push({ line, reason: 'the row has no title' });
      continue;
    }
    let url: string | null = null;
    const urlCell = variant === 'import-form' ? unguard(cells.URL).trim() : '';
    if (urlCell !== '') {
      url = httpUrl(urlCell);
      if (url === null) problems.push({ line, reason: `the URL is not http(s), grouped by title: "${urlCell.slice(0, 200)}"` });
    }
    const item = groups.item(url, title, author);
    if (variant === 'export') {
      item.tags = toTags([...item.tags, ...commaTags(cells['Document tags'])]);
      const highlight: ImportedHighlight = { quote, tags: commaTags(cells.Tags) };
      const note = cells.Note ?? '';
      if (note.trim() !== '') highlight.note = note;
      const color = (cells.Color ?? '').trim();
      if (color !== '') highlight.color = color;
      const where = (cells.Location ?? '').trim();
      if (where !== '') highlight.location = [(cells['Location Type'] ?? '').trim(), where].filter(Boolean).join(' ');
      const createdAt = date(cells['Highlighted at'], 'Highlighted at', line, problems);
      if (createdAt !== undefined) highlight.createdAt = createdAt;
      item.highlights.push(highlight);
      continue;
    }
    const { tags, note } = splitInlineTags(unguard(cells.Note));
    const where = unguard(cells.Location).trim();
    const createdAt = date(unguard(cells.Date), 'Date', line, problems);
    if (quote === title && where === '0' && note.trim() !== '' && tags.length === 0) {
      item.note = note; // Lectern's article-note row
      continue;
    }
    const highlight: ImportedHighlight = { quote, tags };
    if (note.trim() !== '') highlight.note = note;
    if (where !== '') highlight.location = where;
    if (createdAt !== undefined) highlight.createdAt = createdAt;
    item.highlights.push(highlight);
  }
  return { source: 'readwise-highlights', items: [...groups.items.values()], problems: byLine(problems) };
}

async function readReader(input: CsvInput, limits: CsvLimits): Promise<ParsedLibrary> {
  const problems: ImportProblem[] = [];
  const items: ImportedItem[] = [];
  for await (const { line, cells } of readCsvRecords(input, problems, limits)) {
    const url = httpUrl(cells.URL);
    if (url === null) {
      problems.push({ line, reason: urlProblem(cells.URL) });
      continue;
    }
    const location = (cells.Location ?? '').trim().toLowerCase();
    const item: ImportedItem = {
      kind: 'article',
      url,
      title: (cells.Title ?? '').trim() || url,
      tags: listTags(cells['Document tags']),
      state: location === 'archive' ? 'archived' : 'unread',
      highlights: [],
    };
    if (location === 'shortlist') item.starred = true;
    const savedAt = date(cells['Saved date'], 'Saved date', line, problems);
    if (savedAt !== undefined) item.savedAt = savedAt;
    const progressText = (cells['Reading progress'] ?? '').trim();
    if (progressText !== '') {
      const percent = progressText.endsWith('%');
      const value = Number(percent ? progressText.slice(0, -1) : progressText) / (percent ? 100 : 1);
      if (Number.isFinite(value) && value >= 0 && value <= 1) item.progress = value;
      else problems.push({ line, reason: `the Reading progress is not between 0 and 1: "${progressText.slice(0, 100)}"` });
    }
    items.push(item);
  }
  return { source: 'readwise-reader', items, problems: byLine(problems) };
}

/** A Readwise CSV (highlights export, import form, or Reader's library), told apart by its header. */
export async function readReadwise(input: CsvInput, limits: CsvLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  const variant = variantOf(await readCsvHead(input));
  if (variant === null) {
    throw new ImportFileError(
      'This is not a Readwise CSV: its first line is neither the highlights header ("Highlight,Book Title,…" or "Highlight,Title,…") nor Reader\'s ("Title,URL,ID,…").',
    );
  }
  return variant === 'reader' ? readReader(input, limits) : readHighlights(input, variant, limits);
}
