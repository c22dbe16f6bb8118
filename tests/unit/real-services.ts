/**
 * The real main services over a fresh temporary library behind the real dispatcher
 * (main/handlers.ts), wired as main/electron/index.ts wires them — without Electron:
 * main's dialogs answer what a test sets in `dialogs`, a PDF is "printed" as a few
 * fixed bytes, pages are fetched by a fake `fetch` (nothing leaves the machine), and
 * search runs in its bundled worker (ARCHITECTURE.md §7).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../main/handlers';
import { AnnotationStore, DraftStore, SettingsStore, Library, loadBundledArticles } from '../../main/library';
import { allWritesSettled } from '../../main/library/atomic';
import { ExportService } from '../../main/notes';
import { NotesTransfer } from '../../main/notes/transfer';
import { ImportService } from '../../main/saving';
import { ArticleSaving } from '../../main/saving/article-saving';
import { FileGrants } from '../../main/saving/file-grants';
import { CONTENT_DIR, bundled, freshDir } from './library/helpers';
import { startService } from './search/helpers';
import type { SearchService } from '../../main/search';
import type { LibraryChange } from '../../common/ipc';

/** What main's dialogs answer; null is "cancelled". */
export interface DialogAnswers {
  save: string | null;
  folder: string | null;
  open: string | null;
  files: string[] | null;
}

/** The page every `fetch` answers: a short article. */
export const PAGE_HTML = `<!doctype html><html lang="en"><head><title>A saved page</title></head><body><article>
<h1>A saved page</h1><p>${'This paragraph has enough words to be read as an article by Readability. '.repeat(8)}</p>
<p>${'A second paragraph, so the page reads as an article and not as a navigation list. '.repeat(6)}</p>
</article></body></html>`;

/** The real dispatcher over a fresh library holding the bundled articles and one small article, `a`. */
export async function realServices(options: {
  /** An existing library folder (default: a fresh one with the story and article `a`). */
  dir?: string;
  /** Wait for the catalog's first check before answering (default true); false measures a cold open. */
  awaitCheck?: boolean;
  /** Also told of every `library:changed` (a bench forwards them to its page). */
  onLibraryChanged?: (change: LibraryChange) => void;
} = {}): Promise<{
  dir: string;
  dispatch: Dispatch;
  dialogs: DialogAnswers;
  library: Library;
  annotations: AnnotationStore;
  /** The library search service (a real worker over `dir`). */
  search: SearchService;
  /** Ids of every `library:changed` event, in order. */
  changed: string[][];
  /** Grants paths to `library:add-files`, as the preload does for files dropped on the window. */
  grant: (paths: readonly string[]) => void;
  /** Resolves once background writes have landed: the coalesced drafts.json write, then every queued write. */
  settle: () => Promise<void>;
}> {
  const dir = options.dir ?? (await freshDir());
  // The lock's heartbeat rewrites .lock every 5 s; here it never beats, so a test that
  // compares the folder's bytes (the bridge fuzz) sees only what its calls wrote.
  const library = await Library.open(dir, {
    bundled: [...(await loadBundledArticles(CONTENT_DIR)), bundled('a')],
    lock: { heartbeatMs: 3_600_000 },
  });
  const annotations = new AnnotationStore(dir);
  const colors = new SettingsStore(dir);
  const { service: search } = await startService(dir);
  const dialogs: DialogAnswers = { save: null, folder: null, open: null, files: null };
  const notes = new NotesTransfer({
    exporter: new ExportService({ library, annotations, colors }),
    dialogs: {
      saveFile: async () => dialogs.save,
      chooseFolder: async () => dialogs.folder,
      openFile: async () => dialogs.open,
    },
    printPdf: async () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
  });
  const fileGrants = new FileGrants();
  const saving = new ArticleSaving({
    grants: fileGrants.forOwner(() => 1),
    importer: new ImportService(dir, {
      fetch: async () => new Response(PAGE_HTML, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
      resolveHost: async () => ['93.184.216.34'], // every host "public" for the address check: no DNS asked
    }),
    chooser: { openFiles: async () => dialogs.files },
  });
  const changed: string[][] = [];
  // As main/electron/index.ts: what the catalog's check finds changed on disk is announced too (after the first check).
  if (options.awaitCheck !== false) await library.reconciled();
  library.onChange((change) => changed.push([...change.added, ...change.updated, ...change.removed]));
  const drafts = new DraftStore(dir, annotations);
  const dispatch = createDispatcher({
    library,
    annotations,
    drafts,
    pageFlushed: () => {},
    colors,
    settings: colors,
    appInfo: () => ({ name: 'Lectern', version: '0.0.0-test', platform: process.platform, libraryPath: dir }),
    search: {
      query: (input) => search.query(input),
      indexNow: (ids) => search.indexNow(ids),
      refreshArticle: (id) => void search.refreshArticle(id).catch(() => undefined),
      removeArticle: (id) => void search.removeArticle(id).catch(() => undefined),
    },
    saving,
    notes,
    libraryChanged: (change) => {
      changed.push([...change.added, ...change.updated, ...change.removed]);
      options.onLibraryChanged?.(change);
    },
  });
  return { dir, dispatch, dialogs, library, annotations, search, changed, grant: (paths) => fileGrants.grant(1, paths),
    settle: () => drafts.flush().then(() => allWritesSettled()),
  };
}

/** A small Markdown file to add, in `dir`; its path. */
export async function markdownFile(dir: string, name = 'note.md'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `# A note from a file\n\n${'Words in a file that is added to the library. '.repeat(10)}\n`);
  return path;
}
