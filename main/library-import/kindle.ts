/**
 * Kindle's `My Clippings.txt` (ARCHITECTURE.md §3). Entries are separated by a line of
 * ten `=`; each is a `Title (Author)` line (the author is the last parenthesized group:
 * a title may hold parentheses of its own), a metadata line, a blank line and the text:
 *
 *     - Your Highlight on page 12 | Location 123-125 | Added on Thursday, 28 March 2024 10:15:00
 *
 * The metadata line is localized; English (UK and US dates), German, French and Spanish
 * are read. Highlights become the book's highlights; a note is attached to the highlight
 * whose location range holds the note's location, else kept in the book's note with
 * its location; bookmarks carry no text and are counted in `skipped.bookmarks`. Kindle
 * appends an edited highlight as a new entry: of two highlights with overlapping
 * locations where one's text holds the other's (or both begin or end alike), the later
 * is kept and the earlier counted in `skipped.duplicates`. Dates carry no zone (the
 * device's local time): they are read as UTC.
 *
 * The input is the file's text (a BOM, CRLF or CR line ends accepted). Malformed
 * entries are reported by the 1-based line of their first line.
 */
import {
  IMPORT_LIMITS,
  ImportFileError,
  type ImportedHighlight,
  type ImportedItem,
  type ImportProblem,
  type ParsedLibrary,
} from './model';

/** What was left out on purpose, with how many, for the preview. */
export interface KindleLibrary extends ParsedLibrary {
  skipped: { bookmarks: number; duplicates: number };
}

const SEPARATOR = /^\s*={10}\s*$/;

type Kind = 'highlight' | 'note' | 'bookmark';

/** The first words of the metadata line, per language (an older English firmware says just "Highlight"). */
const KINDS: readonly [RegExp, Kind][] = [
  [/^-\s*(?:Your\s+)?(?:Highlight|Clip)\b/i, 'highlight'],
  [/^-\s*(?:Your\s+)?Note\b/i, 'note'],
  [/^-\s*(?:Your\s+)?Bookmark\b/i, 'bookmark'],
  [/^-\s*(?:Ihre\s+Markierung|Ihr\s+Ausschnitt)/i, 'highlight'],
  [/^-\s*Ihre\s+Notiz/i, 'note'],
  [/^-\s*Ihr\s+Lesezeichen/i, 'bookmark'],
  [/^-\s*Votre\s+(?:surlignement|surlignage|extrait)/i, 'highlight'],
  [/^-\s*Votre\s+note/i, 'note'],
  [/^-\s*Votre\s+signet/i, 'bookmark'],
  [/^-\s*Tu\s+(?:subrayado|recorte)/i, 'highlight'],
  [/^-\s*Tu\s+nota/i, 'note'],
  [/^-\s*Tu\s+marcador/i, 'bookmark'],
];

/** Whether a line is a clippings metadata line in one of the languages read. */
export function clippingKind(line: string): Kind | null {
  for (const [pattern, kind] of KINDS) if (pattern.test(line)) return kind;
  return null;
}

/** Whether the first bytes of a text file look like a Kindle clippings file. */
export function looksLikeKindle(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  // The second line of the first entry is its metadata line; a file may also start
  // mid-way after a separator, so any metadata line right after a title line counts.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (clippingKind(line) && line.includes('|') && (i === 1 || SEPARATOR.test(lines[i - 2] ?? ''))) return true;
  }
  return false;
}

const PAGE = /\b(?:page|Seite|página|pagina)\s+([0-9ivxlcdm]+(?:-[0-9ivxlcdm]+)?)/i;
const LOCATION = /\b(?:Location|Loc\.|Position|emplacement|posición|ubicación)\s+(\d+)(?:\s*-\s*(\d+))?/i;
const ADDED = /\b(?:Added on|Hinzugefügt am|Ajouté le|Añadido el)\s+(.+)$/i;

const MONTHS: Record<string, number> = {};
(
  [
    ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
    ['januar', 'februar', 'marz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
    ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'],
    ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ] as const
).forEach((names) => names.forEach((name, index) => (MONTHS[name] = index + 1)));
MONTHS['jänner'.normalize('NFD').replace(/\p{M}/gu, '')] = 1; // Austrian German
MONTHS['setiembre'] = 9; // Spanish, also in use

/**
 * A clippings date in any of the languages read, as ISO UTC (the device's local time,
 * which carries no zone, taken as UTC), or undefined. Forms:
 * `Thursday, 28 March 2024 10:15:00`, `Thursday, March 28, 2024 10:15:00 AM`,
 * `Donnerstag, 28. März 2024 10:15:00`, `jeudi 28 mars 2024 10:15:00` (older: `à 10:15:00`),
 * `jueves, 28 de marzo de 2024 10:15:00`.
 */
export function parseClippingDate(words: string): string | undefined {
  const plain = words.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\.?)?/.exec(plain);
  const year = /\b(\d{4})\b/.exec(plain);
  if (!time || !year) return undefined;
  const rest = plain.replace(time[0], ' ').replace(year[0], ' ');
  const day = /\b(\d{1,2})\b/.exec(rest);
  let month: number | undefined;
  for (const word of rest.match(/\p{L}+/gu) ?? []) {
    if (MONTHS[word] !== undefined) {
      month = MONTHS[word];
      break;
    }
  }
  if (!day || month === undefined) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = Number(time[3] ?? 0);
  if (time[4] === 'p' && hour < 12) hour += 12;
  if (time[4] === 'a' && hour === 12) hour = 0;
  const d = Number(day[1]);
  const y = Number(year[1]);
  if (d < 1 || d > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(y, month - 1, d, hour, minute, second));
  if (date.getUTCDate() !== d) return undefined; // 31 February
  return date.toISOString();
}

/** Title and author from `Title (Author)`: the author is the last, balanced, parenthesized group. */
export function splitTitleLine(line: string): { title: string; author?: string } {
  const text = line.replace(/\uFEFF/g, '').trim();
  if (text.endsWith(')')) {
    let depth = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i];
      if (c === ')') depth++;
      else if (c === '(') {
        depth--;
        if (depth === 0) {
          const title = text.slice(0, i).trim();
          const author = text.slice(i + 1, -1).trim();
          if (title && author) return { title, author };
          break;
        }
      }
    }
  }
  return { title: text };
}

interface Clip {
  kind: Kind;
  line: number;
  order: number;
  text: string;
  location: string;
  /** The range used to match notes and duplicates: locations, else pages. */
  range?: { unit: 'location' | 'page'; from: number; to: number };
  createdAt?: string;
}

interface Book {
  item: ImportedItem;
  clips: Clip[];
}

function rangeOf(page: RegExpExecArray | null, location: RegExpExecArray | null): Clip['range'] {
  if (location) {
    const from = Number(location[1]);
    let to = location[2] ? Number(location[2]) : from;
    // Kindle sometimes writes the end short: "Location 1234-36".
    if (location[2] && to < from && location[2].length < location[1]!.length) {
      to = Number(location[1]!.slice(0, location[1]!.length - location[2].length) + location[2]);
    }
    return { unit: 'location', from, to: Math.max(from, to) };
  }
  if (page && /^\d+(?:-\d+)?$/.test(page[1]!)) {
    const [from, to] = page[1]!.split('-').map(Number) as [number, number | undefined];
    return { unit: 'page', from, to: Math.max(from, to ?? from) };
  }
  return undefined;
}

/** How many locations of a highlight's range are indexed to find its edited twin (a longer range is matched on its first ones and its last). */
const RANGE_INDEX_SPAN = 64;

const overlaps = (a: Clip['range'], b: Clip['range']) => !!a && !!b && a.unit === b.unit && a.from <= b.to && b.from <= a.to;
const within = (note: Clip['range'], h: Clip['range']) => !!note && !!h && note.unit === h.unit && note.from >= h.from && note.from <= h.to;

/** Whether two overlapping highlights are one edited: one's text holds the other's, or they begin or end alike. */
function sameHighlight(a: Clip, b: Clip): boolean {
  if (!overlaps(a.range, b.range)) return false;
  const x = a.text.trim();
  const y = b.text.trim();
  if (x.includes(y) || y.includes(x)) return true;
  const n = Math.min(24, x.length, y.length);
  return n >= 12 && (x.slice(0, n) === y.slice(0, n) || x.slice(-n) === y.slice(-n));
}

/** Later of two: by date when both have one and they differ, else by place in the file (Kindle appends). */
const later = (a: Clip, b: Clip) => ((a.createdAt && b.createdAt && a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.order > b.order) ? a : b);

/** Read a Kindle `My Clippings.txt` from its text. */
export async function readKindle(text: string): Promise<KindleLibrary> {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_LIMITS.fileBytes) {
    throw new ImportFileError(`The file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.`);
  }
  if (!looksLikeKindle(text.slice(0, 64 * 1024))) {
    throw new ImportFileError('The file is not a Kindle clippings file (no "Title (Author)" line followed by a "- Your Highlight…" line).');
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: ImportProblem[] = [];
  const skipped = { bookmarks: 0, duplicates: 0 };
  const books = new Map<string, Book>();
  let order = 0;

  const readEntry = (start: number, end: number) => {
    // Lines [start, end) of the file, 0-based; trailing and leading blank lines dropped.
    while (start < end && lines[start]!.replace(/\uFEFF/g, '').trim() === '') start++;
    while (end > start && lines[end - 1]!.trim() === '') end--;
    if (start >= end) return;
    const line = start + 1;
    const meta = lines[start + 1];
    if (meta === undefined || start + 1 >= end) {
      problems.push({ line, reason: 'An entry with a title and nothing else.' });
      return;
    }
    const kind = clippingKind(meta.trim());
    if (!kind) {
      problems.push({ line: line + 1, reason: `Not a highlight, note or bookmark line: "${meta.trim().slice(0, 80)}".` });
      return;
    }
    const { title, author } = splitTitleLine(lines[start]!);
    if (!title) {
      problems.push({ line, reason: 'An entry with no title.' });
      return;
    }
    if (kind === 'bookmark') {
      skipped.bookmarks++;
      return;
    }
    const body = lines
      .slice(start + 2, end)
      .join('\n')
      .trim();
    if (!body) {
      problems.push({ line, reason: `An empty ${kind}.` });
      return;
    }
    if (/^<You have reached the clipping limit/i.test(body)) {
      problems.push({ line, reason: "Kindle's clipping limit for this book was reached: no text kept for this highlight." });
      return;
    }
    const parts = meta.split('|');
    const page = PAGE.exec(parts[0] ?? '');
    const location = LOCATION.exec(meta);
    const added = ADDED.exec(meta);
    const clip: Clip = {
      kind,
      line,
      order: order++,
      text: body,
      location: [page?.[0], location?.[0]].filter(Boolean).join(' | '),
    };
    const range = rangeOf(page, location);
    if (range) clip.range = range;
    if (added) {
      const createdAt = parseClippingDate(added[1]!);
      if (createdAt) clip.createdAt = createdAt;
      else problems.push({ line: line + 1, reason: `A date not understood ("${added[1]!.trim()}"): kept without a date.` });
    }
    const key = `${title}\u0000${author ?? ''}`;
    let book = books.get(key);
    if (!book) {
      book = { item: { kind: 'book', url: null, title, tags: [], state: 'unread', highlights: [] }, clips: [] };
      if (author) book.item.author = author;
      books.set(key, book);
    }
    book.clips.push(clip);
  };

  let entryStart = 0;
  for (let i = 0; i < lines.length; i++) {
    if (SEPARATOR.test(lines[i]!)) {
      readEntry(entryStart, i);
      entryStart = i + 1;
    }
  }
  readEntry(entryStart, lines.length);

  const items: ImportedItem[] = [];
  for (const book of books.values()) {
    // Edited highlights: keep the later of each same pair.
    // The kept highlights are indexed by each location (or page) of their range, so a
    // book with thousands of highlights is not compared pair by pair.
    const kept: Clip[] = [];
    const slots = new Map<string, number[]>();
    const points = (clip: Clip) => {
      const r = clip.range;
      if (!r) return [];
      const keys: string[] = [];
      for (let n = r.from; n <= Math.min(r.to, r.from + RANGE_INDEX_SPAN); n++) keys.push(`${r.unit}:${n}`);
      if (r.to > r.from + RANGE_INDEX_SPAN) keys.push(`${r.unit}:${r.to}`); // where Kindle puts a note on it
      return keys;
    };
    for (const clip of book.clips) {
      if (clip.kind !== 'highlight') continue;
      const keys = points(clip);
      let twin = -1;
      for (const key of keys) {
        twin = slots.get(key)?.find((slot) => sameHighlight(kept[slot]!, clip)) ?? -1;
        if (twin !== -1) break;
      }
      if (twin === -1) {
        twin = kept.push(clip) - 1;
      } else {
        skipped.duplicates++;
        kept[twin] = later(kept[twin]!, clip);
      }
      for (const key of keys) {
        const list = slots.get(key);
        if (!list) slots.set(key, [twin]);
        else if (!list.includes(twin)) list.push(twin);
      }
    }
    kept.sort((a, b) => a.order - b.order);
    const highlights = new Map<Clip, ImportedHighlight>();
    for (const clip of kept) {
      const h: ImportedHighlight = { quote: clip.text, tags: [] };
      if (clip.createdAt) h.createdAt = clip.createdAt;
      if (clip.location) h.location = clip.location;
      highlights.set(clip, h);
    }
    const loose: string[] = [];
    for (const note of book.clips) {
      if (note.kind !== 'note') continue;
      // The latest highlight holding the note's location.
      let owner: Clip | undefined;
      const r = note.range;
      for (const slot of (r && slots.get(`${r.unit}:${r.from}`)) || []) {
        const h = kept[slot]!;
        if (within(r, h.range) && (!owner || h.order > owner.order)) owner = h;
      }
      const h = owner && highlights.get(owner);
      if (h) h.note = h.note ? `${h.note}\n\n${note.text}` : note.text;
      else loose.push(note.location ? `${note.location}: ${note.text}` : note.text);
    }
    book.item.highlights = [...highlights.values()];
    if (loose.length > 0) book.item.note = loose.join('\n\n');
    const dates = book.clips.map((c) => c.createdAt).filter((d): d is string => !!d).sort();
    if (dates[0]) book.item.savedAt = dates[0];
    items.push(book.item);
  }
  return { source: 'kindle', items, problems, skipped };
}
