/**
 * NotesTransfer: the export service plus main's dialogs, PDF printing, progress and
 * cancel, on a real library (the story with four highlights) with recording fakes for
 * the dialogs and the printer. (Electron's own printing is the Electron suite's.)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NotesTransfer, type Dialogs } from '../../../main/notes/transfer';
import { PREVIEW_MAX_CHARS } from '../../../common/notes';
import { QUOTES, STORY_ID, annotatedStory, storyLibrary } from './helpers';

const OPTIONS = { includeArticleNote: true, includeTags: true, includeOrphans: true };
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);

function fakeDialogs(answers: { save?: string | null; folder?: string | null; open?: string | null } = {}) {
  const calls: { kind: string; options: unknown }[] = [];
  const dialogs: Dialogs = {
    saveFile: async (options) => (calls.push({ kind: 'save', options }), answers.save ?? null),
    chooseFolder: async (options) => (calls.push({ kind: 'folder', options }), answers.folder ?? null),
    openFile: async (options) => (calls.push({ kind: 'open', options }), answers.open ?? null),
  };
  return { dialogs, calls };
}

const out = () => mkdtemp(join(tmpdir(), 'lectern-out-'));

describe('NotesTransfer.save', () => {
  it('asks where to save one article, offering its title, then writes the file', async () => {
    const { service } = await annotatedStory();
    const target = join(await out(), 'notes.md');
    const { dialogs, calls } = fakeDialogs({ save: target });
    const transfer = new NotesTransfer({ exporter: service, dialogs, printPdf: vi.fn() });
    const result = await transfer.save({ format: 'markdown', scope: { kind: 'article', articleId: STORY_ID }, options: OPTIONS });
    expect(result).toEqual({ saved: true, path: target, files: 1, annotations: 4 });
    expect(calls).toEqual([
      {
        kind: 'save',
        options: {
          title: 'Export notes',
          defaultName: 'Russian intelligence chief discusses security cooperation in Pyongyang.md',
          filters: [{ name: 'Markdown', extensions: ['md'] }],
        },
      },
    ]);
    expect(await readFile(target, 'utf8')).toBe(await service.preview(STORY_ID, 'markdown', OPTIONS));
  });

  it('writes nothing when the reader cancels the dialog', async () => {
    const { service } = await annotatedStory();
    const printPdf = vi.fn();
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs().dialogs, printPdf });
    for (const format of ['csv', 'pdf'] as const) {
      expect(await transfer.save({ format, scope: { kind: 'article', articleId: STORY_ID }, options: OPTIONS })).toEqual({
        saved: false, path: null, files: 0, annotations: 0,
      });
    }
    expect(printPdf).not.toHaveBeenCalled();
  });

  it('exports the whole library as one file per article into a chosen folder, reporting progress', async () => {
    const { service } = await annotatedStory();
    const folder = await out();
    const progress: { done: number; total: number }[] = [];
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ folder }).dialogs, printPdf: vi.fn(), onProgress: (p) => progress.push(p) });
    const result = await transfer.save({ format: 'markdown', scope: { kind: 'library' }, options: OPTIONS });
    expect(result).toMatchObject({ saved: true, path: folder, files: 1, annotations: 4 });
    expect(await readdir(folder)).toEqual(['Russian intelligence chief discusses security cooperation in Pyongyang.md']);
    expect(progress.at(-1)).toEqual({ done: 1, total: 1 });
  });

  it('prints the HTML export to PDF, for one article or one file per article', async () => {
    const { service } = await annotatedStory();
    const printed: string[] = [];
    const printPdf = async (html: string) => (printed.push(html), PDF);
    const file = join(await out(), 'story.pdf');
    const folder = await out();
    const one = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ save: file }).dialogs, printPdf });
    expect(await one.save({ format: 'pdf', scope: { kind: 'article', articleId: STORY_ID }, options: OPTIONS })).toEqual({
      saved: true, path: file, files: 1, annotations: 4,
    });
    expect([...(await readFile(file))]).toEqual([...PDF]);
    expect(printed[0]).toBe(await service.preview(STORY_ID, 'html', OPTIONS));
    expect(printed[0]).toContain('<mark');
    expect(printed[0]).not.toMatch(/<script/iu);

    const many = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ folder }).dialogs, printPdf });
    expect(await many.save({ format: 'pdf', scope: { kind: 'library' }, options: OPTIONS })).toMatchObject({ saved: true, files: 1, annotations: 4 });
    expect(await readdir(folder)).toEqual(['Russian intelligence chief discusses security cooperation in Pyongyang.pdf']);
  });

  it('cancel stops a running export and leaves nothing behind; one export at a time', async () => {
    const { service } = await annotatedStory();
    const folder = await out();
    await writeFile(join(folder, 'keep.txt'), 'mine');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const printPdf = vi.fn(async () => {
      await gate;
      return PDF;
    });
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ folder }).dialogs, printPdf });
    const running = transfer.save({ format: 'pdf', scope: { kind: 'library' }, options: OPTIONS });
    await vi.waitFor(() => expect(printPdf).toHaveBeenCalled());
    await expect(transfer.save({ format: 'csv', scope: { kind: 'library' }, options: OPTIONS })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'An export is already running. Wait for it or cancel it.',
    });
    transfer.cancel();
    release();
    await expect(running).rejects.toMatchObject({ code: 'cancelled', message: 'The export was cancelled; nothing was written.' });
    expect(await readdir(folder)).toEqual(['keep.txt']);
    // And the next export runs.
    const file = join(folder, 'all.csv');
    const next = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ save: file }).dialogs, printPdf });
    expect(await next.save({ format: 'csv', scope: { kind: 'library' }, options: OPTIONS })).toMatchObject({ saved: true });
    expect(existsSync(file)).toBe(true);
  });
});

describe('NotesTransfer.preview', () => {
  it('cuts a very long preview and says so', async () => {
    const { service, annotations, text } = await annotatedStory();
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs().dialogs, printPdf: vi.fn() });
    const short = await transfer.preview({ articleId: STORY_ID, format: 'json', options: OPTIONS });
    expect(short.truncated).toBe(false);
    expect(short.text).toBe(await service.preview(STORY_ID, 'json', OPTIONS));
    const quote = QUOTES.tagged;
    const start = text.indexOf(quote);
    for (let i = 0; i < 3; i++) {
      await annotations.create({
        articleId: STORY_ID,
        target: {
          quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start, end: start + quote.length },
        },
        color: 'purple',
        note: `${i} ${'long note '.repeat(9_000)}`,
        tags: [],
      });
    }
    const preview = await transfer.preview({ articleId: STORY_ID, format: 'json', options: OPTIONS });
    expect(preview.truncated).toBe(true);
    expect(preview.text).toBe((await service.preview(STORY_ID, 'json', OPTIONS)).slice(0, PREVIEW_MAX_CHARS));
  });
});

describe('NotesTransfer.importFromFile', () => {
  it('asks for the file, imports it into another library and tells the search index', async () => {
    const source = await annotatedStory();
    const file = join(await out(), 'notes.json');
    await writeFile(file, await source.service.preview(STORY_ID, 'json', OPTIONS));
    const { service } = await storyLibrary();
    const onImported = vi.fn();
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs({ open: file }).dialogs, printPdf: vi.fn(), onImported });
    expect(await transfer.importFromFile()).toEqual({
      imported: true, path: file, added: 5, updated: 0, skipped: 0, orphaned: 0, noArticle: 0, problems: [],
    });
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(await transfer.importFromFile()).toMatchObject({ imported: true, added: 0, skipped: 5 });
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the reader cancels', async () => {
    const { service } = await storyLibrary();
    const transfer = new NotesTransfer({ exporter: service, dialogs: fakeDialogs().dialogs, printPdf: vi.fn() });
    expect(await transfer.importFromFile()).toMatchObject({ imported: false, path: null, added: 0 });
  });
});
