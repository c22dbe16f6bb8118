/**
 * The library's versioned JSON files (`library.json`, `settings.json`,
 * `articles/<id>/article.json`, `articles/<id>/annotations.json`), read and changed
 * under the rules of ARCHITECTURE.md §3; one home for the check all of them share:
 *
 * - {@link judgeJson}: text that is not JSON, not an object or not the schema is
 *   unusable (a reason is given); a `format` newer than this version reads is
 *   refused with LibraryError('corrupt') and the file is left where it is.
 * - A missing file is the empty value (or `missing`).
 * - A file that does not parse is re-read inside its write queue (a write may just
 *   have replaced it) and, if still bad, moved to `.quarantine/` and reported; it
 *   then counts as empty. It is never overwritten in place.
 * - Every change is a read-modify-write inside the file's queue
 *   ({@link updateFileAtomic}), so concurrent callers never lose an update.
 */
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import type { LibraryProblem } from '../../common/model';
import { describeIssues } from '../../common/result';
import { updateFileAtomic, serializeOnFile, type AtomicFs } from './atomic';
import { LibraryError, errorCode, ioError } from './errors';
import { readIfExists, toJson } from './layout';
import { checkWritable } from './opens';
import { quarantineFile } from './quarantine';

/** What a file's text turned out to be: its value, or why it is unusable. */
export type Judged<T> = { value: T } | { reason: string };

/** One kind of versioned JSON file: its name and schema, and the newest `format` this version reads. */
export interface JsonFileKind<S extends v.GenericSchema> {
  /** The file's name, as reasons start (`settings.json`). */
  name: string;
  schema: S;
  /** The schema's name in reasons: `settings` → "does not match the settings schema". */
  schemaName: string;
  /** For a file with a `format` number: the newest one read, and what to tell the user of a newer file. */
  format?: { newest: number; update: string };
}

/** "an array", "a string", "null"…: what a JSON value is, when it should have been an object. */
export function notAnObject(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Why `raw` (the text of the file at `path`) is not a usable file of this kind, or
 * its parsed value. Throws LibraryError('corrupt') for a newer format: that file is
 * not damaged, only too new, so it must not be quarantined.
 */
export function judgeJson<S extends v.GenericSchema>(
  kind: JsonFileKind<S>,
  path: string,
  raw: string,
): Judged<v.InferOutput<S>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { reason: `${kind.name} is not valid JSON: ${(error as Error).message}` };
  }
  const what = notAnObject(json);
  if (what) return { reason: `${kind.name} holds ${what}, not an object` };
  const format = (json as { format?: unknown }).format;
  if (kind.format && typeof format === 'number' && format > kind.format.newest) {
    throw new LibraryError(
      'corrupt',
      `${path} has format ${format}, but this version of Lectern only reads format ${kind.format.newest}. ` +
        kind.format.update,
    );
  }
  const parsed = v.safeParse(kind.schema, json);
  if (!parsed.success) {
    return { reason: `${kind.name} does not match the ${kind.schemaName} schema: ${describeIssues(parsed.issues)}` };
  }
  return { value: parsed.output };
}

/** Where a JSON file is, and how its text is judged. */
export interface JsonFileSource<T> {
  /** The library folder. */
  dir: string;
  /** Path relative to the library, forward slashes (`articles/x/annotations.json`). */
  file: string;
  /** Its name in `.quarantine/` after the time stamp (`x-annotations.json`). */
  quarantineName: string;
  /** Parse the file's text. May throw a LibraryError to refuse a file without moving it (a newer format). */
  judge(raw: string): Judged<T>;
  now(): Date;
}

export interface JsonFileSpec<T> extends JsonFileSource<T> {
  /** The value of a missing (or quarantined) file. */
  empty(): T;
}

/** What reading a file found: its value, no file, or a file that was just moved to quarantine. */
export type JsonFileRead<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'missing' }
  | { kind: 'quarantined'; problem: LibraryProblem };

/** What a change decided: `next` is written; without it nothing is. */
export type Change<T, R> = { result: R; next?: T };

export const jsonFilePath = (spec: JsonFileSource<unknown>) => join(spec.dir, spec.file);

/** Read the file; an unusable one is re-read in its write queue and, if still unusable, quarantined and reported. */
export async function loadJsonFile<T>(spec: JsonFileSource<T>): Promise<JsonFileRead<T>> {
  const path = jsonFilePath(spec);
  const raw = await readIfExists(path);
  if (raw === undefined) return { kind: 'missing' };
  const judged = spec.judge(raw);
  if ('value' in judged) return { kind: 'ok', value: judged.value };
  return serializeOnFile(path, async (): Promise<JsonFileRead<T>> => {
    const again = await readIfExists(path);
    if (again === undefined) return { kind: 'missing' };
    const rejudged = spec.judge(again);
    if ('value' in rejudged) return { kind: 'ok', value: rejudged.value };
    const problem = await quarantineFile(spec.dir, spec.file, spec.quarantineName, rejudged.reason, spec.now());
    return { kind: 'quarantined', problem };
  });
}

/** Read the file: missing → empty; unusable → quarantined, reported, empty. */
export async function readJsonFile<T>(spec: JsonFileSpec<T>): Promise<T> {
  const read = await loadJsonFile(spec);
  return read.kind === 'ok' ? read.value : spec.empty();
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
  // Another Lectern holds this library: refuse before reading or writing (ARCHITECTURE.md §3).
  checkWritable(spec.dir);
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
