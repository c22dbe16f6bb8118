import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, Library, articleText, loadBundledArticles, type AnnotationsFile } from '../../../main/library';
import { importNotes } from '../../../main/notes';
import { CONTENT_DIR, bundled } from '../library/helpers';
import { ARTICLE_NOTE, QUOTES, STORY_ID, TRICKY_NOTE, annotatedStory, freshDir, hashTree, storyLibrary } from './helpers';
import { failures, loadAssertions } from './w3c-assertions';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const annotationsFile = async (dir: string, id = STORY_ID) =>
  JSON.parse(await readFile(join(dir, 'articles', id, 'annotations.json'), 'utf8')) as AnnotationsFile;
const byId = (file: AnnotationsFile) => [...file.annotations].sort((a, b) => a.id.localeCompare(b.id));

/** The story's notes exported as JSON into a file; answers its path and parsed content. */
async function exported() {
  const source = await annotatedStory();
  const path = join(await freshDir(), 'notes.json');
  await source.service.exportArticle(STORY_ID, 'json', undefined, path);
  return { source, path, json: JSON.parse(await readFile(path, 'utf8')) as Json };
}

describe('importNotes', () => {
  it('round trip: export JSON, import into a fresh library with the same article, get identical annotations', async () => {
    const { source, path } = await exported();
    const target = await storyLibrary();
    const report = await target.service.importNotes(path);
    expect(report).toEqual({ added: 5, updated: 0, skipped: 0, orphaned: 0, noArticle: 0, problems: [] });
    expect(byId(await annotationsFile(target.dir))).toEqual(byId(await annotationsFile(source.dir)));
  });

  it('importing the same file twice adds nothing and writes nothing', async () => {
    const { path } = await exported();
    const target = await storyLibrary();
    await target.service.importNotes(path);
    const before = await hashTree(target.dir);
    expect(await target.service.importNotes(path)).toEqual({ added: 0, updated: 0, skipped: 5, orphaned: 0, noArticle: 0, problems: [] });
    expect(await hashTree(target.dir)).toEqual(before);
  });

  it('replaces an existing annotation only when the imported one is newer', async () => {
    const { source, path, json } = await exported();
    const items = json['first']['items'] as Json[];
    items[2]!['body'][0]['value'] = 'A newer note';
    items[2]!['modified'] = '2025-01-01T00:00:00.000Z';
    items[3]!['target']['styleClass'] = 'purple';
    items[3]!['modified'] = '2000-01-01T00:00:00.000Z';
    await writeFile(path, JSON.stringify(json));
    expect(await source.service.importNotes(path)).toEqual({ added: 0, updated: 1, skipped: 4, orphaned: 0, noArticle: 0, problems: [] });
    const { highlights } = await source.annotations.list(STORY_ID);
    expect(highlights.map((h) => [h.note.startsWith('A newer note'), h.modified, h.color])).toEqual([
      [false, '2024-05-01T10:00:00.000Z', 'yellow'],
      [true, '2025-01-01T00:00:00.000Z', 'green'],
      [false, '2024-05-01T10:02:00.000Z', 'blue'],
      [false, '2024-05-01T10:03:00.000Z', 'pink'],
    ]);
  });

  it('never destroys a note: the one an imported newer version replaces is kept below it, under a marker', async () => {
    const { source, path, json } = await exported();
    const items = json['first']['items'] as Json[];
    const note = items.find((i) => i['type'] === 'Annotation' && String(i['body']?.[0]?.['value'] ?? '') === TRICKY_NOTE)!;
    note['body'][0]['value'] = 'Rewritten on the laptop';
    note['modified'] = '2025-01-01T00:00:00.000Z';
    await writeFile(path, JSON.stringify(json));
    expect(await source.service.importNotes(path)).toMatchObject({ updated: 1, problems: [] });
    const { highlights } = await source.annotations.list(STORY_ID);
    const replaced = highlights.find((h) => h.modified === '2025-01-01T00:00:00.000Z')!;
    expect(replaced.note).toBe(`Rewritten on the laptop\n\n— previous note (kept on import, 2024-06-02) —\n\n${TRICKY_NOTE}`);
    // Importing the same file again keeps what is there: no second marker.
    expect(await source.service.importNotes(path)).toMatchObject({ updated: 0 });
    expect((await source.annotations.list(STORY_ID)).highlights.find((h) => h.id === replaced.id)?.note).toBe(replaced.note);
  });

  it('keeps the article note too, and a note replaced by an empty one; an identical note gets no marker', async () => {
    const { source, path, json } = await exported();
    const items = json['first']['items'] as Json[];
    const articleNote = items.find((i) => String(i['body']?.[0]?.['value'] ?? '') === ARTICLE_NOTE)!;
    articleNote['body'][0]['value'] = 'The newer article note';
    articleNote['modified'] = '2025-01-01T00:00:00.000Z';
    const tagged = items.find((i) => String(i['body']?.[0]?.['value'] ?? '').startsWith('=HYPERLINK'))!;
    tagged['body'] = tagged['body'].filter((b: Json) => b['purpose'] !== 'commenting');
    tagged['modified'] = '2025-01-01T00:00:00.000Z';
    await writeFile(path, JSON.stringify(json));
    await source.service.importNotes(path);
    const { highlights, articleNote: after } = await source.annotations.list(STORY_ID);
    expect(after?.note).toBe(`The newer article note\n\n— previous note (kept on import, 2024-06-02) —\n\n${ARTICLE_NOTE}`);
    expect(highlights.find((h) => h.tags.includes('sanctions'))?.note).toBe(
      '— previous note (kept on import, 2024-06-02) —\n\n=HYPERLINK("http://example.com") and -1',
    );
  });

  it('does not replace a note when the two together would be over the size limit, and says so', async () => {
    const { source, path, json } = await exported();
    const items = json['first']['items'] as Json[];
    const note = items.find((i) => String(i['body']?.[0]?.['value'] ?? '') === TRICKY_NOTE)!;
    note['body'][0]['value'] = 'x'.repeat(99_990);
    note['modified'] = '2025-01-01T00:00:00.000Z';
    await writeFile(path, JSON.stringify(json));
    const before = await hashTree(source.dir);
    const report = await source.service.importNotes(path);
    expect(report).toMatchObject({ updated: 0, skipped: 5 });
    expect(report.problems).toEqual([
      `Annotation ${items.indexOf(note) + 1}: the note in "${STORY_ID}" was kept as it is; with the imported one above it, it would be over 100000 bytes`,
    ]);
    expect(await hashTree(source.dir)).toEqual(before);
  });

  it('skips an annotation with a new id but the same quote and note as one already there', async () => {
    const { source, path, json } = await exported();
    const items = json['first']['items'] as Json[];
    items[1]!['id'] = 'urn:uuid:11111111-1111-4111-8111-111111111111';
    await writeFile(path, JSON.stringify({ ...json, first: { ...json['first'], items: [items[1]] } }));
    expect(await source.service.importNotes(path)).toMatchObject({ added: 0, skipped: 1 });
  });

  it('keeps an annotation whose quote cannot be placed, as an orphan, and re-anchors an edited one', async () => {
    const { path, json } = await exported();
    const items = json['first']['items'] as Json[];
    items[1]!['target']['selector'][0] = { type: 'TextQuoteSelector', exact: 'Nothing like this is in the story at all, anywhere', prefix: '', suffix: '' };
    // A typo in the quote and a stale position: found by the fuzzy anchoring.
    items[4]!['target']['selector'][0]['exact'] = 'Both Russia and Nrth Korea are subject to international sanctions';
    items[4]!['target']['selector'][1] = { type: 'TextPositionSelector', start: 3, end: 68 };
    await writeFile(path, JSON.stringify(json));
    const target = await storyLibrary();
    expect(await target.service.importNotes(path)).toEqual({ added: 4, updated: 0, skipped: 0, orphaned: 1, noArticle: 0, problems: [] });
    const { highlights } = await target.annotations.list(STORY_ID);
    const orphan = highlights.find((h) => h.id === '00000000-0000-4000-8000-000000000001')!;
    expect(orphan.target.quote.exact).toBe('Nothing like this is in the story at all, anywhere');
    expect(orphan.target.position).toEqual({ type: 'TextPositionSelector', start: 41, end: 108 });
    const text = await articleText(target.dir, STORY_ID);
    const moved = highlights.find((h) => h.id === '00000000-0000-4000-8000-000000000004')!;
    expect(moved.target.quote.exact).toBe(QUOTES.tagged);
    expect(text.slice(moved.target.position.start, moved.target.position.end)).toBe(QUOTES.tagged);
  });

  it('reads other tools’ W3C annotations: matched by URL, ids derived stably, tags and notes from bodies', async () => {
    const dir = await freshDir();
    const body = 'Seoul said the shipments continued through the winter, according to officials.';
    const library = await Library.open(dir, { bundled: [{ ...bundled('web', 'Web story', body), url: 'https://news.example/story' }] });
    const foreign = [
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://hypothes.is/a/AbC123',
        type: 'Annotation',
        created: '2024-04-01T08:00:00+02:00',
        body: [
          { type: 'TextualBody', value: 'Check this', purpose: 'commenting' },
          { type: 'TextualBody', value: 'follow up', purpose: 'tagging' },
        ],
        target: { source: 'https://news.example/story/#top', selector: [{ type: 'TextQuoteSelector', exact: 'the shipments continued' }] },
      },
      { type: 'Annotation', target: { source: 'https://elsewhere.example/', selector: { type: 'TextQuoteSelector', exact: 'x' } } },
    ];
    const path = join(dir, 'foreign.json');
    await writeFile(path, JSON.stringify(foreign));
    const first = await importNotes({ library }, path);
    expect(first).toEqual({
      added: 1,
      updated: 0,
      skipped: 0,
      orphaned: 0,
      noArticle: 1,
      problems: ['No article in this library matches "https://elsewhere.example/" (1 annotation)'],
    });
    const [h] = (await new AnnotationStore(dir).list('web')).highlights;
    expect(h).toMatchObject({
      created: '2024-04-01T06:00:00.000Z',
      modified: '2024-04-01T06:00:00.000Z',
      note: 'Check this',
      tags: ['follow-up'],
      color: 'yellow',
      target: { quote: { exact: 'the shipments continued', prefix: 'Seoul said ', suffix: ' through the winter, according t' } },
    });
    expect(h!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await importNotes({ library }, path)).toMatchObject({ added: 0, skipped: 1, noArticle: 1 });
  });

  it('exports an article with a URL with that URL as the source, passing the W3C assertions', async () => {
    const dir = await freshDir();
    const articles = [...(await loadBundledArticles(CONTENT_DIR)), { ...bundled('web', 'Web story', 'Some text here.'), url: 'https://news.example/story' }];
    await Library.open(dir, { bundled: articles });
    const { service, annotations } = await storyLibrary(dir);
    await annotations.setArticleNote('web', 'A note');
    const json = JSON.parse(await service.preview('web', 'json')) as Json;
    const [note] = json['first']['items'] as Json[];
    expect(note!['target']).toEqual({ id: 'https://news.example/story', 'lectern:article': 'web' });
    expect(failures(loadAssertions(), note)).toEqual([]);
  });
});
