/**
 * The real dispatcher (main/handlers.ts) over the library's own stores only: where a
 * payload is parsed, once (ARCHITECTURE.md §5), so the stores' tests of bad input ask
 * it. Search, saving and notes answer that they are not part of these tests.
 */
import { createDispatcher, type Dispatch } from '../../../main/handlers';
import { AnnotationStore, DraftStore, SettingsStore, type Library } from '../../../main/library';

const absent = (what: string) => () => Promise.reject(new Error(`${what} is not part of these tests`));

export function storeDispatcher(dir: string, library: Library): Dispatch {
  const settings = new SettingsStore(dir);
  const annotations = new AnnotationStore(dir);
  return createDispatcher({
    library,
    annotations,
    drafts: new DraftStore(dir, annotations),
    pageFlushed: () => {},
    colors: settings,
    settings,
    appInfo: () => ({ name: 'Lectern', version: '0', platform: 'linux', libraryPath: dir }),
    search: { query: absent('search'), indexNow: async () => {}, refreshArticle: () => {}, removeArticle: () => {} },
    saving: { addUrl: absent('saving'), addFiles: absent('saving'), chooseFiles: absent('saving'), cancel: () => {} },
    libraryChanged: () => {},
    notes: { preview: absent('export'), save: absent('export'), cancel: () => {}, importFromFile: absent('import') },
  });
}
