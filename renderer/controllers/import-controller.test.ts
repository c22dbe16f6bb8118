// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ImportProgress, SavedArticle } from '../../common/model';
import { LecternError } from '../bridge';
import { ImportController, describeProgress, describeReport } from './import-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });
const SAVED: SavedArticle = { id: 'a', title: 'A', updated: false, warnings: [] };

function fakeBridge() {
  let progress: (p: ImportProgress) => void = () => {};
  let finish: (value: SavedArticle) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  return {
    emit: (p: ImportProgress) => progress(p),
    finish: (value: SavedArticle) => finish(value),
    fail: (error: unknown) => fail(error),
    addUrl: vi.fn(
      () =>
        new Promise<SavedArticle>((resolve, reject) => {
          finish = resolve;
          fail = reject;
        }),
    ),
    addDroppedFiles: vi.fn(async () => ({ chosen: true, added: [], refused: [] })),
    chooseFiles: vi.fn(async () => ({ chosen: false, added: [], refused: [] })),
    cancelImport: vi.fn(async () => null),
    onImportProgress: vi.fn((listener: (p: ImportProgress) => void) => {
      progress = listener;
      return () => {};
    }),
  };
}

describe('describeProgress', () => {
  it('says each stage in words', () => {
    expect(describeProgress({ stage: 'fetching', bytes: 20_480, total: 102_400 })).toBe('Downloading the page… 20 of 100 KB');
    expect(describeProgress({ stage: 'fetching', bytes: 2048, total: null })).toBe('Downloading the page… 2 KB');
    expect(describeProgress({ stage: 'extracting' })).toBe('Finding the article…');
    expect(describeProgress({ stage: 'images', done: 2, total: 3 })).toBe('Saving images… 2 of 3');
    expect(describeProgress({ stage: 'saving' })).toBe('Saving…');
    expect(describeProgress({ stage: 'file', index: 0, count: 2, file: 'a.md' })).toBe('Adding a.md (1 of 2)…');
  });
});

describe('describeReport', () => {
  it('counts what was added and names what was refused and why', () => {
    expect(describeReport({ chosen: true, added: [{ ...SAVED, file: 'a.md' }], refused: [] })).toBe('Added 1 article.');
    expect(
      describeReport({
        chosen: true,
        added: [],
        refused: [
          { file: 'x.pdf', code: 'invalid-input', reason: 'Only .html, .htm, .md, .markdown and .txt files can be added.' },
          { file: 'big.html', code: 'too-large', reason: 'The file is larger than 10 MB.' },
        ],
      }),
    ).toBe(
      'No article was added. 2 files were refused: x.pdf — Only .html, .htm, .md, .markdown and .txt files can be added.; big.html — The file is larger than 10 MB.',
    );
  });
});

describe('ImportController', () => {
  it('shows progress while a URL is saved and answers the saved article', async () => {
    const bridge = fakeBridge();
    const control = new ImportController(host(), bridge);
    control.hostConnected();
    const saving = control.addUrl('https://example.com/');
    expect(control.busy).toBe(true);
    bridge.emit({ stage: 'images', done: 1, total: 3 });
    expect(control.progress).toBe('Saving images… 1 of 3');
    bridge.finish(SAVED);
    expect(await saving).toEqual(SAVED);
    expect(control.busy).toBe(false);
    expect(control.error).toBeNull();
  });

  it("keeps the service's words for a failure, and none for a cancel", async () => {
    const bridge = fakeBridge();
    const control = new ImportController(host(), bridge);
    const failing = control.addUrl('https://example.com/gone');
    bridge.fail(new LecternError('not-found', 'The page was not found (404).'));
    expect(await failing).toBeNull();
    expect(control.error).toBe('The page was not found (404).');

    const cancelled = control.addUrl('https://example.com/slow');
    await control.cancel();
    expect(bridge.cancelImport).toHaveBeenCalledTimes(1);
    bridge.fail(new LecternError('cancelled', 'Saving was cancelled.'));
    expect(await cancelled).toBeNull();
    expect(control.error).toBeNull();
  });

  it('runs one save at a time', async () => {
    const bridge = fakeBridge();
    const control = new ImportController(host(), bridge);
    const first = control.addUrl('https://example.com/1');
    expect(await control.addUrl('https://example.com/2')).toBeNull();
    expect(control.error).toBe('Another article is being saved. Wait for it, or cancel it.');
    expect(bridge.addUrl).toHaveBeenCalledTimes(1);
    bridge.finish(SAVED);
    await first;
  });
});
