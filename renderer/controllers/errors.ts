import { LecternError } from '../bridge';

/** The message to show for a failure: a LecternError's own words, or a plain fallback. */
export function errorMessage(cause: unknown): string {
  if (cause instanceof LecternError) return cause.message;
  if (cause instanceof Error && cause.message) return cause.message;
  return 'Something went wrong.';
}
