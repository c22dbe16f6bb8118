/**
 * The articles that ship with the app: `content/*.md`, Markdown with YAML front
 * matter (parsed with `yaml`, rendered with markdown-it, then sanitized).
 *
 * Front matter keys: id, title, published ("2024-03-28 02:00"), source, credit,
 * language, and optionally byline, url and origin (where the text came from; not stored).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { describeIssues } from '../../common/result';
import { ArticleIdSchema, SHORT_TEXT_CHARS } from '../../common/model';
import { countWords, htmlToText, sanitizeArticleHtml } from './sanitize';
import type { ArticleRecord } from './schema';

/**
 * A bundled article, ready to be written into a library: the record's metadata
 * (`site` is the front matter's `source`, "AFP"; `publishedAt` as given, without a
 * zone if none was given) with the sanitized HTML and its plain text (blocks
 * separated by "\n\n").
 */
export type BundledArticle = Pick<
  ArticleRecord,
  'id' | 'title' | 'byline' | 'site' | 'url' | 'publishedAt' | 'language' | 'credit' | 'wordCount'
> & { html: string; text: string };

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(SHORT_TEXT_CHARS));

const PUBLISHED =
  /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const FrontMatterSchema = v.strictObject({
  id: ArticleIdSchema,
  title: Text,
  published: v.pipe(
    v.string(),
    v.regex(PUBLISHED, 'must be a date "YYYY-MM-DD" or a date and time "YYYY-MM-DD HH:MM"'),
    v.transform((s) => s.replace(' ', 'T')),
    v.check((s) => !Number.isNaN(Date.parse(s)), 'is not a real date'),
  ),
  source: Text,
  credit: Text,
  language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like "en" or "pt-BR"')),
  byline: v.optional(Text),
  url: v.optional(v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'must be an http(s) URL'))),
  origin: v.optional(v.string()),
});

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Split `---\n<yaml>\n---\n<body>`; CRLF line ends are accepted. */
function splitFrontMatter(source: string): { yaml: string; body: string } | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', body: source.slice(match[0].length) };
}

/** Parse one bundled Markdown file; `file` is only used in error messages. */
export async function parseBundledArticle(file: string, source: string): Promise<BundledArticle> {
  const fail = (problem: string): never => {
    throw new Error(`Bundled article ${file}: ${problem}`);
  };
  const parts = splitFrontMatter(source) ?? fail('does not start with YAML front matter between "---" lines');

  let data: unknown;
  try {
    data = parseYaml(parts.yaml);
  } catch (error) {
    fail(`front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail('front matter must be a mapping of keys to values');
  }
  const parsed = v.safeParse(FrontMatterSchema, data);
  if (!parsed.success) fail(`front matter ${describeIssues(parsed.issues)}`);
  const meta = parsed.output as v.InferOutput<typeof FrontMatterSchema>;

  const html = await sanitizeArticleHtml(markdown.render(parts.body));
  const text = await htmlToText(html);
  if (!text) fail('has no body text after the front matter');

  return {
    id: meta.id,
    title: meta.title,
    byline: meta.byline ?? null,
    site: meta.source,
    url: meta.url ?? null,
    publishedAt: meta.published,
    language: meta.language,
    credit: meta.credit,
    html,
    text,
    wordCount: countWords(text),
  };
}

/** Read every `*.md` in `contentDir`, in file-name order; each id is its file name. Throws on the first bad file. */
export async function loadBundledArticles(contentDir: string): Promise<BundledArticle[]> {
  const names = (await readdir(contentDir)).filter((name) => name.endsWith('.md')).sort();
  const articles: BundledArticle[] = [];
  for (const name of names) {
    const file = join(contentDir, name);
    const article = await parseBundledArticle(file, await readFile(file, 'utf8'));
    if (article.id !== basename(name, '.md')) {
      throw new Error(`Bundled article ${file}: its id "${article.id}" must be its file name without ".md"`);
    }
    articles.push(article);
  }
  return articles;
}

/** Bundled articles known by id, parsed only when needed. */
export interface BundledSource {
  readonly ids: readonly string[];
  load(): Promise<readonly BundledArticle[]>;
}

/**
 * The bundled articles as a lazy source: the ids come from the file names alone, and
 * the Markdown is parsed and sanitized only when a library still has one to seed —
 * so an ordinary start-up reads one folder listing, not the articles.
 */
export async function bundledSource(contentDir: string): Promise<BundledSource> {
  const names = (await readdir(contentDir)).filter((name) => name.endsWith('.md')).sort();
  return { ids: names.map((name) => basename(name, '.md')), load: () => loadBundledArticles(contentDir) };
}
