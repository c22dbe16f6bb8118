/**
 * Omnivore's export zip (ARCHITECTURE.md §3), as its export job writes it: `metadata_<from>_to_<to>.json`
 * files (arrays of items: id, slug, title, author, url, state, readingProgress 0–100, labels,
 * savedAt, publishedAt…), `content/<slug>.html` (the article's readable HTML) and
 * `highlights/<slug>.md` (each highlight `> quote`, then a line of `#label`s, then the note,
 * blocks separated by blank lines). The HTML is carried as data, untouched: it is sanitized
 * when it is saved, never parsed or run here.
 *
 * Input: the zip's path. Entries are read one at a time, their expanded bytes counted against
 * the limits as they stream; `..`, absolute and symlink entries refuse the whole file.
 */
import * as v from 'valibot';
import { withZip } from './zip';
import { scanJson } from './json-depth';
import { describeIssue, httpUrl, toIsoUtc, toTags, type ImportLimits } from './values';
import {
  IMPORT_LIMITS,
  ImportFileError,
  type ImportedHighlight,
  type ImportedItem,
  type ImportProblem,
  type ParsedLibrary,
} from './model';

const METADATA = /^metadata_\d+_to_\d+\.json$/u;

const Label = v.union([v.string(), v.looseObject({ name: v.string() })]);
const DateValue = v.optional(v.nullable(v.union([v.string(), v.number()])));
const Text = v.optional(v.nullable(v.string()));
const ItemSchema = v.looseObject({
  slug: v.pipe(v.string(), v.minLength(1)),
  url: v.string(),
  title: Text,
  author: Text,
  state: Text,
  readingProgress: v.optional(v.nullable(v.number())),
  labels: v.optional(v.nullable(v.array(Label))),
  savedAt: DateValue,
  publishedAt: DateValue,
});

/** Is this zip Omnivore's export? Entry names: `metadata_*_to_*.json` plus `content/` or `highlights/`. */
export function looksLikeOmnivore(entryNames: readonly string[]): boolean {
  const base = entryNames.find((name) => METADATA.test(name.slice(name.lastIndexOf('/') + 1)));
  if (base === undefined) return false;
  const root = base.slice(0, base.lastIndexOf('/') + 1);
  return entryNames.some((name) => name.startsWith(`${root}content/`) || name.startsWith(`${root}highlights/`));
}

/** Reads Omnivore's export zip at `path`. */
export async function readOmnivore(path: string, limits: OmnivoreLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  const metadata: { name: string; text: string }[] = [];
  const contents = new Map<string, string>();
  const highlightFiles = new Map<string, string>();
  const names: string[] = [];
  await readZipEntries(path, limits, (name) => {
    names.push(name);
    const base = name.slice(name.lastIndexOf('/') + 1);
    return METADATA.test(base) || /(^|\/)(content\/[^/]+\.html|highlights\/[^/]+\.md)$/u.test(name);
  }, (name, text) => {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (METADATA.test(base)) metadata.push({ name, text });
    else if (/(^|\/)content\/[^/]+\.html$/u.test(name)) contents.set(base.slice(0, -'.html'.length), text);
    else highlightFiles.set(base.slice(0, -'.md'.length), text);
  });
  if (!looksLikeOmnivore(names)) {
    throw new ImportFileError('This is not an Omnivore export: it has no metadata_*.json with content/ or highlights/.');
  }
  // Metadata files in the order Omnivore wrote them (by their first index).
  metadata.sort((a, b) => firstIndex(a.name) - firstIndex(b.name));

  const items: ImportedItem[] = [];
  const problems: ImportProblem[] = [];
  const used = new Set<string>();
  for (const file of metadata) {
    let data: unknown;
    try {
      const { elementLines } = scanJson(file.text, limits.jsonDepth);
      data = JSON.parse(file.text);
      if (!Array.isArray(data)) throw new Error('it is not a list of items');
      data.forEach((raw: unknown, index) => {
        const where = { entry: `${file.name}[${index}]`, line: elementLines[index] };
        const item = toItem(raw, contents, highlightFiles, used, where, problems);
        if (item) items.push(item);
      });
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      problems.push({ entry: file.name, reason: `File skipped: ${(error as Error).message}.` });
    }
  }
  for (const slug of contents.keys()) {
    if (!used.has(slug)) problems.push({ entry: `content/${slug}.html`, reason: 'Content for no item in the metadata: left out.' });
  }
  return { source: 'omnivore', items, problems };
}

function toItem(
  raw: unknown,
  contents: Map<string, string>,
  highlightFiles: Map<string, string>,
  used: Set<string>,
  where: { entry: string; line: number | undefined },
  problems: ImportProblem[],
): ImportedItem | null {
  const parsed = v.safeParse(ItemSchema, raw);
  if (!parsed.success) {
    problems.push({ ...where, reason: `Item skipped: ${describeIssue(parsed.issues[0])}.` });
    return null;
  }
  const meta = parsed.output;
  const url = httpUrl(meta.url);
  if (url === null) {
    problems.push({ ...where, reason: `Item skipped: its address is not http(s) (${meta.url.slice(0, 200)}).` });
    return null;
  }
  const item: ImportedItem = {
    kind: 'article',
    url,
    title: meta.title?.trim() || url,
    tags: toTags((meta.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name))),
    state: meta.state?.toUpperCase() === 'ARCHIVED' ? 'archived' : 'unread',
    highlights: [],
  };
  if (meta.author?.trim()) item.author = meta.author.trim();
  const savedAt = toIsoUtc(meta.savedAt);
  if (savedAt) item.savedAt = savedAt;
  const publishedAt = toIsoUtc(meta.publishedAt);
  if (publishedAt) item.publishedAt = publishedAt;
  if (typeof meta.readingProgress === 'number' && Number.isFinite(meta.readingProgress) && meta.readingProgress > 0) {
    item.progress = Math.min(1, meta.readingProgress / 100);
  }
  used.add(meta.slug);
  const html = contents.get(meta.slug);
  if (html === undefined) problems.push({ ...where, reason: `No content/${meta.slug}.html: imported by its address only.` });
  else item.content = { html };
  const markdown = highlightFiles.get(meta.slug);
  if (markdown !== undefined) {
    const { highlights, note } = parseHighlights(markdown);
    item.highlights = highlights;
    if (note) item.note = note;
  }
  return item;
}

/**
 * Omnivore's highlight Markdown: each highlight is `> quote` (a blank line inside the quote
 * written as a `> ` line; its later lines unmarked), then a block of `#label`s when it has
 * labels, then its note; highlights and their parts are separated by blank lines. A note with
 * no quote before it (Omnivore's page note) is the article's note.
 */
export function parseHighlights(markdown: string): { highlights: ImportedHighlight[]; note?: string } {
  const blocks = markdown.replace(/\r\n?/gu, '\n').split(/\n[ \t]*\n/u).filter((b) => b.trim() !== '');
  const highlights: ImportedHighlight[] = [];
  const pageNotes: string[] = [];
  let current: { highlight: ImportedHighlight; notes: string[]; labelsAllowed: boolean } | null = null;
  const close = () => {
    if (current && current.notes.length) current.highlight.note = current.notes.join('\n\n');
    current = null;
  };
  for (const block of blocks) {
    if (/^>/u.test(block)) {
      close();
      const quote = block
        .split('\n')
        .map((line, i) => (i === 0 ? line.replace(/^> ?/u, '') : /^>\s*$/u.test(line) ? '' : line))
        .join('\n')
        .replace(/[ \t]+$/u, '');
      current = { highlight: { quote, tags: [] }, notes: [], labelsAllowed: true };
      highlights.push(current.highlight);
    } else if (current && current.labelsAllowed && /^#\S/u.test(block) && !block.includes('\n')) {
      // "#idea #Long Reads": each label starts at a "#" (a label may hold spaces).
      const labels = block.trim().split(/\s+(?=#)/u).map((l) => l.replace(/^#/u, ''));
      current.highlight.tags = toTags(labels);
      current.labelsAllowed = false;
    } else if (current) {
      current.notes.push(block.replace(/^\n+|\s+$/gu, ''));
      current.labelsAllowed = false;
    } else {
      pageNotes.push(block.trim());
    }
  }
  close();
  return pageNotes.length ? { highlights, note: pageNotes.join('\n\n') } : { highlights };
}

function firstIndex(name: string): number {
  return Number(/metadata_(\d+)_to_/u.exec(name)?.[1] ?? 0);
}

export type OmnivoreLimits = Pick<ImportLimits, 'zipEntries' | 'zipExpandedBytes' | 'fileBytes' | 'jsonDepth'>;

/** The zip through the shared safe reader (zip.ts): `wanted` entries as UTF-8 text to `onText`, one at a time. */
async function readZipEntries(
  path: string,
  limits: OmnivoreLimits,
  wanted: (name: string) => boolean,
  onText: (name: string, text: string) => void,
): Promise<void> {
  await withZip(
    path,
    async (zip) => {
      for (const entry of zip.entries) {
        if (wanted(entry.name)) onText(entry.name, await zip.text(entry.name));
      }
    },
    limits,
  );
}
