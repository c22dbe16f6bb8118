/** ImportService.addFiles: .html/.htm, .md/.markdown, .txt; images beside the file only; refusals in words. */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../common/model';
import { ImportService } from '../../../main/saving';
import { problemsIn } from './hostile-checks';
import { at, failure, freshDir, freshLibrary, saved } from './helpers';
import { FIXTURES, toWindows1251, CYRILLIC_PARAGRAPH } from './server';

const FILES = join(FIXTURES, 'files');
const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('ImportService.addFiles', () => {
  it('saves Markdown with its front matter, its images beside it, and no raw HTML', async () => {
    const { dir } = await freshLibrary();
    const file = join(FILES, 'field-notes.md');
    const result = await new ImportService(dir, { now: at('2024-05-01T10:00:00.000Z') }).addFiles([file]);
    expect(result.refused).toStrictEqual([]);
    expect(result.added).toStrictEqual([
      {
        file,
        id: '2023-11-05-field-notes-the-lighthouse-keepers',
        title: 'Field notes: the lighthouse keepers',
        updated: false,
        warnings: [`An image was left out ("minister.jpg": it is outside the file's folder).`],
      },
    ]);
    const { record, html, text, assets } = await saved(dir, result.added[0]!.id);
    expect(record).toMatchObject({
      byline: 'Ada Lind, Tom Berg',
      url: 'https://notes.example/lighthouse',
      publishedAt: '2023-11-05',
      tags: ['lighthouses', 'oral-history', 'coast'],
      language: 'sv',
      site: null,
    });
    expect(assets).toStrictEqual([`${await sha(join(FILES, 'pics', 'harbour.png'))}.png`]);
    expect(html).toContain(`<img alt="The lighthouse" src="lectern-asset://${result.added[0]!.id}/${assets[0]}">`);
    expect(html).toContain('<strong>Three of them</strong>');
    expect(html).toContain('<blockquote>');
    expect(problemsIn(html, result.added[0]!.id)).toStrictEqual([]);
    expect(text).toContain('Raw HTML is not rendered: <script>window.__pwned = 1</script>');
  });

  it('saves the same Markdown again as an update of the same article', async () => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir);
    const first = await service.addFiles([join(FILES, 'field-notes.md')]);
    const again = await new ImportService(dir).addFiles([join(FILES, 'field-notes.md')]);
    expect(again.added[0]).toMatchObject({ id: first.added[0]!.id, updated: true });
  });

  it('saves plain text: a short first line is the title, blank lines make paragraphs', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { now: at('2024-05-01T10:00:00.000Z') }).addFiles([join(FILES, 'meeting.txt')]);
    expect(result.added[0]).toMatchObject({ id: '2024-05-01-notes-from-the-harbour-meeting', title: 'Notes from the harbour meeting' });
    const { html, text } = await saved(dir, result.added[0]!.id);
    expect(html).toBe(
      '<p>The meeting began at seven.<br>It ended late.</p>\n' +
        '<p>Everyone agreed &lt;b&gt;the breakwater&lt;/b&gt; comes first &amp; the market hall second.</p>',
    );
    expect(text).toBe('The meeting began at seven. It ended late.\n\nEveryone agreed <b>the breakwater</b> comes first & the market hall second.');
  });

  it('names a text file whose first line is long after the file', async () => {
    const folder = await freshDir();
    const file = join(folder, 'long_first-line.txt');
    await writeFile(file, `${'word '.repeat(40)}\n\nsecond paragraph`);
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir).addFiles([file]);
    expect(result.added[0]!.title).toBe('long first line');
  });

  it('saves an HTML file: extraction, canonical URL, images beside it; never absolute, file: or web images', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, {
      fetch: async () => {
        throw new Error('a local file must not fetch anything');
      },
    }).addFiles([join(FILES, 'saved-page.html')]);
    const added = result.added[0]!;
    expect(added.title).toBe('Der Leuchtturm');
    expect(added.warnings).toStrictEqual([
      `An image was left out ("passwd": it is outside the file's folder).`,
      `An image was left out ("hostname": it is outside the file's folder).`,
      'An image was left out ("remote.png": images on the web are not fetched for a local file).',
    ]);
    const { record, html, text, assets } = await saved(dir, added.id);
    expect(record).toMatchObject({ url: 'https://zeitung.example/leuchtturm', language: 'de', site: null });
    expect(assets).toStrictEqual([`${await sha(join(FILES, 'pics', 'map.gif'))}.gif`]);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(text).not.toContain('Start');
  });

  it('refuses an image symlinked out of the folder', async () => {
    const folder = await freshDir();
    await writeFile(join(folder, 'secret.png'), await readFile(join(FILES, 'pics', 'harbour.png')));
    await mkdir(join(folder, 'page'));
    await symlink(join(folder, 'secret.png'), join(folder, 'page', 'linked.png'));
    await copyFile(join(FILES, 'pics', 'map.gif'), join(folder, 'page', 'map.gif'));
    const paragraph = '<p>' + 'A paragraph of an article about harbours, boats, and the sea, with commas. '.repeat(5) + '</p>';
    await writeFile(
      join(folder, 'page', 'index.htm'),
      `<html><head><title>Linked</title></head><body><article><h1>Linked</h1>${paragraph}<img src="linked.png"><img src="map.gif">${paragraph}</article></body></html>`,
    );
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir).addFiles([join(folder, 'page', 'index.htm')]);
    expect(result.added[0]!.warnings).toStrictEqual([`An image was left out ("linked.png": it is outside the file's folder).`]);
    expect((await saved(dir, result.added[0]!.id)).assets).toHaveLength(1);
  });

  it('decodes an HTML file by its <meta charset>', async () => {
    const folder = await freshDir();
    const file = join(folder, 'library.html');
    await writeFile(
      file,
      toWindows1251(`<html><head><meta charset="windows-1251"><title>Библиотека</title></head><body><article><p>${CYRILLIC_PARAGRAPH}</p><p>${CYRILLIC_PARAGRAPH}</p></article></body></html>`),
    );
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir).addFiles([file]);
    expect((await saved(dir, result.added[0]!.id)).text).toContain(CYRILLIC_PARAGRAPH);
  });

  it('saves several files and says why each refused one was refused', async () => {
    const folder = await freshDir();
    const write = async (name: string, data: string) => {
      await writeFile(join(folder, name), data);
      return join(folder, name);
    };
    const bad = await write('bad.md', '---\ntitle: [unclosed\n---\nBody');
    const pdf = await write('paper.pdf', '%PDF-1.4');
    const empty = await write('empty.txt', '  \n\n ');
    const big = await write('big.txt', 'x'.repeat(2000));
    const nav = await write('menu.html', '<html><body><nav></nav></body></html>');
    await mkdir(join(folder, 'folder.html'));
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { limits: { maxFileBytes: 1000 } });
    const result = await service.addFiles([
      join(FILES, 'meeting.txt'),
      bad,
      pdf,
      empty,
      big,
      nav,
      join(folder, 'folder.html'),
      join(folder, 'missing.md'),
      'relative.md',
    ]);
    expect(result.added.map((a) => a.title)).toStrictEqual(['Notes from the harbour meeting']);
    expect(result.refused).toStrictEqual([
      { file: bad, code: 'invalid-input', reason: 'Its front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 17:' },
      { file: pdf, code: 'invalid-input', reason: 'Only .html, .htm, .md, .markdown and .txt files can be added.' },
      { file: empty, code: 'invalid-input', reason: 'The file has no text to read.' },
      { file: big, code: 'too-large', reason: 'The file is larger than 1000 bytes.' },
      { file: nav, code: 'invalid-input', reason: 'No article could be found on this page: it has no readable text.' },
      { file: join(folder, 'folder.html'), code: 'invalid-input', reason: 'It is a folder, not a file.' },
      { file: join(folder, 'missing.md'), code: 'not-found', reason: 'The file does not exist.' },
      { file: 'relative.md', code: 'invalid-input', reason: 'The path is not absolute.' },
    ]);
  });

  it('reports each file as it goes', async () => {
    const { dir } = await freshLibrary();
    const seen: ImportProgress[] = [];
    const files = [join(FILES, 'meeting.txt'), join(FILES, 'field-notes.md')];
    await new ImportService(dir).addFiles(files, { onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.stage === 'file')).toStrictEqual([
      { stage: 'file', index: 0, count: 2, file: files[0] },
      { stage: 'file', index: 1, count: 2, file: files[1] },
    ]);
  });

  it('refuses more files than the limit at once', async () => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { limits: { maxFiles: 2 } });
    expect(await failure(service.addFiles(['/a.txt', '/b.txt', '/c.txt']))).toStrictEqual({
      code: 'too-large',
      message: 'At most 2 files can be added at once.',
    });
  });

  it('stops when cancelled', async () => {
    const { dir, library } = await freshLibrary();
    const controller = new AbortController();
    controller.abort();
    expect(await failure(new ImportService(dir).addFiles([join(FILES, 'meeting.txt')], { signal: controller.signal }))).toStrictEqual({
      code: 'cancelled',
      message: 'Saving was cancelled.',
    });
    expect((await library.list()).articles).toStrictEqual([]);
  });
});
