/**
 * Small conversions the content-carrying readers share (ARCHITECTURE.md §3): a source's
 * labels made into Lectern tags, its dates into ISO 8601 UTC, and its addresses kept only
 * when they are http(s).
 */
import { MAX_TAG_CHARS, MAX_TAGS } from '../../common/model';
import type { IMPORT_LIMITS } from './model';

/**
 * One source label as a Lectern tag (1–64 characters, no spaces, "#" or ","): spaces and
 * commas become "-", "#" is dropped. `null` when nothing is left.
 */
export function toTag(label: string): string | null {
  const tag = label
    .normalize('NFC')
    .trim()
    .replace(/#/gu, '')
    .replace(/[\s,]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^-+|-+$/gu, '');
  if (!tag) return null;
  return [...tag].slice(0, MAX_TAG_CHARS).join('');
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
