/**
 * A safe reader of the zip archives that exports come in (ARCHITECTURE.md §3), over yauzl.
 *
 * Opening reads the central directory only (entries one at a time, `lazyEntries`) and
 * refuses the whole archive, before any entry is inflated, when:
 * - the file is larger than `fileBytes`, or is not a zip;
 * - it has more than `zipEntries` entries;
 * - an entry's name climbs out (`..`), is absolute (`/x`, `C:…`, `//server`), holds a
 *   backslash or a NUL (names are decoded here, not by yauzl, so the reason can name them);
 * - an entry is a symbolic link (Unix mode in the high bits of its external attributes),
 *   is encrypted, or is named twice;
 * - the sizes the entries declare add up to more than `zipExpandedBytes`.
 * Then entries are read one at a time: the inflated bytes are counted as they come, over
 * the whole archive, and the read stops the moment the count passes `zipExpandedBytes`
 * (yauzl also stops an entry that inflates past its declared size), so a zip bomb is never
 * inflated to the end. Nothing is ever written to disk.
 *
 * The archive stays open after the listing (`autoClose: false`) because readers look at the
 * names first (detection) and read what they need after; `withZip` closes it in all cases.
 */
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import yauzl from 'yauzl';
import { IMPORT_LIMITS, ImportFileError } from './model';

export interface ZipLimits {
  fileBytes: number;
  zipEntries: number;
  zipExpandedBytes: number;
}

/** One file in the archive (folders are left out of the listing). */
export interface ZipEntryInfo {
  /** The path inside the archive, `/`-separated, checked. */
  name: string;
  /** The size it declares once inflated. */
  size: number;
}

/** Mode bits of a Unix symlink in the high 16 bits of `externalFileAttributes`. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why a name is refused, or null when it is a plain relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'an entry has no name';
  if (name.includes('\0')) return `the entry "${printable(name)}" has a NUL character in its name`;
  if (name.includes('\\')) return `the entry "${printable(name)}" has a backslash in its name`;
  if (name.startsWith('/')) return `the entry "${printable(name)}" has an absolute path`;
  if (/^[A-Za-z]:/u.test(name)) return `the entry "${printable(name)}" names a drive`;
  if (name.split('/').some((part) => part === '..')) {
    return `the entry "${printable(name)}" points outside the archive ("..")`;
  }
  return null;
}

function printable(name: string): string {
  const cut = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
  return cut.replace(/[\u0000-\u001f\u007f]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export class ZipArchive {
  /** Inflated bytes read so far, over all entries (what the limit is counted on). */
  expandedBytes = 0;
  readonly #zip: yauzl.ZipFile;
  readonly #entries: Map<string, yauzl.Entry>;
  readonly #limits: ZipLimits;

  private constructor(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, limits: ZipLimits) {
    this.#zip = zip;
    this.#entries = entries;
    this.#limits = limits;
  }

  /** Opens and checks the archive at `path` (see the file's header for what is refused). */
  static async open(path: string, limits: ZipLimits = IMPORT_LIMITS): Promise<ZipArchive> {
    const info = await stat(path);
    if (info.size > limits.fileBytes) {
      throw new ImportFileError(
        `The file is ${megabytes(info.size)}; Lectern reads export files up to ${megabytes(limits.fileBytes)}.`,
      );
    }
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
      });
    } catch (error) {
      throw new ImportFileError(`The file is not a zip archive (${(error as Error).message}).`);
    }
    try {
      if (zip.entryCount > limits.zipEntries) {
        throw new ImportFileError(
          `The zip has ${zip.entryCount.toLocaleString('en')} entries; Lectern reads at most ${limits.zipEntries.toLocaleString('en')}.`,
        );
      }
      const entries = new Map<string, yauzl.Entry>();
      let declared = 0;
      for await (const entry of zip.eachEntry()) {
        const name = entryName(entry);
        const unsafe = unsafeEntryName(name);
        if (unsafe) throw new ImportFileError(`The zip was refused: ${unsafe}.`);
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) throw new ImportFileError(`The zip was refused: the entry "${printable(name)}" is a symbolic link.`);
        if (entry.isEncrypted()) throw new ImportFileError(`The zip was refused: the entry "${printable(name)}" is encrypted.`);
        if (name.endsWith('/')) continue; // a folder
        if (entries.has(name)) throw new ImportFileError(`The zip was refused: the entry "${printable(name)}" is in it twice.`);
        declared += entry.uncompressedSize;
        if (declared > limits.zipExpandedBytes) {
          throw new ImportFileError(
            `The zip expands to more than ${megabytes(limits.zipExpandedBytes)}; Lectern reads archives up to that size.`,
          );
        }
        entries.set(name, entry);
      }
      return new ZipArchive(zip, entries, limits);
    } catch (error) {
      zip.close();
      if (error instanceof ImportFileError) throw error;
      throw new ImportFileError(`The zip archive could not be read (${(error as Error).message}).`);
    }
  }

  /** The files, in the archive's order. */
  get entries(): ZipEntryInfo[] {
    return [...this.#entries].map(([name, e]) => ({ name, size: e.uncompressedSize }));
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /**
   * The inflated bytes of one entry as a stream; counted against the archive's limit, and
   * failing with an ImportFileError (after destroying the inflater) the moment it is passed.
   */
  async stream(name: string): Promise<Readable> {
    const entry = this.#entries.get(name);
    if (!entry) throw new ImportFileError(`The zip has no entry "${printable(name)}".`);
    if (!entry.canDecodeFileData()) {
      throw new ImportFileError(
        `The zip entry "${printable(name)}" uses a compression Lectern cannot read (method ${entry.compressionMethod}).`,
      );
    }
    let raw: Readable;
    try {
      raw = await this.#zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new ImportFileError(`The zip entry "${printable(name)}" could not be read (${(error as Error).message}).`);
    }
    const limit = this.#limits.zipExpandedBytes;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.expandedBytes += chunk.length;
        if (this.expandedBytes > limit) {
          raw.unpipe(counter);
          raw.destroy();
          done(
            new ImportFileError(
              `The zip expands to more than ${megabytes(limit)}; Lectern reads archives up to that size (stopped in "${printable(name)}").`,
            ),
          );
          return;
        }
        done(null, chunk);
      },
    });
    // A reader that stops early (a refused header, an error further on) destroys the counter:
    // the inflater goes with it, so the archive's file can close.
    counter.on('close', () => {
      if (!raw.destroyed) {
        raw.unpipe(counter);
        raw.destroy();
      }
    });
    raw.on('error', (error: Error) => {
      counter.destroy(
        error instanceof ImportFileError
          ? error
          : new ImportFileError(`The zip entry "${printable(name)}" is damaged (${error.message}).`),
      );
    });
    return raw.pipe(counter);
  }

  /** One entry's text (UTF-8, a leading BOM dropped), read whole: for small entries such as JSON. */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(name)) chunks.push(chunk as Buffer);
    return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
  }

  /** The first `bytes` bytes of an entry as text (for detection), the rest never inflated. */
  async head(name: string, bytes = 4096): Promise<string> {
    const stream = await this.stream(name);
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
        length += (chunk as Buffer).length;
        if (length >= bytes) break; // leaving the loop destroys the stream, and the inflater with it
      }
    } finally {
      stream.destroy();
    }
    // A cut UTF-8 sequence at the end decodes to U+FFFD, harmless for detection.
    return new TextDecoder('utf-8').decode(Buffer.concat(chunks).subarray(0, bytes));
  }

  close(): void {
    this.#zip.close();
  }
}

/** Opens the archive, hands it to `use`, and closes it however `use` ends. */
export async function withZip<T>(
  path: string,
  use: (zip: ZipArchive) => Promise<T>,
  limits: ZipLimits = IMPORT_LIMITS,
): Promise<T> {
  const zip = await ZipArchive.open(path, limits);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // strictFileNames: true keeps backslashes as they are, so they are refused, not rewritten.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
}

function megabytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(bytes % (1024 ** 3) === 0 ? 0 : 1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
