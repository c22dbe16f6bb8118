/**
 * PDF export: Electron prints the self-contained HTML export (main/notes/html.ts)
 * with `webContents.printToPDF` in a hidden window that is sandboxed, has no preload,
 * runs no JavaScript at all, and lives in its own in-memory session. Its page never
 * comes from `file://` (ARCHITECTURE.md §6; the packaged app's
 * grantFileProtocolExtraPrivileges fuse is off) and nothing is written to disk:
 *
 * - an export that fits in a `data:` URL (Chromium refuses URLs over 2 MB,
 *   `url::kMaxURLChars`) is loaded as one: an opaque origin that can reach nothing;
 * - a bigger one (inlined images) is served from memory by the `app:` scheme of the
 *   print window's own session, at `app://print/<random>.html`, with the export's
 *   Content-Security-Policy as a header too, and forgotten once printed. The main
 *   window's session (and its `app://lectern/`) is untouched.
 */
import { BrowserWindow, type Protocol, type WebPreferences } from 'electron';
import { randomBytes } from 'node:crypto';
import { APP_SCHEME } from './csp';
import { LOCKED_DOWN_PREFERENCES } from './window';

/** The print window's session: in memory (no "persist:"), nothing of a print outlives the app. */
export const PRINT_PARTITION = 'lectern-print';
/** Where a big export is served in the print session. */
export const PRINT_ORIGIN = `${APP_SCHEME}://print`;
/** Chromium's longest URL (`url::kMaxURLChars`, 2 MB): a longer data: URL does not load. */
export const MAX_DATA_URL_CHARS = 2 * 1024 * 1024;
/** What the served export may load: its inline styles and `data:` images, nothing else (as main/notes/html.ts declares). */
export const PRINT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The print window's webPreferences: the main window's lock-down, and no JavaScript, no preload. */
export function printWebPreferences(): WebPreferences {
  return { ...LOCKED_DOWN_PREFERENCES, javascript: false, partition: PRINT_PARTITION };
}

/** `html` as a `data:` URL, or null when it is too long to load as one. */
export function printDataUrl(html: string): string | null {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  return url.length <= MAX_DATA_URL_CHARS ? url : null;
}

/** Exports being printed from the print session's `app:` scheme, by URL. */
const served = new Map<string, string>();

/** Serve `html` at a fresh `app://print/…` URL of `protocol` (the print session's) until the returned function is called. */
export function servePrintPage(protocol: Protocol, html: string): { url: string; forget: () => void } {
  if (!protocol.isProtocolHandled(APP_SCHEME)) {
    protocol.handle(APP_SCHEME, (request) => {
      const page = served.get(request.url);
      if (page === undefined || request.method !== 'GET') return new Response('Not found', { status: 404 });
      return new Response(page, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': PRINT_CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    });
  }
  const url = `${PRINT_ORIGIN}/${randomBytes(16).toString('hex')}.html`;
  served.set(url, html);
  return { url, forget: () => void served.delete(url) };
}

/** Print `html` to a PDF (A4, backgrounds kept so highlight colors show, with a document outline). */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: printWebPreferences() });
  let forget: (() => void) | undefined;
  try {
    let url = printDataUrl(html);
    if (url === null) ({ url, forget } = servePrintPage(window.webContents.session.protocol, html));
    await window.loadURL(url);
    return await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    forget?.();
    window.destroy();
  }
}
