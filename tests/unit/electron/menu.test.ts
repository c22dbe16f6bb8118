/** The application menu template: plain data, checked per platform. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('menu must not import electron at runtime');
});

import { buildMenuTemplate, type MenuCommand } from '../../../main/electron/menu';
import { MENU_SHORTCUTS, accelerator } from '../../../common/shortcuts';

type Item = MenuItemConstructorOptions;

function template(platform: NodeJS.Platform, isDev = false, send: (command: MenuCommand) => void = () => {}): Item[] {
  return buildMenuTemplate({ platform, appName: 'Lectern', isDev, send });
}

function submenuOf(item: Item | undefined): Item[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no submenu on ${item?.label ?? 'undefined'}`);
  return item.submenu;
}

function menu(items: Item[], label: string): Item[] {
  return submenuOf(items.find((item) => item.label === label));
}

function roles(items: Item[]): (string | undefined)[] {
  return items.filter((item) => item.type !== 'separator').map((item) => item.role);
}

function item(items: Item[], label: string): Item {
  const found = items.find((entry) => entry.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

/** Calls an item's click handler the way Electron would (menu item, window, event). */
function click(entry: Item): void {
  (entry.click as ((...args: unknown[]) => void) | undefined)?.({}, undefined, {});
}

const OTHERS: NodeJS.Platform[] = ['win32', 'linux'];

describe('buildMenuTemplate', () => {
  it('on macOS puts the app menu first, with the standard roles', () => {
    const items = template('darwin');
    expect(items.map((entry) => entry.label)).toStrictEqual(['Lectern', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(submenuOf(items[0]))).toStrictEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
  });

  it('on macOS has no Quit in File', () => {
    expect(roles(menu(template('darwin'), 'File'))).toStrictEqual([undefined, undefined, undefined, undefined, 'close']);
  });

  it.each(OTHERS)('on %s has no app menu and Quit in File', (platform) => {
    const items = template(platform);
    expect(items.map((entry) => entry.label)).toStrictEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(menu(items, 'File'))).toStrictEqual([undefined, undefined, undefined, undefined, 'close', 'quit']);
  });

  it('has the edit roles', () => {
    expect(roles(menu(template('darwin'), 'Edit'))).toStrictEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'selectAll',
    ]);
    expect(roles(menu(template('linux'), 'Edit'))).toStrictEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it.each(['darwin', 'win32', 'linux'] as NodeJS.Platform[])('on %s has no dev items unless isDev', (platform) => {
    const view = roles(menu(template(platform, false), 'View'));
    expect(view).not.toContain('reload');
    expect(view).not.toContain('forceReload');
    expect(view).not.toContain('toggleDevTools');
    // Library, Back, Search Library, Single-Key Shortcuts, Text and Layout…, three text sizes, Listen, then the roles.
    const own = Array<undefined>(9).fill(undefined);
    expect(view).toStrictEqual([...own, 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);

    const devView = roles(menu(template(platform, true), 'View'));
    expect(devView).toStrictEqual([
      ...own,
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
      'reload',
      'toggleDevTools',
    ]);
  });

  it.each([
    ['Text and Layout…', 'text-layout', 'CmdOrCtrl+Shift+A'],
    ['Increase Text Size', 'text-larger', 'CmdOrCtrl+='],
    ['Decrease Text Size', 'text-smaller', 'CmdOrCtrl+-'],
    ['Reset Text Size', 'text-reset', 'CmdOrCtrl+0'],
    ['Listen', 'listen', 'CmdOrCtrl+Shift+Space'],
  ])('View ▸ %s sends %s with %s', (label, command, key) => {
    for (const platform of ['darwin', 'win32', 'linux'] as NodeJS.Platform[]) {
      const send = vi.fn();
      const entry = item(menu(template(platform, false, send), 'View'), label);
      expect(entry.accelerator).toBe(key);
      click(entry);
      expect(send).toHaveBeenCalledExactlyOnceWith(command);
    }
  });

  it("keeps the window's zoom in View without the keys the article's text size took", () => {
    const view = menu(template('linux', false), 'View') as { role?: string; accelerator?: string }[];
    const zoom = view.filter((entry) => ['resetZoom', 'zoomIn', 'zoomOut'].includes(entry.role ?? ''));
    expect(zoom.map((entry) => entry.accelerator)).toStrictEqual(['CmdOrCtrl+Shift+0', 'CmdOrCtrl+Shift+=', 'CmdOrCtrl+Shift+-']);
    const textKeys = view.filter((entry) => entry.role === undefined).map((entry) => entry.accelerator);
    for (const accelerator of zoom.map((entry) => entry.accelerator)) expect(textKeys).not.toContain(accelerator);
  });

  it('Library sends go-library with CmdOrCtrl+Shift+L', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as NodeJS.Platform[]) {
      const send = vi.fn();
      const library = item(menu(template(platform, false, send), 'View'), 'Library');
      expect(library.accelerator).toBe('CmdOrCtrl+Shift+L');
      click(library);
      expect(send).toHaveBeenCalledExactlyOnceWith('go-library');
    }
  });

  it('View ▸ Single-Key Shortcuts is a checkbox in the stored state; clicking reports the new state', () => {
    for (const stored of [true, false]) {
      const changed = vi.fn(async () => {});
      const items = buildMenuTemplate({
        platform: 'linux',
        appName: 'Lectern',
        isDev: false,
        send: () => {},
        singleKeyShortcuts: stored,
        onSingleKeyShortcuts: changed,
      });
      const toggle = item(menu(items, 'View'), 'Single-Key Shortcuts');
      expect(toggle).toMatchObject({ type: 'checkbox', checked: stored });
      // Electron flips `checked` before calling click.
      (toggle.click as (item: { checked: boolean }) => void)({ checked: !stored });
      expect(changed).toHaveBeenCalledExactlyOnceWith(!stored);
    }
    expect(item(menu(template('darwin'), 'View'), 'Single-Key Shortcuts').checked).toBe(true);
  });

  it('View ▸ Single-Key Shortcuts goes back to the saved state when saving fails, and stays when it works', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error('disk full');
    });
    const items = buildMenuTemplate({ platform: 'linux', appName: 'Lectern', isDev: false, send: () => {}, singleKeyShortcuts: true, onSingleKeyShortcuts: save });
    const toggle = item(menu(items, 'View'), 'Single-Key Shortcuts');
    const clickWith = (entry: { checked: boolean }) => (toggle.click as (item: { checked: boolean }) => Promise<void>)(entry);
    // Electron flips `checked` on the live menu item, then calls click with it.
    const live = { checked: false };
    await clickWith(live);
    expect(save).toHaveBeenLastCalledWith(false);
    expect(live.checked).toBe(true);
    fail = false;
    live.checked = false;
    await clickWith(live);
    expect(live.checked).toBe(false);
    fail = true;
    live.checked = true;
    await clickWith(live);
    expect(live.checked).toBe(false); // back to the last state saved, not to the initial one
  });

  it('Search Library, Export Notes… and Import Notes… send their commands', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as NodeJS.Platform[]) {
      const send = vi.fn();
      const items = template(platform, false, send);
      const search = item(menu(items, 'View'), 'Search Library');
      expect(search.accelerator).toBe('CmdOrCtrl+K');
      click(search);
      const exportNotes = item(menu(items, 'File'), 'Export Notes…');
      expect(exportNotes.accelerator).toBe('CmdOrCtrl+Shift+E');
      click(exportNotes);
      click(item(menu(items, 'File'), 'Import Notes…'));
      expect(send.mock.calls).toEqual([['find-library'], ['export-notes'], ['import-notes']]);
    }
  });

  it('Add from URL… (Ctrl/Cmd+L) and Add Files… (Ctrl/Cmd+O) send their commands, first in File', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as NodeJS.Platform[]) {
      const send = vi.fn();
      const file = menu(template(platform, false, send), 'File');
      expect(file.slice(0, 3).map((entry) => entry.label ?? entry.type)).toEqual(['Add from URL…', 'Add Files…', 'separator']);
      const addUrl = item(file, 'Add from URL…');
      expect(addUrl.accelerator).toBe('CmdOrCtrl+L');
      click(addUrl);
      const addFiles = item(file, 'Add Files…');
      expect(addFiles.accelerator).toBe('CmdOrCtrl+O');
      click(addFiles);
      expect(send.mock.calls).toEqual([['add-url'], ['add-files']]);
    }
  });

  it('Back sends go-back with Cmd+[ on macOS and Alt+Left elsewhere', () => {
    const expected: [NodeJS.Platform, string][] = [
      ['darwin', 'Cmd+['],
      ['win32', 'Alt+Left'],
      ['linux', 'Alt+Left'],
    ];
    for (const [platform, accelerator] of expected) {
      const send = vi.fn();
      const back = item(menu(template(platform, false, send), 'View'), 'Back');
      expect(back.accelerator).toBe(accelerator);
      click(back);
      expect(send).toHaveBeenCalledExactlyOnceWith('go-back');
    }
  });

  it('takes the keys of its own commands from the table the renderer reads (common/shortcuts.ts)', () => {
    const items = template('linux');
    const expected: [string, string, keyof typeof MENU_SHORTCUTS][] = [
      ['File', 'Add from URL…', 'addUrl'],
      ['File', 'Add Files…', 'addFiles'],
      ['File', 'Export Notes…', 'exportNotes'],
      ['View', 'Library', 'goLibrary'],
      ['View', 'Back', 'back'],
      ['View', 'Search Library', 'searchLibrary'],
    ];
    for (const [menuLabel, label, key] of expected) {
      expect(item(menu(items, menuLabel), label).accelerator).toBe(accelerator(MENU_SHORTCUTS[key]));
    }
  });

  it('has the Window menu per platform', () => {
    const mac = template('darwin').find((entry) => entry.label === 'Window');
    expect(mac?.role).toBe('window');
    expect(roles(submenuOf(mac))).toStrictEqual(['minimize', 'zoom', 'front']);
    for (const platform of OTHERS) {
      expect(roles(menu(template(platform), 'Window'))).toStrictEqual(['minimize', 'close']);
    }
  });

  it('has a Help menu, with About Lectern outside macOS', () => {
    const macHelp = template('darwin').find((entry) => entry.label === 'Help');
    expect(macHelp?.role).toBe('help');
    expect(submenuOf(macHelp)).toStrictEqual([]);
    for (const platform of OTHERS) {
      const help = template(platform).find((entry) => entry.label === 'Help');
      expect(help?.role).toBe('help');
      expect(submenuOf(help)).toStrictEqual([{ role: 'about', label: 'About Lectern' }]);
    }
  });

  it('is plain data: building it sends nothing', () => {
    const send = vi.fn();
    template('linux', true, send);
    expect(send).not.toHaveBeenCalled();
  });
});
