import { beforeAll, describe, expect, it } from 'vitest';
import { ANNO_CONTEXT } from '../../../main/notes';
import { ARTICLE_NOTE, COLLECTION_ID, QUOTES, STORY_ID, TRICKY_NOTE, expectGolden, storyPreview } from './helpers';
import { failures, loadAssertions, type Assertion } from './w3c-assertions';

let assertions: Assertion[];
beforeAll(() => {
  assertions = loadAssertions();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('JSON export (W3C Web Annotation Data Model)', () => {
  it('matches the golden file', async () => {
    await expectGolden('story.json', await storyPreview('json'));
  });

  it('is an AnnotationCollection with its first page holding one Annotation per highlight and the article note', async () => {
    const collection = JSON.parse(await storyPreview('json')) as Json;
    expect(collection['@context']).toBe(ANNO_CONTEXT);
    expect(collection['id']).toBe(`urn:uuid:${COLLECTION_ID}`);
    expect(collection['type']).toBe('AnnotationCollection');
    expect(collection['total']).toBe(5);
    expect(collection['first']['type']).toBe('AnnotationPage');
    const items = collection['first']['items'] as Json[];
    expect(items.map((a) => a['motivation'])).toEqual(['commenting', 'highlighting', 'commenting', 'highlighting', 'commenting']);
    expect(items.map((a) => a['target']['selector']?.[0]?.exact ?? null)).toEqual([
      null,
      QUOTES.first,
      QUOTES.overlapping,
      QUOTES.crossing,
      QUOTES.tagged,
    ]);
    expect(items[0]!['body']).toEqual([{ type: 'TextualBody', value: ARTICLE_NOTE, format: 'text/markdown', purpose: 'commenting' }]);
    expect(items[0]!['target']).toEqual({ id: `urn:lectern:article:${STORY_ID}`, 'lectern:article': STORY_ID });
    expect(items[2]!['body'][0]).toEqual({ type: 'TextualBody', value: TRICKY_NOTE, format: 'text/markdown', purpose: 'commenting' });
    expect(items[2]!['target']['styleClass']).toBe('green');
    expect(items[2]!['stylesheet']).toEqual({ type: 'CssStylesheet', value: '.green { background-color: #bbf7d0; }' });
    expect(items[4]!['body'].filter((b: Json) => b['purpose'] === 'tagging').map((b: Json) => b['value'])).toEqual([
      'sanctions',
      '북한',
      'un/security-council',
    ]);
    for (const item of items) expect(item['id']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('passes every W3C MUST assertion, for every exported annotation', async () => {
    const items = (JSON.parse(await storyPreview('json')) as Json)['first']['items'] as Json[];
    expect(assertions.length).toBe(54);
    for (const item of items) expect(failures(assertions, item), JSON.stringify(item)).toEqual([]);
  });

  it('the assertions do catch a broken annotation (so passing means something)', async () => {
    const item = ((JSON.parse(await storyPreview('json')) as Json)['first']['items'] as Json[])[2]!;
    const { '@context': _context, stylesheet: _stylesheet, ...broken } = item;
    expect(failures(assertions, { ...broken, id: 'not a uri' })).toEqual([
      expect.stringMatching(/^annotations\/3\.1-annotationContextValidated\.json: /),
      expect.stringMatching(/^annotations\/3\.1-annotationIdValidated\.json: /),
      expect.stringMatching(/^specificResource\/4\.4-styleClassValidIfPresent\.json: /),
    ]);
  });
});
