/** The native dialogs with `electron` mocked: what is asked, and cancel answers null. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => `/home/reader/${name}` },
  dialog: fakes,
}));

import type { BrowserWindow } from 'electron';
import { electronDialogs } from '../../../main/electron/dialogs';

const window = { isDestroyed: () => false } as unknown as BrowserWindow;

describe('electronDialogs', () => {
  beforeEach(() => {
    fakes.showSaveDialog.mockReset();
    fakes.showOpenDialog.mockReset();
  });

  it('asks where to save, in Documents, over the window, and answers the chosen path', async () => {
    fakes.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/reader/documents/notes.md' });
    const path = await electronDialogs(() => window).saveFile({
      title: 'Export notes',
      defaultName: 'notes.md',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });
    expect(path).toBe('/home/reader/documents/notes.md');
    expect(fakes.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({
      title: 'Export notes',
      defaultPath: '/home/reader/documents/notes.md',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    }));
  });

  it('answers null when the reader cancels any dialog', async () => {
    fakes.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    fakes.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const dialogs = electronDialogs(() => window);
    expect(await dialogs.saveFile({ title: 't', defaultName: 'n', filters: [] })).toBeNull();
    expect(await dialogs.chooseFolder({ title: 't' })).toBeNull();
    expect(await dialogs.openFile({ title: 't', filters: [] })).toBeNull();
    expect(await dialogs.openFiles({ title: 't', filters: [] })).toBeNull();
  });

  it('picks several files to add, over the window', async () => {
    fakes.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/reader/a.html', '/home/reader/b.md'] });
    const filters = [{ name: 'Articles', extensions: ['html', 'md'] }];
    expect(await electronDialogs(() => window).openFiles({ title: 'Add files to the library', filters })).toEqual([
      '/home/reader/a.html',
      '/home/reader/b.md',
    ]);
    expect(fakes.showOpenDialog).toHaveBeenCalledWith(window, {
      title: 'Add files to the library',
      filters,
      properties: ['openFile', 'multiSelections'],
    });
  });

  it('picks a folder or a file, without a parent when the window is gone', async () => {
    fakes.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/reader/notes'] });
    fakes.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/reader/in.json'] });
    const dialogs = electronDialogs(() => null);
    expect(await dialogs.chooseFolder({ title: 'Export notes into a folder' })).toBe('/home/reader/notes');
    expect(await dialogs.openFile({ title: 'Import notes', filters: [{ name: 'JSON', extensions: ['json'] }] })).toBe('/home/reader/in.json');
    expect(fakes.showOpenDialog.mock.calls[0]).toHaveLength(1);
    expect(fakes.showOpenDialog.mock.calls[0]?.[0]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect(fakes.showOpenDialog.mock.calls[1]?.[0]).toMatchObject({ properties: ['openFile'] });
  });
});
