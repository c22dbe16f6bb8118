/**
 * The renderer harness (ARCHITECTURE.md §7). `app` is a Chromium page showing the built
 * renderer (`out/renderer`, served with the production CSP by the same resolver the
 * app:// protocol uses) whose `window.lectern` is the real preload API
 * (`preload/api.ts`) wired by `page.exposeBinding` to the real main services
 * (`main/handlers.ts` over `main/library`) on a fresh temporary library, `libraryDir`.
 *
 * Later suites import `test` and `expect` from here: keep the names and shapes stable.
 */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentTypeFor, resolveUnder } from '../../main/electron/app-protocol';
import { ArticleSaving } from '../../main/saving/article-saving';
import { FileGrants } from '../../main/saving/file-grants';
import { createAssetProtocolHandler } from '../../main/electron/asset-protocol';
import { DocumentWorker, ImportService } from '../../main/saving';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';
import { ExportService } from '../../main/notes';
import { createDispatcher, type Dispatch } from '../../main/handlers';
import { NotesTransfer, type Dialogs } from '../../main/notes/transfer';
import { SearchService } from '../../main/search';
import { AnnotationStore, DraftStore, SettingsStore, Library, bundledSource } from '../../main/library';
import type { EventName, EventPayload } from '../../common/ipc';
import { CONTENT_DIR, DOCUMENT_WORKER_FILE, RENDERER_DIR, SEARCH_WORKER_FILE, SHIM_FILE, TEMPLATE_LIBRARY } from './paths';

/** What main's native dialogs answer in the harness: set by a test before it clicks; null = cancelled. */
export interface DialogAnswers {
  save: string | null;
  folder: string | null;
  open: string | null;
  /** What main's "Add files" dialog answers (several files); null = cancelled. */
  files: string[] | null;
  /** What was asked, in order. */
  asked: { kind: 'save' | 'folder' | 'open' | 'files'; title: string; defaultName?: string }[];
}

/** Print HTML to PDF with this Chromium, JavaScript off (what Electron's printToPDF does in the app). */
async function printWithChromium(browser: Browser, html: string): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await context.close();
  }
}

export { expect };

/** The grant owner of the harness page (in the app: the window's web contents id). */
const HARNESS_PAGE = 1;

export interface RendererFixtures {
  /** The page, with the library view loaded. */
  app: Page;
  /** The fresh temporary library folder behind `app`, seeded with the bundled story. */
  libraryDir: string;
  /** The main-side library service `app` talks to. */
  library: Library;
  /** The main-side highlights and notes service `app` talks to (same folder as `library`). */
  annotations: AnnotationStore;
  /** Main's unsaved notes (drafts.json of `libraryDir`), as `app` sent them. */
  drafts: DraftStore;
  /** Every `app:flushed` answer the page gave (the request numbers), in order. */
  flushAcks: number[];
  /** The dispatcher `window.lectern` calls (the same one main/electron/ipc.ts registers). */
  dispatch: Dispatch;
  /** Sends a main → renderer event, as main's `webContents.send` would. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => Promise<void>;
  /** Console errors, page errors and CSP violations seen so far; checked empty after each test. */
  pageErrors: string[];
  /** The library search service (a real worker thread over `libraryDir`). */
  search: SearchService;
  /** Pages parsed and sanitized in a worker thread (the built out/main/document-worker.js), as main does. */
  documents: DocumentWorker;
  /** How main's file dialogs answer (see {@link DialogAnswers}). */
  dialogs: DialogAnswers;
  /** Sends main → renderer events from main-side code (progress, library:changed); drops them once the page is gone. */
  emitFromMain: (event: string, payload: unknown) => void;
  /**
   * `lectern-asset:` requests of `app`, answered by the real handler of
   * main/electron/asset-protocol.ts (Playwright's `page.route`, as Electron's `protocol.handle`
   * would): every URL asked for and the status answered.
   */
  assetRequests: { url: string; status: number }[];
  /**
   * HARNESS ONLY — grants paths to `library:add-files` as the preload does in the app
   * for a drop the browser itself made (`event.isTrusted`, preload/api.ts
   * `grantTrustedDrops`). Plain Chromium has no preload and a test cannot make a trusted
   * drop, so a test grants from Node (never from the page) the paths it drops or sends.
   */
  grantDroppedFiles: (paths: readonly string[]) => void;
  /** Main's store of granted paths behind `dispatch` (one owner: the harness page). */
  fileGrants: FileGrants;
}

interface WorkerFixtures {
  rendererUrl: string;
}

function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const file =
        request.method === 'GET' ? await resolveUnder(RENDERER_DIR, `app://lectern${request.url ?? '/'}`) : null;
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    })().catch(() => response.writeHead(500).end());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/index.html` });
    });
  });
}

export const test = base.extend<RendererFixtures, WorkerFixtures>({
  rendererUrl: [
    async ({}, use) => {
      const { server, url } = await serveRenderer();
      await use(url);
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],

  libraryDir: async ({}, use) => {
    // A copy of the library global-setup seeded: the same files a first run writes.
    const dir = await mkdtemp(join(tmpdir(), 'lectern-library-'));
    await cp(TEMPLATE_LIBRARY, dir, { recursive: true });
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  library: async ({ libraryDir }, use) => {
    const library = await Library.open(libraryDir, { bundled: await bundledSource(CONTENT_DIR) });
    await use(library);
    await library.close();
  },

  annotations: async ({ library }, use) => {
    await use(new AnnotationStore(library.dir));
  },

  drafts: async ({ library, annotations }, use) => {
    const drafts = new DraftStore(library.dir, annotations);
    await use(drafts);
    await drafts.flush();
  },

  flushAcks: async ({}, use) => {
    await use([]);
  },

  search: async ({ library, libraryDir }, use) => {
    // As main/electron/index.ts: a read-only library's index is built outside it.
    const indexDir = library.readOnly ? await mkdtemp(join(tmpdir(), 'lectern-index-')) : undefined;
    const search = SearchService.start({ libraryDir, indexDir, workerUrl: pathToFileURL(SEARCH_WORKER_FILE), refreshDelayMs: 50 });
    await use(search);
    await search.close();
    if (indexDir) await rm(indexDir, { recursive: true, force: true });
  },

  documents: async ({}, use) => {
    const documents = new DocumentWorker(pathToFileURL(DOCUMENT_WORKER_FILE));
    await use(documents);
    await documents.close();
  },

  dialogs: async ({}, use) => {
    await use({ save: null, folder: null, open: null, files: null, asked: [] });
  },

  emitFromMain: async ({ page }, use) => {
    await use((event, payload) => {
      void page
        .evaluate(
          ([name, data]) => (window as unknown as { __lecternEmit?(e: string, p: unknown): void }).__lecternEmit?.(name, data),
          [event, payload] as const,
        )
        .catch(() => undefined);
    });
  },

  assetRequests: async ({}, use) => {
    await use([]);
  },

  fileGrants: async ({}, use) => {
    await use(new FileGrants());
  },

  grantDroppedFiles: async ({ fileGrants }, use) => {
    await use((paths) => fileGrants.grant(HARNESS_PAGE, paths));
  },

  dispatch: async (
    { library, annotations, drafts, flushAcks, libraryDir, search, documents, dialogs, page, browser, emitFromMain, fileGrants },
    use,
  ) => {
    const colors = new SettingsStore(library.dir);
    // As main/electron/index.ts: what the catalog's check finds changed on disk reaches the page (after the first check).
    await library.reconciled();
    library.onChange((change) => emitFromMain('library:changed', change));
    const answering: Dialogs = {
      saveFile: async ({ title, defaultName }) => (dialogs.asked.push({ kind: 'save', title, defaultName }), dialogs.save),
      chooseFolder: async ({ title }) => (dialogs.asked.push({ kind: 'folder', title }), dialogs.folder),
      openFile: async ({ title }) => (dialogs.asked.push({ kind: 'open', title }), dialogs.open),
    };
    const notes = new NotesTransfer({
      exporter: new ExportService({ library, annotations, colors }),
      dialogs: answering,
      printPdf: (html) => printWithChromium(browser, html),
      onProgress: (progress) =>
        void page
          .evaluate((p) => (window as unknown as { __lecternEmit(e: string, p: unknown): void }).__lecternEmit('export:progress', p), progress)
          .catch(() => undefined),
      onImported: () =>
        void library
          .list()
          .then(({ articles }) => Promise.all(articles.map((a) => search.refreshArticle(a.id))))
          .catch(() => undefined),
    });
    await use(
      createDispatcher({
        library,
        annotations,
        drafts,
        pageFlushed: (request) => flushAcks.push(request),
        colors,
        settings: colors,
        // As main/electron/index.ts: a read-only library's reason reaches the window.
        appInfo: () => ({
          name: 'Lectern',
          version: '0.0.0-test',
          platform: process.platform,
          libraryPath: libraryDir,
          ...(library.readOnly ? { readOnly: { reason: library.readOnly.reason } } : {}),
        }),
        search: {
          query: (input) => search.query(input),
          indexNow: (ids) => search.indexNow(ids),
          refreshArticle: (id) => void search.refreshArticle(id).catch(() => undefined),
          removeArticle: (id) => void search.removeArticle(id).catch(() => undefined),
        },
        notes,
        saving: new ArticleSaving({
          grants: fileGrants.forOwner(() => HARNESS_PAGE),
          // Node's own fetch (the app uses Chromium's: main/electron/net-fetch.ts) and the
          // document worker; tests serve pages from a loopback server.
          importer: new ImportService(libraryDir, { work: documents }),
          chooser: {
            openFiles: async ({ title }) => (dialogs.asked.push({ kind: 'files', title }), dialogs.files),
          },
          onProgress: (progress) => emitFromMain('library:import-progress', progress),
        }),
        libraryChanged: (change) => emitFromMain('library:changed', change),
      }),
    );
  },

  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'console errors, page errors or CSP violations during the test').toEqual([]);
  },

  app: async ({ page, dispatch, rendererUrl, pageErrors, libraryDir, assetRequests }, use) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    await page.exposeBinding('__lecternIpc', async (source, channel: unknown, input: unknown) => {
      // Mirrors main/electron/ipc.ts: only our page's main frame may call.
      if (source.frame !== source.page.mainFrame()) {
        return { ok: false, error: { code: 'forbidden', message: 'not our main frame' } };
      }
      return dispatch(String(channel), input);
    });
    // Saved images: Electron answers lectern-asset: with main/electron/asset-protocol.ts's handler;
    // here Playwright routes the scheme to that same handler.
    const assets = createAssetProtocolHandler(() => libraryDir);
    await page.route(/^lectern-asset:/, async (route) => {
      const request = route.request();
      const response = await assets(new Request(request.url(), { method: request.method() }));
      assetRequests.push({ url: request.url(), status: response.status });
      await route.fulfill({
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: Buffer.from(await response.arrayBuffer()),
      });
    });
    await page.addInitScript({ content: await readFile(SHIM_FILE, 'utf8') });
    await page.goto(rendererUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await use(page);
  },

  emit: async ({ app }, use) => {
    await use(async (event, payload) => {
      await app.evaluate(
        ([name, data]) =>
          (window as unknown as { __lecternEmit(e: string, p: unknown): void }).__lecternEmit(name, data),
        [event, payload] as const,
      );
    });
  },
});
