/**
 * Formatting shared by the views: dates, reading time and reading progress,
 * in the words a reader sees. Pure functions, no DOM beyond `Intl`.
 */
import type { ReadingProgress } from '../common/model';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Parse a published date as the source gave it. A date or date-time without a zone
 * ("2024-03-28T02:00") is a local wall-clock time — `new Date()` would read a bare
 * date as UTC and could move it to the previous day. With a zone, the instant is kept.
 * Returns null when the text is not a date.
 */
export function parsePublished(text: string | null | undefined): Date | null {
  if (!text) return null;
  const trimmed = text.trim();
  const local = LOCAL_DATE_TIME.exec(trimmed);
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // Reject impossible dates (2024-02-31 would roll over into March).
    return date.getMonth() === Number(mo) - 1 && date.getDate() === Number(d) ? date : null;
  }
  const zoned = new Date(trimmed);
  return Number.isNaN(zoned.getTime()) ? null : zoned;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Dates already put in words (a long list shows the same few dates over and over; parsing a local date is not free). */
const published = new Map<string, string | null>();

/** "28 March 2024" in en-GB, "March 28, 2024" in en-US; the raw text if it is not a date. */
export function formatPublished(text: string | null | undefined, locale = navigator.language): string | null {
  if (text === null || text === undefined) return null;
  const key = `${locale}\n${text}`;
  const known = published.get(key);
  if (known !== undefined) return known;
  if (published.size >= 5_000) published.clear();
  const words = formatPublishedNow(text, locale);
  published.set(key, words);
  return words;
}

function formatPublishedNow(text: string, locale: string): string | null {
  const date = parsePublished(text);
  if (!date) return text?.trim() || null;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/** The value for a `<time datetime>` attribute: the source's own text when it is a date. */
export function machineDate(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  let known = machine.get(text);
  if (known === undefined) {
    if (machine.size >= 5_000) machine.clear();
    known = parsePublished(text) ? text.trim() : null;
    machine.set(text, known);
  }
  return known;
}
const machine = new Map<string, string | null>();

/** "2 min read". */
export function formatReadingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

/** Whole percent read, 0–100. */
export function percentRead(progress: ReadingProgress | null | undefined): number {
  if (!progress) return 0;
  return Math.min(100, Math.max(0, Math.round(progress.fraction * 100)));
}

/** "Not started", "42% read" or "Finished". */
export function formatProgress(progress: ReadingProgress | null | undefined): string {
  const percent = percentRead(progress);
  if (percent <= 0) return 'Not started';
  if (percent >= 100) return 'Finished';
  return `${percent}% read`;
}

/** The word for `n` things: `one` for exactly one, else `many` (by default `one` + "s"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** "1 note", "1,024 notes": the count in the reader's locale and the word for it. */
export function count(n: number, one: string, many?: string): string {
  return `${n.toLocaleString()} ${plural(n, one, many)}`;
}

/** "1 article", "20,000 articles" (in the reader's locale). */
export function countArticles(n: number): string {
  return count(n, 'article');
}

/**
 * A quote for a label or an announcement: white space collapsed, and cut to at most
 * `max` characters — at a word boundary where one is not too far back — with "…".
 */
export function shortQuote(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
