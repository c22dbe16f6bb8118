/**
 * A cheap pass over a JSON text before `JSON.parse` (ARCHITECTURE.md §3): it refuses nesting
 * past the import limit without building anything, and notes the 1-based line where each
 * element of a top-level array starts, so a malformed entry can be reported by line.
 * Strings are skipped whole (a bracket inside one is text, not nesting).
 */
import { ImportFileError } from './model';

export interface JsonScan {
  /** The line each element of the top-level array starts on (empty if the text is not an array). */
  elementLines: number[];
}

export function scanJson(text: string, maxDepth: number): JsonScan {
  const elementLines: number[] = [];
  let depth = 0;
  let line = 1;
  let topIsArray = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0xfeff) continue;
    if (depth === 1 && topIsArray && expectElement && c !== 0x5d /* ] */) {
      elementLines.push(line);
      expectElement = false;
    }
    if (c === 0x22 /* " */) {
      // Skip the string: its end is the next quote not escaped by an odd run of backslashes.
      // (A raw line break inside a string is not JSON; JSON.parse refuses it after this.)
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end === -1 ? text.length : end;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > maxDepth) throw new ImportFileError(`The file is nested deeper than ${maxDepth} levels (line ${line}).`);
      if (depth === 1 && c === 0x5b) {
        topIsArray = true;
        expectElement = true;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c /* , */ && depth === 1 && topIsArray) {
      expectElement = true;
    }
  }
  return { elementLines };
}
