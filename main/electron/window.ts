/**
 * The one BrowserWindow factory, and every guard on it (ARCHITECTURE.md §6).
 *
 * The renderer shows untrusted article HTML, so the window is locked down at every
 * layer Electron offers: an isolated, sandboxed renderer without Node; no
 * navigation away from the app; no new windows; no <webview>; every permission
 * denied. Links to the web are handed to the user's browser, and only http(s) ones.
 *
 * Each guard is a named export so it can be unit-tested with `electron` mocked;
 * {@link hardenWebContents} installs them all.
 */
import { BrowserWindow, nativeTheme, shell } from 'electron';
import type { Theme } from '../../common/reading';
import type {
  HandlerDetails,
  OnHeadersReceivedListenerDetails,
  Session,
  WebContents,
  WebPreferences,
  WindowOpenHandlerResponse,
} from 'electron';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, devServerContentSecurityPolicy } from './csp';

export interface MainWindowOptions {
  /** Absolute path of the built CommonJS preload (`out/preload/index.cjs`). */
  preloadPath: string;
  /** The page to load: `APP_URL` in production, the dev server's URL under `npm run dev`. */
  url: string;
  /** Set under `npm run dev` only: the Vite dev server, whose responses get the CSP header injected. */
  devServerUrl?: string;
  /**
   * The app icon as a PNG (build/icons/512x512.png, packaged as resources/icon.png).
   * Used on Linux only: there the window's icon is what the taskbar shows when no
   * .desktop file matches (an AppImage, `npm start`); Windows and macOS take the icon
   * from the executable and the app bundle.
   */
  iconPath?: string;
  /** The system the window is for; `process.platform` unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

/** Window background before the renderer paints (= `--bg` of each theme in renderer/styles/global.css), so there is no flash. */
export const WINDOW_BACKGROUND = { light: '#faf8f3', dark: '#161513', sepia: '#f4ecd8', black: '#000000' } as const;

/** The theme the user chose (settings.json `reading.theme`); main/electron/theme.ts sets it. */
let chosenTheme: Theme = 'system';

export function setWindowTheme(theme: Theme): void {
  chosenTheme = theme;
}

/** The background for the chosen theme; `system` by the OS's light or dark. */
export function backgroundColorFor(dark: boolean, theme: Theme = chosenTheme): string {
  if (theme === 'sepia' || theme === 'black') return WINDOW_BACKGROUND[theme];
  if (theme === 'light') return WINDOW_BACKGROUND.light;
  if (theme === 'dark') return WINDOW_BACKGROUND.dark;
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

/** The window's `icon` option: the PNG on Linux, nothing elsewhere (see {@link MainWindowOptions.iconPath}). */
export function windowIconFor(platform: NodeJS.Platform, iconPath: string | undefined): { icon?: string } {
  return platform === 'linux' && iconPath !== undefined ? { icon: iconPath } : {};
}

/** What every window of the app shares: isolated, sandboxed, no Node, no webview. Nothing here may be loosened. */
export const LOCKED_DOWN_PREFERENCES: Readonly<WebPreferences> = {
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
};

/** The exact webPreferences of the main window. Nothing here may be loosened. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  return { preload: preloadPath, ...LOCKED_DOWN_PREFERENCES, safeDialogs: true };
}

/**
 * Whether a URL may be handed to the operating system's browser.
 *
 * Only absolute `http:` / `https:` URLs with a host. Everything else is refused:
 * `javascript:`, `file:`, `data:`, `vbscript:`, `blob:`, our own `app:` and
 * `lectern-asset:`, any other custom scheme (which the OS could route to an
 * arbitrary installed program), and anything that does not parse.
 *
 * URLs carrying credentials (`https://user:pass@host/`) are refused too: in a
 * reader of untrusted pages they are almost always a disguise
 * (`https://bank.example@evil.example/`), never something the user needs.
 */
export function isSafeExternalUrl(url: string): boolean {
  return parseSafeExternalUrl(url) !== null;
}

function parseSafeExternalUrl(url: string): URL | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed;
}

/**
 * Opens `url` in the user's browser when {@link isSafeExternalUrl} allows it.
 * The normalized `href` is what is passed on, never the raw string.
 * Returns whether it was handed over.
 */
export function openExternalIfSafe(url: string): boolean {
  const parsed = parseSafeExternalUrl(url);
  if (!parsed) return false;
  shell.openExternal(parsed.href).catch((error: unknown) => {
    console.error('[lectern] could not open external link:', error);
  });
  return true;
}

interface PreventableEvent {
  preventDefault(): void;
}

/**
 * `will-navigate`: the app never navigates its window away. An http(s) target (a
 * link clicked in an article) opens in the browser instead.
 *
 * Under `npm run dev` only (`devServerOrigin` given, a loopback http(s) origin), a
 * navigation to a page of the dev server itself goes ahead: Vite's client reloads
 * the page (`location.reload()`) when a change cannot be hot-swapped. Production
 * passes no origin, so nothing is ever let through.
 */
export function guardWillNavigate(event: PreventableEvent & { url: string }, devServerOrigin?: string): void {
  if (devServerOrigin !== undefined && isOnDevServer(event.url, devServerOrigin)) return;
  event.preventDefault();
  openExternalIfSafe(event.url);
}

/** Whether `url` is a page of the dev server at `origin` (both loopback http(s), same origin). */
function isOnDevServer(url: string, origin: string): boolean {
  if (!isDevServerUrl(url) || !isDevServerUrl(origin)) return false;
  return new URL(url).origin === new URL(origin).origin;
}

/** `will-redirect`: a server redirect of a navigation is cancelled (and not opened anywhere). */
export function guardWillRedirect(event: PreventableEvent): void {
  event.preventDefault();
}

/** `setWindowOpenHandler`: never a new window; http(s) targets open in the browser. */
export function windowOpenHandler(details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
  openExternalIfSafe(details.url);
  return { action: 'deny' };
}

/** `will-attach-webview`: never (webviewTag is off too; this is the second lock). */
export function guardWillAttachWebview(event: PreventableEvent): void {
  event.preventDefault();
}

/**
 * The one permission Lectern's own page may use: writing plain text to the clipboard
 * ("Copy quote"), and only from the app's own origin — never from anything else.
 */
export function isOwnClipboardWrite(permission: string, url: string | undefined): boolean {
  if (permission !== 'clipboard-sanitized-write' || !url) return false;
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/** `session.setPermissionRequestHandler`: every request (camera, notifications, …) is refused, but {@link isOwnClipboardWrite}. */
export function denyPermissionRequest(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: { requestingUrl?: string },
): void {
  callback(isOwnClipboardWrite(permission, details?.requestingUrl));
}

/** `session.setPermissionCheckHandler`: every check says no, but {@link isOwnClipboardWrite}. */
export function denyPermissionCheck(_webContents?: unknown, permission = '', requestingOrigin = ''): boolean {
  return isOwnClipboardWrite(permission, requestingOrigin);
}

/** `session.setDevicePermissionHandler`: no HID / USB / serial device. */
export function denyDevicePermission(): boolean {
  return false;
}

/** Installs the permission guards on a session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  // Feature-detected so an older or stubbed session without it is still hardened otherwise.
  if (typeof session.setDevicePermissionHandler === 'function') {
    session.setDevicePermissionHandler(denyDevicePermission);
  }
}

const hardened = new WeakSet<WebContents>();

export interface HardenOptions {
  /** `npm run dev` only: the dev server's origin, whose own reloads {@link guardWillNavigate} lets through. */
  devServerOrigin?: string | undefined;
}

/** Installs every guard on a webContents and on its session, once (calling it again is a no-op). */
export function hardenWebContents(contents: WebContents, options: HardenOptions = {}): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const { devServerOrigin } = options;
  contents.on('will-navigate', (event) => guardWillNavigate(event, devServerOrigin));
  contents.on('will-redirect', (event) => guardWillRedirect(event));
  contents.on('will-attach-webview', (event) => guardWillAttachWebview(event));
  contents.setWindowOpenHandler(windowOpenHandler);
  hardenSession(contents.session);
}

/** Whether a URL is served by a local dev server (http(s) on a loopback host). */
export function isDevServerUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

/**
 * The response headers for a dev-server response: any CSP the server sent is
 * replaced by `policy`, and `X-Content-Type-Options: nosniff` is added.
 * Returns `undefined` (headers untouched) for anything not from a dev server.
 */
export function withCspHeaders(
  details: Pick<OnHeadersReceivedListenerDetails, 'url' | 'responseHeaders'>,
  policy: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> | undefined {
  if (!isDevServerUrl(details.url)) return undefined;
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    headers[name] = value;
  }
  headers['Content-Security-Policy'] = [policy];
  headers['X-Content-Type-Options'] = ['nosniff'];
  return headers;
}

/**
 * Adds the CSP header to dev-server (http://localhost) responses. Production pages
 * come from `app://lectern/`, whose handler sets the header itself.
 */
export function applyCspHeaders(session: Session, policy: string = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = withCspHeaders(details, policy);
    callback(responseHeaders ? { responseHeaders } : {});
  });
}

/**
 * Creates the main window, hardened, and starts loading `options.url`.
 * It is shown on `ready-to-show`, so the user never sees an unpainted window.
 * Throws if `devServerUrl` is given but is not a loopback http(s) URL.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { devServerUrl } = options;
  if (devServerUrl !== undefined && !isDevServerUrl(devServerUrl)) {
    throw new Error(`Refusing a dev server that is not on this machine: ${devServerUrl}`);
  }

  const window = new BrowserWindow({
    width: 1100,
    height: 800,
    minWidth: 480,
    minHeight: 400,
    title: 'Lectern',
    backgroundColor: backgroundColorFor(nativeTheme.shouldUseDarkColors),
    show: false,
    ...windowIconFor(options.platform ?? process.platform, options.iconPath),
    webPreferences: webPreferencesFor(options.preloadPath),
  });

  hardenWebContents(window.webContents, { devServerOrigin: devServerUrl && new URL(devServerUrl).origin });
  if (devServerUrl !== undefined) {
    applyCspHeaders(window.webContents.session, devServerContentSecurityPolicy(devServerUrl));
  }

  const onThemeUpdated = () => {
    if (!window.isDestroyed()) window.setBackgroundColor(backgroundColorFor(nativeTheme.shouldUseDarkColors));
  };
  nativeTheme.on('updated', onThemeUpdated);
  window.once('closed', () => nativeTheme.off('updated', onThemeUpdated));

  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`[lectern] could not load ${options.url}:`, error);
  });
  return window;
}
