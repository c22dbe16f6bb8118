/**
 * App lifecycle and wiring only: single-instance lock, ready, quit.
 * Everything with logic lives in a module that can be tested without Electron.
 */
import { BrowserWindow, Menu, app, dialog, protocol } from 'electron';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_URL } from './csp';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { ArticleSaving } from '../saving/article-saving';
import { ASSET_SCHEME_PRIVILEGES, registerAssetProtocol } from './asset-protocol';
import { electronDialogs } from './dialogs';
import { electronFetch, electronResolveHost } from './net-fetch';
import { ExportService } from '../notes';
import { DocumentWorker, ImportService } from '../saving';
import { createDispatcher } from '../handlers';
import { registerFileGrants, registerIpc, sendEvent } from './ipc';
import { grantHandler } from './file-grants';
import { FileGrants } from '../saving/file-grants';
import { AnnotationStore, DraftStore, SettingsStore, Library, bundledSource } from '../library';
import { DEFAULT_APP_SETTINGS } from '../../common/reading';
import { applyTheme } from './theme';
import { allWritesSettled } from '../library/atomic';
import { CLOSE_FLUSH_MS, PageFlushes, QUIT_WAIT_MS, flushBeforeClose, quitAfterClosing, quitSteps, revealOrOpen } from './lifecycle';
import { buildMenuTemplate } from './menu';
import { NotesTransfer } from '../notes/transfer';
import { printHtmlToPdf } from './pdf';
import { SearchService } from '../search';
import { createMainWindow, hardenWebContents } from './window';
import { closeLibrary, refuseWhenReadOnly } from './library-lock';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
/** `npm run dev` only: the Vite dev server's origin (its pages may reload themselves; window.ts). */
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, ASSET_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  /** Opens the window; set once the app has started. */
  let open: (() => void) | undefined;

  // Started again: bring the window forward, or open one if it was closed (macOS).
  // Before start-up has finished there is nothing to do: it opens the window itself.
  app.on('second-instance', () => revealOrOpen(mainWindow, () => open?.()));

  // A second layer: every web contents ever created gets the same guards as our window.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devServerOrigin }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const start = async () => {
    await app.whenReady();
    const contentDir = app.isPackaged
      ? join(process.resourcesPath, 'content')
      : join(app.getAppPath(), 'content');
    const libraryDir = process.env['LECTERN_LIBRARY_DIR'] || join(app.getPath('userData'), 'library');
    // The library lock (ARCHITECTURE.md §3): held while the app runs, released on quit (and
    // on exit, whatever the path); when another Lectern holds it, the library opens read-only.
    const library = await Library.open(libraryDir, {
      bundled: await bundledSource(contentDir),
      lock: { appVersion: app.getVersion() },
      onReadOnly: (reason) => {
        console.warn(`[lectern] the library is read-only now: ${reason}`);
        sendEvent(mainWindow, 'library:read-only', { reason });
      },
    });
    process.on('exit', () => library.closeSync());
    // What the catalog's background check finds changed on disk reaches the window (ARCHITECTURE.md §3, the catalog).
    library.onChange((change) => sendEvent(mainWindow, 'library:changed', change));
    // Read-only: nothing is written in the library, so its search index is built in a temp folder.
    const indexDir = library.readOnly ? await mkdtemp(join(app.getPath('temp'), 'lectern-index-')) : undefined;

    registerAppProtocol(protocol, join(here, '../renderer'));
    // Saved images: only files under articles/<id>/assets/ of this library.
    registerAssetProtocol(protocol, () => library.dir);
    const log = (message: string) => console.warn(`[lectern] ${message}`);
    // The index is built or checked in a worker thread: the window opens at once.
    const search = SearchService.start({ libraryDir: library.dir, indexDir, log });
    const refresh = (id: string) => void search.refreshArticle(id).catch((error: unknown) => log(`search refresh failed: ${String(error)}`));
    const remove = (id: string) => void search.removeArticle(id).catch((error: unknown) => log(`search remove failed: ${String(error)}`));
    // Folders edited by hand while Lectern runs reach the index too; the first check after open
    // is skipped (the index checks every article's fingerprint itself when it starts).
    void library
      .reconciled()
      .catch(() => undefined)
      .then(() =>
        library.onChange((change) => {
          [...change.added, ...change.updated].forEach(refresh);
          change.removed.forEach(remove);
        }),
      );
    const fileDialogs = electronDialogs(() => mainWindow);
    // Pages are parsed and sanitized in a worker thread: a big page never holds this loop.
    const documents = new DocumentWorker(new URL('./document-worker.js', import.meta.url), { log });
    // Paths of files really dropped on the window, granted by the preload (ARCHITECTURE.md §5).
    const fileGrants = new FileGrants();
    const saving = new ArticleSaving({
      grants: fileGrants.forOwner(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : undefined)),
      // Pages and images through Chromium's network stack: the system's proxy and certificates.
      importer: new ImportService(library.dir, { work: documents, fetch: electronFetch(), resolveHost: electronResolveHost() }),
      chooser: fileDialogs,
      onProgress: (progress) => sendEvent(mainWindow, 'library:import-progress', progress),
    });
    const annotations = new AnnotationStore(library.dir);
    // Notes as typed (drafts.json); one left by a crash becomes its note before the window opens.
    const drafts = new DraftStore(library.dir, annotations, { log });
    // A read-only Lectern writes nothing: the Lectern holding the lock recovers the drafts.
    if (!library.readOnly) {
      await drafts
        .recover()
        .then(({ applied, articles }) => {
          if (applied > 0) log(`${applied} note(s) typed before Lectern last closed were saved`);
          articles.forEach(refresh);
        })
        .catch((error: unknown) => log(`unsaved notes could not be recovered: ${String(error)}`));
    }
    // The page saves what it holds when asked (app:flush → app:flushed), at most CLOSE_FLUSH_MS.
    const pageFlushes = new PageFlushes();
    const flushPage = () =>
      mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isCrashed()
        ? pageFlushes.request((request) => sendEvent(mainWindow, 'app:flush', { request }), CLOSE_FLUSH_MS)
        : Promise.resolve('flushed' as const);
    const settleWrites = () => drafts.flush().then(() => allWritesSettled());
    /** Set when quitting has saved everything: the window's close then goes through at once. */
    let quitSaved = false;
    // Quit waits for the page to save, for the index to close (the worker ends by itself,
    // never mid-read), for a page being parsed, and for every queued library write, at
    // most QUIT_WAIT_MS in all; giving up is logged.
    app.on(
      'before-quit',
      quitAfterClosing({
        close: () => {
          const steps = quitSteps({
            flushPage,
            closeWorkers: () => Promise.all([search.close(), documents.close()]),
            flushDrafts: () => drafts.flush(),
            writesSettled: allWritesSettled,
            log,
          });
          // The lock goes last: everything above may still write to the library.
          return steps().finally(() => closeLibrary(library, indexDir));
        },
        quit: () => {
          quitSaved = true;
          app.quit();
        },
        log,
        timeoutMs: QUIT_WAIT_MS,
      }),
    );
    const colors = new SettingsStore(library.dir);
    const notes = new NotesTransfer({
      exporter: new ExportService({ library, annotations, colors }),
      dialogs: fileDialogs,
      printPdf: (html) => printHtmlToPdf(html),
      onProgress: (progress) => sendEvent(mainWindow, 'export:progress', progress),
      onImported: () =>
        void library
          .list()
          .then(({ articles }) => articles.forEach((a) => refresh(a.id)))
          .catch((error: unknown) => log(`search refresh after import failed: ${String(error)}`)),
    });
    const dispatch = createDispatcher(
      {
        library,
        annotations,
        drafts,
        pageFlushed: (request) => void pageFlushes.answered(request),
        colors,
        // The theme reaches the native theme and the window's background as soon as it is saved.
        settings: {
          settings: () => colors.settings(),
          setSingleKeyShortcuts: (on) => colors.setSingleKeyShortcuts(on),
          update: async (update) => {
            const settings = await colors.update(update);
            applyTheme(settings.reading.theme);
            return settings;
          },
        },
        appInfo: () => ({
          name: app.getName(),
          version: app.getVersion(),
          platform: process.platform,
          libraryPath: library.dir,
          ...(library.readOnly ? { readOnly: { reason: library.readOnly.reason } } : {}),
        }),
        search: { query: (input) => search.query(input), indexNow: (ids) => search.indexNow(ids), refreshArticle: refresh, removeArticle: remove },
        notes,
        saving,
        libraryChanged: (change) => sendEvent(mainWindow, 'library:changed', change),
      },
      (message, cause) => console.error(`[lectern] ${message}:`, cause),
    );
    registerIpc(dispatch, () => mainWindow, {
      appOrigin: 'app://lectern',
      devServerOrigin,
    });
    registerFileGrants(grantHandler(fileGrants), () => mainWindow, { appOrigin: 'app://lectern', devServerOrigin });

    const stored = await colors.settings().catch((error: unknown) => {
      log(`settings could not be read: ${String(error)}`);
      return DEFAULT_APP_SETTINGS;
    });
    applyTheme(stored.reading.theme);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: app.getName(),
          isDev: !app.isPackaged,
          send: (command) => sendEvent(mainWindow, 'menu:command', { command }),
          singleKeyShortcuts: stored.singleKeyShortcuts,
          // A rejection puts the menu's checkbox back (menu.ts); the page is told only of a saved change.
          onSingleKeyShortcuts: (on) =>
            refuseWhenReadOnly(library, () => colors.setSingleKeyShortcuts(on)).then(
              (settings) => sendEvent(mainWindow, 'settings:changed', settings),
              (error: unknown) => {
                log(`the shortcut setting could not be saved: ${String(error)}`);
                throw error;
              },
            ),
        }),
      ),
    );

    // The window icon on Linux (electron-builder.yml copies it into the resources).
    const iconPath = app.isPackaged
      ? join(process.resourcesPath, 'icon.png')
      : join(app.getAppPath(), 'build/icons/512x512.png');
    open = () => {
      mainWindow = createMainWindow({
        preloadPath: join(here, '../preload/index.cjs'),
        iconPath,
        url: devServerUrl ?? APP_URL,
        devServerUrl,
      });
      // The page saves its notes and position before the window goes (lifecycle.ts).
      mainWindow.on(
        'close',
        flushBeforeClose(mainWindow, { flushPage, settle: settleWrites, log, timeoutMs: CLOSE_FLUSH_MS, saved: () => quitSaved }),
      );
      const owner = mainWindow.webContents.id;
      mainWindow.on('closed', () => {
        mainWindow = null;
        fileGrants.revoke(owner);
      });
    };
    open();
    app.on('activate', () => {
      if (!mainWindow) open?.();
    });
  };

  start().catch((error: unknown) => {
    console.error('[lectern] could not start:', error);
    dialog.showErrorBox(
      'Lectern could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nNothing in your library was changed.`,
    );
    app.exit(1);
  });
}
