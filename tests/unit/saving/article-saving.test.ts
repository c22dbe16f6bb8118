/** ArticleSaving: the bridge's side of saving (cancel, progress, file names, main's open dialog). */
import { describe, expect, it, vi } from 'vitest';
import { ArticleSaving, type Importer } from '../../../main/saving/article-saving';
import type { ImportCallOptions } from '../../../main/saving';

function fakeImporter(): Importer & { calls: ImportCallOptions[] } {
  const calls: ImportCallOptions[] = [];
  return {
    calls,
    addUrl: vi.fn(async (_url: string, options: ImportCallOptions = {}) => {
      calls.push(options);
      options.onProgress?.({ stage: 'fetching', bytes: 1, total: 10 });
      options.onProgress?.({ stage: 'fetching', bytes: 2, total: 10 });
      options.onProgress?.({ stage: 'images', done: 1, total: 3 });
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 50);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('Saving was cancelled.'), { code: 'cancelled' }));
        });
      });
      return { id: 'a', title: 'A', updated: false, warnings: [] };
    }),
    addFiles: vi.fn(async (paths: readonly string[], options: ImportCallOptions = {}) => {
      options.onProgress?.({ stage: 'file', index: 0, count: paths.length, file: paths[0] ?? '' });
      return {
        added: [{ id: 'n', title: 'N', updated: false, warnings: [], file: '/home/r/secret/notes.md' }],
        refused: [{ file: '/home/r/secret/x.txt', code: 'not-found' as const, reason: 'The file does not exist.' }],
      };
    }),
  };
}

/** Every path granted, as if dropped on the window (grants themselves: file-grants.test.ts). */
const allGranted = { take: () => [] };

describe('ArticleSaving', () => {
  it('passes progress on, fetching at most once per interval', async () => {
    const progress = vi.fn();
    const saving = new ArticleSaving({ importer: fakeImporter(), chooser: { openFiles: async () => null }, onProgress: progress, progressIntervalMs: 10_000 });
    expect(await saving.addUrl('https://example.com/')).toEqual({ id: 'a', title: 'A', updated: false, warnings: [] });
    expect(progress.mock.calls).toEqual([[{ stage: 'fetching', bytes: 1, total: 10 }], [{ stage: 'images', done: 1, total: 3 }]]);
  });

  it('cancel stops every running save', async () => {
    const saving = new ArticleSaving({ importer: fakeImporter(), chooser: { openFiles: async () => null } });
    const running = [saving.addUrl('https://example.com/1'), saving.addUrl('https://example.com/2')];
    saving.cancel();
    for (const result of await Promise.allSettled(running)) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'cancelled' } });
  });

  it('answers file names, never the paths they came from', async () => {
    const progress = vi.fn();
    const saving = new ArticleSaving({ importer: fakeImporter(), chooser: { openFiles: async () => null }, onProgress: progress, grants: allGranted });
    expect(await saving.addFiles(['/home/r/secret/notes.md'])).toEqual({
      chosen: true,
      added: [{ id: 'n', title: 'N', updated: false, warnings: [], file: 'notes.md' }],
      refused: [{ file: 'x.txt', code: 'not-found', reason: 'The file does not exist.' }],
    });
    expect(progress).toHaveBeenCalledWith({ stage: 'file', index: 0, count: 1, file: 'notes.md' });
  });

  it('refuses other kinds of file by name without reading them, and adds the rest', async () => {
    const importer = fakeImporter();
    const saving = new ArticleSaving({ importer, chooser: { openFiles: async () => null }, grants: allGranted });
    const answer = await saving.addFiles(['/home/r/.ssh/id_rsa', '/home/r/secret/notes.md', '/home/r/report.PDF']);
    expect(importer.addFiles).toHaveBeenCalledWith(['/home/r/secret/notes.md'], expect.anything());
    expect(answer.refused.slice(0, 2)).toEqual([
      { file: 'id_rsa', code: 'invalid-input', reason: 'Only .html, .htm, .md, .markdown and .txt files can be added.' },
      { file: 'report.PDF', code: 'invalid-input', reason: 'Only .html, .htm, .md, .markdown and .txt files can be added.' },
    ]);
    importer.addFiles = vi.fn();
    expect(await saving.addFiles(['/etc/passwd'])).toMatchObject({ added: [], refused: [{ file: 'passwd' }] });
    expect(importer.addFiles).not.toHaveBeenCalled();
  });

  it("asks main's open dialog, and does nothing when it is cancelled", async () => {
    const importer = fakeImporter();
    const openFiles = vi.fn(async () => null as string[] | null);
    const saving = new ArticleSaving({ importer, chooser: { openFiles } });
    expect(await saving.chooseFiles()).toEqual({ chosen: false, added: [], refused: [] });
    expect(importer.addFiles).not.toHaveBeenCalled();
    openFiles.mockResolvedValueOnce(['/home/r/a.md']);
    expect((await saving.chooseFiles()).chosen).toBe(true);
    expect(importer.addFiles).toHaveBeenCalledWith(['/home/r/a.md'], expect.anything());
    // Asked twice at once (menu and page shortcut): one dialog.
    let answer: (paths: string[] | null) => void = () => {};
    openFiles.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const first = saving.chooseFiles();
    expect(await saving.chooseFiles()).toEqual({ chosen: false, added: [], refused: [] });
    answer(null);
    await first;
    expect(openFiles).toHaveBeenCalledTimes(3);
    expect(openFiles).toHaveBeenCalledWith({ title: 'Add files to the library', filters: [{ name: 'Articles (HTML, Markdown, text)', extensions: ['html', 'htm', 'md', 'markdown', 'txt'] }] });
  });
});
