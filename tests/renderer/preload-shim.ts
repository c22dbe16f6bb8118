/**
 * Runs in the page (bundled to an IIFE by global-setup.ts): builds `window.lectern`
 * with the real preload code (`preload/api.ts`), carried over Playwright's
 * `exposeBinding` instead of Electron IPC.
 */
import { buildApi } from '../../preload/api';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __lecternIpc(channel: string, input: unknown): Promise<unknown>;
  __lecternEmit?: (event: string, payload: unknown) => void;
}
const harness = window as unknown as HarnessWindow;
const listeners = new Map<string, Set<Listener>>();

/**
 * HARNESS ONLY — differs from Electron. In the app the preload asks
 * `webUtils.getPathForFile(file)`, which knows the path of a file dropped from the
 * desktop. Plain Chromium has no such thing (and a test cannot drag from the
 * desktop), so a test makes `File` objects in the page and registers the path each
 * stands for here; any other File has no path, as in Electron.
 */
const testFilePaths = new WeakMap<object, string>();
Object.defineProperty(window, '__lecternTestRegisterFile', {
  value: (file: File, path: string) => {
    testFilePaths.set(file, path);
  },
});

const api = buildApi(
  (channel, input) => harness.__lecternIpc(channel, input),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
  (file) => (typeof file === 'object' && file !== null ? (testFilePaths.get(file) ?? '') : ''),
);

// contextBridge.exposeInMainWorld defines a read-only, non-configurable property.
Object.defineProperty(window, 'lectern', { value: api, writable: false, configurable: false, enumerable: true });
Object.defineProperty(window, '__lecternEmit', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  },
});
