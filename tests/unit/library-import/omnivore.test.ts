/**
 * Omnivore's export zip read into the common import model (ARCHITECTURE.md §3). The zip is
 * built in the test from the committed fixture files (shaped as Omnivore's export job wrote
 * them: metadata_<from>_to_<to>.json, content/<slug>.html, highlights/<slug>.md).
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, ImportFileError } from '../../../main/library-import/model';
import { looksLikeOmnivore, parseHighlights, readOmnivore } from '../../../main/library-import/omnivore';
import { makeZip, type ZipEntryInput } from './omnivore-zip';

const DIR = join(__dirname, '../../fixtures/library-import/omnivore');

async function fixtureEntries(): Promise<ZipEntryInput[]> {
  const files = (await readdir(DIR, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const entries = await Promise.all(
    files.map(async (d) => ({ name: relative(DIR, join(d.parentPath, d.name)).split('\\').join('/'), data: await readFile(join(d.parentPath, d.name)) })),
  );
  // Omnivore writes a metadata file, then the content and highlights of its items.
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

async function zipFile(entries: readonly ZipEntryInput[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-omnivore-'));
  const path = join(dir, 'export.zip');
  await writeFile(path, makeZip(entries));
  return path;
}

describe('Omnivore export zip', () => {
  it('reads every item: titles, URLs, labels as tags, states, progress, dates, content and highlights', async () => {
    const library = await readOmnivore(await zipFile(await fixtureEntries()));
    expect(library.source).toBe('omnivore');
    expect(library.items.map((i) => [i.title, i.url, i.state, i.progress])).toEqual([
      ['The Quiet Garden', 'https://example.com/quiet-garden', 'unread', 0.42],
      ['A Hostile Page', 'https://example.org/hostile', 'archived', 1],
      ['Content Never Fetched', 'https://example.com/missing', 'unread', undefined],
      ['River Notes', 'https://example.com/river', 'unread', 0.075],
    ]);
    const [garden, hostile, missing, river] = library.items;
    expect(garden).toEqual({
      kind: 'article',
      url: 'https://example.com/quiet-garden',
      title: 'The Quiet Garden',
      author: 'Ada Example',
      tags: ['gardening', 'Long-Reads'],
      savedAt: '2024-03-01T09:15:00.000Z',
      publishedAt: '2024-02-28T00:00:00.000Z',
      state: 'unread',
      progress: 0.42,
      content: { html: await readFile(join(DIR, 'content/quiet-garden-aa11.html'), 'utf8') },
      highlights: [
        // The quote spans <em>quietest</em> in the content: Omnivore gives it as plain text.
        { quote: 'The garden is quietest at dawn', tags: ['idea', 'Long-Reads'], note: 'Try this at home.\n\nSecond paragraph of the note.' },
        // A quote of two paragraphs: Omnivore writes the blank line between them as "> ".
        { quote: 'Bees return at noon.\n\nThey leave by dusk.', tags: [] },
      ],
    });
    expect(hostile!.tags).toEqual(['security', 'to-check-now']);
    expect(hostile!.savedAt).toBe('2024-04-10T18:30:05.000Z');
    expect(hostile!.publishedAt).toBeUndefined();
    expect(missing).toEqual({
      kind: 'article',
      url: 'https://example.com/missing',
      title: 'Content Never Fetched',
      tags: [],
      savedAt: '2024-05-01T00:00:00.000Z',
      state: 'unread',
      highlights: [],
    });
    expect(river).toMatchObject({
      author: 'Bo Sample',
      tags: ['nature'],
      note: 'A page note about rivers.',
      highlights: [{ quote: 'The river bends twice', tags: [] }],
      savedAt: '2024-06-01T12:00:00.000Z',
      publishedAt: '2024-05-30T06:00:00.000Z',
    });
    expect(library.problems).toEqual([
      { entry: 'metadata_0_to_3.json[2]', line: 32, reason: 'No content/missing-content-cc33.html: imported by its address only.' },
      { entry: 'metadata_3_to_5.json[0]', line: 2, reason: 'Item skipped: its address is not http(s) (ftp://example.com/file.txt).' },
      { entry: 'metadata_3_to_5.json[2]', line: 25, reason: 'Item skipped: slug is missing.' },
      { entry: 'content/orphan-ee55.html', reason: 'Content for no item in the metadata: left out.' },
    ]);
  });

  it('carries hostile HTML as data: byte for byte, never parsed or run', async () => {
    const { items } = await readOmnivore(await zipFile(await fixtureEntries()));
    const html = items[1]!.content!.html;
    expect(html).toBe(await readFile(join(DIR, 'content/hostile-page-bb22.html'), 'utf8'));
    expect(html).toContain('<script>window.__omnivoreFixtureRan = true;');
    expect(html).toContain('onerror="window.__omnivoreFixtureRan = true"');
    expect((globalThis as { __omnivoreFixtureRan?: boolean }).__omnivoreFixtureRan).toBeUndefined();
  });

  it('reads an export zipped again inside a folder', async () => {
    const entries = (await fixtureEntries()).map((e) => ({ ...e, name: `Omnivore export/${e.name}` }));
    const library = await readOmnivore(await zipFile(entries));
    expect(library.items).toHaveLength(4);
    expect(library.items[0]!.content).toBeDefined();
  });

  it('reports a metadata file that is not JSON and reads the others', async () => {
    const entries = [...(await fixtureEntries()).filter((e) => e.name !== 'metadata_3_to_5.json'), { name: 'metadata_3_to_5.json', data: '[{"slug": ' }];
    const library = await readOmnivore(await zipFile(entries));
    expect(library.items.map((i) => i.title)).toEqual(['The Quiet Garden', 'A Hostile Page', 'Content Never Fetched']);
    expect(library.problems[1]).toEqual({ entry: 'metadata_3_to_5.json', reason: expect.stringMatching(/^File skipped: .*JSON/u) });
  });

  it('refuses metadata nested past 64 levels', async () => {
    const deep = `[{"slug":"a","url":"https://example.com/","x":${'['.repeat(63)}${']'.repeat(63)}}]`;
    const path = await zipFile([{ name: 'metadata_0_to_1.json', data: deep }, { name: 'content/a.html', data: '<p>a</p>' }]);
    await expect(readOmnivore(path)).rejects.toThrow(new ImportFileError('The file is nested deeper than 64 levels (line 1).'));
  });

  // The zip itself is read by the shared safe reader (zip.ts, its own tests in zip.test.ts);
  // here: an Omnivore export with one of those entries is refused whole, with the reason.
  it.each(['../evil.html', 'content/../../evil.html', '/etc/evil.html', 'C:/evil.html'])(
    'refuses the whole zip for an entry named %s (zip-slip)',
    async (name) => {
      const path = await zipFile([...(await fixtureEntries()), { name, data: 'x' }]);
      await expect(readOmnivore(path)).rejects.toThrow(ImportFileError);
      await expect(readOmnivore(path)).rejects.toThrow(/^The zip was refused: /u);
    },
  );

  it('refuses the whole zip for a symlink entry', async () => {
    const path = await zipFile([...(await fixtureEntries()), { name: 'content/link.html', data: '/etc/passwd', mode: 0o120777 }]);
    await expect(readOmnivore(path)).rejects.toThrow(
      new ImportFileError('The zip was refused: the entry "content/link.html" is a symbolic link.'),
    );
  });

  it('refuses a zip past the entry, expanded-size and file-size limits', async () => {
    const path = await zipFile(await fixtureEntries());
    await expect(readOmnivore(path, { ...IMPORT_LIMITS, zipEntries: 5 })).rejects.toThrow(/^The zip has 8 entries; Lectern reads at most 5\./u);
    await expect(readOmnivore(path, { ...IMPORT_LIMITS, zipExpandedBytes: 2048 })).rejects.toThrow(/^The zip expands to more than /u);
    await expect(readOmnivore(path, { ...IMPORT_LIMITS, fileBytes: 100 })).rejects.toThrow(/^The file is .*; Lectern reads export files up to /u);
  });

  it('refuses what is not a zip, and a zip that is not Omnivore’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-omnivore-'));
    await writeFile(join(dir, 'not.zip'), 'title,url\n');
    await expect(readOmnivore(join(dir, 'not.zip'))).rejects.toThrow(/^The file is not a zip archive/u);
    const pocket = await zipFile([{ name: 'part_000000.csv', data: 'title,url,time_added,tags,status\n' }]);
    await expect(readOmnivore(pocket)).rejects.toThrow(/^This is not an Omnivore export/u);
  });

  it('is detected from its entry names', async () => {
    expect(looksLikeOmnivore((await fixtureEntries()).map((e) => e.name))).toBe(true);
    expect(looksLikeOmnivore(['x/metadata_0_to_20.json', 'x/highlights/a.md'])).toBe(true);
    expect(looksLikeOmnivore(['metadata_0_to_20.json'])).toBe(false);
    expect(looksLikeOmnivore(['part_000000.csv', 'annotations/part_000000.json'])).toBe(false);
    expect(looksLikeOmnivore(['metadata.json', 'content/a.html'])).toBe(false);
  });
});

describe('Omnivore highlight Markdown', () => {
  it('reads quotes, labels (with spaces) and notes as Omnivore writes them', () => {
    // Omnivore: `> ${quote} ` + `\n\n#labels` + `\n\nnote`, highlights joined by a blank line.
    const md = '> One \n\n#a #b c\n\nNote one\n\n> Two \n\nNote two\n\n> Three ';
    expect(parseHighlights(md)).toEqual({
      highlights: [
        { quote: 'One', tags: ['a', 'b-c'], note: 'Note one' },
        { quote: 'Two', tags: [], note: 'Note two' },
        { quote: 'Three', tags: [] },
      ],
    });
  });

  it('keeps a note that starts with a Markdown heading as a note, and a note before any quote as the page note', () => {
    expect(parseHighlights('Page thoughts\n\n\n\n> Q \n\n# Heading\nbody')).toEqual({
      note: 'Page thoughts',
      highlights: [{ quote: 'Q', tags: [], note: '# Heading\nbody' }],
    });
  });
});
