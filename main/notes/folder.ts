/**
 * Writing many files into a folder the user chose (whole-library Markdown and HTML)
 * so that a cancel or failure leaves nothing half done: every file is first written
 * and fsynced into a staging folder `.lectern-export-<random>.tmp` inside the target
 * (same file system, so the final moves are renames); when all are written each is
 * renamed into place (a file of the same name is replaced: re-exporting updates the
 * notes), the target folder is fsynced once, and the staging folder is removed. On abort or error the staging folder is removed and
 * the target is as it was.
 */
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { syncFolder, writeChunksTo } from '../library/atomic';

export class StagedFolder {
  readonly target: string;
  readonly #staging: string;
  /** The first folder `open` had to create (removed again by `discard` if still empty). */
  readonly #created: string | undefined;
  readonly #names: string[] = [];
  #bytes = 0;

  private constructor(target: string, staging: string, created: string | undefined) {
    this.target = resolve(target);
    this.#staging = staging;
    this.#created = created;
  }

  /** Create the target (if needed) and its staging folder. */
  static async open(target: string): Promise<StagedFolder> {
    const created = await mkdir(resolve(target), { recursive: true });
    const staging = join(target, `.lectern-export-${randomBytes(6).toString('hex')}.tmp`);
    await mkdir(staging);
    return new StagedFolder(target, staging, created);
  }

  /**
   * Write one file (text chunks, or bytes as `[bytes]`) into the staging folder and fsync it. No temp file and rename
   * here: the staging folder is private, and the move into the target is the rename.
   * Several may be written at once; files are committed in the order their writes began.
   */
  async write(
    name: string,
    chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
    signal?: AbortSignal,
  ): Promise<void> {
    signal?.throwIfAborted();
    this.#names.push(name);
    const handle = await open(join(this.#staging, name), 'wx');
    try {
      // Added after the await: writes run at once, and `+=` would read the count before it.
      const written = await writeChunksTo(handle, chunks, { signal });
      this.#bytes += written;
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Move every staged file into the target; answers their final paths. */
  async commit(): Promise<string[]> {
    const files: string[] = [];
    for (const name of this.#names) {
      await rename(join(this.#staging, name), join(this.target, name));
      files.push(join(this.target, name));
    }
    // Best effort: the files are in place; a folder the user chose may refuse an fsync.
    await syncFolder(this.target).catch(() => undefined);
    await this.discard();
    return files;
  }

  /**
   * Remove the staging folder and everything in it; then the folders `open` created,
   * innermost first, as long as they are empty (`rmdir` refuses a folder that is not).
   */
  async discard(): Promise<void> {
    await rm(this.#staging, { recursive: true, force: true });
    if (this.#created === undefined) return;
    for (let dir = this.target; dir.length >= this.#created.length; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
      if (dir === this.#created) return;
    }
  }
}
