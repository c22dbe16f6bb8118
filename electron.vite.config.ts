import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

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
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      // No inline scripts or styles: the CSP allows 'self' only.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  },
});
