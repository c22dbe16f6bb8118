/**
 * The values every library-import reader shares (ARCHITECTURE.md §3): a source's labels,
 * folders or tags made into Lectern tags, its dates (ISO text, Readwise's spaced form, Unix
 * seconds, milliseconds) into ISO 8601 UTC, its addresses kept only when they are http(s),
 * and a schema issue in words.
 */
import { MAX_TAG_CHARS, MAX_TAGS } from '../../common/model';
import type { IMPORT_LIMITS } from './model';

/**
 * One source label, folder name or tag as a Lectern tag (1–64 characters, no spaces, "#"
 * or ","): spaces and commas become "-", "#" is dropped, cut to 64 UTF-16 units (the
 * rule's count) without splitting a pair. `null` when nothing is left.
 */
export function toTag(label: string): string | null {
  const tag = label
    .normalize('NFC')
    .trim()
    .replace(/#/gu, '')
    .replace(/[\s,]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^-+|-+$/gu, '');
  let cut = '';
  for (const char of tag) {
    if (cut.length + char.length > MAX_TAG_CHARS) break;
    cut += char;
  }
  return cut.replace(/-+$/u, '') || null;
}

/** Labels as tags, each once (the first spelling, compared without case), at most {@link MAX_TAGS}. */
export function toTags(labels: Iterable<string>): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const label of labels) {
    const tag = toTag(label);
    if (tag === null || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}

/**
 * A date as ISO 8601 UTC, or `undefined` when absent or unreadable. Takes ISO strings with
 * any offset (also `+0200` without its colon, as wallabag writes), and numbers as
 * milliseconds since 1970.
 */
export function toIsoUtc(value: unknown): string | undefined {
  let time: number;
  if (typeof value === 'number') time = value;
  else if (typeof value === 'string' && value.trim()) {
    const text = value.trim().replace(/([+-]\d{2})(\d{2})$/u, '$1:$2');
    if (!/^\d{4}-\d{2}-\d{2}/u.test(text)) return undefined;
    time = Date.parse(text);
  } else return undefined;
  if (!Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The address if it is http(s), else `null`. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}

/** A schema issue in words: the field, and "is missing" or valibot's message. */
export function describeIssue(issue: { path?: { key: unknown }[] | undefined; input: unknown; message: string }): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  if (!path) return issue.message;
  return issue.input === undefined ? `${path} is missing` : `${path}: ${issue.message}`;
}

/** The import limits as numbers, so a test can pass smaller ones. */
export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** Tags of a cell separated by commas (Readwise's form): `a, b,c` → `a`, `b`, `c`. */
export const commaTags = (cell: string | undefined) => toTags((cell ?? '').split(','));

/** Later than this many seconds is taken as milliseconds, then microseconds (PRTime). */
const SECONDS_UP_TO = 1e11; // the year 5138
const MILLISECONDS_UP_TO = 1e14;

/**
 * A Unix time (`time_added="1700000000"`, `ADD_DATE`, `created_at`) as ISO 8601 UTC; a
 * value in milliseconds or microseconds is recognised by its size. Empty, zero, negative
 * or not a number gives undefined.
 */
export function fromUnixTime(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^\d+(\.\d+)?$/u.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = n < SECONDS_UP_TO ? n * 1000 : n < MILLISECONDS_UP_TO ? n : n / 1000;
  const date = new Date(Math.round(ms));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Unix seconds in a cell (`1711620900`) → ISO UTC; anything else → undefined. */
export const fromUnixSeconds = (cell: string | undefined): string | undefined => fromUnixTime(cell);

/**
 * A date as the exports write it → ISO UTC: ISO 8601 (`2024-03-28T10:15:00Z`,
 * `2024-03-28T10:15:00.000+02:00`), Readwise's `2024-03-28 10:15:00+00:00` (a space
 * for the `T`; `+00` or `+0000` zones too), or a date alone. A time without a zone is
 * taken as UTC. Anything else → undefined.
 */
export function fromDateText(cell: string | undefined): string | undefined {
  const text = (cell ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/iu.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = frac === '' ? '' : `.${frac.slice(1, 4).padEnd(3, '0')}`;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date accepts 2024-02-31 as March 2nd: refuse a day that is not in its month.
  const check = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() + 1 !== Number(mo)) return undefined;
  return date.toISOString();
}

/** Why a row's URL cell is refused, in words. */
export const urlProblem = (cell: string | undefined) =>
  (cell ?? '').trim() === ''
    ? 'the row has no URL'
    : `the address is not an http(s) URL: "${(cell ?? '').trim().slice(0, 200)}"`;
