/**
 * Paths main handed out for `library:add-files` (ARCHITECTURE.md §5): the renderer
 * never names a file main reads. When the reader drops files on the window, the preload
 * (isolated world) sees the browser's own `drop` event — page script cannot forge one
 * (`event.isTrusted`) — turns each File into its path with `webUtils.getPathForFile`, and
 * grants those paths to main on a preload-only channel (main/electron/ipc.ts). A grant
 * belongs to one window (its web contents), is used once, and expires; main's own open
 * dialog needs none (its paths never crossed the bridge). Plain Node.
 */
import { LibraryError } from '../library/errors';

/** How long a dropped file's grant lasts: the page asks to add it right after the drop. */
export const GRANT_TTL_MS = 60_000;
/** At most this many paths are held per window (older grants are dropped first). */
export const MAX_GRANTS = 10_000;

/** What `ArticleSaving` asks: take these paths (all or none); the ones never granted are returned. */
export interface GrantCheck {
  take(paths: readonly string[]): string[];
}

export class FileGrants {
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** owner → path → expiry (Map keeps insertion order: the oldest first). */
  readonly #byOwner = new Map<number, Map<string, number>>();

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? GRANT_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The preload saw these files dropped on `owner`'s window. */
  grant(owner: number, paths: readonly string[]): void {
    const held = this.#held(owner);
    const expires = this.#now() + this.#ttlMs;
    for (const path of paths) {
      held.delete(path);
      held.set(path, expires);
    }
    for (const path of held.keys()) {
      if (held.size <= MAX_GRANTS) break;
      held.delete(path);
    }
  }

  /**
   * Use the grants of `paths` (each once). All or nothing: when any path was never
   * granted (or its grant expired or was used), nothing is used and those paths are returned.
   */
  take(owner: number, paths: readonly string[]): string[] {
    const held = this.#held(owner);
    const now = this.#now();
    for (const [path, expires] of held) if (expires <= now) held.delete(path);
    const unique = [...new Set(paths)];
    const missing = unique.filter((path) => !held.has(path));
    if (missing.length === 0) for (const path of unique) held.delete(path);
    return missing;
  }

  /** The window is gone (closed, or its page replaced): its grants go with it. */
  revoke(owner: number): void {
    this.#byOwner.delete(owner);
  }

  /** The check for whichever window `owner()` names now (none: nothing is granted). */
  forOwner(owner: () => number | undefined): GrantCheck {
    return { take: (paths) => {
      const id = owner();
      return id === undefined ? [...new Set(paths)] : this.take(id, paths);
    } };
  }

  #held(owner: number): Map<string, number> {
    let held = this.#byOwner.get(owner);
    if (!held) {
      held = new Map();
      this.#byOwner.set(owner, held);
    }
    return held;
  }
}

/** The refusal when a payload names a file main did not hand out. */
export function notGranted(missing: readonly string[], total: number): LibraryError {
  const which = missing.length === total ? (total === 1 ? 'The file was' : 'These files were') : `${missing.length} of the ${total} files were`;
  return new LibraryError(
    'forbidden',
    `${which} not dropped on Lectern's window or chosen in its Add Files dialog, so Lectern will not read ${missing.length === 1 && total === 1 ? 'it' : 'them'}; nothing was added. Drop the files again.`,
  );
}
