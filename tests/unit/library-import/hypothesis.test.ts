import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeHypothesis, readHypothesis } from '../../../main/library-import/hypothesis';
import { ImportFileError } from '../../../main/library-import/model';

const fixture = (name: string) => readFile(path.join(__dirname, '../../fixtures/library-import/hypothesis', name), 'utf8');

describe('readHypothesis', () => {
  it('groups annotations by page: highlights with their selectors, page notes, replies, non-web documents', async () => {
    const library = await readHypothesis(await fixture('export.json'));
    expect(library.source).toBe('hypothesis');
    expect(library.items).toEqual([
      {
        kind: 'article',
        url: 'https://example.com/essays/slow-reading',
        title: 'On Slow Reading',
        tags: ['to-reread'],
        state: 'unread',
        savedAt: '2024-03-28T10:15:00.000Z',
        note: 'Read again in April.\n\nBest essay of the year.',
        highlights: [
          {
            quote: 'Reading slowly is a way of paying attention.',
            prefix: 'As the old teacher said, ',
            suffix: ' It takes practice',
            start: 812,
            end: 857,
            note: 'The heart of it.\n\n— reply, 2024-03-30 —\nAnd it gets easier with time.',
            tags: ['reading', 'attention'],
            createdAt: '2024-03-28T10:15:00.000Z',
          },
          {
            quote: 'Skimming is not reading.',
            prefix: '',
            suffix: '\n\nWhat follows',
            tags: [],
            createdAt: '2024-03-28T11:00:00.000Z',
          },
        ],
      },
      {
        kind: 'article',
        url: 'https://example.org/papers/annotating.pdf',
        title: 'Annotating Papers',
        tags: [],
        state: 'unread',
        savedAt: '2024-03-31T07:45:30.500Z',
        highlights: [
          {
            quote: 'Margins are where readers think',
            prefix: 'in short: ',
            suffix: '.',
            start: 1500,
            end: 1531,
            note: 'Key claim, with **Markdown**.',
            tags: ['paper'],
            createdAt: '2024-03-31T07:45:30.500Z',
          },
        ],
      },
      {
        kind: 'article',
        url: 'https://example.net/report.pdf',
        title: 'Web PDF',
        tags: [],
        state: 'unread',
        savedAt: '2024-04-01T10:05:00.000Z',
        highlights: [
          { quote: 'Found on the web', prefix: '', suffix: '', note: 'A PDF read on the web.', tags: [], createdAt: '2024-04-01T10:05:00.000Z' },
        ],
      },
    ]);
    expect(library.problems).toEqual([
      { entry: 'annotations[9]', reason: 'Not an annotation (uri): Invalid key: Expected "uri" but received undefined' },
      { reason: "1 reply to annotations not imported here (someone else's, deleted, or left out above): left out." },
      { reason: 'Not a web page (urn:x-pdf:6f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f): 1 annotation left out.' },
    ]);
    expect(library.skipped).toEqual({ replies: 1, notWebPages: 1, empty: 0 });
  });

  it('reads a file with a BOM and an empty annotations list', async () => {
    const library = await readHypothesis('\uFEFF{"export_date":"2024-01-01T00:00:00Z","export_userid":"acct:x@hypothes.is","annotations":[]}');
    expect(library.items).toEqual([]);
    expect(library.problems).toEqual([]);
  });

  it('keeps replies in date order and an empty page note as a problem', async () => {
    const base = { uri: 'https://example.com/a', tags: [], document: { title: ['A'] } };
    const text = JSON.stringify({
      export_userid: 'acct:x@hypothes.is',
      annotations: [
        { ...base, id: 'p', created: '2024-01-01T00:00:00Z', text: 'Page note.', target: [{ source: base.uri }] },
        { ...base, id: 'y', created: '2024-01-03T00:00:00Z', text: 'Second.', references: ['p', 'x'] },
        { ...base, id: 'x', created: '2024-01-02T00:00:00Z', text: 'First.', references: ['p'] },
        { ...base, id: 'e', created: '2024-01-04T00:00:00Z', text: '', target: [{ source: base.uri }] },
      ],
    });
    const library = await readHypothesis(text);
    expect(library.items).toHaveLength(1);
    expect(library.items[0]?.note).toBe('Page note.\n\n— reply, 2024-01-02 —\nFirst.\n\n— reply, 2024-01-03 —\nSecond.');
    expect(library.problems).toEqual([{ entry: 'annotations[3]', reason: 'An empty page note.' }]);
    expect(library.skipped.empty).toBe(1);
  });

  it.each([
    ['not JSON', 'export_userid: nope', /not JSON/],
    ['JSON that is not an export', '{"rows":[],"total":0}', /not a Hypothesis export/],
    ['annotations not a list', '{"export_userid":"acct:x@hypothes.is","annotations":{}}', /not a Hypothesis export/],
    ['a JSON array', '[]', /not a Hypothesis export/],
    ['nested past 64 levels', `{"export_userid":"x","annotations":[${'['.repeat(70)}${']'.repeat(70)}]}`, /deeper than 64 levels/],
  ])('refuses %s with the reason', async (_name, text, reason) => {
    const error = await readHypothesis(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(reason);
  });

  it('looksLikeHypothesis checks the content, not the name', async () => {
    expect(looksLikeHypothesis((await fixture('export.json')).slice(0, 200))).toBe(true);
    expect(looksLikeHypothesis('\uFEFF {"export_date":"x","annotations":[')).toBe(true);
    expect(looksLikeHypothesis('{"annotations":[]}')).toBe(false);
    expect(looksLikeHypothesis('[{"export_userid":1}]')).toBe(false);
  });
});
