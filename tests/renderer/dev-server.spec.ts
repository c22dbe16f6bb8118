/**
 * `npm run dev` in Chromium: the renderer served by Vite's dev server with the dev-only
 * plugin of electron.vite.config.ts (the page's meta policy left out) and the dev policy
 * as a header (main/electron/csp.ts; in the app main adds it to each dev-server
 * response, window.ts applyCspHeaders). Vite's websocket connects and its injected
 * styles apply with no CSP violation. Without the plugin, both are blocked (the
 * control), which is what `npm run dev` hit before. Electron's part (the header
 * injection, a reload let through by the navigation guard) is tested with `electron`
 * mocked in tests/unit/electron/window.test.ts only.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { expect, test } from '@playwright/test';
import { devServerCsp } from '../../electron.vite.config';
import { devServerContentSecurityPolicy } from '../../main/electron/csp';
import { ROOT } from './paths';

/** Stands in for main's header injection: the dev policy on every response, for the port the server got. */
function devPolicyHeader(): Plugin {
  return {
    name: 'test-dev-policy-header',
    configureServer(server) {
      server.middlewares.use((_request, response, next) => {
        const { port } = server.httpServer!.address() as AddressInfo;
        response.setHeader('Content-Security-Policy', devServerContentSecurityPolicy(`http://localhost:${port}/`));
        next();
      });
    },
  };
}

async function startDevServer(plugins: Plugin[]): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: false,
    root: `${ROOT}/renderer`,
    plugins: [devPolicyHeader(), ...plugins],
    server: { host: 'localhost', port: 0 },
    logLevel: 'silent',
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { server, url: `http://localhost:${port}/` };
}

for (const { name, plugins, works } of [
  { name: 'with the dev-only plugin, Vite connects and injects its styles', plugins: [devServerCsp()], works: true },
  { name: 'without it (the control), the meta policy blocks both', plugins: [], works: false },
]) {
  test(name, async ({ page }) => {
    const { server, url } = await startDevServer(plugins);
    try {
      const messages: string[] = [];
      page.on('console', (message) => messages.push(message.text()));
      await page.goto(url);
      const violations = () => messages.filter((text) => /Content Security Policy/.test(text));
      if (works) {
        await expect.poll(() => messages).toContain('[vite] connected.');
        expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
        await expect(page.locator('style[data-vite-dev-id]')).not.toHaveCount(0);
        // global.css applied: its theme tokens are in force.
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim())).toBe('#faf8f3');
        expect(violations()).toStrictEqual([]);
      } else {
        await expect.poll(() => violations().length).toBeGreaterThanOrEqual(2);
        expect(violations().some((text) => /ws:\/\/localhost/.test(text))).toBe(true);
        expect(violations().some((text) => /inline style/.test(text))).toBe(true);
      }
    } finally {
      await server.close();
    }
  });
}
