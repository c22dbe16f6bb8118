import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/** The page's own Content-Security-Policy `<meta>` (renderer/index.html). */
const CSP_META = /[ \t]*<meta\s+http-equiv="Content-Security-Policy"[^>]*>[ \t]*\n?/i;

/**
 * `npm run dev` only (`apply: 'serve'`; `vite build` never runs it): leaves the page's
 * meta policy out of the dev page. A page obeys every policy it is given, and the
 * strict meta one would block Vite's websocket and injected styles; under the dev
 * server the policy is the header main sends with each response
 * (main/electron/csp.ts, devServerContentSecurityPolicy), strict in all else.
 * The built page keeps its meta policy (the renderer suite checks it).
 */
export function devServerCsp(): Plugin {
  return {
    name: 'lectern-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CSP_META, ''),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'main/electron/index.ts'), formats: ['es'] },
      // The worker threads are entries of their own, next to index.js: `search-worker.js`
      // (main/search/service.ts starts it with `new URL('./search-worker.js', import.meta.url)`)
      // and `document-worker.js` (main/electron/index.ts: pages parsed off main's event loop).
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          'search-worker': resolve(root, 'main/search/worker.ts'),
          'document-worker': resolve(root, 'main/saving/document-worker.ts'),
        },
      },
      // Runtime dependencies (jsdom, dompurify, markdown-it, yaml, valibot) stay in
      // node_modules and are packaged by electron-builder.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can only `require('electron')`: bundle everything else
      // (valibot, the contract) into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [devServerCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      // No inline scripts or styles: the CSP allows 'self' only.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  },
});
