/**
 * Which source an export file comes from, from its content — never its name
 * (ARCHITECTURE.md §3): the first bytes of a text file (64 KiB is plenty), or the entry
 * names of a zip. Each source is recognized by markers its own exporter always writes;
 * anything else is `null` ("not a file Lectern can import").
 */
import type { ImportSource } from './model';

/** How much of a text file to read for `detectSource`. */
export const DETECT_HEAD_BYTES = 64 * 1024;

/** From a zip's entry names: Pocket's `part_000000.csv`, Omnivore's `metadata_0_to_49.json`. */
function detectZip(names: readonly string[]): ImportSource | null {
  const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  if (names.some((n) => /^metadata_\d+(?:_to_\d+)?\.json$/i.test(base(n)))) return 'omnivore';
  if (names.some((n) => /^part_\d+\.csv$/i.test(base(n)) && !n.includes('annotations/'))) return 'pocket-csv';
  return null;
}

/** The header row of a CSV, as lower-case, unquoted, trimmed names. */
function csvHeader(text: string): string[] {
  const first = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (!first.includes(',')) return [];
  return first.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
}

const hasAll = (header: readonly string[], names: readonly string[]) => names.every((n) => header.includes(n));

function detectCsv(text: string): ImportSource | null {
  const header = csvHeader(text);
  if (header.length === 0) return null;
  // Readwise's highlights export, or the import form (Highlight,Title,Author,URL,Note,Location,Date).
  if (header[0] === 'highlight' && (hasAll(header, ['book title', 'book author']) || hasAll(header, ['title', 'author']))) {
    return 'readwise-highlights';
  }
  if (hasAll(header, ['title', 'url', 'id', 'document tags', 'saved date'])) return 'readwise-reader';
  if (hasAll(header, ['url', 'title', 'selection', 'folder'])) return 'instapaper';
  // One of Pocket's part_*.csv files, taken out of its zip.
  if (hasAll(header, ['title', 'url', 'time_added', 'tags', 'status'])) return 'pocket-csv';
  return null;
}

/** A metadata line of Kindle clippings in English, German, French or Spanish. */
const KINDLE_META = /^-\s*(?:Your\s+)?(?:Highlight|Note|Bookmark|Clip)\b|^-\s*(?:Ihre\s+Markierung|Ihre\s+Notiz|Ihr\s+Lesezeichen|Ihr\s+Ausschnitt)|^-\s*Votre\s+(?:surlignement|surlignage|note|signet|extrait)|^-\s*Tu\s+(?:subrayado|nota|marcador|recorte)/i;

function looksLikeClippings(text: string): boolean {
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (KINDLE_META.test(line) && line.includes('|') && (i === 1 || /^\s*={10}\s*$/.test(lines[i - 2] ?? ''))) return true;
  }
  return false;
}

/**
 * The source of a file, from the first bytes of its text (`head`), or for a zip from its
 * entry names; null when it is none Lectern reads.
 */
export function detectSource(head: string, zipEntryNames?: readonly string[]): ImportSource | null {
  if (zipEntryNames) return detectZip(zipEntryNames);
  const text = head.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return null;

  if (start.startsWith('{')) {
    if (start.includes('"export_userid"') || (start.includes('"export_date"') && start.includes('"annotations"'))) return 'hypothesis';
    return null;
  }
  if (start.startsWith('[')) {
    // wallabag: a list of entries, each with is_archived / is_starred (1.x: is_read / is_fav) beside its url.
    if (/^\[\s*\{/.test(start) && /"is_(?:archived|starred|read|fav)"\s*:/.test(start) && /"url"\s*:/.test(start)) return 'wallabag';
    return null;
  }
  if (start.startsWith('<')) {
    const lower = start.slice(0, 4096).toLowerCase();
    // Pocket's ril_export.html (some copies also carry the Netscape doctype).
    if (/<title>\s*pocket export\s*<\/title>/.test(lower)) return 'pocket-html';
    if (/<h1>\s*unread\s*<\/h1>/.test(lower) && /\btime_added\s*=/.test(start.toLowerCase())) return 'pocket-html';
    if (lower.includes('<!doctype netscape-bookmark-file-1>')) return 'bookmarks';
    return null;
  }
  if (looksLikeClippings(text)) return 'kindle';
  return detectCsv(start);
}
