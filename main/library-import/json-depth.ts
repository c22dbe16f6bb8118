/**
 * How deep a JSON text nests, found by one cheap pass over its characters before
 * `JSON.parse` is asked to build it (ARCHITECTURE.md §3): a file nested past
 * `IMPORT_LIMITS.jsonDepth` is refused with the reason instead of costing the parser's
 * stack. Brackets inside strings (escapes included) are skipped; the text is not
 * otherwise checked — that is the parser's job.
 */

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The deepest nesting of arrays and objects in `text` (`0` for a bare value, `1` for
 * `[]` or `{}`). Stops as soon as the depth passes `stopAfter`, returning that depth,
 * so a hostile file is not scanned to its end.
 */
export function jsonDepth(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAfter) return deepest;
      }
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
  }
  return deepest;
}

/** Whether `text` nests deeper than `limit` levels. */
export function jsonTooDeep(text: string, limit: number): boolean {
  return jsonDepth(text, limit) > limit;
}
