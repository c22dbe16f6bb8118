/**
 * wallabag's JSON export read into the common import model (ARCHITECTURE.md §3), from an
 * invented export shaped like wallabag's own (its EntriesExport JSON and its importer's
 * test files): content carried untouched, tags, states, dates, annotations, problems by line.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, ImportFileError } from '../../../main/library-import/model';
import { looksLikeWallabag, readWallabag } from '../../../main/library-import/wallabag';
import { scanJson } from '../../../main/library-import/json-depth';

const DIR = join(__dirname, '../../fixtures/library-import/wallabag');
const text = (name: string) => readFile(join(DIR, name), 'utf8');

describe('wallabag JSON export', () => {
  it('reads every entry: titles, URLs, tags, states, dates, content and annotations', async () => {
    const source = await text('export.json');
    const library = await readWallabag(source);
    expect(library.source).toBe('wallabag');
    expect(library.items.map((i) => [i.title, i.url, i.state, i.starred ?? false])).toEqual([
      ['The Quiet Garden', 'https://example.com/quiet-garden', 'unread', true],
      ['A Hostile Page', 'https://example.org/hostile', 'archived', false],
      ['https://example.com/empty', 'https://example.com/empty', 'archived', false],
    ]);
    const [garden, hostile, empty] = library.items;
    expect(garden).toEqual({
      kind: 'article',
      url: 'https://example.com/quiet-garden',
      title: 'The Quiet Garden',
      author: 'Ada Example',
      tags: ['gardening', 'Long-Reads'],
      savedAt: '2024-03-01T09:15:00.000Z',
      publishedAt: '2024-02-28T08:00:00.000Z',
      state: 'unread',
      starred: true,
      content: { html: '<p>The garden is <em>quietest</em> at dawn, when the bees sleep.</p>\n<p>Bees return at noon.</p>' },
      highlights: [
        // The quote spans <em>…</em> in the content: it is kept as the text wallabag gives.
        { quote: 'The garden is quietest at dawn', note: 'Try this at home.', tags: [], createdAt: '2024-03-02T09:00:00.000Z' },
        { quote: 'Bees return at noon.', tags: [] },
      ],
    });
    expect(hostile!.tags).toEqual(['security', 'to-check-now']);
    expect(hostile!.savedAt).toBe('2024-04-10T18:30:05.000Z');
    expect(empty).toEqual({ kind: 'article', url: 'https://example.com/empty', title: 'https://example.com/empty', tags: [], state: 'archived', highlights: [] });
    expect(library.problems).toEqual([
      { line: 2, entry: '[0].annotations[2]', reason: 'Annotation skipped: it has no quote.' },
      { line: 101, entry: '[2]', reason: 'Entry skipped: url: Invalid type: Expected string but received null.' },
      { line: 112, entry: '[3]', reason: 'Entry skipped: its address is not http(s) (javascript:alert(1)).' },
    ]);
  });

  it('carries hostile HTML as data: byte for byte, never parsed or run', async () => {
    const source = await text('export.json');
    const expected = (JSON.parse(source) as { content: string }[])[1]!.content;
    const globals = globalThis as { __wallabagFixtureRan?: boolean };
    const { items } = await readWallabag(source);
    expect(items[1]!.content!.html).toBe(expected);
    expect(items[1]!.content!.html).toContain('<script>window.__wallabagFixtureRan = true;');
    expect(items[1]!.content!.html).toContain('onerror="window.__wallabagFixtureRan = true"');
    expect(globals.__wallabagFixtureRan).toBeUndefined();
  });

  it('refuses malformed JSON with the reason', async () => {
    const source = await text('malformed.json');
    await expect(readWallabag(source)).rejects.toThrow(ImportFileError);
    await expect(readWallabag(source)).rejects.toThrow(/^This is not a wallabag export: the JSON cannot be read/u);
  });

  it('refuses JSON nested past 64 levels before parsing it, and reads 64', async () => {
    const entry = (depth: number) => `[{"url":"https://example.com/a","is_archived":0,"x":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}]`;
    await expect(readWallabag(entry(65))).rejects.toThrow(new ImportFileError('The file is nested deeper than 64 levels (line 1).'));
    expect((await readWallabag(entry(64))).items).toHaveLength(1);
    // Brackets inside strings are text, not nesting.
    const quoted = `[{"url":"https://example.com/a","title":"${'[{\\"'.repeat(100)}"}]`;
    expect((await readWallabag(quoted)).items[0]!.title).toBe('[{"'.repeat(100));
  });

  it('refuses a file past the size limit, and what is not a list of entries', async () => {
    const source = await text('export.json');
    await expect(readWallabag(source, { ...IMPORT_LIMITS, fileBytes: 1000 })).rejects.toThrow(
      new ImportFileError('The file is larger than 0 MB.'),
    );
    await expect(readWallabag('{"annotations": []}')).rejects.toThrow(
      new ImportFileError('This is not a wallabag export: it is not a list of entries.'),
    );
  });

  it('notes the line each top-level entry starts on', () => {
    expect(scanJson('[\n {"a": "}\\"\\n{"},\n\n {"b": [1,\n2]}, 3\n]', 64).elementLines).toEqual([2, 4, 5]);
    expect(scanJson('{"a": [1, 2]}', 64).elementLines).toEqual([]);
  });

  it('is detected from its content, not its name', async () => {
    expect(looksLikeWallabag((await text('export.json')).slice(0, 4096))).toBe(true);
    expect(looksLikeWallabag('\uFEFF  [ {"id": 1, "title": "t", "url": "https://example.com/", "is_archived": 1, "is_starred": 0}]')).toBe(true);
    expect(looksLikeWallabag('[{"slug": "a", "url": "https://example.com/", "readingProgress": 0}]')).toBe(false);
    expect(looksLikeWallabag('{"export_date": "2024-01-01", "annotations": []}')).toBe(false);
    expect(looksLikeWallabag('title,url,time_added,tags,status')).toBe(false);
  });
});
