/**
 * A cheap pass over a JSON text before `JSON.parse` (ARCHITECTURE.md §3): it refuses nesting
 * past the import limit without building anything (stopping at once, so a hostile file is
 * not scanned to its end), and notes the 1-based line where each element of a top-level
 * array starts, so a malformed entry can be reported by line. Strings are skipped whole
 * (a bracket inside one is text, not nesting); the text is not otherwise checked — that
 * is the parser's job.
 */
import { ImportFileError } from './model';

export interface JsonScan {
  /** The line each element of the top-level array starts on (empty if the text is not an array). */
  elementLines: number[];
  /** The deepest nesting of arrays and objects (`0` for a bare value, `1` for `[]` or `{}`). */
  deepest: number;
}

export function scanJson(text: string, maxDepth: number): JsonScan {
  const elementLines: number[] = [];
  let depth = 0;
  let deepest = 0;
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
      deepest = Math.max(deepest, depth);
      if (depth > maxDepth) throw new ImportFileError(`The file is nested deeper than ${maxDepth} levels (line ${line}).`);
      if (depth === 1 && c === 0x5b) {
        topIsArray = true;
        expectElement = true;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    } else if (c === 0x2c /* , */ && depth === 1 && topIsArray) {
      expectElement = true;
    }
  }
  return { elementLines, deepest };
}

/** How deep `text` nests; past `stopAfter` the scan stops and answers `stopAfter + 1`. */
export function jsonDepth(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  try {
    return scanJson(text, stopAfter).deepest;
  } catch (error) {
    if (error instanceof ImportFileError) return stopAfter + 1;
    throw error;
  }
}

/** Whether `text` nests deeper than `limit` levels. */
export function jsonTooDeep(text: string, limit: number): boolean {
  return jsonDepth(text, limit) > limit;
}

/** Refuse `text` (the file or entry `where`) when it nests deeper than `limit`, before JSON.parse sees it. */
export function checkJsonDepth(text: string, limit: number, where: string): void {
  if (jsonTooDeep(text, limit)) {
    throw new ImportFileError(`"${where}" is nested more than ${limit} levels deep; Lectern reads JSON up to that depth.`);
  }
}
