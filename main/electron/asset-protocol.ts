/**
 * The `lectern-asset://<article-id>/<file>` protocol: serves the images saved with an
 * article (`articles/<id>/assets/<sha256>.<ext>`) and nothing else.
 *
 * Only types come from `electron` here, so the resolver and the handler run (and are
 * tested) in plain Node, like `app-protocol.ts`.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { CustomScheme, Privileges, Protocol } from 'electron';
import { folderContainment } from '../library/containment';
import { ARTICLES_DIR } from '../library/layout';
import { ASSET_SCHEME } from '../library/sanitize';
import { ASSETS_DIR } from '../library/staging';

export { ASSET_SCHEME };

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (merge into the existing call,
 * before `app` is ready). `standard` gives each URL a host (the article id) and real
 * path parsing; `secure` lets the secure `app://` page load it without mixed-content
 * complaints. NOT `bypassCSP` (the page's `img-src … lectern-asset:` decides), not
 * `supportFetchAPI` (only `<img>` loads these), not `corsEnabled`.
 */
export const ASSET_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: ASSET_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false } satisfies Privileges,
};

/** Image types by the extension the importer saves them with. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** `lectern-asset://<id>/<sha256>.<ext>`, nothing before, only a query or fragment after. */
const ASSET_URL = /^lectern-asset:\/\/([a-z0-9][a-z0-9-]{0,63})\/([0-9a-f]{64})\.([a-z0-9]{2,5})(?:[?#].*)?$/;

export type AssetResolution =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'forbidden' }
  | { kind: 'missing' };

/**
 * Maps a `lectern-asset:` URL to a file under `<libraryDir>/articles/<id>/assets/`.
 *
 * Works on the raw URL string and accepts exactly one shape: an article id as the host
 * and one `<64 hex>.<png|jpg|gif|webp|avif>` file name as the path. Anything else —
 * `..`, `.`, any `%` escape (`%2e%2e%2f`, `%2f`, `%5c`, double encoding), backslashes,
 * absolute, UNC and drive-letter paths, NUL, control characters, ports, credentials,
 * upper case, more segments — is `forbidden`. A name of the right shape is then
 * resolved with `realpath` and must be a regular file inside the real assets folder,
 * so a symlink pointing out is `forbidden` too; a file that is not there is `missing`.
 * The article folder and its `assets` folder must themselves be real folders inside
 * the library (not symbolic links, not resolving outside): else `forbidden`.
 */
export async function resolveAsset(libraryDir: string, requestUrl: string): Promise<AssetResolution> {
  const match = ASSET_URL.exec(requestUrl);
  if (!match) return { kind: 'forbidden' };
  const [, id, hash, extension] = match as unknown as [string, string, string, string];
  const contentType = CONTENT_TYPES[extension];
  if (!contentType) return { kind: 'forbidden' };

  // The article folder and its assets folder must be real folders inside the library,
  // not links, by the store's own rule (main/library/containment.ts, ARCHITECTURE.md §3).
  let folder;
  try {
    folder = await folderContainment(libraryDir, ARTICLES_DIR, id, ASSETS_DIR);
  } catch {
    return { kind: 'missing' };
  }
  if (folder.kind === 'outside') return { kind: 'forbidden' };
  if (folder.kind === 'missing') return { kind: 'missing' };
  let realAssets: string;
  try {
    realAssets = await realpath(join(libraryDir, ARTICLES_DIR, id, ASSETS_DIR));
  } catch {
    return { kind: 'missing' };
  }
  let realFile: string;
  try {
    realFile = await realpath(join(realAssets, `${hash}.${extension}`));
  } catch {
    return { kind: 'missing' };
  }
  if (!realFile.startsWith(realAssets + sep)) return { kind: 'forbidden' };
  try {
    if (!(await stat(realFile)).isFile()) return { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
  return { kind: 'file', path: realFile, contentType };
}

/** Headers on every response, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The request handler behind `protocol.handle('lectern-asset', …)`: 405 for anything
 * but GET, 403 for a URL of the wrong shape or a file outside the assets folder, 404
 * for a missing file, otherwise the image with its type and `nosniff`.
 * `libraryDir` is asked on every request, so a moved library is followed.
 */
export function createAssetProtocolHandler(libraryDir: () => string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return textResponse(405, 'Method Not Allowed', { Allow: 'GET' });
    const found = await resolveAsset(libraryDir(), request.url);
    if (found.kind === 'forbidden') return textResponse(403, 'Forbidden');
    if (found.kind === 'missing') return textResponse(404, 'Not Found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await readFile(found.path));
    } catch {
      return textResponse(404, 'Not Found');
    }
    return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': found.contentType } });
  };
}

/**
 * Serves saved images at `lectern-asset://`. Call after `app` is ready;
 * {@link ASSET_SCHEME_PRIVILEGES} must have been registered before.
 */
export function registerAssetProtocol(protocol: Protocol, libraryDir: () => string): void {
  protocol.handle(ASSET_SCHEME, createAssetProtocolHandler(libraryDir));
}
