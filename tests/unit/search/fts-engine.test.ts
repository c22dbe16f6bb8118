import { describe, expect, test } from 'vitest';
import { articleNote, ask, doc, ftsEngine, highlight, idsOf, marked, scanEngine } from './engines';

describe.each([
  ['FtsEngine', ftsEngine],
  ['ScanEngine', async () => scanEngine()],
])('%s', (_name, make) => {
  describe('upsert', () => {
    test('adds articles and replaces them: the old text is no longer found', async () => {
      const engine = await make();
      engine.upsert([doc({ id: 'a', text: 'The walrus sings' }), doc({ id: 'b', text: 'A quiet harbour' })]);
      expect(idsOf(ask(engine, 'walrus'))).toEqual(['a']);
      engine.upsert([doc({ id: 'a', text: 'The albatross sings' })]);
      expect(idsOf(ask(engine, 'walrus'))).toEqual([]);
      expect(idsOf(ask(engine, 'albatross'))).toEqual(['a']);
      expect(idsOf(ask(engine, 'harbour'))).toEqual(['b']);
      expect([...engine.fingerprints().keys()].sort()).toEqual(['a', 'b']);
    });

    test('indexes title, byline, site, tags, text, highlights and notes', async () => {
      const engine = await make();
      engine.upsert([
        doc({ id: 't', title: 'Glacier report' }),
        doc({ id: 'y', byline: 'Ingrid Oyelaran' }),
        doc({ id: 's', site: 'Northwind Gazette' }),
        doc({ id: 'g', tags: ['cryosphere'] }),
        doc({ id: 'x', text: 'permafrost thaws' }),
        doc({ id: 'h', annotations: [highlight({ quote: 'moraine deposits' })] }),
        doc({ id: 'n', annotations: [highlight({ quote: 'x', note: 'compare with fjord data' })] }),
        doc({ id: 'an', annotations: [articleNote('read the sequel about tundra')] }),
        doc({ id: 'ht', annotations: [highlight({ quote: 'x', tags: ['icefield'] })] }),
      ]);
      const found = (q: string) => idsOf(ask(engine, q));
      expect([found('glacier'), found('oyelaran'), found('northwind'), found('cryosphere'), found('permafrost')]).toEqual([
        ['t'], ['y'], ['s'], ['g'], ['x'],
      ]);
      expect([found('moraine'), found('fjord'), found('tundra'), found('icefield')]).toEqual([['h'], ['n'], ['an'], ['ht']]);
    });
  });

  describe('remove', () => {
    test('forgets the articles; unknown ids are ignored', async () => {
      const engine = await make();
      engine.upsert([doc({ id: 'a', text: 'walrus' }), doc({ id: 'b', text: 'walrus' })]);
      engine.remove(['a', 'nope']);
      expect(idsOf(ask(engine, 'walrus'))).toEqual(['b']);
      expect([...engine.fingerprints().keys()]).toEqual(['b']);
    });
  });

  describe('query', () => {
    test('every word must match, anywhere in the article (body and note)', async () => {
      const engine = await make();
      engine.upsert([
        doc({ id: 'both', text: 'the walrus', annotations: [highlight({ quote: 'the', note: 'harbour' })] }),
        doc({ id: 'one', text: 'the walrus only' }),
      ]);
      expect(idsOf(ask(engine, 'walrus harbour'))).toEqual(['both']);
      expect(idsOf(ask(engine, 'walrus')).sort()).toEqual(['both', 'one']);
    });

    test('folds case and diacritics both ways', async () => {
      const engine = await make();
      engine.upsert([doc({ id: 'a', text: 'Un café à Pyongyang' }), doc({ id: 'b', text: 'CAFE NOIR in P\u0027yŏngyang' })]);
      for (const q of ['cafe', 'CAFÉ', 'Café']) expect(idsOf(ask(engine, q)).sort()).toEqual(['a', 'b']);
      // Apostrophes inside a word are ignored both ways.
      expect(idsOf(ask(engine, 'PYONGYANG')).sort()).toEqual(['a', 'b']);
      expect(idsOf(ask(engine, 'pyöngyang')).sort()).toEqual(['a', 'b']);
      expect(idsOf(ask(engine, 'P\u0027yŏngyang')).sort()).toEqual(['a', 'b']);
    });

    test('the last word is a prefix from three characters; earlier words are whole words', async () => {
      const engine = await make();
      engine.upsert([doc({ id: 'a', text: 'pyongyang summit' }), doc({ id: 'b', text: 'py is short' })]);
      expect(idsOf(ask(engine, 'pyo'))).toEqual(['a']);
      expect(idsOf(ask(engine, 'py'))).toEqual(['b']);
      expect(idsOf(ask(engine, 'pyong summit'))).toEqual([]);
      expect(idsOf(ask(engine, 'summit pyong'))).toEqual(['a']);
    });

    test('ranks a title match above a body match', async () => {
      const engine = await make();
      engine.upsert([
        doc({ id: 'body', text: 'a long text that mentions the walrus once among many other words here' }),
        doc({ id: 'title', title: 'The walrus', text: 'nothing else here at all among many other words' }),
      ]);
      const answer = ask(engine, 'walrus');
      expect(idsOf(answer)).toEqual(['title', 'body']);
      expect(answer.results[0]!.score).toBeGreaterThan(answer.results[1]!.score);
    });

    test('groups hits per article, best first, at most five, with field, annotation and color', async () => {
      const engine = await make();
      const quote = highlight({ quote: 'walrus tusks', color: 'green' });
      const note = highlight({ quote: 'other', note: 'the walrus again', color: 'pink' });
      const tagged = highlight({ quote: 'tagged', tags: ['walrus'], color: 'blue' });
      const aNote = articleNote('my walrus notes');
      engine.upsert([
        doc({ id: 'a', title: 'Walrus', text: 'A walrus.', tags: ['walrus'], annotations: [quote, note, tagged, aNote] }),
      ]);
      const [result] = ask(engine, 'walrus').results;
      expect(result?.hits.map((h) => [h.field, h.annotationId, h.color])).toEqual([
        ['title', null, null],
        ['article-note', aNote.id, null],
        ['note', note.id, 'pink'],
        ['highlight', quote.id, 'green'],
        ['tag', null, null],
      ]);
      expect(result?.hits).toHaveLength(5);
      expect(result?.hits.map((h) => h.term)).toEqual(['Walrus', 'walrus', 'walrus', 'walrus', 'walrus']);
    });

    test('each result has its own hits and snippets, also among many matches', async () => {
      const engine = await make();
      const notes = Array.from({ length: 8 }, (_, i) => highlight({ quote: `quote ${i}`, note: `walrus note ${i}` }));
      engine.upsert(notes.map((note, i) => doc({ id: `a${i}`, text: `walrus text ${i}`, annotations: [note] })));
      const answer = ask(engine, 'walrus');
      expect(answer.total).toBe(8);
      for (const result of answer.results) {
        const i = Number(result.articleId.slice(1));
        expect(result.hits.map((h) => [h.field, h.annotationId, marked(h.snippet)])).toEqual([
          ['note', notes[i]!.id, `[walrus] note ${i}`],
          ['text', null, `[walrus] text ${i}`],
        ]);
      }
    });

    test('an empty query without filters answers nothing; with filters it lists the matching articles newest first', async () => {
      const engine = await make();
      engine.upsert([
        doc({ id: 'old', savedAt: '2024-01-01T00:00:00.000Z', annotations: [highlight({ quote: 'q', color: 'green' })] }),
        doc({ id: 'new', savedAt: '2024-02-01T00:00:00.000Z', annotations: [highlight({ quote: 'q', color: 'green' })] }),
        doc({ id: 'none' }),
      ]);
      expect(ask(engine, '')).toEqual({ corrections: [], results: [], total: 0 });
      expect(ask(engine, '  ?! ')).toEqual({ corrections: [], results: [], total: 0 });
      const listed = ask(engine, '', { colors: ['green'] });
      expect(idsOf(listed)).toEqual(['new', 'old']);
      expect(listed.total).toBe(2);
      expect(listed.results.every((r) => r.hits.length === 0)).toBe(true);
    });

    test('filters by color (any of), tag (all of, case-insensitive, article or highlight) and notes', async () => {
      const engine = await make();
      engine.upsert([
        doc({ id: 'y', text: 'walrus', tags: ['Arctic'], annotations: [highlight({ quote: 'walrus', color: 'yellow' })] }),
        doc({ id: 'g', text: 'walrus', annotations: [highlight({ quote: 'w', color: 'green', tags: ['arctic', 'zoo'] })] }),
        doc({ id: 'n', text: 'walrus', annotations: [articleNote('a note')] }),
        doc({ id: 'd', text: 'walrus', annotations: [highlight({ quote: 'w', color: 'pink', note: '  ' })] }),
      ]);
      const found = (filters: Parameters<typeof ask>[2]) => idsOf(ask(engine, 'walrus', filters)).sort();
      expect(found({ colors: ['green', 'yellow'] })).toEqual(['g', 'y']);
      expect(found({ tags: ['ARCTIC'] })).toEqual(['g', 'y']);
      expect(found({ tags: ['arctic', 'zoo'] })).toEqual(['g']);
      expect(found({ hasNotes: true })).toEqual(['n']);
      expect(found({ colors: ['purple'] })).toEqual([]);
    });

    test('limit caps the results; total counts every match', async () => {
      const engine = await make();
      engine.upsert(Array.from({ length: 12 }, (_, i) => doc({ id: `a${i}`, text: 'walrus' })));
      const answer = ask(engine, 'walrus', {}, 5);
      expect(answer.results).toHaveLength(5);
      expect(answer.total).toBe(12);
    });
  });
});

describe('FtsEngine only', () => {
  test('a misspelled word is corrected to indexed words and said so', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'a', text: 'the albatross glides' })]);
    const answer = ask(engine, 'albatros glides');
    expect(idsOf(answer)).toEqual(['a']);
    expect(answer.corrections).toEqual([{ from: 'albatros', to: ['albatross'] }]);
    expect(marked(answer.results[0]!.hits[0]!.snippet)).toBe('the [albatross] [glides]');
  });

  test('a transposition in a short word is corrected', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'a', text: 'the ocean' })]);
    expect(ask(engine, 'ocaen the').corrections).toEqual([{ from: 'ocaen', to: ['ocean'] }]);
  });

  test('words under four characters are not corrected', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'a', text: 'cat' })]);
    expect(ask(engine, 'cta x')).toEqual({ corrections: [], results: [], total: 0 });
  });

  test('a last word of six letters or more that is only a prefix of other words is also corrected, quietly', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'typo', text: 'the walrus swims' }), doc({ id: 'prefix', text: 'walruses swim' })]);
    // "walrus" is a word itself (and the start of "walruses"): nothing to correct.
    const quiet = ask(engine, 'walrus');
    expect(idsOf(quiet).sort()).toEqual(['prefix', 'typo']);
    engine.upsert([doc({ id: 'other', text: 'the walrux swims' })]);
    // "walru" has five letters: a prefix while typing, never corrected.
    expect(idsOf(ask(engine, 'walru')).sort()).toEqual(['other', 'prefix', 'typo']);
    // "walrux" is a word here; "walruxe" is no word but the start of none either: corrected and said so.
    expect(ask(engine, 'walruxe').corrections).toEqual([{ from: 'walruxe', to: ['walrux'] }]);
    // "walruse" is the start of "walruses" only: that prefix match stays, and "walrus" joins it without a message.
    const both = ask(engine, 'walruse');
    expect(idsOf(both).sort()).toEqual(['prefix', 'typo']);
    expect(both.corrections).toEqual([]);
  });

  test('a word written with an apostrophe is found by its plain spelling, as typed and as you type, and marked', async () => {
    const engine = await ftsEngine();
    engine.upsert([
      doc({ id: 'korea', text: 'The talks in P\u0027yŏngyang went on.' }),
      doc({ id: 'curly', text: 'They don\u2019t know O\u0027Brien.' }),
      doc({ id: 'in-to', text: 'They walked in to the night.' }),
    ]);
    expect(idsOf(ask(engine, 'pyongyang talks'))).toEqual(['korea']);
    expect(idsOf(ask(engine, 'talks pyong'))).toEqual(['korea']);
    expect(idsOf(ask(engine, 'dont obrien'))).toEqual(['curly']);
    expect(ask(engine, 'dont').corrections).toEqual([]);
    // Only spellings the library wrote with an apostrophe: "into" is not "in to".
    expect(idsOf(ask(engine, 'into'))).toEqual([]);
    expect(marked(ask(engine, 'pyongyang').results[0]!.hits[0]!.snippet)).toBe('The talks in [P\u0027yŏngyang] went on.');
  });

  test('corrections name only words still in the index', async () => {
    const engine = await ftsEngine();
    engine.upsert([doc({ id: 'a', text: 'albatross' }), doc({ id: 'b', text: 'albatrosse' })]);
    expect(ask(engine, 'albatros x').corrections).toEqual([{ from: 'albatros', to: ['albatross', 'albatrosse'] }]);
    engine.remove(['a']);
    expect(ask(engine, 'albatros x').corrections).toEqual([{ from: 'albatros', to: ['albatrosse'] }]);
  });
});
