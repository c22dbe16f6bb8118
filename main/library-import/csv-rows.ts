/**
 * CSV rows of an export file, streamed (ARCHITECTURE.md §3): csv-parse's streaming API,
 * each row with its 1-based starting line; a malformed row, or one longer than the row
 * limit, becomes a problem with its line and the rest is read.
 *
 * csv-parse stops for good at its own `max_record_size`, so long rows are cut out before
 * it by {@link RowGuard}: it follows quotes and line ends over the raw bytes (`"` and LF
 * never occur inside a UTF-8 sequence), holds at most one row's worth of bytes, and puts
 * an over-long row's line ends in its place, so every later line keeps its number.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportProblem } from './model';

export interface CsvRow {
  fields: string[];
  /** The 1-based line the row starts on. */
  line: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Drops rows over `limit` bytes (see the file's header), reporting each by its first line,
 * and writes every CR LF as LF (csv-parse counts the CR of a CR LF inside quotes as a line
 * of its own; with LF alone its line numbers are the file's).
 */
export class RowGuard extends Transform {
  #inQuotes = false;
  #line = 1;
  #rowStart = 1;
  /** The row being read (at most limit + 1 bytes). */
  readonly #row: Buffer;
  #rowLength = 0;
  #rowLines = 0;
  /** A CR held back until the next byte shows whether it ends a line. */
  #cr = false;
  #dropping = false;
  readonly #limit: number;
  readonly #onLong: (line: number) => void;

  constructor(limit: number, onLong: (line: number) => void) {
    super();
    this.#limit = limit;
    this.#onLong = onLong;
    this.#row = Buffer.allocUnsafe(limit + 1);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const out: Buffer[] = [];
    for (const byte of chunk) {
      if (this.#cr) {
        this.#cr = false;
        if (byte !== LF) this.#append(CR);
      }
      if (byte === CR) {
        this.#cr = true;
        continue;
      }
      if (byte === QUOTE) this.#inQuotes = !this.#inQuotes;
      if (byte === LF) {
        this.#line += 1;
        this.#rowLines += 1;
        if (!this.#inQuotes) {
          // The row ends here; a dropped one leaves its lines, empty, so later lines keep their numbers.
          if (this.#dropping) out.push(Buffer.alloc(this.#rowLines, LF));
          else {
            this.#append(LF);
            out.push(Buffer.from(this.#row.subarray(0, this.#rowLength)));
          }
          this.#dropping = false;
          this.#rowLength = 0;
          this.#rowLines = 0;
          this.#rowStart = this.#line;
          continue;
        }
      }
      this.#append(byte);
    }
    if (out.length > 0) this.push(Buffer.concat(out));
    done();
  }

  #append(byte: number): void {
    if (this.#dropping) return;
    if (this.#rowLength === this.#limit) {
      this.#onLong(this.#rowStart);
      this.#dropping = true;
      this.#rowLength = 0;
      return;
    }
    this.#row[this.#rowLength] = byte;
    this.#rowLength += 1;
  }

  override _flush(done: TransformCallback): void {
    if (this.#cr) this.#append(CR);
    if (this.#dropping) this.push(Buffer.alloc(this.#rowLines, LF));
    else if (this.#rowLength > 0) this.push(Buffer.from(this.#row.subarray(0, this.#rowLength)));
    done();
  }
}

/**
 * The rows of a CSV byte stream (the header row included, as the first), UTF-8, a BOM
 * dropped, empty lines skipped; problems are pushed onto `problems` with their line.
 */
export async function* csvRows(
  input: Readable,
  rowBytes: number,
  problems: ImportProblem[],
  entry?: string,
): AsyncGenerator<CsvRow> {
  const where = entry === undefined ? {} : { entry };
  let lastSkipped = -1;
  const guard = new RowGuard(rowBytes, (line) => {
    problems.push({ ...where, line, reason: `the row is longer than ${rowBytes >= 1024 ? `${Math.round(rowBytes / 1024).toLocaleString('en')} KB` : `${rowBytes} bytes`} and was skipped` });
  });
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = (error as { lines?: number } | undefined)?.lines;
      if (line !== undefined && line === lastSkipped) return undefined; // csv-parse may report a row twice
      lastSkipped = line ?? -1;
      problems.push({ ...where, ...(line ? { line } : {}), reason: `the row is not valid CSV (${error?.message ?? 'unknown error'})` });
      return undefined;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  guard.on('error', (error) => parser.destroy(error));
  input.pipe(guard).pipe(parser);
  try {
    for await (const output of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      // info.lines is the line the row ends on; the LFs inside its quotes take it back to its start.
      // (raw may carry the line ends before the row and its own: neither is inside it.)
      const inner = output.raw.replace(/^\n+|\n$/gu, '').split('\n').length - 1;
      yield { fields: output.record, line: output.info.lines - inner };
    }
  } finally {
    // Stopped early or not, nothing is left reading (pipe() does not pass destroy() back).
    parser.destroy();
    guard.destroy();
    input.destroy();
  }
}
