import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSource } from '../../../main/library-import/detect';
import { IMPORT_SOURCES, type ImportSource } from '../../../main/library-import/model';

const fixtures = path.join(__dirname, '../../fixtures/library-import');

/** Short heads of every format, as their exporters write them (invented articles). */
const HEADS: [string, string, ImportSource][] = [
  [
    'Pocket HTML',
    '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n<title>Pocket Export</title>\n</head>\n<body>\n<h1>Unread</h1>\n<ul>\n<li><a href="https://example.com/a" time_added="1700000000" tags="">A</a></li>',
    'pocket-html',
  ],
  [
    'Pocket HTML with a Netscape doctype',
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Pocket Export</TITLE>\n<H1>Unread</H1>\n<DL>',
    'pocket-html',
  ],
  ['Pocket HTML without its title', '<html><body><h1>Unread</h1><ul><li><a href="https://example.com/a" time_added="1700000000" tags="x">A</a>', 'pocket-html'],
  ['Pocket CSV taken out of its zip', 'title,url,time_added,tags,status\nA,https://example.com/a,1700000000,x|y,unread\n', 'pocket-csv'],
  ['Instapaper CSV', 'URL,Title,Selection,Folder,Timestamp,Tags\nhttps://example.com/a,A,,Unread,1700000000,[]\n', 'instapaper'],
  ['older Instapaper CSV', 'URL,Title,Selection,Folder\r\n"https://example.com/a","A","",Archive\r\n', 'instapaper'],
  [
    'Readwise highlights export',
    '\uFEFFHighlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n"A quote",A Book,An Author,,,yellow,,location,12,2024-03-28 10:15:00+00:00,\n',
    'readwise-highlights',
  ],
  ['Readwise import form', 'Highlight,Title,Author,URL,Note,Location,Date\n"A quote",A,B,https://example.com/a,,,\n', 'readwise-highlights'],
  ['Reader library CSV', 'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen\nA,https://example.com/a,01h,[],2024-03-28 10:15:00+00:00,0.5,new,True\n', 'readwise-reader'],
  ['Hypothesis export', '{"export_date":"2024-04-02T09:30:00.000Z","export_userid":"acct:reader@hypothes.is","client_version":"1.1490.0","annotations":[{"id":"a1"', 'hypothesis'],
  ['Hypothesis export, pretty-printed with a BOM', '\uFEFF{\n  "annotations": [\n  ],\n  "export_date": "2024-04-02"\n}', 'hypothesis'],
  ['wallabag export', '[{"is_archived":1,"is_starred":0,"tags":["a"],"id":1,"title":"A","url":"https:\\/\\/example.com\\/a","content":"<p>A</p>"', 'wallabag'],
  ['wallabag export, pretty-printed', '[\n  {\n    "id": 1,\n    "title": "A",\n    "url": "https://example.com/a",\n    "is_archived": false,\n', 'wallabag'],
  [
    'Netscape bookmarks',
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- This is an automatically generated file. -->\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>',
    'bookmarks',
  ],
  ['Kindle, English', 'Book (Author)\r\n- Your Highlight on page 1 | Location 10-12 | Added on Monday, 30 December 2024 14:46:33\r\n\r\nText\r\n==========\r\n', 'kindle'],
  ['Kindle, cut mid-entry', 'xt of an earlier highlight\n==========\nBook (Author)\n- Ihre Markierung auf Seite 42 | Position 1234-1236 | Hinzugefügt am Montag, 30. Dezember 2024 14:46:33\n', 'kindle'],
];

/** Heads that are none of them. */
const NEAR_MISSES: [string, string][] = [
  ['an empty file', ''],
  ['only whitespace and a BOM', '\uFEFF  \n\n'],
  ['a generic CSV', 'name,email,age\nAda,ada@example.com,36\n'],
  ['a CSV with a url column only', 'url,title\nhttps://example.com,A\n'],
  ['a JSON object that is neither', '{"rows":[],"total":0}'],
  ['a JSON array that is not wallabag', '[{"url":"https://example.com","title":"A"}]'],
  ['a JSON array of numbers', '[1,2,3]'],
  ['an HTML page that is not bookmarks', '<!DOCTYPE html><html><head><title>Unread</title></head><body><h1>Unread</h1><p>Nothing here.</p></body></html>'],
  ['plain text', 'Dear diary,\n- Your Highlight of the day was the walk\n'],
  ['Kindle words without the entry shape', '==========\n==========\n'],
];

describe('detectSource', () => {
  it.each(HEADS)('%s', (_name, head, source) => {
    expect(detectSource(head)).toBe(source);
  });

  it.each(NEAR_MISSES)('%s is none', (_name, head) => {
    expect(detectSource(head)).toBeNull();
  });

  it('covers every source Lectern reads', () => {
    const covered = new Set<ImportSource>(HEADS.map(([, , s]) => s));
    covered.add('omnivore'); // a zip: below
    expect([...covered].sort()).toEqual([...IMPORT_SOURCES].sort());
  });

  it.each([
    ['Pocket zip', ['part_000000.csv', 'part_000001.csv', 'annotations/part_000000.json'], 'pocket-csv'],
    ['Pocket zip in a folder', ['pocket/part_000000.csv'], 'pocket-csv'],
    ['Omnivore zip', ['metadata_0_to_49.json', 'content/a-slug.html', 'highlights/a-slug.md'], 'omnivore'],
    ['a zip of something else', ['readme.txt', 'data/part_a.csv', 'metadata.json'], null],
    ['an empty zip', [], null],
  ] as const)('%s, by its entry names', (_name, names, source) => {
    expect(detectSource('PK\u0003\u0004', names)).toBe(source);
  });

  it.each([
    ['hypothesis/export.json', 'hypothesis'],
    ['kindle/english.txt', 'kindle'],
    ['kindle/german.txt', 'kindle'],
    ['kindle/french.txt', 'kindle'],
    ['kindle/spanish.txt', 'kindle'],
  ] as const)('the fixture %s, from its first 512 characters', async (file, source) => {
    const head = (await readFile(path.join(fixtures, file), 'utf8')).slice(0, 512);
    expect(detectSource(head)).toBe(source);
  });
});
