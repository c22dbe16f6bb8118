/**
 * wallabag's JSON export (ARCHITECTURE.md §3): an array of entries, each carrying the article's
 * own HTML (`content`), its address, title, tags, archived/starred state, dates and its
 * annotations (annotator.js shape: `quote`, `text` as the note, `ranges` in XPath). The HTML is
 * carried as data, untouched: it is sanitized when it is saved, never parsed or run here.
 *
 * Input: the file's text. The whole text is held (wallabag writes one JSON document); its size
 * is checked first, its nesting is scanned before `JSON.parse`, and each entry is checked on its
 * own, so one malformed entry is reported by line and the rest are read.
 */
import * as v from 'valibot';
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

const Flag = v.optional(v.nullable(v.union([v.boolean(), v.number(), v.string()])));
const DateValue = v.optional(v.nullable(v.union([v.string(), v.number()])));
const Text = v.optional(v.nullable(v.string()));

const TagSchema = v.union([v.string(), v.looseObject({ label: v.string() })]);

const AnnotationSchema = v.looseObject({
  quote: Text,
  text: Text,
  created_at: DateValue,
  updated_at: DateValue,
});

const EntrySchema = v.looseObject({
  url: v.string(),
  title: Text,
  content: Text,
  is_archived: Flag,
  is_starred: Flag,
  tags: v.optional(v.nullable(v.array(TagSchema))),
  created_at: DateValue,
  published_at: DateValue,
  published_by: v.optional(v.nullable(v.array(v.nullable(v.string())))),
  annotations: v.optional(v.nullable(v.array(v.unknown()))),
});

/** Is this the start of a wallabag JSON export? An array whose first entry has wallabag's own fields. */
export function looksLikeWallabag(head: string): boolean {
  const text = head.replace(/^\uFEFF/u, '').trimStart();
  if (!/^\[\s*\{/u.test(text)) return false;
  const first = text.slice(0, 64 * 1024);
  return (
    first.includes('"url"') &&
    first.includes('"is_archived"') &&
    (first.includes('"is_starred"') || first.includes('"domain_name"') || first.includes('"reading_time"'))
  );
}

/** Reads wallabag's JSON export from its text. */
export async function readWallabag(text: string, limits: ImportLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  if (text.length > limits.fileBytes || Buffer.byteLength(text, 'utf8') > limits.fileBytes) {
    throw new ImportFileError(`The file is larger than ${Math.round(limits.fileBytes / 1024 / 1024)} MB.`);
  }
  const { elementLines } = scanJson(text, limits.jsonDepth);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    throw new ImportFileError(`This is not a wallabag export: the JSON cannot be read (${(error as Error).message}).`);
  }
  if (!Array.isArray(data)) throw new ImportFileError('This is not a wallabag export: it is not a list of entries.');

  const items: ImportedItem[] = [];
  const problems: ImportProblem[] = [];
  data.forEach((raw: unknown, index) => {
    const where = { line: elementLines[index], entry: `[${index}]` };
    const parsed = v.safeParse(EntrySchema, raw);
    if (!parsed.success) {
      problems.push({ ...where, reason: `Entry skipped: ${describeIssue(parsed.issues[0])}.` });
      return;
    }
    const entry = parsed.output;
    const url = httpUrl(entry.url);
    if (url === null) {
      problems.push({ ...where, reason: `Entry skipped: its address is not http(s) (${entry.url.slice(0, 200)}).` });
      return;
    }
    const item: ImportedItem = {
      kind: 'article',
      url,
      title: entry.title?.trim() || url,
      tags: toTags((entry.tags ?? []).map((t) => (typeof t === 'string' ? t : t.label))),
      state: truthy(entry.is_archived) ? 'archived' : 'unread',
      highlights: [],
    };
    if (truthy(entry.is_starred)) item.starred = true;
    const author = (entry.published_by ?? []).filter((a): a is string => !!a?.trim()).join(', ');
    if (author) item.author = author;
    const savedAt = toIsoUtc(entry.created_at);
    if (savedAt) item.savedAt = savedAt;
    const publishedAt = toIsoUtc(entry.published_at);
    if (publishedAt) item.publishedAt = publishedAt;
    if (entry.content) item.content = { html: entry.content };
    (entry.annotations ?? []).forEach((rawAnnotation, a) => {
      const annotation = v.safeParse(AnnotationSchema, rawAnnotation);
      if (!annotation.success || !annotation.output.quote?.trim()) {
        problems.push({ ...where, entry: `[${index}].annotations[${a}]`, reason: 'Annotation skipped: it has no quote.' });
        return;
      }
      const { quote, text: note } = annotation.output;
      const highlight: ImportedHighlight = { quote: quote!, tags: [] };
      if (note?.trim()) highlight.note = note;
      const createdAt = toIsoUtc(annotation.output.created_at);
      if (createdAt) highlight.createdAt = createdAt;
      item.highlights.push(highlight);
    });
    items.push(item);
  });
  return { source: 'wallabag', items, problems };
}

/** wallabag writes its flags as booleans in the export and as 0/1 in its API. */
function truthy(flag: boolean | number | string | null | undefined): boolean {
  return flag === true || flag === 1 || flag === '1' || flag === 'true';
}
