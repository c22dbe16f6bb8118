/**
 * Which libraries this process has open, and whether any of those opens holds the
 * library's lock (ARCHITECTURE.md §3, the library lock). While some open is read-only
 * and none holds the lock, nothing in that library is written by this process: the
 * JSON-file writers refuse with 'read-only' (the reason in words), the drafts file is
 * not written, and a bad file is reported, not moved to quarantine.
 */
import { resolve } from 'node:path';
import { LibraryError } from './errors';

interface Opens {
  readOnly: number;
  writable: number;
  reason: string;
}

const opens = new Map<string, Opens>();

/** Count an open of the library `dir`: read-only (with why) or holding its lock. Returns the matching release. */
export function registerOpen(dir: string, readOnly: string | null): () => void {
  const key = resolve(dir);
  const entry = opens.get(key) ?? { readOnly: 0, writable: 0, reason: '' };
  if (readOnly !== null) {
    entry.readOnly++;
    entry.reason = readOnly;
  } else entry.writable++;
  opens.set(key, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readOnly !== null) entry.readOnly--;
    else entry.writable--;
    if (entry.readOnly === 0 && entry.writable === 0 && opens.get(key) === entry) opens.delete(key);
  };
}

/** Why this process must not write in the library `dir`, or undefined when it may. */
export function readOnlyReason(dir: string): string | undefined {
  const entry = opens.get(resolve(dir));
  return entry && entry.readOnly > 0 && entry.writable === 0 ? entry.reason : undefined;
}

/** Throws LibraryError('read-only') with the reason while this process must not write in `dir`. */
export function checkWritable(dir: string): void {
  const reason = readOnlyReason(dir);
  if (reason !== undefined) throw new LibraryError('read-only', reason);
}
