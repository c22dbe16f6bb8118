/**
 * Reading a notes file to import, before anything is trusted: at most
 * {@link MAX_IMPORT_BYTES} (`too-large`), UTF-8 (a BOM is dropped), arrays and objects
 * nested at most {@link MAX_IMPORT_DEPTH} deep (checked on the text before parsing, so
 * a hostile file cannot make the parser or a later walk recurse without bound), then
 * JSON. Every refusal is a LibraryError whose message says what is wrong.
 */
import { open } from 'node:fs/promises';
import { LibraryError, describeOsError, errorCode } from '../library/errors';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_DEPTH = 64;

const number = (n: number) => n.toLocaleString('en');

/** The file's bytes, refusing more than {@link MAX_IMPORT_BYTES}. */
export async function readImportFile(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new LibraryError('not-found', `No file at ${path}`, { cause: error });
    throw new LibraryError('io', `Could not read ${path}: ${describeOsError(error)}`, { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new LibraryError('invalid-input', `${path} is not a file`);
    if (info.size > MAX_IMPORT_BYTES) throw tooLarge(info.size);
    // Read at most one byte past the limit: the file may have grown since stat.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_IMPORT_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_IMPORT_BYTES) throw tooLarge(length);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    throw new LibraryError('io', `Could not read ${path}: ${describeOsError(error)}`, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function tooLarge(size: number): LibraryError {
  return new LibraryError(
    'too-large',
    `The file is ${number(size)} bytes or more; a notes file may be at most ${number(MAX_IMPORT_BYTES)} bytes (50 MB)`,
  );
}

/** UTF-8 text of `bytes` without a BOM. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LibraryError('invalid-input', 'The file is not UTF-8 text');
  }
}

/** Refuse JSON text whose arrays and objects nest deeper than `max` (strings are skipped). */
export function checkDepth(text: string, max = MAX_IMPORT_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) {
        throw new LibraryError(
          'invalid-input',
          `The file nests arrays and objects more than ${max} levels deep; notes files are never that deep`,
        );
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
}

/** The parsed JSON of a notes file (size, encoding and depth checked first). */
export async function readImportJson(path: string): Promise<unknown> {
  const text = decodeUtf8(await readImportFile(path));
  checkDepth(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LibraryError('invalid-input', `The file is not valid JSON: ${(error as Error).message}`);
  }
}
