/**
 * The native file dialogs, as main/notes/transfer.ts asks for them. Every path the
 * app writes or reads on the reader's behalf comes from here: the renderer can
 * never name one.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { FileChooser } from '../saving/article-saving';
import type { Dialogs } from '../notes/transfer';

export function electronDialogs(window: () => BrowserWindow | null): Dialogs & FileChooser {
  const parent = () => {
    const win = window();
    return win && !win.isDestroyed() ? win : undefined;
  };
  const show = <T>(withParent: (win: BrowserWindow) => Promise<T>, without: () => Promise<T>) => {
    const win = parent();
    return win ? withParent(win) : without();
  };
  return {
    async saveFile({ title, defaultName, filters }) {
      const options = { title, defaultPath: join(app.getPath('documents'), defaultName), filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const result = await show((w) => dialog.showSaveDialog(w, options), () => dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder({ title }) {
      const options = { title, defaultPath: app.getPath('documents'), buttonLabel: 'Export here', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = await show((w) => dialog.showOpenDialog(w, options), () => dialog.showOpenDialog(options));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openFile({ title, filters }) {
      const options = { title, filters, properties: ['openFile' as const] };
      const result = await show((w) => dialog.showOpenDialog(w, options), () => dialog.showOpenDialog(options));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openFiles({ title, filters }) {
      const options = { title, filters, properties: ['openFile' as const, 'multiSelections' as const] };
      const result = await show((w) => dialog.showOpenDialog(w, options), () => dialog.showOpenDialog(options));
      return result.canceled ? null : result.filePaths;
    },
  };
}
