/**
 * HTML export: one self-contained file per article — the article as it reads in
 * Lectern with each highlight marked in its color (`<mark class="hl hl-<color>
 * hl-<n>">`, n = the highlight's number in document order), notes as numbered
 * footnotes linked both ways (`#note-<n>` ⇄ `#ref-<n>`), the article note first,
 * highlights that could not be placed listed last, local images inlined as `data:`
 * URIs (any other image becomes its alt text), a print stylesheet, and no scripts:
 * a Content-Security-Policy allows only inline styles and `data:` images, and the
 * body is scrubbed (html-scrub.ts). Notes' Markdown is rendered (markdown-it, raw
 * HTML off). This is also the page Electron prints to PDF.
 *
 * Whole library: one `.html` file per article (with notes or highlights) into a
 * folder, like Markdown.
 */
import MarkdownIt from 'markdown-it';
import { chunksToString } from './chunks';
import { markRanges } from './html-marks';
import { scrub } from './html-scrub';
import { EXPORT_CSS } from './html-styles';
import type { ExportHighlight, ExportModel } from './types';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

let shared: Promise<Document> | undefined;

/** One jsdom document (no scripts, no resource loading) to build every export's nodes in. */
function getDocument(): Promise<Document> {
  shared ??= import('jsdom').then(({ JSDOM }) => new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document);
  return shared;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text escaped for HTML text and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The `<head>` and the opening of the body. */
function head(model: ExportModel): string {
  const lang = model.article.language ? ` lang="${escapeHtml(model.article.language)}"` : '';
  return (
    `<!DOCTYPE html>\n<html${lang}>\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="Lectern">\n` +
    `<title>${escapeHtml(model.article.title)}</title>\n<style>\n${EXPORT_CSS}\n</style>\n</head>\n<body>\n`
  );
}

/** The article's body: header, article note, marked content, notes, orphans, footer. */
async function body(model: ExportModel): Promise<string> {
  const document = await getDocument();
  const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const { article } = model;
  const placed = model.highlights.filter((h) => h.placed !== null);
  const orphans = model.highlights.filter((h) => h.placed === null);
  // Every note's Markdown parsed in one go (a parse per note costs jsdom more than
  // the notes themselves); the same nodes as parsing each into its own div.
  const notesMarkdown = [model.articleNote?.note ?? '', ...placed.map((h) => h.note), ...orphans.map((h) => h.note)].filter((md) => md !== '');
  const batch = el('div');
  batch.innerHTML = notesMarkdown.map((md) => `<div class="note">${markdown.render(md)}</div>`).join('');
  const parsed = [...batch.children];
  let nextParsed = 0;
  const rendered = (md: string) => {
    if (notesMarkdown[nextParsed] === md && parsed[nextParsed]) return parsed[nextParsed++]!;
    const div = el('div', { class: 'note' });
    div.innerHTML = markdown.render(md);
    return div;
  };
  const root = el('article');

  const header = el('header');
  header.append(el('h1', {}, article.title));
  const meta = [article.byline, article.site, article.publishedAt?.slice(0, 10)].filter((x): x is string => !!x);
  if (meta.length > 0) header.append(el('p', { class: 'meta' }, meta.join(' · ')));
  if (article.url) {
    const p = el('p', { class: 'meta' });
    p.append(el('a', { href: article.url }, article.url));
    header.append(p);
  }
  root.append(header);

  const articleNote = model.articleNote?.note ?? '';
  if (articleNote !== '') {
    const section = el('section', { class: 'article-note', 'aria-label': 'Article note' });
    section.append(el('h2', {}, 'Article note'), rendered(articleNote));
    root.append(section);
  }

  const content = el('div', { class: 'content' });
  content.innerHTML = model.html;

  const ranges = placed.map((h, i) => ({
    start: h.placed!.start,
    end: h.placed!.end,
    className: `hl hl-${h.color} hl-${i + 1}`,
    title: model.colorNames[h.color],
  }));
  const lastMarks = markRanges(content, ranges);
  // After marking: the alt text put in for a missing image is not article text.
  for (const img of [...content.querySelectorAll('img')]) {
    const uri = model.images.get(img.getAttribute('src') ?? '');
    img.removeAttribute('srcset');
    if (uri) img.setAttribute('src', uri);
    else img.replaceWith(el('span', { class: 'image-missing' }, `[Image${img.alt ? `: ${img.alt}` : ''}]`));
  }
  root.append(content);

  const notes = el('ol');
  let n = 0;
  placed.forEach((h, i) => {
    if (h.note === '' && h.tags.length === 0) return;
    n++;
    const ref = el('sup', { class: 'fnref' });
    ref.append(el('a', { href: `#note-${n}`, id: `ref-${n}`, 'aria-label': `Note ${n}` }, String(n)));
    lastMarks[i]?.after(ref);
    const item = noteItem(h, n);
    notes.append(item);
  });
  if (n > 0) {
    const section = el('section', { class: 'notes', 'aria-label': 'Notes' });
    section.append(el('h2', {}, 'Notes'), notes);
    root.append(section);
  }
  if (orphans.length > 0) {
    const section = el('section', { class: 'orphans', 'aria-label': 'Could not be placed' });
    const list = el('ul');
    for (const h of orphans) list.append(noteItem(h));
    section.append(el('h2', {}, 'Could not be placed'), list);
    root.append(section);
  }
  root.append(el('footer', {}, `Exported from Lectern on ${model.exportedAt.slice(0, 10)}.`));

  function noteItem(h: ExportHighlight, number?: number): HTMLElement {
    const item = el('li', number === undefined ? {} : { id: `note-${number}` });
    item.append(el('blockquote', {}, h.target.quote.exact), el('p', { class: 'color' }, model.colorNames[h.color]));
    if (h.note !== '') item.append(rendered(h.note));
    if (h.tags.length > 0) item.append(el('p', { class: 'tags' }, h.tags.map((t) => `#${t}`).join(' ')));
    if (number !== undefined) {
      const back = el('p');
      back.append(el('a', { href: `#ref-${number}`, class: 'back', 'aria-label': `Back to highlight ${number}` }, '↩'));
      item.append(back);
    }
    return item;
  }

  scrub(root);
  return root.outerHTML;
}

/** The HTML file of one article, in chunks. */
export async function* htmlChunks(model: ExportModel): AsyncGenerator<string> {
  yield head(model);
  yield await body(model);
  yield '\n</body>\n</html>\n';
}

export const htmlToString = (model: ExportModel) => chunksToString(htmlChunks(model));
