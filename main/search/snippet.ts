/**
 * Snippets as data: FTS5 snippet() output (matched words between private-use
 * markers) split into plain-text parts, and the scan engine's own snippets over
 * the same word boundaries. Never HTML: a note with `<script>` stays text.
 */
import type { SnippetPart } from '../../common/search';
import { ELLIPSIS, MARK_END, MARK_START, SEGMENT, fold, wordSpans } from './fold';

/** A part longer than this is cut (a 100,000-character "word" stays a snippet). */
const MAX_PART = 300;

function clamp(text: string): string {
  if (text.length <= MAX_PART) return text;
  let cut = text.slice(0, MAX_PART);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Append a part, merging it into the previous one when both are (un)matched alike. */
function push(parts: SnippetPart[], text: string, match: boolean): void {
  if (text === '') return;
  const last = parts.at(-1);
  if (last && last.match === match) last.text += text;
  else parts.push({ text, match });
}

function clampAll(parts: SnippetPart[]): SnippetPart[] {
  return parts.map((part) => ({ text: clamp(part.text), match: part.match }));
}

/** Split FTS5 snippet()/highlight() output marked with {@link MARK_START}/{@link MARK_END} into parts. */
export function parseMarked(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  // The segment characters the index put between Chinese or Japanese words (fold.ts) go: the text as written.
  let rest = marked.replaceAll(SEGMENT, '');
  while (rest !== '') {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      push(parts, rest.replaceAll(MARK_END, ''), false);
      break;
    }
    push(parts, rest.slice(0, start).replaceAll(MARK_END, ''), false);
    const end = rest.indexOf(MARK_END, start + 1);
    const stop = end < 0 ? rest.length : end;
    push(parts, rest.slice(start + 1, stop), true);
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return clampAll(parts);
}

/** Whether any part is a matched word. */
export const hasMatch = (parts: readonly SnippetPart[]) => parts.some((part) => part.match);

/**
 * A snippet of `text` around its first word for which `isMatch(folded word)` holds:
 * about `size` words, starting a few words before the match, whole words only,
 * with an ellipsis where text was left out. Null when no word matches.
 */
export function snippetOf(text: string, isMatch: (folded: string) => boolean, size: number): SnippetPart[] | null {
  const spans = wordSpans(text);
  const matched = spans.map((span) => isMatch(fold(span.word)));
  const first = matched.indexOf(true);
  if (first < 0) return null;
  const from = Math.max(0, Math.min(first - Math.floor(size / 4), spans.length - size));
  const to = Math.min(spans.length, from + size);
  const parts: SnippetPart[] = [];
  let cursor = from === 0 ? 0 : spans[from]!.start;
  if (from > 0) push(parts, ELLIPSIS, false);
  for (let i = from; i < to; i++) {
    const span = spans[i]!;
    push(parts, text.slice(cursor, span.start), false);
    push(parts, span.word, matched[i]!);
    cursor = span.end;
  }
  push(parts, to === spans.length ? text.slice(cursor) : ELLIPSIS, false);
  return clampAll(parts);
}

/** The first matched text of a snippet, at most 200 characters: the word "find in the article" opens with. */
export function firstTerm(parts: readonly SnippetPart[]): string {
  const text = parts.find((part) => part.match)?.text ?? '';
  if (text.length <= 200) return text;
  const cut = text.slice(0, 200);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
