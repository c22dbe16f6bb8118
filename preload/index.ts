/**
 * The preload: exposes the contract's named methods as `window.lectern`.
 * Never `ipcRenderer` itself, never a generic invoke (ARCHITECTURE.md §5).
 * Built as CommonJS (`out/preload/index.cjs`) because sandboxed preloads cannot be ESM.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { GRANT_DROPPED_FILES_CHANNEL } from '../common/ipc';
import { buildApi, grantTrustedDrops, type PathForFile } from './api';

const pathForFile: PathForFile = (file) => (file instanceof File ? webUtils.getPathForFile(file) : '');

// Files the reader really drops on the window: their paths are granted to main before
// the page hears of the drop (capture phase; the preload's listener is the first).
const granted = grantTrustedDrops(window, pathForFile, (paths) => ipcRenderer.invoke(GRANT_DROPPED_FILES_CHANNEL, { paths }));

contextBridge.exposeInMainWorld(
  'lectern',
  buildApi(
    (channel, input) => ipcRenderer.invoke(channel, input),
    (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, handler);
      return () => {
        ipcRenderer.removeListener(event, handler);
      };
    },
    // Dropped files: their paths are read here, never named by the page.
    pathForFile,
    granted,
  ),
);
