/**
 * Files the library cannot read are moved to `<library>/.quarantine/`, never
 * deleted, and reported (ARCHITECTURE.md §3). Reports are kept in memory for the life
 * of the process, per library folder, so the user sees them until restart even
 * if the library is opened again.
 */
import { access, mkdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { SHORT_TEXT_CHARS, type LibraryProblem } from '../../common/model';
import { renameWithRetry, syncFolderAfterRename, writeFileAtomic } from './atomic';
import { errorCode, ioError } from './errors';
import { readOnlyReason } from './opens';

export const QUARANTINE_DIR = '.quarantine';

const problemsByLibrary = new Map<string, LibraryProblem[]>();


/** Every problem reported for the library at `dir` since the process started, oldest first. */
export function problemsFor(dir: string): LibraryProblem[] {
  return [...(problemsByLibrary.get(resolve(dir)) ?? [])];
}

function record(dir: string, problem: LibraryProblem): void {
  const key = resolve(dir);
  const list = problemsByLibrary.get(key) ?? [];
  list.push(problem);
  problemsByLibrary.set(key, list);
}

/** A timestamp that is a valid file name on every OS: 2024-03-28T02-00-00-000Z. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const short = (reason: string) => (reason.length > SHORT_TEXT_CHARS ? `${reason.slice(0, SHORT_TEXT_CHARS - 1)}…` : reason);

/** Forward-slash form of a library-relative path, for reports. */
const slashes = (path: string) => path.split(sep).join('/');

/**
 * Move `<dir>/<file>` to `<dir>/.quarantine/<stamp>-<name>` (adding "-2", "-3", …
 * if that exists), record the problem and return it.
 *
 * @param file path relative to the library, e.g. `articles/x/article.json`
 * @param name the file name in quarantine after the stamp, e.g. `x-article.json`
 */
export async function quarantineFile(
  dir: string,
  file: string,
  name: string,
  reason: string,
  now: Date,
): Promise<LibraryProblem> {
  if (readOnlyReason(dir) !== undefined) {
    const problem: LibraryProblem = {
      file: slashes(file),
      movedTo: null,
      reason: short(`${reason} (left where it is: this library is open read-only)`),
    };
    record(dir, problem);
    return problem;
  }
  const { quarantineDir, target } = await freeName(dir, name, now);
  const from = join(dir, file);
  try {
    await renameWithRetry(from, join(quarantineDir, target));
  } catch (error) {
    throw ioError('move', from, error, 'The file was left where it is, unchanged.');
  }
  // Both folders changed: fsync them so the move survives a power cut (ARCHITECTURE.md §3).
  await syncFolderAfterRename(dirname(from));
  await syncFolderAfterRename(quarantineDir);
  const problem: LibraryProblem = {
    file: slashes(file),
    movedTo: `${QUARANTINE_DIR}/${target}`,
    reason: short(reason),
  };
  record(dir, problem);
  return problem;
}

/**
 * Set aside values of a file that are unusable while the rest of it is good (a setting
 * out of its range): they are written to `<dir>/.quarantine/<stamp>-<name>` as
 * `{ file, reason, values }` before the caller removes them from the file, and reported.
 * Nothing is written in a read-only library (the values are then only reported).
 *
 * @param values the unusable values by their path in the file (`reading.textSize`)
 */
export async function quarantineValues(
  dir: string,
  file: string,
  name: string,
  values: Readonly<Record<string, unknown>>,
  reason: string,
  now: Date,
): Promise<LibraryProblem> {
  if (readOnlyReason(dir) !== undefined) {
    const problem: LibraryProblem = { file: slashes(file), movedTo: null, reason: short(`${reason} (kept in the file: this library is open read-only)`) };
    record(dir, problem);
    return problem;
  }
  const { quarantineDir, target } = await freeName(dir, name, now);
  const body = `${JSON.stringify({ file: slashes(file), reason, values }, null, 2)}\n`;
  try {
    await writeFileAtomic(join(quarantineDir, target), body);
  } catch (error) {
    throw ioError('write', join(quarantineDir, target), error, `${file} was left as it is.`);
  }
  const problem: LibraryProblem = { file: slashes(file), movedTo: `${QUARANTINE_DIR}/${target}`, reason: short(reason) };
  record(dir, problem);
  return problem;
}

/** `.quarantine/` (created if missing) and a free name in it: `<stamp>-<name>`, else with "-2", "-3", … */
async function freeName(dir: string, name: string, now: Date): Promise<{ quarantineDir: string; target: string }> {
  const quarantineDir = join(dir, QUARANTINE_DIR);
  try {
    await mkdir(quarantineDir, { recursive: true });
  } catch (error) {
    throw ioError('create', quarantineDir, error);
  }
  const base = `${fileStamp(now)}-${name}`;
  let target = base;
  for (let n = 2; await exists(join(quarantineDir, target)); n++) {
    target = base.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
  }
  return { quarantineDir, target };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw ioError('read', path, error);
  }
}
