import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../main/notes';
import { STORY_ID, annotatedStory, freshDir, hashTree } from './helpers';

/** A library with the annotated story, a file holding `content`, and the library's hashes before. */
async function setup(content: string | ((path: string) => Promise<void>)) {
  const story = await annotatedStory();
  const path = join(await freshDir(), 'import.json');
  if (typeof content === 'string') await writeFile(path, content);
  else await content(path);
  return { ...story, path, before: await hashTree(story.dir) };
}

const EXPECTED =
  'W3C annotations (an AnnotationCollection, an AnnotationPage, an Annotation or an array of Annotations)';

describe('importNotes with hostile input', () => {
  it('refuses a file that is not JSON', async () => {
    const { service, path, dir, before } = await setup('this is { not JSON');
    await expect(service.importNotes(path)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^The file is not valid JSON: /),
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('refuses a file over 50 MB as too-large, without reading it', async () => {
    const { service, path, dir, before } = await setup(async (file) => {
      const handle = await open(file, 'w');
      await handle.truncate(MAX_IMPORT_BYTES + 1); // sparse: no 50 MB written
      await handle.close();
    });
    await expect(service.importNotes(path)).rejects.toMatchObject({
      code: 'too-large',
      message: 'The file is 52,428,801 bytes or more; a notes file may be at most 52,428,800 bytes (50 MB)',
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('refuses JSON nested 100,000 arrays deep', async () => {
    const { service, path, dir, before } = await setup(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await expect(service.importNotes(path)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'The file nests arrays and objects more than 64 levels deep; notes files are never that deep',
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('refuses a file that is not UTF-8', async () => {
    const { service, path, dir, before } = await setup(async (file) => writeFile(file, Buffer.from([0x5b, 0xff, 0xfe, 0x5d])));
    await expect(service.importNotes(path)).rejects.toMatchObject({ code: 'invalid-input', message: 'The file is not UTF-8 text' });
    expect(await hashTree(dir)).toEqual(before);
  });

  it.each([
    ['"just a string"', `The file holds a string, not ${EXPECTED}`],
    ['null', `The file holds null, not ${EXPECTED}`],
    ['{"type":"Person","name":"x"}', `The file holds an object of type "Person", not ${EXPECTED}`],
    ['{"items":[]}', `The file holds an object without a "type", not ${EXPECTED}`],
    [
      '{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":"nope"}}',
      'Page 1 of the AnnotationCollection\'s "items" is a string, not an array',
    ],
    [
      '{"type":"AnnotationCollection","first":"https://example.com/page1"}',
      'The AnnotationCollection\'s "first" page is a string, not a page inside the file; only collections with their pages inside the file can be imported',
    ],
    ['{"type":"AnnotationPage","items":{"a":1}}', 'The AnnotationPage\'s "items" is an object, not an array'],
  ])('refuses the wrong top-level shape %s', async (content, message) => {
    const { service, path, dir, before } = await setup(content);
    await expect(service.importNotes(path)).rejects.toMatchObject({ code: 'invalid-input', message });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('reports annotations of the wrong types one by one and writes nothing', async () => {
    const source = `urn:lectern:article:${STORY_ID}`;
    const items = [
      42,
      { type: 'Note' },
      { type: 'Annotation', created: 'yesterday', target: source },
      { type: 'Annotation', target: { source, selector: { type: 'TextQuoteSelector', exact: 42 } } },
      { type: 'Annotation', target: { source, selector: { type: 'TextQuoteSelector', exact: 'a', prefix: 7 } } },
      { type: 'Annotation', target: { source, selector: { type: 'CssSelector', value: '#x' } } },
      { type: 'Annotation', target: source },
      { type: 'Annotation', body: { type: 'TextualBody', value: 'x'.repeat(100_001) }, target: source },
      { type: 'Annotation' },
    ];
    const { service, path, dir, before } = await setup(JSON.stringify(items));
    expect(await service.importNotes(path)).toEqual({
      added: 0,
      updated: 0,
      skipped: 9,
      orphaned: 0,
      noArticle: 0,
      problems: [
        'Annotation 1: is a number, not an object',
        'Annotation 2: its type is "Note", not "Annotation"',
        'Annotation 3: "created" is "yesterday", not a date and time',
        'Annotation 4: its TextQuoteSelector has no "exact" text',
        'Annotation 5: its TextQuoteSelector has a "prefix" or "suffix" that is not text',
        'Annotation 6: its target has no TextQuoteSelector; only quoted text can be placed in an article',
        'Annotation 7: it has neither a quoted text nor a note',
        'Annotation 8: its note is 100001 bytes; a note may be at most 100000 bytes',
        'Annotation 9: it has no target',
      ],
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('counts annotations of unknown articles and writes nothing', async () => {
    const items = ['urn:lectern:article:nope', 'https://unknown.example/a', 'https://unknown.example/a'].map((source) => ({
      type: 'Annotation',
      target: { source, selector: [{ type: 'TextQuoteSelector', exact: 'Pyongyang' }] },
    }));
    const { service, path, dir, before } = await setup(JSON.stringify(items));
    expect(await service.importNotes(path)).toEqual({
      added: 0,
      updated: 0,
      skipped: 0,
      orphaned: 0,
      noArticle: 3,
      problems: [
        'No article in this library matches "nope" (1 annotation)',
        'No article in this library matches "https://unknown.example/a" (2 annotations)',
      ],
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('answers not-found for a file that is not there', async () => {
    const { service, dir, before } = await setup('[]');
    const missing = join(dir, 'nope.json');
    await expect(service.importNotes(missing)).rejects.toMatchObject({ code: 'not-found', message: `No file at ${missing}` });
    expect(await hashTree(dir)).toEqual(before);
  });
});
