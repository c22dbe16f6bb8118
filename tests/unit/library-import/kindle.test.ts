import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeKindle, parseClippingDate, readKindle, splitTitleLine } from '../../../main/library-import/kindle';
import { ImportFileError } from '../../../main/library-import/model';

const fixture = (name: string) => readFile(path.join(__dirname, '../../fixtures/library-import/kindle', name), 'utf8');

describe('readKindle', () => {
  it('reads English clippings (BOM, CRLF): notes on highlights, a loose note, a bookmark, an edited highlight, a malformed entry', async () => {
    const library = await readKindle(await fixture('english.txt'));
    expect(library.source).toBe('kindle');
    expect(library.items).toEqual([
      {
        kind: 'book',
        url: null,
        title: 'The Quiet Garden',
        author: 'Hartley, Jane',
        tags: [],
        state: 'unread',
        savedAt: '2024-03-28T10:15:00.000Z',
        highlights: [
          {
            quote: 'Every garden begins with a patient afternoon.',
            note: 'Plant the bulbs in October.',
            tags: [],
            createdAt: '2024-03-28T10:15:00.000Z',
            location: 'page 12 | Location 123-125',
          },
          {
            quote: 'Weeds are only plants we have not learned to love.',
            tags: [],
            createdAt: '2024-03-30T08:01:00.000Z',
            location: 'page 14 | Location 140-143',
          },
          { quote: 'Compost is patience made visible.', tags: [], createdAt: '2024-03-31T12:30:00.000Z', location: 'page 15 | Location 150-150' },
        ],
      },
      {
        kind: 'book',
        url: null,
        title: 'Notes on Light (and Shadow)',
        author: 'Ada Example',
        tags: [],
        state: 'unread',
        savedAt: '2024-03-29T21:05:09.000Z',
        note: 'Location 99: A loose thought.',
        highlights: [{ quote: 'Shadows are where light rests.', tags: [], createdAt: '2024-03-29T21:05:09.000Z', location: 'Location 40-42' }],
      },
      {
        kind: 'book',
        url: null,
        title: 'A Field Guide to Clouds',
        author: 'Sam Sky',
        tags: [],
        state: 'unread',
        savedAt: '2024-03-31T13:05:09.000Z',
        highlights: [
          {
            quote: 'Cumulus clouds drift low,\nand stratus spread wide.',
            tags: [],
            createdAt: '2024-03-31T13:05:09.000Z',
            location: 'page 3 | Location 30-31',
          },
        ],
      },
    ]);
    expect(library.problems).toEqual([{ line: 32, reason: 'Not a highlight, note or bookmark line: "this is not a metadata line".' }]);
    expect(library.skipped).toEqual({ bookmarks: 1, duplicates: 1 });
  });

  it.each([
    ['german.txt', 'Der stille Garten', 'Beispiel, Anna', 'Jeder Garten beginnt mit einem geduldigen Nachmittag.', 'Zwiebeln im Oktober setzen.', 'Seite 12 | Position 123-125'],
    ['french.txt', 'Le Jardin tranquille', 'Exemple, Claire', 'Tout jardin commence par un après-midi patient.', 'Planter les bulbes en octobre.', 'page 12 | emplacement 123-125'],
    ['spanish.txt', 'El jardín tranquilo', 'Ejemplo, Lucía', 'Todo jardín empieza con una tarde paciente.', 'Plantar los bulbos en octubre.', 'página 12 | posición 123-125'],
  ])('reads %s: the highlight, its note, the date, the bookmark skipped', async (file, title, author, quote, note, location) => {
    const library = await readKindle(await fixture(file));
    expect(library.problems).toEqual([]);
    expect(library.skipped).toEqual({ bookmarks: 1, duplicates: 0 });
    const book = library.items[0]!;
    expect(book).toMatchObject({ kind: 'book', url: null, title, author, savedAt: '2024-03-28T10:15:00.000Z' });
    expect(book.highlights[0]).toEqual({ quote, note, tags: [], createdAt: '2024-03-28T10:15:00.000Z', location });
  });

  it('reads the older French form and an author with parentheses of its own', async () => {
    const library = await readKindle(await fixture('french.txt'));
    expect(library.items.map((i) => [i.title, i.author])).toEqual([
      ['Le Jardin tranquille', 'Exemple, Claire'],
      ['Les Marges', 'Inconnu(e)'],
    ]);
    expect(library.items[1]?.highlights).toEqual([
      { quote: 'Un portrait plutôt vrai.', tags: [], createdAt: '2012-12-17T08:27:45.000Z', location: 'Emplacement 307-307' },
    ]);
  });

  it('reads the Spanish "ubicación" form with a p. m. time', async () => {
    const library = await readKindle(await fixture('spanish.txt'));
    expect(library.items).toHaveLength(1);
    expect(library.items[0]?.highlights[1]).toEqual({
      quote: 'Las raíces no tienen prisa.',
      tags: [],
      createdAt: '2024-03-30T13:23:45.000Z',
      location: 'ubicación 400-401',
    });
  });

  it('reports empty entries, a title alone and an unreadable date by line, and keeps the rest', async () => {
    const text = [
      'Book (Author)',
      '- Your Highlight on Location 1-2 | Added on Someday, 99 Smarch 2024 10:00:00',
      '',
      'Kept without a date.',
      '==========',
      'Lonely Title',
      '==========',
      'Book (Author)',
      '- Your Highlight on Location 5-6 | Added on Monday, 1 April 2024 09:00:00',
      '',
      '',
      '==========',
      'Book (Author)',
      '- Your Highlight on Location 7-8 | Added on Monday, 1 April 2024 09:00:00',
      '',
      '<You have reached the clipping limit for this item>',
      '==========',
      '',
    ].join('\n');
    const library = await readKindle(text);
    expect(library.items).toHaveLength(1);
    expect(library.items[0]?.highlights).toEqual([{ quote: 'Kept without a date.', tags: [], location: 'Location 1-2' }]);
    expect(library.problems).toEqual([
      { line: 2, reason: 'A date not understood ("Someday, 99 Smarch 2024 10:00:00"): kept without a date.' },
      { line: 6, reason: 'An entry with a title and nothing else.' },
      { line: 8, reason: 'An empty highlight.' },
      { line: 13, reason: "Kindle's clipping limit for this book was reached: no text kept for this highlight." },
    ]);
  });

  it('keeps two different highlights in the same location, and the later of an edited one', async () => {
    const entry = (loc: string, date: string, text: string) => `Book (A)\n- Your Highlight on Location ${loc} | Added on ${date}\n\n${text}\n==========\n`;
    const library = await readKindle(
      entry('10-10', 'Monday, 1 April 2024 09:00:00', 'First sentence here.') +
        entry('10-10', 'Monday, 1 April 2024 09:01:00', 'A different one.') +
        entry('20-22', 'Monday, 1 April 2024 09:02:00', 'The quick brown fox jumps over the dog') +
        entry('20-23', 'Monday, 1 April 2024 09:03:00', 'The quick brown fox jumps over the lazy dog'),
    );
    expect(library.items[0]?.highlights.map((h) => h.quote)).toEqual([
      'First sentence here.',
      'A different one.',
      'The quick brown fox jumps over the lazy dog',
    ]);
    expect(library.skipped.duplicates).toBe(1);
  });

  it('attaches a note at the end of a long highlight, and to the latest of two holding it', async () => {
    const entry = (kind: string, loc: string, text: string) => `Book (A)\n- Your ${kind} on Location ${loc} | Added on Monday, 1 April 2024 09:00:00\n\n${text}\n==========\n`;
    const library = await readKindle(
      entry('Highlight', '100-300', 'A very long passage.') +
        entry('Note', '300', 'On the long passage.') +
        entry('Highlight', '500-505', 'One thing.') +
        entry('Highlight', '503-508', 'Another thing.') +
        entry('Note', '504', 'On the second.'),
    );
    expect(library.items[0]?.highlights.map((h) => [h.quote, h.note])).toEqual([
      ['A very long passage.', 'On the long passage.'],
      ['One thing.', undefined],
      ['Another thing.', 'On the second.'],
    ]);
    expect(library.items[0]?.note).toBeUndefined();
  });

  it.each([
    ['an empty file', ''],
    ['a generic text', 'Dear diary,\nToday was fine.\n'],
    ['a CSV', 'title,url\nA,https://example.com\n'],
  ])('refuses %s as not a clippings file', async (_name, text) => {
    const error = await readKindle(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/not a Kindle clippings file/);
  });
});

describe('clippings pieces', () => {
  it.each([
    ['Thursday, 28 March 2024 10:15:00', '2024-03-28T10:15:00.000Z'],
    ['Thursday, March 28, 2024 10:15:00 AM', '2024-03-28T10:15:00.000Z'],
    ['Thursday, March 28, 2024 12:05:00 AM', '2024-03-28T00:05:00.000Z'],
    ['Thursday, March 28, 2024 12:05:00 PM', '2024-03-28T12:05:00.000Z'],
    ['Donnerstag, 28. März 2024 10:15:00', '2024-03-28T10:15:00.000Z'],
    ['Donnerstag, 28. März 2024 21:15:00', '2024-03-28T21:15:00.000Z'],
    ['jeudi 28 mars 2024 10:15:00', '2024-03-28T10:15:00.000Z'],
    ['samedi 17 août 2024 à 08:27:45', '2024-08-17T08:27:45.000Z'],
    ['jueves, 28 de marzo de 2024 10:15:00', '2024-03-28T10:15:00.000Z'],
    ['martes, 17 de diciembre de 2024 1:23:45 a. m.', '2024-12-17T01:23:45.000Z'],
    ['Friday, 31 February 2024 10:00:00', undefined],
    ['no date at all', undefined],
  ])('parses %s', (words, iso) => {
    expect(parseClippingDate(words)).toBe(iso);
  });

  it.each([
    ['Title (Author)', { title: 'Title', author: 'Author' }],
    ['\uFEFFTitle (Author)', { title: 'Title', author: 'Author' }],
    ['Notes (and More) (Ada Example)', { title: 'Notes (and More)', author: 'Ada Example' }],
    ['--authors (Inconnu(e))', { title: '--authors', author: 'Inconnu(e)' }],
    ['A Title Without Author', { title: 'A Title Without Author' }],
    ['(Only Parentheses)', { title: '(Only Parentheses)' }],
  ])('splits %s', (line, parts) => {
    expect(splitTitleLine(line)).toEqual(parts);
  });

  it('looksLikeKindle reads the first lines of every language', async () => {
    for (const file of ['english.txt', 'german.txt', 'french.txt', 'spanish.txt']) {
      expect(looksLikeKindle((await fixture(file)).slice(0, 300))).toBe(true);
    }
    expect(looksLikeKindle('Title\nsomething\n==========\n')).toBe(false);
  });
});
