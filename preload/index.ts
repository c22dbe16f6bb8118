/**
 * The preload: exposes the contract's named methods as `window.lectern`.
 * Never `ipcRenderer` itself, never a generic invoke (ARCHITECTURE.md §5).
 * Built as CommonJS (`out/preload/index.cjs`) because sandboxed preloads cannot be ESM.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi } from './api';

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
    (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
  ),
);
