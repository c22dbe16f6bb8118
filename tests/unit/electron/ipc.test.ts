/**
 * The dispatcher (main/handlers.ts) and the ipcMain site (main/electron/ipc.ts): every
 * channel, every invalid payload refused before a service runs, calls from a foreign
 * frame refused, events checked against the contract. Long because it is one table of
 * the bridge's cases (ARCHITECTURE.md §5), with `electron` mocked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { DEFAULT_APP_SETTINGS, type HighlightTarget, type ReadingProgress, type SettingsUpdate } from '../../../common/model';
import { DEFAULT_COLOR_NAMES } from '../../../common/colors';
import { CHANNEL_NAMES } from '../../../common/ipc';
import { createDispatcher, type Services } from '../../../main/handlers';
import { isTrustedFrame, registerIpc, sendEvent } from '../../../main/electron/ipc';
import { articleSummary } from '../article-summary';
import type { BrowserWindow, IpcMainInvokeEvent, WebFrameMain } from 'electron';

const ORIGINS = { appOrigin: 'app://lectern' };
const PROGRESS: ReadingProgress = { fraction: 0.5, position: 120, within: 0.25 };
const UUID = '0b9e7a52-3c1d-4f7e-9a6b-2d4c8e1f5a3b';
const TARGET: HighlightTarget = {
  quote: { type: 'TextQuoteSelector', exact: 'body', prefix: 'The ', suffix: ' of' },
  position: { type: 'TextPositionSelector', start: 4, end: 8 },
};
const HIGHLIGHT = {
  id: UUID,
  articleId: 'abc',
  created: '2024-05-01T10:00:00.000Z',
  modified: '2024-05-01T10:00:00.000Z',
  motivation: 'highlighting' as const,
  target: TARGET,
  color: 'yellow' as const,
  note: '',
  tags: [],
};

const SUMMARY = articleSummary('abc', { title: 'A', wordCount: 10 });

function fakeServices() {
  return {
    library: {
      list: vi.fn(async () => ({ articles: [], problems: [], total: 0, offset: 0, tags: [] })),
      listWindow: vi.fn(async () => ({ articles: [], problems: [], total: 0, offset: 0, tags: [] })),
      locate: vi.fn(async () => null),
      get: vi.fn(async (id: string) => {
        throw Object.assign(new Error(`No article with id "${id}"`), { code: 'not-found' });
      }),
      setProgress: vi.fn(async () => {}),
      trash: vi.fn(async () => {}),
      restore: vi.fn(async () => {}),
      listTrash: vi.fn(async () => [{ id: 'abc', title: 'A', url: null, trashedAt: '2024-05-01T10:00:00.000Z' }]),
      emptyTrash: vi.fn(async () => 2),
      setRead: vi.fn(async (id: string) => ({ ...SUMMARY, id })),
      setTags: vi.fn(async (id: string, tags: readonly string[]) => ({ ...SUMMARY, id, tags: [...tags] })),
    },
    annotations: {
      list: vi.fn(async (articleId: string) => ({ articleId, highlights: [], articleNote: null })),
      create: vi.fn(async () => HIGHLIGHT),
      update: vi.fn(async () => HIGHLIGHT),
      delete: vi.fn(async () => HIGHLIGHT),
      restore: vi.fn(async () => HIGHLIGHT),
      setArticleNote: vi.fn(async (articleId: string, note: string) => ({
        id: UUID,
        articleId,
        created: HIGHLIGHT.created,
        modified: HIGHLIGHT.modified,
        note,
      })),
    },
    drafts: {
      put: vi.fn(async () => {}),
      pending: vi.fn(async () => []),
      mark: vi.fn(() => 0),
      saved: vi.fn(),
      touched: vi.fn(),
    },
    pageFlushed: vi.fn(),
    colors: {
      get: vi.fn(async () => ({ ...DEFAULT_COLOR_NAMES })),
      rename: vi.fn(async () => ({ ...DEFAULT_COLOR_NAMES })),
    },
    settings: {
      settings: vi.fn(async () => ({ ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: false })),
      setSingleKeyShortcuts: vi.fn(async (on: boolean) => ({ ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: on })),
      update: vi.fn(async (update: SettingsUpdate) => ({
        ...DEFAULT_APP_SETTINGS,
        reading: { ...DEFAULT_APP_SETTINGS.reading, ...update.reading },
        listening: { ...DEFAULT_APP_SETTINGS.listening, ...update.listening },
      })),
    },
    appInfo: vi.fn(() => ({ name: 'Lectern', version: '1.0.0', platform: 'linux', libraryPath: '/tmp/l' })),
    search: {
      query: vi.fn(async () => ({ state: 'ready' as const, progress: null, corrections: [], results: [], total: 0 })),
      indexNow: vi.fn(async (_ids: readonly string[]) => {}),
      refreshArticle: vi.fn(),
      removeArticle: vi.fn(),
    },
    saving: {
      addUrl: vi.fn(async () => ({ id: 'saved', title: 'Saved', updated: false, warnings: [] })),
      addFiles: vi.fn(async () => ({
        chosen: true,
        added: [{ id: 'notes', title: 'Notes', updated: false, warnings: [], file: 'notes.md' }],
        refused: [{ file: 'big.html', code: 'too-large' as const, reason: 'The file is larger than 10 MB.' }],
      })),
      chooseFiles: vi.fn(async () => ({ chosen: false, added: [], refused: [] })),
      cancel: vi.fn(),
    },
    libraryChanged: vi.fn(),
    notes: {
      preview: vi.fn(async () => ({ text: '', truncated: false })),
      save: vi.fn(async () => ({ saved: false, path: null, files: 0, annotations: 0 })),
      cancel: vi.fn(),
      importFromFile: vi.fn(async () => ({
        imported: false, path: null, added: 0, updated: 0, skipped: 0, orphaned: 0, noArticle: 0, problems: [],
      })),
    },
  } satisfies Services;
}

/** Every service function of `services`, for "nothing was called" checks. */
function allServiceFns(services: ReturnType<typeof fakeServices>) {
  return [
    services.appInfo,
    ...Object.values(services.library),
    ...Object.values(services.annotations),
    services.drafts.put,
    services.drafts.pending,
    services.pageFlushed,
    ...Object.values(services.colors),
    ...Object.values(services.search),
    ...Object.values(services.notes),
    ...Object.values(services.saving),
    services.libraryChanged,
  ];
}

function fakeWindow(url = 'app://lectern/index.html') {
  const mainFrame = { url } as WebFrameMain;
  const send = vi.fn();
  const window = {
    isDestroyed: () => false,
    webContents: { mainFrame, send },
  } as unknown as BrowserWindow;
  return { window, mainFrame, send };
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => unknown) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

describe('createDispatcher', () => {
  let services: ReturnType<typeof fakeServices>;
  beforeEach(() => {
    services = fakeServices();
  });

  it('answers a valid call with ok and the service value', async () => {
    const dispatch = createDispatcher(services);
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: true,
      value: { name: 'Lectern', version: '1.0.0', platform: 'linux', libraryPath: '/tmp/l' },
    });
    expect(await dispatch('article:set-progress', { id: 'abc', progress: PROGRESS })).toEqual({ ok: true, value: null });
    expect(services.library.setProgress).toHaveBeenCalledWith('abc', PROGRESS);
  });

  it.each([
    ['library:list', { extra: true }],
    ['app:info', 'x'],
    ['article:get', undefined],
    ['article:get', null],
    ['article:get', { id: 42 }],
    ['article:get', { id: '../secret' }],
    ['article:get', { id: 'UPPER' }],
    ['article:get', { id: 'a'.repeat(65) }],
    ['article:get', { id: 'abc', extra: 1 }],
    ['article:set-progress', { id: 'abc' }],
    ['article:set-progress', { id: 'abc', progress: { ...PROGRESS, fraction: 1.5 } }],
    ['article:set-progress', { id: 'abc', progress: { ...PROGRESS, fraction: Number.NaN } }],
    ['article:set-progress', { id: 'abc', progress: { ...PROGRESS, position: -1 } }],
    ['article:set-progress', { id: 'abc', progress: { ...PROGRESS, position: 1.5 } }],
    ['article:set-progress', { id: 'abc', progress: { ...PROGRESS, __proto__: { polluted: true }, x: 1 } }],
    ['annotations:list', undefined],
    ['annotations:list', { articleId: '../x' }],
    ['annotations:list', { articleId: 'abc', extra: 1 }],
    ['annotations:create', { articleId: 'abc', target: TARGET }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'orange' }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', note: 42 }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', note: 'a'.repeat(2_000_001) }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', tags: ['two words'] }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', tags: ['#hash'] }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', tags: ['   '] }],
    ['annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', tags: Array(51).fill('t') }],
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: { ...TARGET, position: { ...TARGET.position, start: 8, end: 8 } } }],
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: { ...TARGET, position: { ...TARGET.position, start: -1 } } }],
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: { ...TARGET, quote: { ...TARGET.quote, exact: '' } } }],
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: { ...TARGET, quote: { ...TARGET.quote, prefix: 'p'.repeat(33) } } }],
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: { quote: TARGET.quote } }],
    // The caller's id (idempotent creates) must be a UUID.
    ['annotations:create', { articleId: 'abc', color: 'yellow', target: TARGET, id: 'not-a-uuid' }],
    ['annotations:update', { articleId: 'abc', id: UUID, patch: {} }],
    ['annotations:update', { articleId: 'abc', id: 'not-a-uuid', patch: { color: 'blue' } }],
    ['annotations:update', { articleId: 'abc', id: UUID, patch: { color: 'blue', deleted: true } }],
    ['annotations:update', { articleId: 'abc', patch: { color: 'blue' } }],
    ['annotations:delete', { articleId: 'abc' }],
    ['annotations:delete', { articleId: 'abc', id: 'x' }],
    ['annotations:restore', { id: UUID }],
    ['annotations:restore', { articleId: 'abc', id: UUID, extra: 1 }],
    ['annotations:set-article-note', { articleId: 'abc' }],
    ['annotations:set-article-note', { articleId: 'abc', note: null }],
    ['colors:get', { color: 'yellow' }],
    ['settings:get', { singleKeyShortcuts: false }],
    ['settings:update', { reading: { textSize: 99 } }],
    ['settings:update', { reading: { theme: 'neon' } }],
    ['settings:update', { reading: { fontFamily: 'Comic Sans' } }],
    ['settings:update', { listening: { rate: 5 } }],
    ['settings:update', { singleKeyShortcuts: false }],
    ['settings:update', { reading: null }],
    ['colors:rename', { color: 'orange', name: 'Orange' }],
    ['colors:rename', { color: 'yellow', name: '   ' }],
    ['colors:rename', { color: 'yellow', name: 'n'.repeat(41) }],
    ['colors:rename', { color: 'yellow' }],
    ['library:list', { sort: 'size' }],
    ['library:list', { filter: 'tag' }],
    ['library:list', { filter: 'unread', order: 'desc' }],
    ['library:list', 'saved'],
    ['library:add-url', undefined],
    ['library:add-url', { url: 'file:///etc/passwd' }],
    ['library:add-url', { url: 'javascript:alert(1)' }],
    ['library:add-url', { url: 'ftp://example.com/a.html' }],
    ['library:add-url', { url: 'not a url' }],
    ['library:add-url', { url: '' }],
    ['library:add-url', { url: `https://example.com/${'a'.repeat(2000)}` }],
    ['library:add-url', { url: 'https://example.com/', tags: [] }],
    ['library:add-url', 'https://example.com/'],
    ['library:add-files', undefined],
    ['library:add-files', { paths: [] }],
    ['library:add-files', { paths: ['relative/notes.md'] }],
    ['library:add-files', { paths: ['notes.md'] }],
    ['library:add-files', { paths: ['\\\\server\\share\\notes.md'] }],
    ['library:add-files', { paths: ['/tmp/a.md\0.exe'] }],
    ['library:add-files', { paths: [42] }],
    ['library:add-files', { paths: Array(10_001).fill('/tmp/a.md') }],
    ['library:add-files', { paths: ['/tmp/a.md'], extra: 1 }],
    ['library:choose-files', { paths: ['/tmp/a.md'] }],
    ['library:cancel-import', { all: true }],
    ['article:delete', undefined],
    ['article:delete', { id: '../x' }],
    ['article:restore', { id: 'ABC' }],
    ['trash:list', { all: true }],
    ['trash:empty', { id: 'abc' }],
    ['article:set-read', { id: 'abc' }],
    ['article:set-read', { id: 'abc', read: 'yes' }],
    ['article:set-tags', { id: 'abc', tags: ['two words'] }],
    ['article:set-tags', { id: 'abc', tags: Array(51).fill('t') }],
    ['article:set-tags', { id: 'abc' }],
    ['drafts:put', { articleId: 'abc', target: 'x', text: 'n' }],
    ['drafts:put', { articleId: 'abc', target: 'article', text: 'a'.repeat(2_000_001) }],
    ['drafts:put', { articleId: 'abc', target: 'article' }],
    ['drafts:list', { articleId: '../x' }],
    ['app:flushed', { request: 0 }],
    ['app:flushed', { request: 1.5 }],
    ['app:flushed', undefined],
  ])('refuses %s with payload %j as invalid-input without calling a service', async (channel, payload) => {
    const dispatch = createDispatcher(services);
    const answer = await dispatch(channel, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(new RegExp(`^${channel}: `));
    for (const fn of allServiceFns(services)) expect(fn).not.toHaveBeenCalled();
  });

  it('passes parsed annotation and color payloads to their services', async () => {
    const dispatch = createDispatcher(services);
    expect(await dispatch('annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow', tags: [' x '] })).toEqual({
      ok: true,
      value: HIGHLIGHT,
    });
    // Defaults filled in and tags trimmed by the contract before the service sees them.
    expect(services.annotations.create).toHaveBeenCalledWith({ articleId: 'abc', target: TARGET, color: 'yellow', note: '', tags: ['x'] });
    await dispatch('annotations:update', { articleId: 'abc', id: UUID, patch: { note: 'n' } });
    expect(services.annotations.update).toHaveBeenCalledWith({ articleId: 'abc', id: UUID, patch: { note: 'n' } });
    await dispatch('annotations:delete', { articleId: 'abc', id: UUID });
    expect(services.annotations.delete).toHaveBeenCalledWith({ articleId: 'abc', id: UUID });
    await dispatch('annotations:restore', { articleId: 'abc', id: UUID });
    expect(services.annotations.restore).toHaveBeenCalledWith({ articleId: 'abc', id: UUID });
    expect(await dispatch('annotations:set-article-note', { articleId: 'abc', note: 'hello' })).toMatchObject({
      ok: true,
      value: { note: 'hello' },
    });
    expect(services.annotations.setArticleNote).toHaveBeenCalledWith('abc', 'hello');
    expect(await dispatch('annotations:list', { articleId: 'abc' })).toEqual({
      ok: true,
      value: { articleId: 'abc', highlights: [], articleNote: null },
    });
    expect(await dispatch('colors:get', undefined)).toEqual({ ok: true, value: DEFAULT_COLOR_NAMES });
    await dispatch('colors:rename', { color: 'blue', name: ' Ask ' });
    expect(services.colors.rename).toHaveBeenCalledWith('blue', 'Ask');
    expect(await dispatch('settings:get', undefined)).toEqual({ ok: true, value: { ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: false } });
    // Single-key shortcuts are changed from main's menu only; reading settings through the bridge.
    expect(services.settings.setSingleKeyShortcuts).not.toHaveBeenCalled();
    const updated = await dispatch('settings:update', { reading: { theme: 'sepia', textSize: 22 } });
    expect(updated).toMatchObject({ ok: true, value: { reading: { theme: 'sepia', textSize: 22 } } });
    expect(services.settings.update).toHaveBeenCalledWith({ reading: { theme: 'sepia', textSize: 22 } });
  });

  it('tells the search index after every annotation change, and only after it succeeded', async () => {
    const dispatch = createDispatcher(services);
    await dispatch('annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow' });
    await dispatch('annotations:update', { articleId: 'abc', id: UUID, patch: { note: 'n' } });
    await dispatch('annotations:delete', { articleId: 'abc', id: UUID });
    await dispatch('annotations:restore', { articleId: 'abc', id: UUID });
    await dispatch('annotations:set-article-note', { articleId: 'abc', note: 'hello' });
    expect(services.search.refreshArticle.mock.calls).toEqual([['abc'], ['abc'], ['abc'], ['abc'], ['abc']]);
    services.annotations.create.mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'io' }));
    expect(await dispatch('annotations:create', { articleId: 'abc', target: TARGET, color: 'yellow' })).toMatchObject({ ok: false });
    expect(services.search.refreshArticle).toHaveBeenCalledTimes(5);
    await dispatch('annotations:list', { articleId: 'abc' });
    expect(services.search.refreshArticle).toHaveBeenCalledTimes(5);
  });

  it('passes drafts and the page\'s flush answer on; a saved note or a deleted highlight marks its drafts done, a color change keeps them newer', async () => {
    const dispatch = createDispatcher(services);
    services.drafts.mark.mockReturnValue(7);
    expect(await dispatch('drafts:put', { articleId: 'abc', target: UUID, text: 'typed' })).toEqual({ ok: true, value: null });
    expect(services.drafts.put).toHaveBeenCalledWith('abc', UUID, 'typed');
    expect(await dispatch('drafts:list', { articleId: 'abc' })).toEqual({ ok: true, value: [] });
    expect(await dispatch('app:flushed', { request: 3 })).toEqual({ ok: true, value: null });
    expect(services.pageFlushed).toHaveBeenCalledWith(3);
    await dispatch('annotations:update', { articleId: 'abc', id: UUID, patch: { note: 'typed' } });
    await dispatch('annotations:set-article-note', { articleId: 'abc', note: 'whole' });
    await dispatch('annotations:delete', { articleId: 'abc', id: UUID });
    expect(services.drafts.saved.mock.calls).toEqual([
      ['abc', UUID, 7],
      ['abc', 'article', 7],
      ['abc', UUID, 7],
    ]);
    await dispatch('annotations:update', { articleId: 'abc', id: UUID, patch: { color: 'blue' } });
    expect(services.drafts.touched).toHaveBeenCalledExactlyOnceWith('abc', UUID);
    services.annotations.setArticleNote.mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'io' }));
    await dispatch('annotations:set-article-note', { articleId: 'abc', note: 'not saved' });
    expect(services.drafts.saved).toHaveBeenCalledTimes(3); // a failed save leaves the draft
  });

  it('validates search queries before the index sees them, filling in defaults', async () => {
    const dispatch = createDispatcher(services);
    expect(await dispatch('search:query', { query: 'Naryshkin' })).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(services.search.query).toHaveBeenCalledWith({
      query: 'Naryshkin',
      filters: { colors: [], tags: [], hasNotes: false },
      limit: 30,
    });
    const refused = [
      { query: 'x'.repeat(501) },
      { query: 'x', filters: { colors: ['red'] } },
      { query: 'x', limit: 1000 },
      { query: 'x', filters: { tags: ['a'], sql: 'drop' } },
      { query: 42 },
      'Naryshkin',
    ];
    for (const payload of refused) {
      expect(await dispatch('search:query', payload), JSON.stringify(payload).slice(0, 60)).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(await dispatch('search:query', { query: 'x'.repeat(501) })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'search:query: query: a search is at most 500 characters' },
    });
    expect(services.search.query).toHaveBeenCalledTimes(1);
  });

  it('validates export and import calls: formats, scopes, options', async () => {
    const dispatch = createDispatcher(services);
    await dispatch('export:preview', { articleId: 'abc', format: 'markdown' });
    expect(services.notes.preview).toHaveBeenCalledWith({
      articleId: 'abc',
      format: 'markdown',
      options: { includeArticleNote: true, includeTags: true, includeOrphans: true },
    });
    await dispatch('export:save', { format: 'pdf', scope: { kind: 'library' }, options: { includeTags: false } });
    expect(services.notes.save).toHaveBeenCalledWith({
      format: 'pdf',
      scope: { kind: 'library' },
      options: { includeArticleNote: true, includeTags: false, includeOrphans: true },
    });
    for (const [channel, payload] of [
      ['export:preview', { articleId: 'abc', format: 'pdf' }],
      ['export:save', { format: 'docx', scope: { kind: 'library' } }],
      ['export:save', { format: 'csv', scope: { kind: 'folder', path: '/etc' } }],
      ['export:save', { format: 'csv', scope: { kind: 'library' }, path: '/tmp/x.csv' }],
      ['notes:import', { path: '/etc/passwd' }],
    ] as const) {
      expect(await dispatch(channel, payload)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(services.notes.save).toHaveBeenCalledTimes(1);
    expect(services.notes.importFromFile).not.toHaveBeenCalled();
    expect(await dispatch('export:cancel', undefined)).toEqual({ ok: true, value: null });
    expect(services.notes.cancel).toHaveBeenCalledTimes(1);
  });

  it('passes parsed library calls to their services, then tells the index and the window', async () => {
    const dispatch = createDispatcher(services);
    await dispatch('library:list', undefined);
    expect(services.library.listWindow).toHaveBeenLastCalledWith({ offset: 0, limit: 500 });
    await dispatch('library:list', { sort: 'title' });
    expect(services.library.listWindow).toHaveBeenLastCalledWith({ sort: 'title', filter: 'all', offset: 0, limit: 500 });
    await dispatch('library:list', { filter: 'tag', tag: ' Work ', offset: 100, limit: 50 });
    expect(services.library.listWindow).toHaveBeenLastCalledWith({ sort: 'saved', filter: 'tag', tag: 'Work', offset: 100, limit: 50 });
    expect(await dispatch('library:list', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('library:locate', { titlePrefix: 'pyong' })).toEqual({ ok: true, value: { index: null } });
    expect(services.library.locate).toHaveBeenLastCalledWith({ sort: 'saved', filter: 'all', titlePrefix: 'pyong', from: 0 });
    expect(await dispatch('library:locate', { id: 'abc', titlePrefix: 'pyong' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    expect(await dispatch('library:add-url', { url: ' https://example.com/a ' })).toEqual({
      ok: true,
      value: { id: 'saved', title: 'Saved', updated: false, warnings: [] },
    });
    expect(services.saving.addUrl).toHaveBeenCalledWith('https://example.com/a');
    expect(services.search.indexNow).toHaveBeenLastCalledWith(['saved']);
    expect(services.libraryChanged).toHaveBeenLastCalledWith({ added: ['saved'], updated: [], removed: [] });

    const added = await dispatch('library:add-files', { paths: ['/home/reader/notes.md', 'C:\\Users\\r\\big.HTML'] });
    expect(added).toMatchObject({ ok: true, value: { chosen: true, added: [{ id: 'notes' }], refused: [{ code: 'too-large' }] } });
    expect(services.saving.addFiles).toHaveBeenCalledWith(['/home/reader/notes.md', 'C:\\Users\\r\\big.HTML']);
    expect(services.libraryChanged).toHaveBeenLastCalledWith({ added: ['notes'], updated: [], removed: [] });

    expect(await dispatch('library:choose-files', undefined)).toEqual({ ok: true, value: { chosen: false, added: [], refused: [] } });
    expect(services.saving.chooseFiles).toHaveBeenCalledTimes(1);
    expect(await dispatch('library:cancel-import', undefined)).toEqual({ ok: true, value: null });
    expect(services.saving.cancel).toHaveBeenCalledTimes(1);

    expect(await dispatch('article:delete', { id: 'abc' })).toEqual({ ok: true, value: null });
    expect(services.library.trash).toHaveBeenCalledWith('abc');
    expect(services.search.removeArticle).toHaveBeenCalledWith('abc');
    expect(services.libraryChanged).toHaveBeenLastCalledWith({ added: [], updated: [], removed: ['abc'] });
    expect(await dispatch('article:restore', { id: 'abc' })).toEqual({ ok: true, value: null });
    expect(services.library.restore).toHaveBeenCalledWith('abc');
    expect(services.search.indexNow).toHaveBeenLastCalledWith(['abc']);

    expect(await dispatch('trash:list', undefined)).toMatchObject({ ok: true, value: [{ id: 'abc' }] });
    expect(await dispatch('trash:empty', undefined)).toEqual({ ok: true, value: { removed: 2 } });
    expect(await dispatch('article:set-read', { id: 'abc', read: true })).toMatchObject({ ok: true, value: { id: 'abc' } });
    expect(services.library.setRead).toHaveBeenCalledWith('abc', true);
    expect(await dispatch('article:set-tags', { id: 'abc', tags: [' work ', 'later'] })).toMatchObject({
      ok: true,
      value: { tags: ['work', 'later'] },
    });
    expect(services.library.setTags).toHaveBeenCalledWith('abc', ['work', 'later']);
  });

  it('tells neither the index nor the window when a save or a delete failed', async () => {
    const dispatch = createDispatcher(services);
    services.saving.addUrl.mockRejectedValueOnce(Object.assign(new Error('The page was not found (404).'), { code: 'not-found' }));
    expect(await dispatch('library:add-url', { url: 'https://example.com/gone' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'The page was not found (404).' },
    });
    services.library.trash.mockRejectedValueOnce(Object.assign(new Error('No article with id "x"'), { code: 'not-found' }));
    expect(await dispatch('article:delete', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(services.search.indexNow).not.toHaveBeenCalled();
    expect(services.search.refreshArticle).not.toHaveBeenCalled();
    expect(services.search.removeArticle).not.toHaveBeenCalled();
    expect(services.libraryChanged).not.toHaveBeenCalled();
  });

  it('answers a save, a restore and a tag change only once the index has the article, then tells the window', async () => {
    const dispatch = createDispatcher(services);
    const order: string[] = [];
    let finish!: () => void;
    services.search.indexNow.mockImplementation(async (ids) => {
      order.push(`indexing ${ids.join()}`);
      await new Promise<void>((resolve) => (finish = resolve));
      order.push(`indexed ${ids.join()}`);
    });
    services.libraryChanged.mockImplementation(() => void order.push('window told'));
    for (const [channel, payload, id] of [
      ['library:add-url', { url: 'https://example.com/a' }, 'saved'],
      ['article:restore', { id: 'abc' }, 'abc'],
      ['article:set-tags', { id: 'abc', tags: ['work'] }, 'abc'],
    ] as const) {
      order.length = 0;
      let answered = false;
      const answer = dispatch(channel, payload).then((result) => ((answered = true), result));
      await vi.waitFor(() => expect(order).toEqual([`indexing ${id}`]));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(answered).toBe(false);
      finish();
      expect(await answer).toMatchObject({ ok: true });
      expect(order).toEqual([`indexing ${id}`, `indexed ${id}`, 'window told']);
    }
  });

  it('a save stands when search is unavailable (the index cannot take it)', async () => {
    services.search.indexNow.mockRejectedValueOnce(new Error('search is unavailable: the search worker stopped 6 times'));
    expect(await createDispatcher(services)('library:add-url', { url: 'https://example.com/a' })).toMatchObject({ ok: true, value: { id: 'saved' } });
    expect(services.libraryChanged).toHaveBeenLastCalledWith({ added: ['saved'], updated: [], removed: [] });
  });

  it('names the failing field in the message', async () => {
    const answer = await createDispatcher(services)('article:get', { id: 42 });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'article:get: id: Invalid type: Expected string but received 42' },
    });
  });

  it('refuses an unknown channel', async () => {
    expect(await createDispatcher(services)('fs:read', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Unknown channel "fs:read"' },
    });
    expect(await createDispatcher(services)('__proto__', undefined)).toMatchObject({ ok: false });
  });

  it('passes a service error code through and hides nothing else as internal', async () => {
    const log = vi.fn();
    const dispatch = createDispatcher(services, log);
    expect(await dispatch('article:get', { id: 'missing' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No article with id "missing"' },
    });
    services.library.listWindow.mockRejectedValueOnce(new TypeError('boom'));
    expect(await dispatch('library:list', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'library:list failed: boom' },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(vi.fn(), () => null, ORIGINS, ipcMain);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('dispatches calls from our window main frame', async () => {
    const ipcMain = fakeIpcMain();
    const { window, mainFrame } = fakeWindow();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    registerIpc(dispatch, () => window, ORIGINS, ipcMain);
    const answer = await ipcMain.handlers.get('library:list')!({ senderFrame: mainFrame } as IpcMainInvokeEvent, undefined);
    expect(answer).toEqual({ ok: true, value: 1 });
    expect(dispatch).toHaveBeenCalledWith('library:list', undefined);
  });

  it.each([
    ['a subframe', (main: WebFrameMain) => ({ url: main.url }) as WebFrameMain],
    ['no frame (destroyed)', () => null],
  ])('rejects a call from %s with forbidden and never dispatches', async (_label, frameFor) => {
    const ipcMain = fakeIpcMain();
    const { window, mainFrame } = fakeWindow();
    const dispatch = vi.fn();
    registerIpc(dispatch, () => window, ORIGINS, ipcMain);
    const answer = await ipcMain.handlers.get('article:get')!(
      { senderFrame: frameFor(mainFrame) } as IpcMainInvokeEvent,
      { id: 'abc' },
    );
    expect(answer).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "article:get: the call did not come from Lectern's own window" },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts our window until it is destroyed: while it closes, and after getWindow() has let go of it', async () => {
    const ipcMain = fakeIpcMain();
    const { window, mainFrame } = fakeWindow();
    let destroyed = false;
    (window as unknown as { isDestroyed: () => boolean }).isDestroyed = () => destroyed;
    let current: BrowserWindow | null = window;
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    registerIpc(dispatch, () => current, ORIGINS, ipcMain);
    const call = () =>
      ipcMain.handlers.get('annotations:set-article-note')!({ senderFrame: mainFrame } as IpcMainInvokeEvent, { articleId: 'abc', note: 'n' });
    expect(await call()).toEqual({ ok: true, value: null });
    current = null; // main has let go of the window ('closed' is on its way); its page saves its last note
    expect(await call()).toEqual({ ok: true, value: null });
    // Another page is still refused meanwhile.
    const other = fakeWindow();
    expect(
      await ipcMain.handlers.get('library:list')!({ senderFrame: other.mainFrame } as IpcMainInvokeEvent, undefined),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    destroyed = true;
    expect(await call()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).toHaveBeenCalledTimes(2);
  });

  it('refuses calls once the window it knew is replaced by a new one and destroyed', async () => {
    const ipcMain = fakeIpcMain();
    const first = fakeWindow();
    const second = fakeWindow();
    let firstDestroyed = false;
    (first.window as unknown as { isDestroyed: () => boolean }).isDestroyed = () => firstDestroyed;
    let current: BrowserWindow = first.window;
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    registerIpc(dispatch, () => current, ORIGINS, ipcMain);
    const from = (frame: WebFrameMain) =>
      ipcMain.handlers.get('library:list')!({ senderFrame: frame } as IpcMainInvokeEvent, undefined);
    expect(await from(first.mainFrame)).toMatchObject({ ok: true });
    current = second.window; // macOS: the window was closed, a new one opened
    expect(await from(second.mainFrame)).toMatchObject({ ok: true });
    expect(await from(first.mainFrame)).toMatchObject({ ok: true }); // the first is still closing
    firstDestroyed = true;
    expect(await from(first.mainFrame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('removes its handlers when disposed', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(vi.fn(), () => null, ORIGINS, ipcMain)();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('isTrustedFrame', () => {
  it.each([
    ['app://lectern/index.html', true],
    ['app://evil/index.html', false],
    ['https://example.com/', false],
    ['file:///index.html', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('main frame at %s → %s', (url, expected) => {
    const { window, mainFrame } = fakeWindow(url);
    expect(isTrustedFrame(mainFrame, window, ORIGINS)).toBe(expected);
  });

  it('trusts the dev server origin only when one is configured', () => {
    const { window, mainFrame } = fakeWindow('http://localhost:5173/index.html');
    expect(isTrustedFrame(mainFrame, window, { ...ORIGINS, devServerOrigin: 'http://localhost:5173' })).toBe(true);
  });

  it('rejects (and does not throw) when the web contents are already gone', () => {
    const { mainFrame } = fakeWindow();
    const window = {
      isDestroyed: () => false,
      get webContents(): never {
        throw new Error('Object has been destroyed');
      },
    } as unknown as BrowserWindow;
    expect(isTrustedFrame(mainFrame, window, ORIGINS)).toBe(false);
  });

  it('rejects frames of a destroyed window', () => {
    const { window, mainFrame } = fakeWindow();
    (window as unknown as { isDestroyed: () => boolean }).isDestroyed = () => true;
    expect(isTrustedFrame(mainFrame, window, ORIGINS)).toBe(false);
  });
});

describe('sendEvent', () => {
  it('sends a contract event with its validated payload', () => {
    const { window, send } = fakeWindow();
    sendEvent(window, 'menu:command', { command: 'go-library' });
    expect(send).toHaveBeenCalledWith('menu:command', { command: 'go-library' });
  });

  it('refuses an off-contract payload', () => {
    const { window, send } = fakeWindow();
    expect(() => sendEvent(window, 'menu:command', { command: 'rm-rf' } as never)).toThrow(
      'menu:command: payload does not match the contract',
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('does nothing without a window', () => {
    expect(() => sendEvent(null, 'library:changed', { added: [], updated: [], removed: [] })).not.toThrow();
  });
});
