/**
 * What every library-import reader makes of an export file (ARCHITECTURE.md §3): the
 * articles (or books) it names, with their tags, dates, state and highlights, in one
 * shape whatever the source, plus the problems met on the way (a malformed row, by line).
 * The readers are pure: they never touch the library; what is imported, and how, is
 * decided later from this.
 */

/** The sources Lectern reads, detected from a file's content (never its name). */
export const IMPORT_SOURCES = [
  'pocket-csv', // Pocket's 2025 export: a zip of part_000000.csv… (+ annotations/part_*.json)
  'pocket-html', // Pocket's older ril_export.html
  'instapaper', // Instapaper's CSV
  'omnivore', // Omnivore's zip: metadata_*.json, content/<slug>.html, highlights/<slug>.md
  'readwise-highlights', // Readwise's highlights CSV (its export, or the import form Lectern writes)
  'readwise-reader', // Readwise Reader's library CSV
  'hypothesis', // Hypothesis' JSON export
  'wallabag', // wallabag's JSON export
  'kindle', // Kindle's My Clippings.txt
  'bookmarks', // Netscape bookmark HTML (browsers, Raindrop, Pinboard, Linkwarden)
] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** A highlight as the source gives it. */
export interface ImportedHighlight {
  /** The highlighted text, as in the source (whitespace as given). */
  quote: string;
  /** The note written on it (Markdown or plain text), if any. */
  note?: string;
  /** The source's own color or label for it (`yellow`, `#ffd400`, `blue`…), mapped to Lectern's five later. */
  color?: string;
  tags: string[];
  /** When it was made, ISO 8601 UTC (converted from the source's form). */
  createdAt?: string;
  /** Text before and after the quote, when the source keeps them (Hypothesis), to place it. */
  prefix?: string;
  suffix?: string;
  /** Character offsets in the source's text, when it keeps them (Hypothesis' TextPositionSelector). */
  start?: number;
  end?: number;
  /** The source's location words ("page 12", "Location 1234-1236"), kept for the reader. */
  location?: string;
}

/** One article (or, for Kindle and unmatched Readwise books, a book) named by the file. */
export interface ImportedItem {
  kind: 'article' | 'book';
  /** The address, as given (http/https only; an item without one is a book or reported). */
  url: string | null;
  title: string;
  author?: string;
  tags: string[];
  /** When it was saved in the source, ISO 8601 UTC. */
  savedAt?: string;
  publishedAt?: string;
  /** Unread, or archived / read in the source. */
  state: 'unread' | 'archived';
  starred?: boolean;
  /** How far it was read, 0–1. */
  progress?: number;
  /** The article's own HTML, when the file carries it (Omnivore, wallabag): saved offline, sanitized as a saved page. */
  content?: { html: string };
  highlights: ImportedHighlight[];
  /** A note on the whole article. */
  note?: string;
}

/** Something in the file that could not be read; the rest is imported. */
export interface ImportProblem {
  /** 1-based line of a text file (CSV, clippings), when known. */
  line?: number;
  /** The zip entry or JSON path, when that is where it was. */
  entry?: string;
  reason: string;
}

/** A file read by one reader. */
export interface ParsedLibrary {
  source: ImportSource;
  items: ImportedItem[];
  problems: ImportProblem[];
}

/** A file refused whole (too large, not this format, a zip-slip entry…): the reason in words. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly code = 'invalid-input' as const;
}

/** The limits every reader keeps (ARCHITECTURE.md §3): past one, the file is refused with the reason. */
export const IMPORT_LIMITS = {
  /** A file, before anything is read. */
  fileBytes: 500 * 1024 * 1024,
  /** A zip's entries, all expanded together. */
  zipExpandedBytes: 2 * 1024 * 1024 * 1024,
  zipEntries: 100_000,
  /** One CSV row: a longer one refuses the file, naming its line (csv-parse cannot skip past it and go on). */
  csvRowBytes: 1024 * 1024,
  /** JSON nesting. */
  jsonDepth: 64,
} as const;
