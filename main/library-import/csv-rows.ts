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

/** Drops rows over `limit` bytes (see the file's header), reporting each by its first line. */
export class RowGuard extends Transform {
  #inQuotes = false;
  #line = 1;
  #rowStart = 1;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #dropping = false;
  #droppedLines = 0;
  readonly #limit: number;
  readonly #onLong: (line: number) => void;

  constructor(limit: number, onLong: (line: number) => void) {
    super();
    this.#limit = limit;
    this.#onLong = onLong;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === QUOTE) this.#inQuotes = !this.#inQuotes;
      else if (byte === LF) {
        this.#line += 1;
        if (this.#dropping) this.#droppedLines += 1;
        if (!this.#inQuotes) {
          // The row ends here.
          if (this.#dropping) {
            this.push(Buffer.alloc(this.#droppedLines, LF));
            this.#dropping = false;
            this.#droppedLines = 0;
          } else {
            this.#pending.push(chunk.subarray(from, i + 1));
            this.push(Buffer.concat(this.#pending));
          }
          this.#pending = [];
          this.#pendingBytes = 0;
          from = i + 1;
          this.#rowStart = this.#line;
          continue;
        }
      }
      if (!this.#dropping && this.#pendingBytes + (i + 1 - from) > this.#limit) {
        this.#onLong(this.#rowStart);
        this.#dropping = true;
        // The line ends already held are given back once the row ends.
        this.#droppedLines = countLf(this.#pending) + countLf([chunk.subarray(from, i + 1)]);
        this.#pending = [];
        this.#pendingBytes = 0;
      }
    }
    if (!this.#dropping && from < chunk.length) {
      const rest = chunk.subarray(from);
      this.#pending.push(rest);
      this.#pendingBytes += rest.length;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#dropping) this.push(Buffer.alloc(this.#droppedLines, LF));
    else if (this.#pending.length > 0) this.push(Buffer.concat(this.#pending));
    done();
  }
}

function countLf(buffers: Buffer[]): number {
  let n = 0;
  for (const b of buffers) for (const byte of b) if (byte === LF) n += 1;
  return n;
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
  const guard = new RowGuard(rowBytes, (line) => {
    problems.push({ ...where, line, reason: `the row is longer than ${Math.round(rowBytes / 1024)} KB and was skipped` });
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
      problems.push({ ...where, ...(line ? { line } : {}), reason: `the row is not valid CSV (${error?.message ?? 'unknown error'})` });
      return undefined;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  guard.on('error', (error) => parser.destroy(error));
  input.pipe(guard).pipe(parser);
  for await (const output of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    const inner = output.raw.split('\n').length - 1;
    yield { fields: output.record, line: output.info.lines - inner };
  }
}
