/**
 * The one CSV reading step the CSV readers share (ARCHITECTURE.md §3): csv-parse's
 * streaming API over a file (read in chunks, never whole) or a string; the header row
 * gives the column names (a byte order mark stripped); every record comes with the
 * 1-based line it starts on. Quotes are strict (RFC 4180, no relaxing).
 *
 * - A malformed record (a field count unlike the header's, a stray or unclosed quote)
 *   is an {@link ImportProblem} with its line; the rest is read. A stray quote inside
 *   a quoted field makes csv-parse read on as if quoted until the next quote, so the
 *   rows up to it are reported as part of the same problem (they cannot be told apart).
 * - A record over `IMPORT_LIMITS.csvRowBytes` refuses the whole file with its line:
 *   csv-parse 7 cannot skip one (with `skip_records_with_error` it stops reading the
 *   chunk at the error and never finds the record's end, dropping the rest silently),
 *   so refusing is the only honest answer. A file over `IMPORT_LIMITS.fileBytes` is
 *   refused before anything is read.
 * - Empty lines are skipped without a problem.
 *
 * Line numbers: csv-parse counts a CRLF inside a quoted field as two lines; the count
 * is corrected here from each record's raw text.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { IMPORT_LIMITS, ImportFileError, type ImportProblem } from './model';

/** A CSV export: its text, or its path (then streamed). */
export type CsvInput = string | { path: string };

export interface CsvLimits {
  fileBytes: number;
  csvRowBytes: number;
}

export interface CsvRecord {
  /** The 1-based line the record starts on. */
  line: number;
  /** The cells by column name (as in the header, trimmed); a missing cell is absent. */
  cells: Record<string, string>;
}

const HEAD_BYTES = 64 * 1024;

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`;

/** The start of the file (up to 64 KB, BOM kept), to detect the format from its header. */
export async function readCsvHead(input: CsvInput): Promise<string> {
  if (typeof input === 'string') return input.slice(0, HEAD_BYTES);
  const file = await open(input.path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/** The header's column names from the start of a file (BOM and surrounding quotes removed). */
export function headerColumns(head: string): string[] {
  const first = head.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"(.*)"$/u, '$1').trim());
}

/** True when the header starts with exactly `columns` (in order), then possibly `optional` ones. */
export function headerIs(head: string, columns: readonly string[], optional: readonly string[] = []): boolean {
  const found = headerColumns(head);
  if (found.length < columns.length || found.length > columns.length + optional.length) return false;
  return found.every((c, i) => (i < columns.length ? columns[i] : optional[i - columns.length]) === c);
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    {
      const [, expected, got] = /length is (\d+), got (\d+)/u.exec(error.message) ?? [];
      return expected === undefined
        ? 'the row has a different number of fields than the header'
        : `the row has ${got} fields; the header has ${expected}`;
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by other text before the next comma (a stray quote)';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of an unquoted field';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (the file ends inside it)';
    default:
      return error.message;
  }
}

const newlines = (text: string) => (text.match(/\r\n|\r|\n/gu) ?? []).length;
/** A record's raw text without the empty lines before it and its own line break. */
const body = (raw: string) => raw.replace(/^[\r\n]+/u, '').replace(/\r\n?$|\n$/u, '');

/**
 * The records of a CSV file, streamed. Problems (by line) are pushed to `problems`;
 * a file too large, with a row too large, or with no header throws {@link ImportFileError}.
 */
export async function* readCsvRecords(
  input: CsvInput,
  problems: ImportProblem[],
  limits: CsvLimits = IMPORT_LIMITS,
): AsyncGenerator<CsvRecord> {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : (await stat(input.path)).size;
  if (size > limits.fileBytes) {
    throw new ImportFileError(`The file is ${megabytes(size)}; at most ${megabytes(limits.fileBytes)} can be imported.`);
  }
  // csv-parse counts a CRLF inside quotes twice: the extra ones seen so far.
  let extra = 0;
  let header: string[] | null = null;
  const parser = parse({
    bom: true,
    columns: (names: string[]) => (header = names.map((n) => n.trim())),
    info: true,
    raw: true,
    relax_quotes: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: limits.csvRowBytes,
    on_skip: (error) => {
      if (error === undefined) return;
      const line = (typeof error.lines === 'number' ? error.lines : 0) - extra;
      if (error.code === 'CSV_MAX_RECORD_SIZE') {
        throw new ImportFileError(
          `The row at line ${line} is over ${megabytes(limits.csvRowBytes)}, the most one row can be; the file is not imported.`,
        );
      }
      problems.push({ line, reason: describe(error) });
    },
  });
  const source = typeof input === 'string' ? Readable.from([input]) : createReadStream(input.path);
  source.on('error', (error: Error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const chunk of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number } }>) {
      const text = body(chunk.raw);
      extra += (text.match(/\r\n/gu) ?? []).length;
      yield { line: chunk.info.lines - extra - newlines(text), cells: chunk.record };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ImportFileError) throw cause;
    throw new ImportFileError(`The file could not be read as CSV: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
  if (header === null) throw new ImportFileError('The file is empty: it has no header row.');
}

/** Problems in file order (csv-parse reports a malformed row before the rows it buffered ahead of it are read). */
export const byLine = (problems: ImportProblem[]) => problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
