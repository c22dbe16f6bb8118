/**
 * The lectern-asset: protocol: serves only files under an article's assets/ folder.
 * Plain Node; `electron` is only a type here.
 */
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('asset-protocol must not import electron at runtime');
});

import {
  ASSET_SCHEME_PRIVILEGES,
  createAssetProtocolHandler,
  registerAssetProtocol,
  resolveAsset,
} from '../../../main/electron/asset-protocol';
import { freshDir } from '../saving/helpers';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const LINKED = 'c'.repeat(64);
const DIRLINK = 'd'.repeat(64);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let base: string;
let library: string;

beforeEach(async () => {
  base = await freshDir('lectern-asset-protocol-');
  library = join(base, 'library');
  const assets = join(library, 'articles', 'story', 'assets');
  await mkdir(assets, { recursive: true });
  await writeFile(join(assets, `${HASH}.png`), PNG);
  await writeFile(join(library, 'articles', 'story', 'content.html'), '<p>content</p>');
  await mkdir(join(library, 'articles', 'other', 'assets'), { recursive: true });
  await writeFile(join(library, 'articles', 'other', 'assets', `${OTHER}.jpg`), 'jpeg');
  // Secrets beside the library and inside it, and symlinks pointing at them.
  await writeFile(join(base, 'secret.png'), 'SECRET');
  await writeFile(join(library, 'library.json'), '{"secret":true}');
  await symlink(join(base, 'secret.png'), join(assets, `${LINKED}.png`));
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'outside', 'x.png'), 'SECRET');
  await symlink(join(base, 'outside'), join(assets, `${DIRLINK}.png`));
});

describe('resolveAsset', () => {
  it('resolves an asset of the article to its real path and type', async () => {
    expect(await resolveAsset(library, `lectern-asset://story/${HASH}.png`)).toStrictEqual({
      kind: 'file',
      path: join(await realpath(library), 'articles', 'story', 'assets', `${HASH}.png`),
      contentType: 'image/png',
    });
    expect(await resolveAsset(library, `lectern-asset://other/${OTHER}.jpg?x=1#y`)).toMatchObject({
      kind: 'file',
      contentType: 'image/jpeg',
    });
  });

  it('says missing for a well-formed name that is not there', async () => {
    expect(await resolveAsset(library, `lectern-asset://story/${OTHER}.png`)).toStrictEqual({ kind: 'missing' });
    expect(await resolveAsset(library, `lectern-asset://no-such-article/${HASH}.png`)).toStrictEqual({ kind: 'missing' });
    // Another article's file is not this article's.
    expect(await resolveAsset(library, `lectern-asset://story/${OTHER}.jpg`)).toStrictEqual({ kind: 'missing' });
  });

  it.each([
    // dot-dot, raw and encoded, single and double
    `lectern-asset://story/../content.html`,
    `lectern-asset://story/../../library.json`,
    `lectern-asset://story/assets/../../../secret.png`,
    `lectern-asset://story/%2e%2e/%2e%2e/library.json`,
    `lectern-asset://story/%2e%2e%2f%2e%2e%2flibrary.json`,
    `lectern-asset://story/..%2f..%2flibrary.json`,
    `lectern-asset://story/%252e%252e%252flibrary.json`,
    `lectern-asset://story/%2E%2E%5C%2E%2E%5Clibrary.json`,
    `lectern-asset://story/${HASH}%2epng`,
    `lectern-asset://story/.%2e/secret.png`,
    `lectern-asset://story/./${HASH}.png`,
    `lectern-asset://story//${HASH}.png`,
    // backslashes
    `lectern-asset://story/..\\..\\library.json`,
    `lectern-asset://story\\..\\..\\library.json`,
    // absolute, UNC and drive-letter paths
    'lectern-asset://story//etc/passwd',
    'lectern-asset:///etc/passwd',
    'lectern-asset://story/%2fetc%2fpasswd',
    'lectern-asset://story/C:/Windows/win.ini',
    'lectern-asset://story/C:%5cWindows%5cwin.ini',
    'lectern-asset://C:/Windows/win.ini',
    'lectern-asset://story/\\\\server\\share\\x.png',
    'lectern-asset://%5c%5cserver/share/x.png',
    'lectern-asset:////server/share/x.png',
    // NUL and control characters
    `lectern-asset://story/${HASH}.png%00.html`,
    `lectern-asset://story/${HASH}.png\u0000`,
    `lectern-asset://story/${HASH}.png\n`,
    // bad article ids, hosts, ports, credentials
    `lectern-asset://../${HASH}.png`,
    `lectern-asset://%2e%2e/${HASH}.png`,
    `lectern-asset://Story/${HASH}.png`,
    `lectern-asset://-story/${HASH}.png`,
    `lectern-asset://story:80/${HASH}.png`,
    `lectern-asset://user@story/${HASH}.png`,
    `lectern-asset://${'a'.repeat(65)}/${HASH}.png`,
    // other names and types in the folder
    'lectern-asset://story/content.html',
    'lectern-asset://story/assets',
    `lectern-asset://story/assets/${HASH}.png`,
    `lectern-asset://story/${HASH}.PNG`,
    `lectern-asset://story/${HASH}.svg`,
    `lectern-asset://story/${HASH}.html`,
    `lectern-asset://story/${HASH.slice(1)}.png`,
    `lectern-asset://story/${HASH}`,
    // symlinks pointing out of the assets folder
    `lectern-asset://story/${LINKED}.png`,
    // other schemes
    `app://story/${HASH}.png`,
    `file:///${HASH}.png`,
    '',
  ])('refuses %j', async (url) => {
    const result = await resolveAsset(library, url);
    expect(result.kind).not.toBe('file');
  });

  it('never serves a symlinked folder or what is under it', async () => {
    expect((await resolveAsset(library, `lectern-asset://story/${DIRLINK}.png`)).kind).not.toBe('file');
  });
});

function fakeRequest(url: string, method = 'GET'): Request {
  // Not `new Request(url)`: that would normalize `..` away, and these must arrive raw.
  return { url, method } as Request;
}

describe('createAssetProtocolHandler', () => {
  it('serves the image with its type and nosniff', async () => {
    const response = await createAssetProtocolHandler(() => library)(new Request(`lectern-asset://story/${HASH}.png`));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(PNG);
  });

  it.each([
    [`lectern-asset://story/../../library.json`, 403],
    [`lectern-asset://story/%2e%2e%2f%2e%2e%2flibrary.json`, 403],
    [`lectern-asset://story/${LINKED}.png`, 403],
    [`lectern-asset://story/${OTHER}.png`, 404],
    [`lectern-asset://gone/${HASH}.png`, 404],
  ])('answers %j with %i and never the file', async (url, status) => {
    const response = await createAssetProtocolHandler(() => library)(fakeRequest(url));
    expect(response.status).toBe(status);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    const body = await response.text();
    expect(body).toBe(status === 403 ? 'Forbidden' : 'Not Found');
    expect(body).not.toContain('SECRET');
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD'])('answers 405 to %s', async (method) => {
    const response = await createAssetProtocolHandler(() => library)(fakeRequest(`lectern-asset://story/${HASH}.png`, method));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
  });

  it('follows the library when it moves', async () => {
    let dir = join(base, 'nowhere');
    const handler = createAssetProtocolHandler(() => dir);
    expect((await handler(new Request(`lectern-asset://story/${HASH}.png`))).status).toBe(404);
    dir = library;
    expect((await handler(new Request(`lectern-asset://story/${HASH}.png`))).status).toBe(200);
  });
});

describe('ASSET_SCHEME_PRIVILEGES', () => {
  it('is standard and secure, without fetch, CORS or a CSP bypass', () => {
    expect(ASSET_SCHEME_PRIVILEGES).toStrictEqual({
      scheme: 'lectern-asset',
      privileges: { standard: true, secure: true, supportFetchAPI: false },
    });
    expect(ASSET_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    expect(ASSET_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeUndefined();
  });
});

describe('registerAssetProtocol', () => {
  it('handles the lectern-asset scheme', async () => {
    const handle = vi.fn();
    registerAssetProtocol({ handle } as unknown as Electron.Protocol, () => library);
    expect(handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('lectern-asset');
    expect((await handler(new Request(`lectern-asset://story/${HASH}.png`))).status).toBe(200);
  });
});
