/**
 * Small JSON files the library owns besides article.json (`annotations.json`,
 * `settings.json`), read and changed under the rules of ARCHITECTURE.md §3:
 *
 * - A missing file is the empty value.
 * - A file that does not parse (JSON or schema) is re-read inside its write queue
 *   (a write may just have replaced it) and, if still bad, moved to `.quarantine/`
 *   and reported; it then counts as empty. It is never overwritten in place.
 * - Every change is a read-modify-write inside the file's queue
 *   ({@link updateFileAtomic}), so concurrent callers never lose an update.
 */
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { updateFileAtomic, serializeOnFile, type AtomicFs } from './atomic';
import { LibraryError, errorCode, ioError } from './errors';
import { readIfExists, toJson } from './layout';
import { quarantineFile } from './quarantine';

/** What a file's text turned out to be: its value, or why it is unusable. */
export type Judged<T> = { value: T } | { reason: string };

export interface JsonFileSpec<T> {
  /** The library folder. */
  dir: string;
  /** Path relative to the library, forward slashes (`articles/x/annotations.json`). */
  file: string;
  /** Its name in `.quarantine/` after the time stamp (`x-annotations.json`). */
  quarantineName: string;
  /** Parse the file's text. May throw a LibraryError to refuse a file without moving it (a newer format). */
  judge(raw: string): Judged<T>;
  /** The value of a missing (or quarantined) file. */
  empty(): T;
  now(): Date;
}

/** What a change decided: `next` is written; without it nothing is. */
export type Change<T, R> = { result: R; next?: T };

export const jsonFilePath = (spec: JsonFileSpec<unknown>) => join(spec.dir, spec.file);

/** Read the file: missing → empty; unusable → quarantined, reported, empty. */
export async function readJsonFile<T>(spec: JsonFileSpec<T>): Promise<T> {
  const path = jsonFilePath(spec);
  const raw = await readIfExists(path);
  if (raw === undefined) return spec.empty();
  const judged = spec.judge(raw);
  if ('value' in judged) return judged.value;
  return serializeOnFile(path, async () => {
    const again = await readIfExists(path);
    if (again === undefined) return spec.empty();
    const rejudged = spec.judge(again);
    if ('value' in rejudged) return rejudged.value;
    await quarantineFile(spec.dir, spec.file, spec.quarantineName, rejudged.reason, spec.now());
    return spec.empty();
  });
}

/** Thrown inside the queue when a change writes nothing; never escapes {@link updateJsonFile}. */
class Unchanged {
  constructor(readonly result: unknown) {}
}

/**
 * Read-modify-write the file inside its write queue. `change` gets the current value
 * (empty when missing or just quarantined) and may mutate it; when it returns `next`,
 * that is written atomically. Errors thrown by `change` propagate and nothing is written.
 */
export async function updateJsonFile<T, R>(spec: JsonFileSpec<T>, change: (current: T) => Change<T, R>): Promise<R> {
  const path = jsonFilePath(spec);
  let missing = false;
  // updateFileAtomic reads with fs.readFile; a missing file is a legitimate start here.
  const fs: AtomicFs = {
    open: nodeFs.open,
    rename: nodeFs.rename,
    unlink: nodeFs.unlink,
    readFile: async (file, encoding) => {
      missing = false;
      try {
        return await nodeFs.readFile(file, encoding);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        missing = true;
        return '';
      }
    },
  };
  let result: R | undefined;
  try {
    await updateFileAtomic(
      path,
      async (raw) => {
        let current: T;
        if (missing) {
          current = spec.empty();
        } else {
          const judged = spec.judge(raw);
          if ('value' in judged) {
            current = judged.value;
          } else {
            await quarantineFile(spec.dir, spec.file, spec.quarantineName, judged.reason, spec.now());
            current = spec.empty();
          }
        }
        const outcome = change(current);
        if (outcome.next === undefined) throw new Unchanged(outcome.result);
        result = outcome.result;
        return toJson(outcome.next);
      },
      { fs },
    );
  } catch (error) {
    if (error instanceof Unchanged) return error.result as R;
    if (error instanceof LibraryError) throw error;
    throw ioError('write', path, error);
  }
  return result as R;
}
