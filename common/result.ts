/**
 * Every answer across the bridge (and from a worker) is a {@link Result}: data, never a
 * thrown error. The error codes are a closed list; services throw errors carrying one
 * (see main/library/errors.ts) and the dispatcher turns them into answers.
 */
import type * as v from 'valibot';

/** The closed list of error codes an answer may carry. */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'io',
  'corrupt',
  'network',
  'too-large',
  'forbidden',
  'cancelled',
  /** The library is open read-only (another Lectern holds its lock); the message says why. */
  'read-only',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BridgeError {
  code: ErrorCode;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Describe valibot issues in one sentence a developer can act on. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
