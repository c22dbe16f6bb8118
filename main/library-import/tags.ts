/**
 * Tags, folder names and labels from export files made into Lectern tags (the tag rule of
 * common/model.ts: 1–64 characters, no spaces, "#" or ","; ARCHITECTURE.md §3).
 */
import { MAX_TAG_CHARS } from '../../common/model';

/** One name as a tag: trimmed, runs of spaces → "-", "#" and "," dropped, cut to 64 characters; null when nothing is left. */
export function toTag(name: string): string | null {
  const tag = name
    .normalize('NFC')
    .trim()
    .replace(/[#,]/gu, '')
    .trim()
    .replace(/\s+/gu, '-');
  if (tag.length === 0) return null;
  let cut = '';
  for (const char of tag) {
    if (cut.length + char.length > MAX_TAG_CHARS) break; // the rule counts UTF-16 units; a pair is never split
    cut += char;
  }
  return cut.replace(/-+$/u, '') || null;
}

/** Names as tags, each once (compared without case; the first spelling kept), in order. */
export function toTags(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const name of names) {
    const tag = toTag(name);
    if (tag === null) continue;
    const key = tag.toLocaleLowerCase('en');
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}
