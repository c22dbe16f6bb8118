/**
 * Dates in export files → ISO 8601 UTC, the common model's form (ARCHITECTURE.md §3).
 */

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
