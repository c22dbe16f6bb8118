/**
 * The values the CSV readers share (ARCHITECTURE.md §3): a tag made to Lectern's rule,
 * a date or Unix time made ISO 8601 UTC, an address kept only when it is http(s).
 */
import { MAX_TAG_CHARS, MAX_TAGS } from '../../common/model';

/** One source tag (or folder name) as a Lectern tag: whitespace runs made `-`, `#` and `,` dropped, at most 64 characters; empty → null. */
export function importTag(name: string): string | null {
  const tag = name.trim().replace(/[#,]/gu, '').replace(/\s+/gu, '-').replace(/^-+|-+$/gu, '');
  return tag === '' ? null : [...tag].slice(0, MAX_TAG_CHARS).join('');
}

/** Tags made to the rule, each once (first spelling, compared without case), at most {@link MAX_TAGS}. */
export function importTags(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const tag = importTag(name);
    if (tag !== null && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()].slice(0, MAX_TAGS);
}

/** Tags of a cell separated by commas (Readwise's form): `a, b,c` → `a`, `b`, `c`. */
export const commaTags = (cell: string | undefined) => importTags((cell ?? '').split(','));

/** Unix seconds (`1711620900`) → ISO UTC; anything else → undefined. */
export function fromUnixSeconds(cell: string | undefined): string | undefined {
  const text = (cell ?? '').trim();
  if (!/^\d{1,12}(\.\d+)?$/u.test(text)) return undefined;
  const date = new Date(Number(text) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

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

/** The address when it is http(s), trimmed; else null. */
export function httpUrl(cell: string | undefined): string | null {
  const text = (cell ?? '').trim();
  if (text === '') return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}

/** Why a row's URL cell is refused, in words. */
export const urlProblem = (cell: string | undefined) =>
  (cell ?? '').trim() === ''
    ? 'the row has no URL'
    : `the address is not an http(s) URL: "${(cell ?? '').trim().slice(0, 200)}"`;
