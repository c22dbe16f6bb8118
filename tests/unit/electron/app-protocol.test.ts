/**
 * The app:// protocol: path resolution under the renderer root (the security
 * boundary) and the handler's responses. Plain Node; `electron` is only a type here.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Nothing here may load the real `electron` package (it would try to download a binary).
vi.mock('electron', () => {
  throw new Error('app-protocol must not import electron at runtime');
});

import {
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  registerAppProtocol,
  resolveUnder,
} from '../../../main/electron/app-protocol';
import {
  APP_HOST,
  APP_SCHEME,
  APP_URL,
  CONTENT_SECURITY_POLICY,
  devServerContentSecurityPolicy,
} from '../../../main/electron/csp';

let base: string;
let root: string;
let realRoot: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'lectern-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets', 'nested'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Lectern</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'export {};');
  await writeFile(join(root, 'assets', 'my file.css'), 'body{}');
  await writeFile(join(root, 'assets', 'nested', 'logo.svg'), '<svg/>');
  // Secrets right next to the root: a lax resolver would find them.
  await writeFile(join(base, 'secret.txt'), 'secret');
  await mkdir(join(base, 'outside'));
  await writeFile(join(base, 'outside', 'secret.txt'), 'secret');
  // Symlinks: two escaping the root, one staying inside.
  await symlink(join(base, 'secret.txt'), join(root, 'escape.txt'));
  await symlink(join(base, 'outside'), join(root, 'outdir'));
  await symlink(join(root, 'index.html'), join(root, 'alias.html'));
  realRoot = await realpath(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('csp constants', () => {
  it('is the exact policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: lectern-asset:; " +
        "font-src 'self'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; " +
        'trusted-types lit-html dompurify',
    );
    expect([APP_SCHEME, APP_HOST, APP_URL]).toStrictEqual(['app', 'lectern', 'app://lectern/index.html']);
  });

  it('opens connect-src to the dev server and style-src to inline styles only in the dev policy', () => {
    const policy = devServerContentSecurityPolicy('http://localhost:5173/');
    expect(policy).toBe(
      CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self' ws://localhost:5173").replace(
        "style-src 'self'",
        "style-src 'self' 'unsafe-inline'",
      ),
    );
    expect(devServerContentSecurityPolicy('not a url')).toBe(CONTENT_SECURITY_POLICY);
    expect(devServerContentSecurityPolicy('file:///x')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('resolveUnder', () => {
  it.each([
    ['app://lectern/', 'index.html'],
    ['app://lectern', 'index.html'],
    ['app://lectern/index.html', 'index.html'],
    ['app://lectern/assets/app.js', 'assets/app.js'],
    ['app://lectern/assets/app.js?v=3#top', 'assets/app.js'],
    ['app://lectern/assets/my%20file.css', 'assets/my file.css'],
    ['app://lectern/assets/nested/logo.svg', 'assets/nested/logo.svg'],
    ['APP://LECTERN/index.html', 'index.html'],
    // A symlink that stays inside the root resolves to its real target.
    ['app://lectern/alias.html', 'index.html'],
  ])('resolves %j to %s', async (url, file) => {
    expect(await resolveUnder(root, url)).toBe(join(realRoot, file));
  });

  it.each([
    // dot-dot traversal, raw and encoded
    'app://lectern/../secret.txt',
    'app://lectern/assets/../../secret.txt',
    'app://lectern/%2e%2e/secret.txt',
    'app://lectern/%2E%2E/secret.txt',
    'app://lectern/%2e%2e%2fsecret.txt',
    'app://lectern/..%2fsecret.txt',
    'app://lectern/.%2e/secret.txt',
    'app://lectern/assets/%2e%2e/%2e%2e/secret.txt',
    'app://lectern/./index.html',
    // backslashes, raw and encoded
    'app://lectern/..\\secret.txt',
    'app://lectern/assets\\..\\..\\secret.txt',
    'app://lectern/..%5csecret.txt',
    'app://lectern/..%5Csecret.txt',
    // absolute paths
    'app://lectern//etc/passwd',
    'app://lectern/%2fetc%2fpasswd',
    'app://lectern/etc/passwd',
    // Windows drive letters
    'app://lectern/C:\\Windows\\win.ini',
    'app://lectern/C:/Windows/win.ini',
    'app://lectern/c%3A/Windows/win.ini',
    'app://lectern/C:%5cWindows%5cwin.ini',
    // UNC paths
    'app://lectern/\\\\server\\share\\file.txt',
    'app://lectern/%5c%5cserver%5cshare%5cfile.txt',
    'app://lectern///server/share/file.txt',
    // NUL and control bytes
    'app://lectern/index.html%00.png',
    'app://lectern/index.html\u0000.png',
    'app://lectern/index%01.html',
    'app://lectern/index.html\n',
    // wrong scheme, host, port or credentials
    'app://evil/index.html',
    'app://lectern.evil/index.html',
    'app://evil.lectern/index.html',
    'app://lectern:8080/index.html',
    'app://user@lectern/index.html',
    'app://lectern@evil/index.html',
    'app:///index.html',
    'app:index.html',
    'https://lectern/index.html',
    'file:///index.html',
    'lectern-asset://lectern/index.html',
    // symlinks escaping the root
    'app://lectern/escape.txt',
    'app://lectern/outdir/secret.txt',
    // directories, missing files, trailing slashes, empty segments
    'app://lectern/assets',
    'app://lectern/assets/',
    'app://lectern/assets//app.js',
    'app://lectern/missing.html',
    // malformed escapes
    'app://lectern/%E0%A4%A',
    'app://lectern/%',
    '',
    'not a url',
  ])('refuses %j', async (url) => {
    expect(await resolveUnder(root, url)).toBeNull();
  });

  it('refuses an absolute path to a real file outside the root', async () => {
    const outside = join(base, 'secret.txt');
    expect(await resolveUnder(root, `app://lectern/${encodeURIComponent(outside)}`)).toBeNull();
    expect(await resolveUnder(root, `app://lectern/${outside}`)).toBeNull();
    expect(await resolveUnder(root, `app://lectern/${outside.split('/').map(encodeURIComponent).join('/')}`)).toBeNull();
  });

  it('refuses everything when the root does not exist', async () => {
    expect(await resolveUnder(join(base, 'no-such-root'), 'app://lectern/')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/app.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['photo.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.JPEG', 'image/jpeg'],
    ['photo.webp', 'image/webp'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['README', 'application/octet-stream'],
    ['archive.exe', 'application/octet-stream'],
  ])('%s → %s', (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('is standard, secure and fetchable, and does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toStrictEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
  });
});

function fakeRequest(url: string, method = 'GET'): Request {
  // Not `new Request(url)`: that would normalize `..` away, and these must arrive raw.
  return { url, method } as Request;
}

describe('createAppProtocolHandler', () => {
  it('serves a file with its type, the CSP and nosniff', async () => {
    const handler = createAppProtocolHandler(root);
    const response = await handler(new Request('app://lectern/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>Lectern</title>');
  });

  it('serves the index for the bare origin', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://lectern/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lectern</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://lectern/assets/app.js'));
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('export {};');
  });

  it.each(['app://lectern/../secret.txt', 'app://lectern/escape.txt', 'app://evil/index.html', 'app://lectern/missing.js'])(
    'answers 404 with the security headers for %j',
    async (url) => {
      const response = await createAppProtocolHandler(root)(fakeRequest(url));
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(await response.text()).toBe('Not Found');
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('answers 405 to %s', async (method) => {
    const response = await createAppProtocolHandler(root)(fakeRequest('app://lectern/index.html', method));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('registerAppProtocol', () => {
  it('handles the app scheme with a handler that answers the CSP header', async () => {
    const handle = vi.fn();
    registerAppProtocol({ handle } as unknown as Electron.Protocol, root);
    expect(handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request(APP_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
