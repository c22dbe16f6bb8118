/**
 * Atomic file writes with one write queue per file (ARCHITECTURE.md §3).
 *
 * A write goes to a temp file in the same folder (`.<name>.<random>.tmp`), is
 * fsynced, closed, renamed over the target, and then the folder is fsynced so
 * the rename itself survives a power cut. A reader therefore sees either the
 * old file or the new one, never half of one. On failure the temp file is
 * removed, the original is untouched, and the error is rethrown.
 *
 * Honest outcomes (ARCHITECTURE.md §3): once the rename is done the change is on
 * disk, so a folder fsync that fails afterwards is retried briefly and logged, never
 * reported as a failed write (a caller that retried would duplicate the change). On
 * Windows a rename refused with EPERM/EBUSY/EACCES (an antivirus or indexer holding
 * the file for a moment) is retried with a short backoff (about 1 s in all) before
 * the error is rethrown; elsewhere those codes mean a real permission problem and
 * fail at once.
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { errorCode } from './errors';

/** The part of a `FileHandle` an atomic write uses. */
export interface AtomicFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The part of `node:fs/promises` an atomic write uses; inject one to simulate failures. */
export interface AtomicFs {
  open(path: string, flags: string): Promise<AtomicFileHandle>;
  rename(oldPath: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

export interface AtomicWriteOptions {
  /** The file system to use; `node:fs/promises` when absent. */
  fs?: AtomicFs;
}

/** Told when a change reached the disk but its folder could not be fsynced. */
export type AtomicWarn = (message: string, error: unknown) => void;

/**
 * Process-wide settings of the retries; tests replace them (and put them back).
 * `platform` decides whether a refused rename is retried (win32 only: on other
 * systems EPERM/EBUSY/EACCES from rename are not transient).
 */
export const atomicSettings: {
  platform: () => NodeJS.Platform;
  warn: AtomicWarn;
  /** Pauses before each retry of a refused rename (win32); their sum bounds the wait. */
  renameRetryDelaysMs: readonly number[];
  /** Pauses before each retry of a folder fsync after a rename. */
  folderSyncRetryDelaysMs: readonly number[];
} = {
  platform: () => process.platform,
  warn: (message, error) => console.warn(message, error),
  renameRetryDelaysMs: [20, 40, 80, 160, 320, 480],
  folderSyncRetryDelaysMs: [10, 50],
};

/** Codes an antivirus or indexer causes on Windows by holding a file for a moment. */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * `fs.rename(from, to)`; on win32 retried after a pause while it is refused with
 * EPERM/EBUSY/EACCES, then the last error is rethrown. Other errors, and every error
 * elsewhere, are rethrown at once.
 */
export async function renameWithRetry(
  from: string,
  to: string,
  fs: Pick<AtomicFs, 'rename'> = nodeFs,
): Promise<void> {
  const delays = atomicSettings.platform() === 'win32' ? atomicSettings.renameRetryDelaysMs : [];
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !TRANSIENT_RENAME_CODES.has(errorCode(error) ?? '')) throw error;
      await pause(delay);
    }
  }
}

/**
 * Fsync `dir` after a rename into it. The rename is done, so this never throws: a
 * failure is retried briefly and then reported to `atomicSettings.warn`.
 */
export async function syncFolderAfterRename(dir: string, fs: Pick<AtomicFs, 'open'> = nodeFs): Promise<void> {
  const delays = atomicSettings.folderSyncRetryDelaysMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await syncFolder(dir, fs);
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined) {
        try {
          atomicSettings.warn(
            `Lectern: the change in ${dir} is saved, but the folder could not be flushed to disk ` +
              `(${attempt + 1} tries); a power cut now could undo it.`,
            error,
          );
        } catch {
          // A broken warning sink must not turn a saved change into a failure.
        }
        return;
      }
      await pause(delay);
    }
  }
}

/** Temp files are `.<name>.<hex>.tmp`; anything matching this in a library folder is stale after a crash. */
export const TEMP_FILE_PATTERN = /^\..*\.tmp$/;

/**
 * The temp files this process is writing right now (absolute paths): the background
 * sweep of a library's folders never removes one of these (ARCHITECTURE.md §3).
 */
const inFlight = new Set<string>();

/** Whether `path` is a temp file this process is writing now. */
export function isTempInFlight(path: string): boolean {
  return inFlight.has(resolve(path));
}

// ------------------------------------------------------------------ queues

const queues = new Map<string, Promise<unknown>>();

/**
 * Run `task` after every earlier task queued for the same file has settled.
 * Tasks for one path run one at a time in call order; different paths run in parallel.
 */
export function serializeOnFile<T>(path: string, task: () => Promise<T>): Promise<T> {
  const key = resolve(path);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

// ------------------------------------------------------------------ writes

/** Write `data` to `path` atomically, queued behind earlier writes to the same path. */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return serializeOnFile(path, () => writeNow(path, data, options.fs ?? nodeFs));
}

/**
 * Read-modify-write `path` inside its write queue: `update` gets the current
 * contents (UTF-8) and returns the new contents, which are written atomically.
 * Errors from reading (e.g. ENOENT) or from `update` are rethrown and nothing is written.
 */
export function updateFileAtomic(
  path: string,
  update: (current: string) => string | Promise<string>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  return serializeOnFile(path, async () => {
    const current = await fs.readFile(path, 'utf8');
    const next = await update(current);
    await writeNow(path, next, fs);
  });
}

function writeNow(path: string, data: string | Uint8Array, fs: AtomicFs): Promise<void> {
  return replaceFile(path, fs, (handle) => handle.writeFile(data));
}

/**
 * The one atomic replace: temp file in the same folder → `fill` it → fsync → close →
 * rename over `path` → fsync the folder. On failure (or when `signal` aborts before
 * the rename) the temp file is removed, `path` is as it was, and the error is rethrown.
 */
async function replaceFile<R>(
  path: string,
  fs: AtomicFs,
  fill: (handle: AtomicFileHandle) => Promise<R>,
  signal?: AbortSignal,
): Promise<R> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: AtomicFileHandle | undefined;
  let renamed = false;
  let result: R;
  const key = resolve(temp);
  inFlight.add(key);
  try {
    handle = await fs.open(temp, 'wx');
    result = await fill(handle);
    signal?.throwIfAborted();
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    signal?.throwIfAborted();
    await renameWithRetry(temp, path, fs);
    renamed = true;
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(key);
  }
  await syncFolderAfterRename(dir, fs);
  return result;
}

/**
 * Fsync the folder `dir`, so the renames into it survive a power cut (ARCHITECTURE.md §3).
 * Windows cannot open or fsync a folder: that is fine. Other errors are thrown.
 */
export async function syncFolder(dir: string, fs: Pick<AtomicFs, 'open'> = nodeFs): Promise<void> {
  let handle: AtomicFileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

// ------------------------------------------------------------------ streaming writes

/** Options of {@link writeChunksAtomic}. */
export interface ChunkWriteOptions {
  /** Aborting removes the temp file and rejects with the signal's reason; the target is untouched. */
  signal?: AbortSignal;
  /** Bytes gathered before each write to the file (default 256 KiB). */
  bufferBytes?: number;
}

/**
 * Write `chunks` to `path` atomically, without holding the whole content in memory:
 * temp file in the same folder → write the chunks (gathered into buffers of
 * `bufferBytes`) → fsync → close → rename over `path` → fsync the folder, queued
 * behind earlier writes to the same path. On failure or abort the temp file is
 * removed and `path` is as it was. Resolves to the bytes written.
 */
export function writeChunksAtomic(
  path: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  options: ChunkWriteOptions = {},
): Promise<number> {
  const { signal } = options;
  return serializeOnFile(path, () => {
    signal?.throwIfAborted();
    return replaceFile(path, nodeFs, (handle) => writeChunksTo(handle, chunks, options), signal);
  });
}

/**
 * Write `chunks` to an open file, gathered into buffers of `bufferBytes` (default
 * 256 KiB), checking `signal` between chunks; no fsync, no close. Resolves to the
 * bytes written. (The building block of {@link writeChunksAtomic}, for a caller that
 * owns the file's atomicity itself, e.g. a private staging folder.)
 */
export async function writeChunksTo(
  handle: { writeFile(data: Uint8Array): Promise<void> },
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  options: ChunkWriteOptions = {},
): Promise<number> {
  const { signal } = options;
  const limit = options.bufferBytes ?? 256 * 1024;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await handle.writeFile(data);
  };
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    pending.push(buffer);
    pendingBytes += buffer.length;
    bytes += buffer.length;
    if (pendingBytes >= limit) await flush();
  }
  await flush();
  return bytes;
}

// ------------------------------------------------------------------ quitting

/**
 * Resolves once every write queued so far (on any file) has settled, fulfilled or
 * not: quitting waits for it so the process never ends between a temp file and its
 * rename (ARCHITECTURE.md §3). Writes queued after the call are not waited for.
 */
export async function allWritesSettled(): Promise<void> {
  await Promise.all([...queues.values()]);
}
