/**
 * Pocket's exports (ARCHITECTURE.md §3), two of them:
 * - the 2025 export, a zip of `part_000000.csv`, `part_000001.csv`… (10,000 rows each) with
 *   the header `title,url,time_added,tags,status` (tags joined by `|`, status `unread` or
 *   `archive`, time_added in Unix seconds; a missing title is given as the URL), and,
 *   when there were highlights, `annotations/part_000000.json`…: `[{url, title,
 *   highlights: [{quote, created_at}]}]` (created_at in Unix seconds). Highlights are
 *   attached to the row with the same URL; one whose URL has no row becomes its own item.
 *   Read with {@link readPocketZip} (a file path): the CSVs streamed row by row.
 * - the older `ril_export.html`: `<h1>Unread</h1><ul><li><a href time_added tags>title</a>`
 *   then `<h1>Read Archive</h1>` and its list (tags joined by `,`). Read with
 *   {@link readPocketHtml} (the file's text), parsed by parse5.
 */
import * as v from 'valibot';
import { fromUnixTime } from './values';
import { csvRows } from './csv-rows';
import { attr, elementsIn, lineOf, parseHtml, textOf } from './html-tree';
import { checkJsonDepth } from './json-depth';
import {
  IMPORT_LIMITS,
  ImportFileError,
  type ImportedHighlight,
  type ImportedItem,
  type ImportProblem,
  type ParsedLibrary,
} from './model';
import { toTags } from './values';
import { withZip, type ZipArchive } from './zip';

type Limits = typeof IMPORT_LIMITS;
export type PocketLimits = { [K in keyof Limits]: number };

const PART_CSV = /(?:^|\/)part_\d+\.csv$/u;
const PART_ANNOTATIONS = /(?:^|\/)annotations\/part_\d+(?:\.json)?$/u;
const HEADER = ['title', 'url', 'time_added', 'tags', 'status'] as const;

function skipped(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('.'));
}

/** A zip is Pocket's 2025 export when it holds `part_*.csv` lists (their header is checked when read). */
export function looksLikePocketZip(entryNames: readonly string[]): boolean {
  return entryNames.some((name) => PART_CSV.test(name) && !skipped(name));
}

/** An open zip is Pocket's 2025 export when its first `part_*.csv` starts with Pocket's header (only that much is inflated). */
export async function looksLikePocketArchive(zip: ZipArchive): Promise<boolean> {
  const first = zip.entries
    .map((e) => e.name)
    .filter((n) => PART_CSV.test(n) && !skipped(n))
    .sort(byPartNumber)[0];
  return first !== undefined && looksLikePocketCsv(await zip.head(first, 1024));
}

/** The start of a CSV is Pocket's list when its first line is Pocket's header. */
export function looksLikePocketCsv(head: string): boolean {
  const first = head.replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0] ?? '';
  const names = first.split(',').map((n) => n.trim().replace(/^"|"$/gu, '').toLowerCase());
  return HEADER.every((h) => names.includes(h)) && names.length === HEADER.length;
}

/** HTML is Pocket's older export when it is titled so, or has its sections and `time_added` links. */
export function looksLikePocketHtml(head: string): boolean {
  return (
    /<title>\s*Pocket Export\s*<\/title>/iu.test(head) ||
    (/<h1>\s*(?:Unread|Read Archive)\s*<\/h1>/iu.test(head) && /\btime_added\s*=/iu.test(head))
  );
}

/** An http(s) address as given, or null. */
function httpUrl(value: string): string | null {
  const text = value.trim();
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}

/** The key a highlight's URL is matched on: the parsed address without its fragment. */
function urlKey(value: string): string {
  try {
    const url = new URL(value.trim());
    url.hash = '';
    return url.href;
  } catch {
    return value.trim();
  }
}

function byPartNumber(a: string, b: string): number {
  const n = (s: string) => Number(/part_(\d+)/u.exec(s)?.[1] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

// Pocket's annotations file, parsed at the boundary; one bad element is reported, the rest kept.
const Seconds = v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/u))]);
const PocketHighlight = v.object({ quote: v.string(), created_at: v.optional(v.nullable(Seconds)) });
const PocketAnnotated = v.object({
  url: v.string(),
  title: v.optional(v.nullable(v.string())),
  highlights: v.array(PocketHighlight),
});

/** Reads Pocket's 2025 export zip at `path`. */
export async function readPocketZip(path: string, limits: PocketLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  return withZip(
    path,
    async (zip) => {
      const names = zip.entries.map((e) => e.name).filter((n) => !skipped(n));
      const parts = names.filter((n) => PART_CSV.test(n)).sort(byPartNumber);
      if (parts.length === 0) throw new ImportFileError('The zip is not a Pocket export: it has no part_000000.csv list.');
      const problems: ImportProblem[] = [];
      const items: ImportedItem[] = [];
      const byUrl = new Map<string, ImportedItem>();
      for (const part of parts) await readPart(zip, part, limits, items, byUrl, problems);
      const annotationFiles = names.filter((n) => PART_ANNOTATIONS.test(n)).sort(byPartNumber);
      for (const file of annotationFiles) await readAnnotations(zip, file, limits, items, byUrl, problems);
      return { source: 'pocket-csv', items, problems };
    },
    limits,
  );
}

async function readPart(
  zip: ZipArchive,
  part: string,
  limits: PocketLimits,
  items: ImportedItem[],
  byUrl: Map<string, ImportedItem>,
  allProblems: ImportProblem[],
): Promise<void> {
  // csv-parse reports a skipped row ahead of the rows before it are handled: sorted by line at the end.
  const problems: ImportProblem[] = [];
  let columns: Map<string, number> | null = null;
  for await (const row of csvRows(await zip.stream(part), limits.csvRowBytes, problems, part)) {
    if (columns === null) {
      const names = row.fields.map((f) => f.trim().toLowerCase());
      if (!HEADER.every((h) => names.includes(h))) {
        throw new ImportFileError(
          `The zip is not a Pocket export: "${part}" starts with "${row.fields.join(',').slice(0, 200)}", not Pocket's header ${HEADER.join(',')}.`,
        );
      }
      columns = new Map(names.map((n, i) => [n, i]));
      continue;
    }
    const cell = (name: (typeof HEADER)[number]) => row.fields[columns!.get(name)!] ?? '';
    const where = { entry: part, line: row.line };
    const url = httpUrl(cell('url'));
    if (url === null) {
      problems.push({ ...where, reason: `the row has no http(s) address (“${cell('url').slice(0, 200)}”) and was skipped` });
      continue;
    }
    const status = cell('status').trim();
    if (status !== 'unread' && status !== 'archive') {
      problems.push({ ...where, reason: `the status “${status.slice(0, 40)}” is not unread or archive; read as unread` });
    }
    const time = cell('time_added').trim();
    const savedAt = fromUnixTime(time);
    if (time !== '' && savedAt === undefined) {
      problems.push({ ...where, reason: `the time “${time.slice(0, 40)}” is not a Unix time; left out` });
    }
    const item: ImportedItem = {
      kind: 'article',
      url,
      title: cell('title').replace(/\s+/gu, ' ').trim() || url,
      tags: toTags(cell('tags').split('|')),
      ...(savedAt ? { savedAt } : {}),
      state: status === 'archive' ? 'archived' : 'unread',
      highlights: [],
    };
    items.push(item);
    const key = urlKey(url);
    if (!byUrl.has(key)) byUrl.set(key, item);
  }
  if (columns === null) problems.push({ entry: part, reason: 'the list is empty' });
  allProblems.push(...problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}

async function readAnnotations(
  zip: ZipArchive,
  file: string,
  limits: PocketLimits,
  items: ImportedItem[],
  byUrl: Map<string, ImportedItem>,
  problems: ImportProblem[],
): Promise<void> {
  const text = await zip.text(file);
  checkJsonDepth(text, limits.jsonDepth, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push({ entry: file, reason: `the highlights file is not valid JSON (${(error as Error).message}); its highlights were not read` });
    return;
  }
  if (!Array.isArray(data)) {
    problems.push({ entry: file, reason: 'the highlights file is not a list; its highlights were not read' });
    return;
  }
  data.forEach((element, index) => {
    const parsed = v.safeParse(PocketAnnotated, element);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = v.getDotPath(issue);
      problems.push({ entry: `${file} [${index}]`, reason: `the entry is not Pocket's shape (${path ? `${path}: ` : ''}${issue.message})` });
      return;
    }
    const highlights: ImportedHighlight[] = parsed.output.highlights
      .filter((h) => h.quote.trim() !== '')
      .map((h) => {
        const createdAt = fromUnixTime(h.created_at ?? undefined);
        return { quote: h.quote, tags: [], ...(createdAt ? { createdAt } : {}) };
      });
    const url = httpUrl(parsed.output.url);
    if (url === null) {
      problems.push({ entry: `${file} [${index}]`, reason: `the highlights' address (“${parsed.output.url.slice(0, 200)}”) is not http(s); ${highlights.length} highlight(s) not read` });
      return;
    }
    const item = byUrl.get(urlKey(url));
    if (item) {
      item.highlights.push(...highlights);
      return;
    }
    // Highlights of an article missing from the list: kept as an item of their own.
    const own: ImportedItem = {
      kind: 'article',
      url,
      title: parsed.output.title?.trim() || url,
      tags: [],
      state: 'unread',
      highlights,
    };
    items.push(own);
    byUrl.set(urlKey(url), own);
  });
}

/** Reads Pocket's older `ril_export.html`, given its text. */
export async function readPocketHtml(text: string, limits: PocketLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  if (text.length > limits.fileBytes) {
    throw new ImportFileError(`The file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB; Lectern reads export files up to that size.`);
  }
  if (!looksLikePocketHtml(text.slice(0, 64 * 1024))) {
    throw new ImportFileError('The file is not a Pocket export: it has neither the "Pocket Export" title nor its Unread / Read Archive lists.');
  }
  const document = parseHtml(text);
  const items: ImportedItem[] = [];
  const problems: ImportProblem[] = [];
  let state: ImportedItem['state'] = 'unread';
  for (const element of elementsIn(document)) {
    if (element.tagName === 'h1') {
      const heading = textOf(element).toLowerCase();
      if (heading === 'unread') state = 'unread';
      else if (heading === 'read archive') state = 'archived';
      continue;
    }
    if (element.tagName !== 'a') continue;
    const line = lineOf(element);
    const where = line === undefined ? {} : { line };
    const href = attr(element, 'href') ?? '';
    const url = httpUrl(href);
    if (url === null) {
      problems.push({ ...where, reason: `the link has no http(s) address (“${href.slice(0, 200)}”) and was skipped` });
      continue;
    }
    const time = attr(element, 'time_added')?.trim() ?? '';
    const savedAt = fromUnixTime(time);
    if (time !== '' && savedAt === undefined) problems.push({ ...where, reason: `the time “${time.slice(0, 40)}” is not a Unix time; left out` });
    items.push({
      kind: 'article',
      url,
      title: textOf(element) || url,
      tags: toTags((attr(element, 'tags') ?? '').split(',')),
      ...(savedAt ? { savedAt } : {}),
      state,
      highlights: [],
    });
  }
  return { source: 'pocket-html', items, problems };
}
