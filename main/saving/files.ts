/**
 * Reading a local file to save: `.html`/`.htm` (the same extraction as a
 * web page; its images are taken from beside it later), `.md`/`.markdown` (YAML
 * front matter honoured: title, author, url, published, tags — parsed with `yaml`,
 * which only reads data), `.txt` (paragraphs at blank lines; a short first line is
 * the title). At most 10 MB.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { ARTICLE_FILE_EXTENSIONS } from '../../common/model';
import { normalizeTags } from '../library/record';
import { LibraryError, errorCode } from '../library/errors';
import { sanitizeArticleHtml } from '../library/sanitize';
import { decodeHtml, decodePlainText } from './charset';
import { extractArticle, normalizeDate, normalizeLanguage, type ExtractedArticle } from './extract';
import { formatBytes } from './limits';
import { webUrlOrNull } from './url';

/** A local file, read and sanitized; images not yet saved. */
export interface LocalDocument extends ExtractedArticle {
  /** The article's web address: front matter `url`, or an HTML file's canonical link. */
  url: string | null;
  tags: string[];
  /** The file's own URL: the base for its relative image paths. */
  baseUrl: string;
}

/** The message for a file of another kind. */
export const UNSUPPORTED_FILE = 'Only .html, .htm, .md, .markdown and .txt files can be added.';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** "my-notes_2024" → "my notes 2024": a title from a file name. */
function titleFromName(path: string): string {
  const name = basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
  return name || 'Untitled';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function nothingToRead(): LibraryError {
  return new LibraryError('invalid-input', 'The file has no text to read.');
}

/** Read and check the bytes of `path`: an existing regular file of a supported kind within `maxBytes`. */
export async function readFileBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  if (!(ARTICLE_FILE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase())) {
    throw new LibraryError('invalid-input', UNSUPPORTED_FILE);
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new LibraryError('invalid-input', 'It is a folder, not a file.');
    if (info.size > maxBytes) throw new LibraryError('too-large', `The file is larger than ${formatBytes(maxBytes)}.`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    if (errorCode(error) === 'ENOENT') throw new LibraryError('not-found', 'The file does not exist.');
    throw new LibraryError('io', `The file could not be read (${errorCode(error) ?? String(error)}).`, { cause: error });
  }
}

/** Split `---\n<yaml>\n---\n<body>` (CRLF accepted), as bundled articles are. */
function splitFrontMatter(source: string): { data: Record<string, unknown>; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { data: {}, body: source.replace(/^\uFEFF/, '') };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new LibraryError('invalid-input', `Its front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const isMap = typeof data === 'object' && data !== null && !Array.isArray(data);
  return { data: isMap ? (data as Record<string, unknown>) : {}, body: source.slice(match[0].length) };
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : typeof value === 'number' ? String(value) : null;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => (text(item) ? [text(item)!] : []));
  const one = text(value);
  return one ? one.split(',').map((part) => part.trim()).filter(Boolean) : [];
}

async function fromMarkdown(path: string, source: string): Promise<LocalDocument> {
  const { data, body } = splitFrontMatter(source);
  let content = body;
  let title = text(data['title']);
  if (!title) {
    const heading = /^\s*#\s+(.+?)\s*#*\s*(?:\r?\n|$)/.exec(content);
    if (heading?.[1]) {
      title = heading[1].slice(0, 500);
      content = content.slice(heading[0].length);
    }
  }
  const published = data['published'] ?? data['date'];
  const html = await sanitizeArticleHtml(markdown.render(content));
  if (!html.replace(/<[^>]*>/g, '').trim() && !/<img\b/.test(html)) throw nothingToRead();
  return {
    title: title ?? titleFromName(path),
    byline: list(data['author'] ?? data['byline']).join(', ') || null,
    site: text(data['site'] ?? data['source']),
    publishedAt: normalizeDate(published instanceof Date ? published.toISOString() : text(published)),
    language: normalizeLanguage(text(data['language'] ?? data['lang'])),
    excerpt: text(data['excerpt'] ?? data['description']),
    canonicalUrl: null,
    url: webUrlOrNull(text(data['url'])),
    tags: normalizeTags(list(data['tags'])),
    baseUrl: pathToFileURL(path).href,
    html,
  };
}

async function fromText(path: string, source: string): Promise<LocalDocument> {
  const paragraphs = source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  let title = titleFromName(path);
  const first = paragraphs[0];
  if (first !== undefined && paragraphs.length > 1 && !first.includes('\n') && first.length <= 120) {
    title = first;
    paragraphs.shift();
  }
  if (paragraphs.length === 0) throw nothingToRead();
  const html = paragraphs.map((p) => `<p>${p.split(/\r?\n/).map(escapeHtml).join('<br>')}</p>`).join('\n');
  return {
    title,
    byline: null,
    site: null,
    publishedAt: null,
    language: null,
    excerpt: null,
    canonicalUrl: null,
    url: null,
    tags: [],
    baseUrl: pathToFileURL(path).href,
    html: await sanitizeArticleHtml(html),
  };
}

/**
 * The document in the bytes of the file at `path` (read by {@link readFileBytes}):
 * extracted and sanitized; no file is read. CPU only — it runs in the document worker.
 */
export async function documentFromBytes(path: string, bytes: Uint8Array): Promise<LocalDocument> {
  const extension = extname(path).toLowerCase();
  const baseUrl = pathToFileURL(path).href;
  if (extension === '.html' || extension === '.htm') {
    const article = await extractArticle(decodeHtml(bytes).text, baseUrl);
    return { ...article, url: article.canonicalUrl, tags: [], baseUrl };
  }
  const source = decodePlainText(bytes);
  if (!source.trim()) throw nothingToRead();
  return extension === '.txt' ? fromText(path, source) : fromMarkdown(path, source);
}

/** Read, extract and sanitize the file at `path` (absolute). Failures are LibraryErrors saying why. */
export async function readLocalFile(path: string, maxBytes: number): Promise<LocalDocument> {
  return documentFromBytes(path, await readFileBytes(path, maxBytes));
}
