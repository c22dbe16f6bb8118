/**
 * The `app://lectern/` protocol: serves the built renderer (`out/renderer`) so that
 * every response carries the CSP and `X-Content-Type-Options: nosniff` headers,
 * which a `file://` page cannot have.
 *
 * Only types come from `electron` here, so the resolver and the handler run (and are
 * tested) in plain Node.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { CustomScheme, Privileges, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './csp';

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (call before `app` is ready).
 * `standard` gives `app://lectern` a real origin (so `'self'` and relative URLs work),
 * `secure` makes it a secure context, `supportFetchAPI` lets module scripts load,
 * `codeCache` keeps V8's compiled renderer bundle between starts (Electron caches code only
 * for http(s) unless a standard scheme asks for it): the window's first task stays short.
 * Deliberately NOT `bypassCSP` (the CSP must apply) and NOT `corsEnabled` (which
 * would let other origins read these files).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } satisfies Privileges,
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/** The Content-Type for a file path by its extension (case-insensitive); `application/octet-stream` otherwise. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** `app://lectern` + optional path, then optional query/fragment. No port, no credentials, no other host. */
const APP_URL_PATTERN = new RegExp(`^${APP_SCHEME}://${APP_HOST}(/[^?#]*)?(?:[?#].*)?$`, 'i');

/**
 * Maps an `app://lectern/…` URL to a real file under `root`, or `null`.
 *
 * Works on the raw URL string (not `new URL`, which would silently fold `..` and
 * `%2e%2e` segments away) and is deliberately strict:
 * - host must be exactly `lectern` (no port, no user info);
 * - control characters, NUL (raw or `%00`), backslashes (raw or `%5c`) and encoded
 *   slashes (`%2f`) anywhere → null;
 * - the path is percent-decoded exactly once (malformed escapes → null);
 * - any empty (`//`, trailing `/`), `.` or `..` segment, or a segment containing `:`
 *   (drive letters `C:`, NTFS streams) → null — this also rules out absolute
 *   (`//etc/passwd`) and UNC paths;
 * - `/` (or no path) → `index.html`;
 * - the candidate is resolved with `realpath` and must be a regular file inside
 *   `realpath(root)`, so a symlink pointing outside the root → null.
 */
export async function resolveUnder(root: string, requestUrl: string): Promise<string | null> {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(requestUrl)) return null;
  if (/%(?:00|2f|5c)/i.test(requestUrl)) return null;

  const match = APP_URL_PATTERN.exec(requestUrl);
  if (!match) return null;
  const rawPath = match[1] ?? '/';

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // Re-check after decoding: `%01` etc. would only appear now.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return null;

  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || segment.includes(':')) return null;
  }

  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return null;
  }
  let realFile: string;
  try {
    realFile = await realpath(join(realRoot, ...segments));
  } catch {
    return null;
  }
  const rootPrefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  if (!realFile.startsWith(rootPrefix)) return null;
  try {
    if (!(await stat(realFile)).isFile()) return null;
  } catch {
    return null;
  }
  return realFile;
}

/** Headers on every `app://` response, errors included. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The request handler behind `protocol.handle('app', …)`: 405 for anything but GET,
 * 404 when {@link resolveUnder} says no, otherwise the file with its Content-Type,
 * the CSP and `nosniff`.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') {
      return textResponse(405, 'Method Not Allowed', { Allow: 'GET' });
    }
    const file = await resolveUnder(root, request.url);
    if (file === null) return textResponse(404, 'Not Found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await readFile(file));
    } catch {
      return textResponse(404, 'Not Found');
    }
    return new Response(body, {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) },
    });
  };
}

/**
 * Serves `root` (the built renderer, `out/renderer`) at `app://lectern/`.
 * Call after `app` is ready; {@link APP_SCHEME_PRIVILEGES} must have been registered before.
 */
export function registerAppProtocol(protocol: Protocol, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
