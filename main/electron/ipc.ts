/**
 * The only `ipcMain.handle` site. Each contract channel gets one handler that first
 * checks the sender is our own window's main frame showing our own page, then hands
 * the payload (still `unknown`) to the dispatcher, which validates it.
 *
 * "Our own window" lasts until the window is destroyed (ARCHITECTURE.md §5): while it
 * closes, and after `getWindow()` has already let go of it, its page may still save
 * what it holds, so each window `getWindow()` ever answered is remembered until then.
 */
import { ipcMain as electronIpcMain, type BrowserWindow, type IpcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import * as v from 'valibot';
import { err } from '../../common/result';
import { CHANNEL_NAMES, events, type EventName, type EventPayload } from '../../common/ipc';
import type { Dispatch } from '../handlers';
import { grantHandler } from './file-grants';

/** Origins our renderer may be served from: the app protocol, and the dev server in development. */
export interface TrustedOrigins {
  appOrigin: string;
  devServerOrigin?: string | undefined;
}

export function isTrustedFrame(
  frame: WebFrameMain | null | undefined,
  window: BrowserWindow | null | undefined,
  origins: TrustedOrigins,
): boolean {
  if (!frame || !window || window.isDestroyed()) return false;
  try {
    if (frame !== window.webContents.mainFrame) return false;
  } catch {
    return false; // its web contents are already gone
  }
  let origin: string;
  try {
    const url = new URL(frame.url);
    origin = url.protocol === 'app:' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return false;
  }
  return origin === origins.appOrigin || (!!origins.devServerOrigin && origin === origins.devServerOrigin);
}

/** Registers every channel; `ipcMain` is Electron's unless a test hands in its own. */
export function registerIpc(
  dispatch: Dispatch,
  getWindow: () => BrowserWindow | null,
  origins: TrustedOrigins,
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = electronIpcMain,
): () => void {
  const seen = new Set<BrowserWindow>();
  const trusted = (frame: WebFrameMain | null | undefined): boolean => {
    const current = getWindow();
    if (current) seen.add(current);
    for (const window of seen) {
      if (window.isDestroyed()) seen.delete(window);
      else if (isTrustedFrame(frame, window, origins)) return true;
    }
    return false;
  };
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!trusted(event.senderFrame)) {
        return err('forbidden', `${channel}: the call did not come from Lectern's own window`);
      }
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends a contract event to the window, checking the payload against its schema first. */
export function sendEvent<E extends EventName>(
  window: BrowserWindow | null,
  event: E,
  payload: EventPayload<E>,
): void {
  if (!window || window.isDestroyed()) return;
  const parsed = v.safeParse(events[event].payload, payload);
  if (!parsed.success) throw new Error(`${event}: payload does not match the contract`);
  window.webContents.send(event, parsed.output);
}

/**
 * The preload-only channel on which the preload grants the paths of files really dropped
 * on the window (main/electron/file-grants.ts). Same sender check as every channel.
 */
export function registerFileGrants(
  grant: ReturnType<typeof grantHandler>,
  getWindow: () => BrowserWindow | null,
  origins: TrustedOrigins,
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = electronIpcMain,
): () => void {
  ipcMain.handle(grant.channel, (event: IpcMainInvokeEvent, payload: unknown) => {
    if (!isTrustedFrame(event.senderFrame, getWindow(), origins)) {
      return err('forbidden', `${grant.channel}: the call did not come from Lectern's own window`);
    }
    return grant.handle(event.sender.id, payload);
  });
  return () => ipcMain.removeHandler(grant.channel);
}
