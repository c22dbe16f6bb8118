import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, SettingsStore, Library, loadBundledArticles } from '../../../main/library';
import { ExportService, type ExportProgress } from '../../../main/notes';
import { realServices } from '../real-services';
import { CONTENT_DIR, bundled, clock, temps } from '../library/helpers';
import { targetAt } from '../library/annotations-helpers';
import { STORY_ID, annotatedStory, freshDir, hashTree } from './helpers';

/** The story plus three small articles (two with the same title), each with a highlight. */
async function bigLibrary() {
  const dir = await freshDir();
  const extra = [bundled('a', 'Same title', 'Alpha text here.'), bundled('b', 'SAME TITLE', 'Beta text here.'), bundled('c', 'CON', 'Gamma text.')];
  const first = await Library.open(dir, { bundled: [...(await loadBundledArticles(CONTENT_DIR)), ...extra], now: clock() });
  const annotations = new AnnotationStore(dir);
  for (const id of ['a', 'b', 'c']) await annotations.create({ articleId: id, target: targetAt(`${id} text`, 0, 1), color: 'blue', note: `note ${id}`, tags: [] });
  // d has nothing to export.
  await first.close(); // one Lectern at a time holds a library (its lock)
  const library = await Library.open(dir, { bundled: [bundled('d', 'Empty')], now: clock('2024-01-01T00:00:00.000Z') });
  const service = new ExportService({ library, annotations, colors: new SettingsStore(dir) });
  return { dir, service, annotations };
}

describe('ExportService.preview', () => {
  it('refuses unknown formats and options with a message (parsed by the dispatcher, before the service)', async () => {
    const { dispatch } = await realServices();
    expect(await dispatch('export:preview', { articleId: STORY_ID, format: 'pdf' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'export:preview: format: Invalid type: Expected ("markdown" | "json" | "csv" | "html") but received "pdf"' },
    });
    expect(await dispatch('export:preview', { articleId: STORY_ID, format: 'csv', options: { includeTags: 'yes' } })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'export:preview: options.includeTags: Invalid type: Expected boolean but received "yes"' },
    });
    expect(await dispatch('export:preview', { articleId: STORY_ID, format: 'csv', options: { everything: true } })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'export:preview: options.everything: Invalid key: Expected never but received "everything"' },
    });
    const { service } = await annotatedStory();
    await expect(service.preview('nope', 'csv')).rejects.toMatchObject({ code: 'not-found', message: 'No article with id "nope"' });
  });

  it('leaves out orphans when asked, and lists them last otherwise', async () => {
    const { service, dir } = await annotatedStory();
    const html = join(dir, 'articles', STORY_ID, 'content.html');
    // The article changes: the tagged sentence is gone, so its highlight is an orphan.
    await writeFile(html, (await readFile(html, 'utf8')).replace('Both Russia and North Korea are subject to international sanctions', 'Sanctions apply'));
    const md = await service.preview(STORY_ID, 'markdown');
    expect(md.indexOf('## Could not be placed')).toBeGreaterThan(md.indexOf('> its war against Ukraine.'));
    expect(md.slice(md.indexOf('## Could not be placed'))).toContain('> Both Russia and North Korea are subject to international sanctions');
    const without = await service.preview(STORY_ID, 'markdown', { includeOrphans: false });
    expect(without).not.toContain('Both Russia and North Korea');
    expect(await service.preview(STORY_ID, 'html')).toContain('<section class="orphans" aria-label="Could not be placed">');
  });
});

describe('ExportService.count and articlesWithNotes', () => {
  it('count the annotations an export writes, and list the articles a library export writes', async () => {
    const { service } = await annotatedStory();
    expect(await service.count(STORY_ID)).toBe(5);
    expect(await service.count(STORY_ID, { includeArticleNote: false })).toBe(4);
    const big = await bigLibrary();
    expect(await big.service.articlesWithNotes()).toEqual([
      { id: 'c', title: 'CON' },
      { id: 'b', title: 'SAME TITLE' },
      { id: 'a', title: 'Same title' },
    ]);
  });
});

describe('ExportService.suggestedName', () => {
  it('offers the title as a safe file name, or a folder name for a whole-library Markdown or HTML export', async () => {
    const { service } = await annotatedStory();
    expect(await service.suggestedName(STORY_ID, 'csv')).toBe('Russian intelligence chief discusses security cooperation in Pyongyang.csv');
    expect(await service.suggestedName(null, 'json')).toBe('Lectern notes.json');
    expect(await service.suggestedName(null, 'markdown')).toBe('Lectern notes');
  });
});

describe('ExportService.exportArticle', () => {
  it('writes the file atomically (no temp file left) with what preview shows', async () => {
    const { service } = await annotatedStory();
    const out = await freshDir();
    for (const format of ['markdown', 'json', 'csv', 'html'] as const) {
      const path = join(out, `story.${format}`);
      const result = await service.exportArticle(STORY_ID, format, undefined, path);
      expect(result).toMatchObject({ files: [path], articles: 1, highlights: 4 });
      expect(await readFile(path, 'utf8')).toBe(await service.preview(STORY_ID, format));
      expect(result.bytes).toBe((await readFile(path)).length);
    }
    expect(await temps(out)).toEqual([]);
  });

  it('answers io with the path when the folder does not exist', async () => {
    const { service } = await annotatedStory();
    const path = join(await freshDir(), 'missing', 'x.md');
    await expect(service.exportArticle(STORY_ID, 'markdown', undefined, path)).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/^Could not write .*missing\/x\.md: no such file or directory \(ENOENT\)$/),
    });
  });
});

describe('ExportService.exportLibrary', () => {
  it('writes one Markdown file per article with notes, safely and uniquely named, reporting progress', async () => {
    const { service } = await bigLibrary();
    const target = join(await freshDir(), 'notes');
    const progress: ExportProgress[] = [];
    const result = await service.exportLibrary('markdown', undefined, target, { onProgress: (p) => progress.push(p) });
    // Newest saved first ("b" before "a"); the story and "d" have nothing to export.
    expect((await readdir(target)).sort()).toEqual(['CON_.md', 'SAME TITLE.md', 'Same title (2).md']);
    expect(result).toMatchObject({ articles: 3, highlights: 3 });
    expect(result.files.map((f) => f.slice(target.length + 1))).toEqual(['CON_.md', 'SAME TITLE.md', 'Same title (2).md']);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5].map((done) => ({ done, total: 5 })));
  });

  it('writes JSON and CSV as one file holding every article', async () => {
    const { service } = await bigLibrary();
    const out = await freshDir();
    await service.exportLibrary('json', undefined, join(out, 'all.json'));
    const json = JSON.parse(await readFile(join(out, 'all.json'), 'utf8')) as { total: number; first: { items: unknown[] } };
    expect(json.total).toBe(3);
    expect(json.first.items.length).toBe(3);
    await service.exportLibrary('csv', undefined, join(out, 'all.csv'));
    const rows = parseCsv(await readFile(join(out, 'all.csv'), 'utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => r[4])).toEqual(['Note', 'note c', 'note b', 'note a']);
  });

  it.each(['markdown', 'html', 'json', 'csv'] as const)('cancelled (%s) leaves no file behind and the target as it was', async (format) => {
    const { service } = await bigLibrary();
    const out = await freshDir();
    const folderTarget = format === 'markdown' || format === 'html';
    const target = folderTarget ? join(out, 'notes') : join(out, 'all.out');
    if (folderTarget) {
      await mkdir(target);
      await writeFile(join(target, 'mine.txt'), 'the user’s own file');
    }
    const before = await hashTree(out);
    const controller = new AbortController();
    const run = service.exportLibrary(format, undefined, target, {
      signal: controller.signal,
      onProgress: ({ done }) => done === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: 'The export was cancelled; nothing was written' });
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(folderTarget ? ['notes', 'notes/mine.txt'] : []);
  });

  it('cancelled into a folder it had to create removes that folder again', async () => {
    const { service } = await bigLibrary();
    const out = await freshDir();
    const controller = new AbortController();
    const run = service.exportLibrary('html', undefined, join(out, 'new', 'notes'), {
      signal: controller.signal,
      onProgress: ({ done }) => done === 1 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(out)).toEqual([]);
  });
});
