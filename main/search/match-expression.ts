/**
 * FTS5 MATCH expressions built from parsed query words. User text never becomes
 * FTS5 syntax: every token is a double-quoted string (quotes doubled), so `NEAR(`,
 * `AND`, `title:`, `*` or `-` typed by the user are only words (or separators).
 */
import type { Alternative, QueryWord } from './query-plan';

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

function alternative(alt: Alternative): string {
  return quote(alt.tokens.join(' ')) + (alt.prefix ? '*' : '');
}

function word(query: QueryWord): string {
  const alts = [...new Set(query.alternatives.map(alternative))];
  return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
}

/** Every word must match (an article's row holds all its fields). */
export function allWords(query: readonly QueryWord[]): string {
  return query.map(word).join(' AND ');
}

/** Any word may match (one annotation need not hold every word). */
export function anyWord(query: readonly QueryWord[]): string {
  return [...new Set(query.flatMap((q) => q.alternatives.map(alternative)))].join(' OR ');
}
