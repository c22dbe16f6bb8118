/**
 * JSON nesting checked before parsing (ARCHITECTURE.md §3): a file nested deeper than the
 * limit is refused with the reason, never handed to JSON.parse.
 */
import { ImportFileError } from './model';

/** Throws an ImportFileError when `text` nests objects/arrays deeper than `limit`. */
export function checkJsonDepth(text: string, limit: number, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) throw new ImportFileError(`"${where}" is nested more than ${limit} levels deep; Lectern reads JSON up to that depth.`);
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
}
