/**
 * Who is told when an article's row changes on disk (ARCHITECTURE.md §3, the catalog).
 * The writers of article folders (record.ts, staging.ts, trash.ts, library-file.ts) call
 * {@link rowWritten} / {@link rowRemoved} right after their write succeeded; every open
 * Library of that folder updates its catalog in the same step. A listener's failure is
 * logged, never reported as a failed write (the change is on disk; the next reconcile
 * of the catalog finds it).
 */
import { resolve } from 'node:path';
import { atomicSettings } from './atomic';
import type { ArticleRecord } from './schema';

export interface RowListener {
  /** articles/<id>/article.json was written: `record` is what it now holds (read it when absent). */
  written(id: string, record: ArticleRecord | undefined): void | Promise<void>;
  /** articles/<id>/ is gone (trashed). */
  removed(id: string): void;
}

const listeners = new Map<string, Set<RowListener>>();

/** Listen to the row changes of the library `dir`; returns the matching stop. */
export function watchRows(dir: string, listener: RowListener): () => void {
  const key = resolve(dir);
  const set = listeners.get(key) ?? new Set<RowListener>();
  set.add(listener);
  listeners.set(key, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
  };
}

/** Tell the library's listeners that articles/<id>/article.json now holds `record` (or was written: read it). */
export async function rowWritten(dir: string, id: string, record?: ArticleRecord): Promise<void> {
  for (const listener of [...(listeners.get(resolve(dir)) ?? [])]) {
    try {
      await listener.written(id, record);
    } catch (error) {
      warn(id, error);
    }
  }
}

/** Tell the library's listeners that articles/<id>/ is gone. */
export function rowRemoved(dir: string, id: string): void {
  for (const listener of [...(listeners.get(resolve(dir)) ?? [])]) {
    try {
      listener.removed(id);
    } catch (error) {
      warn(id, error);
    }
  }
}

function warn(id: string, error: unknown): void {
  try {
    atomicSettings.warn(`Lectern: the library's catalog could not take the change of "${id}"; it is corrected at the next check.`, error);
  } catch {
    // A broken warning sink must not turn a saved change into a failure.
  }
}
