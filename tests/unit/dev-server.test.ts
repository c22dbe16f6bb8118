/**
 * `npm run dev` (electron-vite's dev server with hot reload) gets a dev policy and may
 * reload itself; production stays strict. The dev side is proved on its parts (the
 * Vite plugin, the policies, the navigation guard in window.test.ts); the dev server
 * has not been run in Electron here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { devServerCsp } from '../../electron.vite.config';
import { CONTENT_SECURITY_POLICY, devServerContentSecurityPolicy } from '../../main/electron/csp';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));

describe('the production policy', () => {
  it('allows nothing of the dev policy (its exact text is pinned in app-protocol.test.ts)', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|ws:|wss:|http:|localhost/);
    expect(directives(CONTENT_SECURITY_POLICY).get('connect-src')).toBe("'none'");
  });

  it("is what the page's own meta policy (renderer/index.html) allows at most", async () => {
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const strict = directives(CONTENT_SECURITY_POLICY);
    for (const [name, value] of directives(meta!)) expect(strict.get(name), name).toBe(value);
  });
});

describe('the dev policy (npm run dev only)', () => {
  it("differs from production only in connect-src (Vite's websocket) and style-src (Vite's injected styles)", () => {
    const dev = directives(devServerContentSecurityPolicy('http://localhost:5173/'));
    const strict = directives(CONTENT_SECURITY_POLICY);
    expect([...dev.keys()]).toStrictEqual([...strict.keys()]);
    const changed = [...dev].filter(([name, value]) => strict.get(name) !== value);
    expect(changed).toStrictEqual([
      ['style-src', "'self' 'unsafe-inline'"],
      ['connect-src', "'self' ws://localhost:5173"],
    ]);
  });

  it('is the strict policy for a URL that is not http(s)', () => {
    expect(devServerContentSecurityPolicy('file:///x')).toBe(CONTENT_SECURITY_POLICY);
    expect(devServerContentSecurityPolicy('not a url')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('devServerCsp (electron.vite.config.ts)', () => {
  const plugin = devServerCsp();
  const transform = plugin.transformIndexHtml as (html: string) => string;

  it('runs under the dev server only, never in vite build', () => {
    expect(plugin.apply).toBe('serve');
  });

  it('leaves out the meta policy and nothing else', async () => {
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const dev = transform(html);
    expect(dev).not.toContain('Content-Security-Policy');
    const withoutMeta = html.replace(/ *<meta\s+http-equiv="Content-Security-Policy"[^>]*>\n/, '');
    expect(withoutMeta).not.toBe(html);
    expect(dev).toBe(withoutMeta);
  });
});
