/**
 * The PDF printer with `electron` replaced by a recording fake: which window it
 * makes, what it loads, and that it cleans up. Whether Electron really prints is
 * covered by the Electron suite, where the binary exists.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  class FakeWindow {
    loaded: string | null = null;
    loadedText: string | null = null;
    destroyed = false;
    failLoad = false;
    printOptions: unknown = null;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    loadFile = vi.fn(async (file: string) => {
      this.loaded = file;
      const { readFileSync: read } = await import('node:fs');
      this.loadedText = read(file, 'utf8');
      if (this.failLoad) throw new Error('ERR_FAILED');
    });
    webContents = {
      printToPDF: vi.fn(async (options: unknown) => {
        this.printOptions = options;
        return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
      }),
    };
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
  }
  return { windows, FakeWindow, failNext: { load: false } };
});

vi.mock('electron', () => ({
  BrowserWindow: class extends fakes.FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      if (fakes.failNext.load) {
        this.failLoad = true;
        fakes.failNext.load = false;
      }
    }
  },
}));

import { printHtmlToPdf, printWebPreferences } from '../../../main/electron/pdf';

describe('printHtmlToPdf', () => {
  let dir: string;
  beforeEach(async () => {
    fakes.windows.length = 0;
    dir = await mkdtemp(join(tmpdir(), 'lectern-pdf-'));
  });

  it('prints in a hidden window with JavaScript off, sandboxed, in its own in-memory session', async () => {
    const pdf = await printHtmlToPdf('<!doctype html><p>Pyongyang</p>', dir);
    expect([...pdf]).toEqual([0x25, 0x50, 0x44, 0x46]);
    const [window] = fakes.windows;
    expect(window?.options['show']).toBe(false);
    expect(window?.options['webPreferences']).toEqual(printWebPreferences());
    expect(printWebPreferences()).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'lectern-print' });
    expect(printWebPreferences()).not.toHaveProperty('preload');
    expect(window?.loadedText).toBe('<!doctype html><p>Pyongyang</p>');
    expect(window?.printOptions).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(window?.destroyed).toBe(true);
    expect(existsSync(window!.loaded!)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('closes the window and removes the temp file when loading fails', async () => {
    fakes.failNext.load = true;
    await expect(printHtmlToPdf('<p>x</p>', dir)).rejects.toThrow('ERR_FAILED');
    expect(fakes.windows[0]?.destroyed).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });
});
