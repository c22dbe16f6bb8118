/** The preload-only grant channel in main (main/electron/ipc.ts `registerFileGrants`), with `electron` mocked. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { BrowserWindow, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNEL_NAMES, GRANT_DROPPED_FILES_CHANNEL } from '../../../common/ipc';
import { registerFileGrants } from '../../../main/electron/ipc';
import { grantHandler } from '../../../main/electron/file-grants';
import { FileGrants } from '../../../main/saving/file-grants';

const ORIGINS = { appOrigin: 'app://lectern' };

function setup() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => unknown) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const mainFrame = { url: 'app://lectern/index.html' } as WebFrameMain;
  const window = { isDestroyed: () => false, webContents: { mainFrame, id: 3 } } as unknown as BrowserWindow;
  const grants = new FileGrants();
  const dispose = registerFileGrants(grantHandler(grants), () => window, ORIGINS, ipcMain);
  return { handlers, grants, mainFrame, dispose };
}

describe('registerFileGrants', () => {
  it('is one channel, not on window.lectern (not a contract channel)', () => {
    const { handlers, dispose } = setup();
    expect([...handlers.keys()]).toEqual([GRANT_DROPPED_FILES_CHANNEL]);
    expect(CHANNEL_NAMES).not.toContain(GRANT_DROPPED_FILES_CHANNEL);
    dispose();
    expect(handlers.size).toBe(0);
  });

  it("grants for the sender's web contents, only from our window's main frame", async () => {
    const { handlers, grants, mainFrame } = setup();
    const handle = handlers.get(GRANT_DROPPED_FILES_CHANNEL)!;
    const subframe = { url: mainFrame.url } as WebFrameMain;
    expect(await handle({ senderFrame: subframe, sender: { id: 3 } } as unknown as IpcMainInvokeEvent, { paths: ['/home/r/a.md'] })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: `${GRANT_DROPPED_FILES_CHANNEL}: the call did not come from Lectern's own window` },
    });
    expect(grants.take(3, ['/home/r/a.md'])).toEqual(['/home/r/a.md']);
    expect(await handle({ senderFrame: mainFrame, sender: { id: 3 } } as unknown as IpcMainInvokeEvent, { paths: ['/home/r/a.md'] })).toEqual({ ok: true, value: null });
    expect(grants.take(3, ['/home/r/a.md'])).toEqual([]);
  });
});
