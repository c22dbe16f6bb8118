/**
 * Builds `window.lectern` from the contract: one named method per channel and one
 * subscribe function per event. Transport-agnostic, so the Chromium test harness
 * runs this same code over `page.exposeBinding` instead of `ipcRenderer`.
 */
import * as v from 'valibot';
import { err } from '../common/result';
import { CHANNEL_NAMES, DROPPED_FILES_METHOD, EVENT_NAMES, channels, events, type LecternApi } from '../common/ipc';

/** Sends one request to main and resolves with main's raw answer. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Subscribes to one main → renderer event; returns the unsubscribe function. */
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;
/**
 * The path on disk of a dropped `File` (Electron's `webUtils.getPathForFile`), or ''
 * when it has none (a File made by page script). Only the preload can answer this.
 */
export type PathForFile = (file: unknown) => string;
/** Tells main the paths of files dropped on the window (the preload-only grant channel). */
export type GrantPaths = (paths: string[]) => Promise<unknown>;

/**
 * Watches `target` (the window) for drops, in the capture phase so it runs before any
 * page listener: for each drop the browser itself made (`event.isTrusted` — page script
 * cannot forge one), the dropped files' paths are granted to main, which then lets
 * `library:add-files` read exactly those, once (main/saving/file-grants.ts). Returns a
 * function that resolves when every grant sent so far has been answered.
 */
export function grantTrustedDrops(
  target: Pick<EventTarget, 'addEventListener'>,
  pathForFile: PathForFile,
  grant: GrantPaths,
): () => Promise<void> {
  let pending: Promise<unknown> = Promise.resolve();
  target.addEventListener(
    'drop',
    (event) => {
      if (!event.isTrusted) return;
      const files = (event as Event & { dataTransfer?: { files?: ArrayLike<unknown> } | null }).dataTransfer?.files;
      const paths = pathsOf(Array.from(files ?? []), pathForFile);
      if (paths.length === 0) return;
      const sent = grant(paths).catch(() => undefined);
      pending = Promise.all([pending, sent]);
    },
    { capture: true },
  );
  return () => pending.then(() => undefined);
}

/** The disk paths of `files` (Electron's `webUtils.getPathForFile`); files without one are left out. */
function pathsOf(files: readonly unknown[], pathForFile: PathForFile): string[] {
  const paths: string[] = [];
  for (const file of files) {
    let path: unknown = '';
    try {
      path = pathForFile(file);
    } catch {
      path = '';
    }
    if (typeof path === 'string' && path !== '') paths.push(path);
  }
  return paths;
}

/**
 * `addDroppedFiles(files)`: the only way the renderer can name files to add. It takes
 * the `File` objects of a drop, never strings; each becomes a path here, in the
 * preload, and main reads only paths it granted for a real drop, and validates each again.
 */
function droppedFilesMethod(invoke: Invoke, pathForFile: PathForFile | undefined, granted: () => Promise<void>) {
  return async (files: unknown) => {
    if (!pathForFile) return err('internal', 'Adding dropped files is not available here.');
    if (!Array.isArray(files)) return err('invalid-input', 'addDroppedFiles takes the files of a drop.');
    const paths = pathsOf(
      (files as unknown[]).filter((file) => typeof file === 'object' && file !== null),
      pathForFile,
    );
    if (paths.length === 0) return err('invalid-input', 'Only files from your disk can be added.');
    // The drop's grant reaches main first; main refuses paths it never granted.
    await granted();
    return invoke('library:add-files', { paths }).catch((cause: unknown) =>
      err('internal', `library:add-files failed: ${cause instanceof Error ? cause.message : String(cause)}`),
    );
  };
}

export function buildApi(
  invoke: Invoke,
  subscribe: Subscribe,
  pathForFile?: PathForFile,
  /** Resolves when the grants of earlier drops have reached main ({@link grantTrustedDrops}). */
  granted: () => Promise<void> = () => Promise.resolve(),
): LecternApi {
  const api: Record<string, unknown> = {};
  api[DROPPED_FILES_METHOD] = droppedFilesMethod(invoke, pathForFile, granted);
  for (const name of CHANNEL_NAMES) {
    if (channels[name].method === DROPPED_FILES_METHOD) continue;
    // Main always answers with a Result; a rejected invoke (no handler, destroyed
    // frame) becomes one too, so the renderer has a single error path.
    api[channels[name].method] = (input?: unknown) =>
      invoke(name, input).catch((cause: unknown) =>
        err('internal', `${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`),
      );
  }
  for (const name of EVENT_NAMES) {
    const schema = events[name].payload;
    api[events[name].method] = (listener: unknown) => {
      if (typeof listener !== 'function') {
        throw new TypeError(`${events[name].method} takes a function`);
      }
      // Parse what main sends as unknown first; drop anything off-contract.
      return subscribe(name, (payload) => {
        const parsed = v.safeParse(schema, payload);
        if (parsed.success) (listener as (p: unknown) => void)(parsed.output);
      });
    };
  }
  return Object.freeze(api) as LecternApi;
}
