/**
 * The PDF printer with `electron` replaced by a recording fake: which window it
 * makes, what it loads (never a file:// page: a data: URL, or the print session's own
 * app: scheme for a big export), and that it cleans up. Whether Electron really loads
 * and prints these is covered by the Electron suite, where the binary exists.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  type Handler = (request: Request) => Response | Promise<Response>;
  class FakeProtocol {
    handlers = new Map<string, Handler>();
    handle = vi.fn((scheme: string, handler: Handler) => {
      if (this.handlers.has(scheme)) throw new Error(`The scheme has been handled: ${scheme}`);
      this.handlers.set(scheme, handler);
    });
    isProtocolHandled = vi.fn((scheme: string) => this.handlers.has(scheme));
  }
  /** One in-memory session per partition, as Electron keeps them. */
  const sessions = new Map<string, { protocol: FakeProtocol }>();
  const windows: FakeWindow[] = [];
  class FakeWindow {
    loaded: string | null = null;
    /** What the page's URL answered while it was loaded (the HTML the window saw). */
    loadedText: string | null = null;
    destroyed = false;
    failLoad = false;
    printOptions: unknown = null;
    webContents: { session: { protocol: FakeProtocol }; printToPDF: (options: unknown) => Promise<Uint8Array> };
    constructor(readonly options: { webPreferences?: { partition?: string } } & Record<string, unknown>) {
      windows.push(this);
      const partition = options.webPreferences?.partition ?? '';
      if (!sessions.has(partition)) sessions.set(partition, { protocol: new FakeProtocol() });
      this.webContents = {
        session: sessions.get(partition)!,
        printToPDF: vi.fn(async (printOptions: unknown) => {
          this.printOptions = printOptions;
          return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
        }),
      };
    }
    loadFile = vi.fn(async () => {
      throw new Error('loadFile must not be used');
    });
    loadURL = vi.fn(async (url: string) => {
      this.loaded = url;
      if (url.startsWith('data:')) {
        this.loadedText = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
      } else {
        const handler = this.webContents.session.protocol.handlers.get(new URL(url).protocol.slice(0, -1));
        if (!handler) throw new Error('ERR_UNKNOWN_URL_SCHEME');
        const response = await handler(new Request(url));
        if (!response.ok) throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE ${response.status}`);
        this.loadedText = await response.text();
      }
      if (this.failLoad) throw new Error('ERR_FAILED');
    });
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
  }
  return { windows, sessions, FakeWindow, failNext: { load: false } };
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

import {
  MAX_DATA_URL_CHARS,
  PRINT_CSP,
  PRINT_ORIGIN,
  printDataUrl,
  printHtmlToPdf,
  printWebPreferences,
  servePrintPage,
} from '../../../main/electron/pdf';

/** An export too big for a data: URL: inlined images make exports this large. */
const big = `<!doctype html><p>Pyongyang</p><img src="data:image/png;base64,${'A'.repeat(MAX_DATA_URL_CHARS)}">`;

describe('printHtmlToPdf', () => {
  beforeEach(() => {
    fakes.windows.length = 0;
  });

  it('prints in a hidden window with JavaScript off, sandboxed, in its own in-memory session', async () => {
    const pdf = await printHtmlToPdf('<!doctype html><p>Pyongyang</p>');
    expect([...pdf]).toEqual([0x25, 0x50, 0x44, 0x46]);
    const [window] = fakes.windows;
    expect(window?.options['show']).toBe(false);
    expect(window?.options['webPreferences']).toEqual(printWebPreferences());
    expect(printWebPreferences()).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'lectern-print' });
    expect(printWebPreferences()['partition']).not.toMatch(/^persist:/);
    expect(printWebPreferences()).not.toHaveProperty('preload');
    expect(window?.printOptions).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(window?.destroyed).toBe(true);
  });

  it('loads an export that fits as a data: URL, never a file:// page', async () => {
    const html = '<!doctype html><p>Pyongyang — 평양 ✓</p>';
    await printHtmlToPdf(html);
    const [window] = fakes.windows;
    expect(window?.loadFile).not.toHaveBeenCalled();
    expect(window?.loaded).toBe(printDataUrl(html));
    expect(window?.loaded).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(window?.loadedText).toBe(html);
    // Nothing was served from the print session's app: scheme.
    expect(window?.webContents.session.protocol.handle).not.toHaveBeenCalled();
  });

  it('serves a bigger export from the print session’s own app: scheme, with the CSP, and forgets it once printed', async () => {
    expect(printDataUrl(big)).toBeNull();
    await printHtmlToPdf(big);
    const [window] = fakes.windows;
    const url = window!.loaded!;
    expect(window?.loadFile).not.toHaveBeenCalled();
    expect(url).toMatch(new RegExp(`^${PRINT_ORIGIN}/[0-9a-f]{32}\\.html$`));
    expect(window?.loadedText).toBe(big);
    const protocol = window!.webContents.session.protocol;
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    // Only the print partition's session got a handler: the main window's app://lectern/ is another session.
    expect([...fakes.sessions.entries()].filter(([, s]) => s.protocol.handlers.size > 0).map(([p]) => p)).toStrictEqual(['lectern-print']);
    const handler = protocol.handlers.get('app')!;
    // Once printed, the page is gone; nothing else was ever there.
    expect((await handler(new Request(url))).status).toBe(404);
    expect((await handler(new Request(`${PRINT_ORIGIN}/index.html`))).status).toBe(404);
    expect((await handler(new Request('app://lectern/index.html'))).status).toBe(404);
  });

  it('answers the served page with its type and policy, to GET only, and keeps two prints apart', async () => {
    const second = big.replace('Pyongyang', 'Kaesong');
    await Promise.all([printHtmlToPdf(big), printHtmlToPdf(second)]);
    const [one, two] = fakes.windows;
    expect(one!.loaded).not.toBe(two!.loaded);
    expect(one!.loadedText).toBe(big);
    expect(two!.loadedText).toBe(second);
    // Registered once for the session, whatever the number of prints.
    expect(one!.webContents.session.protocol.handle).toHaveBeenCalledTimes(1);

    // What a page being printed is answered with.
    const protocol = one!.webContents.session.protocol;
    const handler = protocol.handlers.get('app')!;
    const page = servePrintPage(protocol as never, '<p>held</p>');
    const response = await handler(new Request(page.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(PRINT_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<p>held</p>');
    expect((await handler(new Request(page.url, { method: 'POST', body: 'x' }))).status).toBe(404);
    page.forget();
    expect((await handler(new Request(page.url))).status).toBe(404);
  });

  it('closes the window (and forgets a served page) when loading fails', async () => {
    fakes.failNext.load = true;
    await expect(printHtmlToPdf('<p>x</p>')).rejects.toThrow('ERR_FAILED');
    expect(fakes.windows[0]?.destroyed).toBe(true);
    fakes.failNext.load = true;
    await expect(printHtmlToPdf(big)).rejects.toThrow('ERR_FAILED');
    const window = fakes.windows[1]!;
    expect(window.destroyed).toBe(true);
    const handler = window.webContents.session.protocol.handlers.get('app')!;
    expect((await handler(new Request(window.loaded!))).status).toBe(404);
  });
});
