/**
 * The one error type the library throws. `code` is the bridge's closed list, so
 * `main/electron/ipc.ts` can turn it into a Result without guessing.
 */
import type { ErrorCode } from '../../common/result';

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The Node error code (`ENOENT`, `ENOSPC`, …) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write".
 * Falls back to the plain message for errors that are not OS errors.
 */
export function describeOsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const match = /^([A-Z][A-Z0-9_]+): ([^,]+)/.exec(message);
  if (match?.[2]) return `${match[2]} (${match[1]})`;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * An I/O failure on `file`, as a LibraryError the user can act on. `kept` says what
 * is still as it was ("Your highlight was not saved; the article is unchanged."),
 * so every error reaches the user with what was kept (ARCHITECTURE.md §3).
 */
export function ioError(
  action: 'read' | 'write' | 'move' | 'create' | 'list',
  file: string,
  error: unknown,
  kept?: string,
): LibraryError {
  if (error instanceof LibraryError) return kept && error.code === 'io' ? withKept(error, kept) : error;
  const what = `Could not ${action} ${file}: ${describeOsError(error)}`;
  return new LibraryError('io', kept ? `${what}. ${kept}` : what, { cause: error });
}

/** `error` with `kept` added to its message, unless it already says it. */
export function withKept(error: LibraryError, kept: string): LibraryError {
  if (error.message.includes(kept)) return error;
  const message = /[.!?]$/.test(error.message) ? `${error.message} ${kept}` : `${error.message}. ${kept}`;
  return new LibraryError(error.code, message, { cause: error.cause ?? error });
}
