/**
 * The window factory and its guards, with `electron` replaced by recording fakes
 * (the Electron binary is not needed, and must not be downloaded, to run these).
 * Long because the fakes and every guard of one window (navigation, new windows,
 * permissions, CSP, the print window) are one subject: main/electron/window.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;

  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      const wrapped: Listener = (...args) => {
        this.off(event, wrapped);
        return listener(...args);
      };
      return this.on(event, wrapped);
    }
    off(event: string, listener: Listener): this {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== listener),
      );
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
    }
    listenerCount(event: string): number {
      return this.listeners.get(event)?.length ?? 0;
    }
  }

  class FakeSession {
    setPermissionRequestHandler = vi.fn();
    setPermissionCheckHandler = vi.fn();
    setDevicePermissionHandler = vi.fn();
    webRequest = { onHeadersReceived: vi.fn() };
  }

  class FakeWebContents extends Emitter {
    session = new FakeSession();
    setWindowOpenHandler = vi.fn();
  }

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    readonly options: unknown;
    webContents = new FakeWebContents();
    show = vi.fn();
    loadURL = vi.fn(async (_url: string) => {});
    setBackgroundColor = vi.fn();
    isDestroyed = vi.fn(() => false);
    constructor(options: unknown) {
      super();
      this.options = options;
      FakeBrowserWindow.instances.push(this);
    }
  }

  const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false });
  const shell = { openExternal: vi.fn(async (_url: string) => {}) };

  /** A will-navigate / will-redirect style event. */
  const navigationEvent = (url: string) => ({ url, preventDefault: vi.fn() });

  return { Emitter, FakeBrowserWindow, FakeWebContents, FakeSession, nativeTheme, shell, navigationEvent };
});

vi.mock('electron', () => ({
  BrowserWindow: fakes.FakeBrowserWindow,
  nativeTheme: fakes.nativeTheme,
  shell: fakes.shell,
}));

import { CONTENT_SECURITY_POLICY, devServerContentSecurityPolicy } from '../../../main/electron/csp';
import {
  WINDOW_BACKGROUND,
  applyCspHeaders,
  createMainWindow,
  denyDevicePermission,
  denyPermissionCheck,
  denyPermissionRequest,
  guardWillAttachWebview,
  guardWillNavigate,
  guardWillRedirect,
  hardenWebContents,
  isDevServerUrl,
  isSafeExternalUrl,
  windowIconFor,
  windowOpenHandler,
  withCspHeaders,
} from '../../../main/electron/window';

type FakeWindow = InstanceType<typeof fakes.FakeBrowserWindow>;
type FakeContents = InstanceType<typeof fakes.FakeWebContents>;

const PRELOAD = '/app/out/preload/index.cjs';
const APP_URL = 'app://lectern/index.html';
const ICON = '/app/resources/icon.png';

/** Links that must never reach `shell.openExternal`. */
const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  '  javascript:alert(1)',
  'java\nscript:alert(1)',
  'java\tscript:alert(1)',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/calc.exe',
  'file://server/share/evil.exe',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox("x")',
  'blob:https://example.com/0b7f3d4a-0000-4000-8000-000000000000',
  'lectern-asset://article/image.png',
  'app://lectern/index.html',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'ms-settings:privacy',
  'ms-msdt:/id PCWDiagnostic',
  'search-ms:query=calc',
  'slack://open',
  'smb://server/share',
  'ftp://example.com/file',
  'mailto:someone@example.com',
  'tel:+15551234567',
  'mycustomscheme://do/something',
  '',
  'not a url',
  'http://',
  'https://',
  '//example.com/path',
  '/relative/path',
  'https://user:secret@example.com/',
  'https://bank.example@evil.example/login',
];

/** Links that go to the browser. */
const SAFE_URLS = [
  'https://example.com/',
  'http://example.com/path?q=1#section',
  'https://www.afp.com/en/news',
  'https://[2001:db8::1]:8443/x',
  'https://例え.jp/記事',
  // WHATWG URL reads this as http://example.com/ — an ordinary web link.
  'http:example.com',
];

beforeEach(() => {
  fakes.FakeBrowserWindow.instances.length = 0;
  fakes.shell.openExternal.mockClear();
  fakes.nativeTheme.shouldUseDarkColors = false;
  fakes.nativeTheme.listeners.clear();
});

function lastWindow(): FakeWindow {
  const window = fakes.FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

function createHardenedWindow(): { window: FakeWindow; contents: FakeContents } {
  createMainWindow({ preloadPath: PRELOAD, url: APP_URL });
  const window = lastWindow();
  return { window, contents: window.webContents };
}

function windowOpenHandlerOf(contents: FakeContents): (details: { url: string }) => unknown {
  const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as
    | ((details: { url: string }) => unknown)
    | undefined;
  if (!handler) throw new Error('setWindowOpenHandler was not called');
  return handler;
}

/** The permission request and check handlers the window installed on its session. */
function permissionHandlersOf(contents: FakeContents) {
  return {
    request: contents.session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void,
    check: contents.session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      webContents: unknown,
      permission: string,
      origin: string,
      details: unknown,
    ) => boolean,
  };
}

describe('createMainWindow', () => {
  it('uses exactly the locked-down webPreferences', () => {
    createHardenedWindow();
    const options = lastWindow().options as { webPreferences: unknown };
    expect(options.webPreferences).toStrictEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });

  it('creates a hidden, titled, sized window with the light background', () => {
    createHardenedWindow();
    expect(lastWindow().options).toMatchObject({
      width: 1100,
      height: 800,
      minWidth: 480,
      minHeight: 400,
      title: 'Lectern',
      show: false,
      backgroundColor: WINDOW_BACKGROUND.light,
    });
  });

  it('uses the app icon PNG as the window icon on Linux', () => {
    createMainWindow({ preloadPath: PRELOAD, url: APP_URL, iconPath: ICON, platform: 'linux' });
    expect(lastWindow().options).toMatchObject({ icon: ICON });
  });

  it.each(['win32', 'darwin'] as const)('sets no window icon on %s (the executable and the bundle carry it)', (platform) => {
    createMainWindow({ preloadPath: PRELOAD, url: APP_URL, iconPath: ICON, platform });
    expect(lastWindow().options).not.toHaveProperty('icon');
  });

  it('sets no window icon when none is given, and windowIconFor says the same', () => {
    createMainWindow({ preloadPath: PRELOAD, url: APP_URL, platform: 'linux' });
    expect(lastWindow().options).not.toHaveProperty('icon');
    expect(windowIconFor('linux', ICON)).toStrictEqual({ icon: ICON });
    expect(windowIconFor('linux', undefined)).toStrictEqual({});
    expect(windowIconFor('darwin', ICON)).toStrictEqual({});
  });

  it('uses the dark background when the OS is dark, and follows theme changes', () => {
    fakes.nativeTheme.shouldUseDarkColors = true;
    const { window } = createHardenedWindow();
    expect(window.options).toMatchObject({ backgroundColor: WINDOW_BACKGROUND.dark });

    fakes.nativeTheme.shouldUseDarkColors = false;
    fakes.nativeTheme.emit('updated');
    expect(window.setBackgroundColor).toHaveBeenCalledWith(WINDOW_BACKGROUND.light);

    window.emit('closed');
    expect(fakes.nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('shows the window only on ready-to-show', () => {
    const { window } = createHardenedWindow();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('loads the given URL', () => {
    const { window } = createHardenedWindow();
    expect(window.loadURL).toHaveBeenCalledWith(APP_URL);
  });

  it('installs every guard on the window it creates', () => {
    const { contents } = createHardenedWindow();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
  });

  it('injects no headers when there is no dev server', () => {
    const { contents } = createHardenedWindow();
    expect(contents.session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('injects the CSP into dev-server responses when a dev server is given', () => {
    createMainWindow({
      preloadPath: PRELOAD,
      url: 'http://localhost:5173/',
      devServerUrl: 'http://localhost:5173/',
    });
    const window = lastWindow();
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    const listener = window.webContents.session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as
      | ((details: unknown, callback: (response: unknown) => void) => void)
      | undefined;
    expect(listener).toBeTypeOf('function');
    const callback = vi.fn();
    listener?.({ url: 'http://localhost:5173/', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Security-Policy': [devServerContentSecurityPolicy('http://localhost:5173/')],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });

  it('refuses a dev server that is not on this machine', () => {
    expect(() =>
      createMainWindow({ preloadPath: PRELOAD, url: APP_URL, devServerUrl: 'https://evil.example/' }),
    ).toThrow('Refusing a dev server that is not on this machine: https://evil.example/');
    expect(fakes.FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('will-navigate', () => {
  it.each([...UNSAFE_URLS, ...SAFE_URLS, APP_URL, 'app://lectern/other.html', 'http://localhost:5173/'])(
    'is prevented for %j',
    (url) => {
      const { contents } = createHardenedWindow();
      const event = fakes.navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    },
  );

  it.each(UNSAFE_URLS)('never opens %j externally', (url) => {
    const { contents } = createHardenedWindow();
    contents.emit('will-navigate', fakes.navigationEvent(url), url);
    expect(fakes.shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(SAFE_URLS)('opens %j in the browser instead', (url) => {
    const { contents } = createHardenedWindow();
    contents.emit('will-navigate', fakes.navigationEvent(url), url);
    expect(fakes.shell.openExternal).toHaveBeenCalledExactlyOnceWith(new URL(url).href);
  });

  it('under npm run dev lets the dev server reload its own page, and nothing else', () => {
    createMainWindow({ preloadPath: PRELOAD, url: 'http://localhost:5173/', devServerUrl: 'http://localhost:5173/' });
    const { webContents: contents } = lastWindow();
    for (const url of ['http://localhost:5173/', 'http://localhost:5173/index.html?t=1']) {
      const event = fakes.navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).not.toHaveBeenCalled();
    }
    for (const url of ['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://localhost:5173/', 'https://example.com/', APP_URL, ...UNSAFE_URLS]) {
      const event = fakes.navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalledTimes(1);
    }
    expect(fakes.shell.openExternal).not.toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('lets nothing through for a dev server origin that is not on this machine, or with no origin (production)', () => {
    for (const origin of ['https://evil.example', 'file://', undefined]) {
      const event = fakes.navigationEvent('https://evil.example/');
      guardWillNavigate(event, origin);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    }
    const reload = fakes.navigationEvent('http://localhost:5173/');
    guardWillNavigate(reload);
    expect(reload.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('guardWillNavigate passes on the normalized URL, not the raw string', () => {
    guardWillNavigate(fakes.navigationEvent('HTTPS://Example.COM/a b'));
    expect(fakes.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/a%20b');
  });
});

describe('will-redirect', () => {
  it.each(['https://example.com/', 'javascript:alert(1)', APP_URL])('is prevented for %j and opens nothing', (url) => {
    const { contents } = createHardenedWindow();
    const event = fakes.navigationEvent(url);
    contents.emit('will-redirect', event, url);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(fakes.shell.openExternal).not.toHaveBeenCalled();
  });

  it('guardWillRedirect prevents', () => {
    const event = fakes.navigationEvent('https://example.com/');
    guardWillRedirect(event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('window.open', () => {
  it.each([...UNSAFE_URLS, ...SAFE_URLS])('is denied for %j', (url) => {
    const { contents } = createHardenedWindow();
    expect(windowOpenHandlerOf(contents)({ url })).toStrictEqual({ action: 'deny' });
  });

  it.each(UNSAFE_URLS)('never hands %j to openExternal', (url) => {
    const { contents } = createHardenedWindow();
    windowOpenHandlerOf(contents)({ url });
    expect(fakes.shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(SAFE_URLS)('hands %j to openExternal', (url) => {
    expect(windowOpenHandler({ url })).toStrictEqual({ action: 'deny' });
    expect(fakes.shell.openExternal).toHaveBeenCalledExactlyOnceWith(new URL(url).href);
  });

  it('swallows an openExternal failure', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    fakes.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(windowOpenHandler({ url: 'https://example.com/' })).toStrictEqual({ action: 'deny' });
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    error.mockRestore();
  });
});

describe('will-attach-webview', () => {
  it('is prevented', () => {
    const { contents } = createHardenedWindow();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('guardWillAttachWebview prevents', () => {
    const event = { preventDefault: vi.fn() };
    guardWillAttachWebview(event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'window-management',
    'unknown',
  ];

  const DENIED = PERMISSIONS.filter((p) => p !== 'clipboard-sanitized-write');

  it.each(DENIED)('a %s request is answered false, even from our own page', (permission) => {
    const { contents } = createHardenedWindow();
    const { request } = permissionHandlersOf(contents);
    const callback = vi.fn();
    request(contents, permission, callback, { requestingUrl: APP_URL });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each(DENIED)('a %s check answers false, even for our own origin', (permission) => {
    const { contents } = createHardenedWindow();
    const { check } = permissionHandlersOf(contents);
    expect(check(contents, permission, 'app://lectern', {})).toBe(false);
  });

  it.each([
    [APP_URL, true],
    ['app://lectern', true],
    ['app://lectern.evil/index.html', false],
    ['app://evil/index.html', false],
    ['https://example.com/', false],
    ['file:///index.html', false],
    ['', false],
  ])('clipboard-sanitized-write (Copy quote) from %s → %s, for requests and checks', (url, granted) => {
    const { contents } = createHardenedWindow();
    const { request, check } = permissionHandlersOf(contents);
    const callback = vi.fn();
    request(contents, 'clipboard-sanitized-write', callback, { requestingUrl: url });
    expect(callback).toHaveBeenCalledExactlyOnceWith(granted);
    expect(check(contents, 'clipboard-sanitized-write', url, {})).toBe(granted);
    // Reading the clipboard is never allowed.
    expect(check(contents, 'clipboard-read', url, {})).toBe(false);
  });

  it('a device permission answers false', () => {
    const { contents } = createHardenedWindow();
    const handler = contents.session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean;
    expect(handler({ deviceType: 'usb', origin: 'app://lectern' })).toBe(false);
  });

  it('the exported handlers deny', () => {
    const callback = vi.fn();
    denyPermissionRequest(null, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(denyPermissionCheck()).toBe(false);
    expect(denyDevicePermission()).toBe(false);
  });

  it('hardens a session without setDevicePermissionHandler', () => {
    const contents = new fakes.FakeWebContents();
    const session = contents.session as Partial<InstanceType<typeof fakes.FakeSession>>;
    delete session.setDevicePermissionHandler;
    expect(() => hardenWebContents(contents as never)).not.toThrow();
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(UNSAFE_URLS)('rejects %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each(SAFE_URLS)('accepts %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it('rejects a non-string', () => {
    expect(isSafeExternalUrl(undefined as unknown as string)).toBe(false);
  });
});

describe('isDevServerUrl', () => {
  it.each(['http://localhost:5173/', 'http://127.0.0.1:5173/index.html', 'http://[::1]:5173/'])('accepts %j', (url) => {
    expect(isDevServerUrl(url)).toBe(true);
  });

  it.each(['https://example.com/', 'http://localhost.evil.example/', 'app://lectern/', 'file:///x', 'nope'])(
    'rejects %j',
    (url) => {
      expect(isDevServerUrl(url)).toBe(false);
    },
  );
});

describe('withCspHeaders / applyCspHeaders', () => {
  it('replaces any CSP the dev server sent and adds nosniff', () => {
    expect(
      withCspHeaders({
        url: 'http://localhost:5173/index.html',
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
          'X-Content-Type-Options': ['sniff-please'],
          'Content-Type': ['text/html'],
        },
      }),
    ).toStrictEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
  });

  it('leaves responses from anywhere else untouched', () => {
    expect(withCspHeaders({ url: 'https://example.com/', responseHeaders: {} })).toBeUndefined();
  });

  it('installs a listener that answers with the headers', () => {
    const session = new fakes.FakeSession();
    applyCspHeaders(session as never);
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: unknown,
      callback: (response: unknown) => void,
    ) => void;
    const devCallback = vi.fn();
    listener({ url: 'http://127.0.0.1:5173/main.ts', responseHeaders: undefined }, devCallback);
    expect(devCallback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
    const otherCallback = vi.fn();
    listener({ url: 'https://example.com/', responseHeaders: {} }, otherCallback);
    expect(otherCallback).toHaveBeenCalledWith({});
  });
});

describe('hardenWebContents', () => {
  it('installs each guard once even when called twice (window factory + web-contents-created)', () => {
    const contents = new fakes.FakeWebContents();
    hardenWebContents(contents as never);
    hardenWebContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    fakes.shell.openExternal.mockClear();
    contents.emit('will-navigate', fakes.navigationEvent('https://example.com/'));
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
