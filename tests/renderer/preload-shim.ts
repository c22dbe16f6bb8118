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
);

// contextBridge.exposeInMainWorld defines a read-only, non-configurable property.
Object.defineProperty(window, 'lectern', { value: api, writable: false, configurable: false, enumerable: true });
Object.defineProperty(window, '__lecternEmit', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  },
});
