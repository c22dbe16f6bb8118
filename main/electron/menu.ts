/**
 * The application menu as plain data (`main/electron/index.ts` passes it to
 * `Menu.buildFromTemplate`). Standard roles per platform, so the OS supplies the
 * usual labels, shortcuts and behaviour; the app's own commands (Library, Back,
 * Search Library, Add from URL…, Add Files…, Export Notes…, Import Notes…) are sent to the renderer through `send`;
 * (and View's Text and Layout…, text size and Listen items) their keys come from `common/shortcuts.ts`, the table the renderer's key handlers read.
 */
import type { MenuItemConstructorOptions } from 'electron';

import type { MenuCommand } from '../../common/ipc';
import { MENU_SHORTCUTS as KEYS, accelerator } from '../../common/shortcuts';

export type { MenuCommand };

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Adds Reload and Toggle Developer Tools to View (unpackaged builds only). */
  isDev: boolean;
  send: (command: MenuCommand) => void;
  /** View ▸ Single-Key Shortcuts starts checked when they are on (the default). */
  singleKeyShortcuts?: boolean;
  /**
   * The user checked or unchecked View ▸ Single-Key Shortcuts: save it. When the
   * promise rejects (not saved), the checkbox goes back to the state last saved.
   */
  onSingleKeyShortcuts?: (on: boolean) => Promise<unknown>;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { platform, appName, isDev, send, singleKeyShortcuts = true, onSingleKeyShortcuts = async () => {} } = options;
  const mac = platform === 'darwin';

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: `About ${appName}` },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const notesItems: MenuItemConstructorOptions[] = [
    // Both open in the library (the URL field, or main's open dialog for files).
    { label: 'Add from URL…', accelerator: accelerator(KEYS.addUrl), click: () => send('add-url') },
    { label: 'Add Files…', accelerator: accelerator(KEYS.addFiles), click: () => send('add-files') },
    separator,
    { label: 'Export Notes…', accelerator: accelerator(KEYS.exportNotes), click: () => send('export-notes') },
    { label: 'Import Notes…', click: () => send('import-notes') },
    separator,
  ];
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: mac
      ? [...notesItems, { role: 'close', label: 'Close Window' }]
      : [...notesItems, { role: 'close', label: 'Close Window' }, separator, { role: 'quit' }],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Library', accelerator: accelerator(KEYS.goLibrary), click: () => send('go-library') },
      { label: 'Back', accelerator: mac ? 'Cmd+[' : accelerator(KEYS.back), click: () => send('go-back') },
      { label: 'Search Library', accelerator: accelerator(KEYS.searchLibrary), click: () => send('find-library') },
      separator,
      // N, P, H and / in the reader; WCAG 2.1.4 asks that single-key shortcuts can be turned off.
      {
        label: 'Single-Key Shortcuts',
        type: 'checkbox',
        checked: singleKeyShortcuts,
        click: savedCheckbox(singleKeyShortcuts, onSingleKeyShortcuts),
      },
      separator,
      // The article's type, layout and theme (the Aa panel); Ctrl/⌘ + = / - / 0 size the article's text.
      { label: 'Text and Layout…', accelerator: accelerator(KEYS.textLayout), click: () => send('text-layout') },
      { label: 'Increase Text Size', accelerator: accelerator(KEYS.textLarger), click: () => send('text-larger') },
      { label: 'Decrease Text Size', accelerator: accelerator(KEYS.textSmaller), click: () => send('text-smaller') },
      { label: 'Reset Text Size', accelerator: accelerator(KEYS.textReset), click: () => send('text-reset') },
      { label: 'Listen', accelerator: accelerator(KEYS.listen), click: () => send('listen') },
      separator,
      // The whole window's zoom stays here, without the keys the article's text size took.
      // (Shift added; not Ctrl+Alt, which is AltGr on Windows and types characters there).
      { role: 'resetZoom', label: 'Actual Size', accelerator: 'CmdOrCtrl+Shift+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+Shift+=' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+Shift+-' },
      separator,
      { role: 'togglefullscreen' },
      ...(isDev ? [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = mac
    ? {
        label: 'Window',
        role: 'window',
        submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }],
      }
    : { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };

  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    // macOS puts About in the app menu and adds its own search field here.
    submenu: mac ? [] : [{ role: 'about', label: `About ${appName}` }],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/**
 * A checkbox's click handler that saves its state: Electron has already flipped
 * `checked` when it calls it; if `save` rejects, `checked` is put back to the state last
 * saved, so the menu never shows a setting that is not in effect.
 */
export function savedCheckbox(initial: boolean, save: (on: boolean) => Promise<unknown>): (item: { checked: boolean }) => Promise<void> {
  let saved = initial;
  return async (item) => {
    const on = item.checked;
    try {
      await save(on);
      saved = on;
    } catch {
      item.checked = saved;
    }
  };
}
