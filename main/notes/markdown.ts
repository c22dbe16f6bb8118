/**
 * Markdown export, for Obsidian and Logseq: YAML front matter (title, author,
 * source, url, published, exported, tags; keys without a value are left out), the
 * title as a heading, the article note (its Markdown as written), then each
 * highlight in document order:
 *
 * ```md
 * > The quoted text, every line quoted
 * > (a quote across paragraphs stays one blockquote)
 *
 * Color: Key point
 *
 * The note, its Markdown kept, as many lines as it has.
 *
 * #tag-one #tag2
 * ```
 *
 * Highlights that can no longer be placed come last, under "Could not be placed".
 * Quotes and color names are escaped so a Markdown reader shows their characters as
 * they are; notes are the user's Markdown and are not changed.
 */
import { stringify } from 'yaml';
import { chunksToString } from './chunks';
import { blockquote, escapeLine, hashtag } from './markdown-text';
import type { ExportHighlight, ExportModel } from './types';

/** The front matter's fields (all strings but `tags`). */
export function frontMatter(model: ExportModel): Record<string, unknown> {
  const { article } = model;
  const fields: [string, unknown][] = [
    ['title', article.title],
    ['author', article.byline],
    ['source', article.site],
    ['url', article.url],
    ['published', article.publishedAt],
    ['exported', model.exportedAt],
    ['tags', article.tags],
  ];
  return Object.fromEntries(fields.filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0)));
}

/** The Markdown of one article, in chunks (one per highlight). */
export function* markdownChunks(model: ExportModel): Generator<string> {
  yield `---\n${stringify(frontMatter(model), { lineWidth: 0 })}---\n\n# ${escapeLine(model.article.title)}\n`;
  const note = model.articleNote?.note.trim();
  if (note) yield `\n## Article note\n\n${note}\n`;
  const placed = model.highlights.filter((h) => h.placed !== null);
  const orphans = model.highlights.filter((h) => h.placed === null);
  if (placed.length > 0) {
    yield '\n## Highlights\n';
    for (const h of placed) yield highlightMarkdown(model, h);
  }
  if (orphans.length > 0) {
    yield '\n## Could not be placed\n';
    for (const h of orphans) yield highlightMarkdown(model, h);
  }
}

function highlightMarkdown(model: ExportModel, h: ExportHighlight): string {
  let out = `\n${blockquote(h.target.quote.exact)}\n\nColor: ${escapeLine(model.colorNames[h.color])}\n`;
  const note = h.note.replace(/\r\n?/g, '\n').trim();
  if (note) out += `\n${note}\n`;
  const tags = h.tags.map(hashtag).filter((t): t is string => t !== undefined);
  if (tags.length > 0) out += `\n${tags.join(' ')}\n`;
  return out;
}

/** The Markdown of one article as a string (previews, "Copy"). */
export const markdownToString = (model: ExportModel) => chunksToString(markdownChunks(model));
