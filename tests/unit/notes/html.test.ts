import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { htmlToString, type ExportModel } from '../../../main/notes';
import { ARTICLE_NOTE, QUOTES, STORY_ID, annotatedStory, expectGolden, storyPreview } from './helpers';

const parse = (html: string) => new JSDOM(html).window.document;

/** The text of every mark of highlight n, joined (nested marks count once each). */
const markedText = (doc: Document, n: number) =>
  [...doc.querySelectorAll(`mark.hl-${n}`)].map((m) => m.textContent).join('');

describe('HTML export', () => {
  it('matches the golden file', async () => {
    await expectGolden('story.html', await storyPreview('html'));
  });

  it('has no script, no event handler attribute, no javascript: URL, and a CSP that allows none', async () => {
    const html = await storyPreview('html');
    const doc = parse(html);
    expect(doc.querySelectorAll('script, iframe, object, embed').length).toBe(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)));
    expect(handlers).toEqual([]);
    expect(html).not.toMatch(/javascript:/i);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    );
    expect(doc.querySelector('style')?.textContent).toContain('@media print');
  });

  it('marks each highlight exactly once, in its color, with the article text unchanged', async () => {
    const { service, text } = await annotatedStory();
    const doc = parse(await service.preview(STORY_ID, 'html'));
    // The "\n" between two paragraphs is not marked (it is not inside either).
    const quotes = [QUOTES.first, QUOTES.overlapping, QUOTES.crossing.replace('\n', ''), QUOTES.tagged];
    quotes.forEach((quote, i) => expect(markedText(doc, i + 1)).toBe(quote));
    expect([...doc.querySelectorAll('mark.hl-1')].every((m) => m.classList.contains('hl-yellow'))).toBe(true);
    expect([...doc.querySelectorAll('mark.hl-2')].every((m) => m.classList.contains('hl-green'))).toBe(true);
    // Overlap: the shared words are inside a mark of each.
    expect(doc.querySelector('mark.hl-1 > mark.hl-2')?.textContent).toBe('bilateral security cooperation');
    // Across the paragraph boundary: one run of marks in each paragraph.
    expect([...doc.querySelectorAll('mark.hl-3')].map((m) => m.closest('p')?.textContent?.slice(0, 20))).toEqual([
      'Pyongyang announced ',
      'The North Korean sta',
    ]);
    const content = doc.querySelector('.content')!.cloneNode(true) as Element;
    for (const sup of content.querySelectorAll('sup.fnref')) sup.remove();
    expect(content.textContent).toBe(text);
  });

  it('links notes as numbered footnotes both ways, and shows the article note first', async () => {
    const doc = parse(await storyPreview('html'));
    const refs = [...doc.querySelectorAll('sup.fnref a')];
    expect(refs.map((a) => [a.textContent, a.getAttribute('href'), a.id])).toEqual([
      ['1', '#note-1', 'ref-1'],
      ['2', '#note-2', 'ref-2'],
    ]);
    for (const [n, highlight] of [[1, 2], [2, 4]] as const) {
      const note = doc.getElementById(`note-${n}`)!;
      expect(note.querySelector('a.back')?.getAttribute('href')).toBe(`#ref-${n}`);
      expect(doc.getElementById(`ref-${n}`)!.parentElement!.previousElementSibling!.classList.contains(`hl-${highlight}`)).toBe(true);
    }
    // The note's Markdown is rendered, its raw HTML shown as text (never parsed).
    const note1 = doc.getElementById('note-1')!;
    expect(note1.querySelector('strong')?.textContent).toBe('Why it matters:');
    expect(note1.querySelector('b')).toBeNull();
    expect(note1.textContent).toContain('<b>below</b>');
    expect(note1.querySelector('h1')?.textContent).toBe('정보 협력 🤝 (intelligence cooperation)');
    expect(doc.getElementById('note-2')!.querySelector('.tags')?.textContent).toBe('#sanctions #북한 #un/security-council');
    const sections = [...doc.querySelectorAll('article > section, article > .content')].map((e) => e.className);
    expect(sections).toEqual(['article-note', 'content', 'notes']);
    expect(doc.querySelector('.article-note em')?.textContent).toBe('September summit');
    expect(doc.querySelector('.article-note')?.textContent).toContain(ARTICLE_NOTE.split('\n')[0]);
  });

  it('inlines local images (relative or lectern-asset:) as data: URIs, shows others as their alt text, and scrubs hostile markup', async () => {
    const { dir, service } = await annotatedStory();
    const base = JSON.parse(JSON.stringify(await previewModel(service))) as ExportModel;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    await mkdir(join(dir, 'articles', STORY_ID, 'assets'), { recursive: true });
    await writeFile(join(dir, 'articles', STORY_ID, 'assets', 'dot.png'), png);
    const { loadImages } = await import('../../../main/notes/images');
    // A link out of the assets folder, to a real PNG: refused all the same.
    await writeFile(join(dir, 'outside.png'), png);
    await symlink(join(dir, 'outside.png'), join(dir, 'articles', STORY_ID, 'assets', 'link.png'));
    const html =
      `<p>Before <img src="assets/dot.png" alt="A dot"> <img src="lectern-asset://${STORY_ID}/dot.png" alt="Same dot"> ` +
      '<img src="lectern-asset://other-article/dot.png" alt="Other"> <img src="assets/link.png" alt="Link"> ' +
      '<img src="assets/gone.png" alt="Gone"> ' +
      '<img src="../../library.json" alt="Escape"> <a href="javascript:alert(1)" onclick="x()">link</a></p><script>alert(1)</script>';
    const images = await loadImages(dir, STORY_ID, html);
    expect([...images.keys()]).toEqual(['assets/dot.png', `lectern-asset://${STORY_ID}/dot.png`]);
    const out = await htmlToString({ ...base, html, images, highlights: [], articleNote: null });
    const doc = parse(out);
    expect([...doc.querySelectorAll('.content img')].map((i) => i.getAttribute('src'))).toEqual([
      `data:image/png;base64,${png.toString('base64')}`,
      `data:image/png;base64,${png.toString('base64')}`,
    ]);
    expect([...doc.querySelectorAll('.image-missing')].map((s) => s.textContent)).toEqual([
      '[Image: Other]',
      '[Image: Link]',
      '[Image: Gone]',
      '[Image: Escape]',
    ]);
    expect(doc.querySelector('.content a')?.hasAttribute('href')).toBe(false);
    expect(doc.querySelector('.content a')?.hasAttribute('onclick')).toBe(false);
    expect(doc.querySelectorAll('script').length).toBe(0);
  });

  it('inlines nothing from an assets folder that is a symbolic link (to real images outside the library)', async () => {
    const { dir } = await annotatedStory();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const outside = join(dir, '..', `outside-assets-${process.pid}-${Date.now()}`);
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'dot.png'), png);
    await symlink(outside, join(dir, 'articles', STORY_ID, 'assets'));
    const { loadImages } = await import('../../../main/notes/images');
    const images = await loadImages(dir, STORY_ID, `<p><img src="assets/dot.png" alt="A dot"> <img src="lectern-asset://${STORY_ID}/dot.png" alt="Same"></p>`);
    expect(images.size).toBe(0);
    // The same file in a real assets folder is inlined: the link, not the file, is refused.
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'articles', STORY_ID, 'assets'));
    await mkdir(join(dir, 'articles', STORY_ID, 'assets'));
    await writeFile(join(dir, 'articles', STORY_ID, 'assets', 'dot.png'), png);
    expect((await loadImages(dir, STORY_ID, '<img src="assets/dot.png" alt="A dot">')).size).toBe(1);
  });
});

/** The model the service builds for the story (through the public preview path's loader). */
async function previewModel(_service: unknown): Promise<ExportModel> {
  const { loadModel } = await import('../../../main/notes');
  const { library, annotations, colors } = await annotatedStory();
  return loadModel({ library, annotations, colors }, STORY_ID, '2024-06-02T12:00:00.000Z');
}
