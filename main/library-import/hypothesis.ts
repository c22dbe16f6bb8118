/**
 * Hypothesis' JSON export (ARCHITECTURE.md §3): `{ export_date, export_userid,
 * client_version, annotations: [...] }`, each annotation as the h API returns it (not
 * W3C-shaped). Annotations are grouped by the page they were made on:
 *
 * - one with a `TextQuoteSelector` is a highlight (quote, prefix, suffix, the
 *   `TextPositionSelector`'s offsets, its text as the note, tags, date);
 * - one with no selector is a page note: the article's note (several joined by a blank
 *   line), its tags the article's;
 * - a reply (`references`) is the user's own words in a thread: appended to the note of
 *   the thread's first annotation as a "— reply, DATE —" paragraph, so nothing written is
 *   lost; a reply whose thread is not in the file is counted in `skipped.replies` and
 *   reported once;
 * - a document that is not a web page (`urn:x-pdf:…`, `file:`) and names no http(s)
 *   address in its target or `document.link` is reported once, with how many
 *   annotations it had.
 *
 * The input is the file's text. Depth is scanned before `JSON.parse`; the shape is
 * checked with valibot, each annotation on its own so one bad entry is reported (by its
 * JSON path) and the rest read.
 */
import * as v from 'valibot';
import { jsonTooDeep } from './json-depth';
import {
  IMPORT_LIMITS,
  ImportFileError,
  type ImportedHighlight,
  type ImportedItem,
  type ImportProblem,
  type ParsedLibrary,
} from './model';

/** What was left out on purpose, with how many, for the preview. */
export interface HypothesisLibrary extends ParsedLibrary {
  skipped: { replies: number; notWebPages: number; empty: number };
}

const ExportSchema = v.looseObject({
  export_date: v.optional(v.string()),
  export_userid: v.optional(v.string()),
  client_version: v.optional(v.string()),
  annotations: v.array(v.unknown()),
});

const Strings = v.array(v.string());
const SelectorSchema = v.looseObject({ type: v.string() });
const QuoteSelector = v.looseObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.string(),
  prefix: v.optional(v.string()),
  suffix: v.optional(v.string()),
});
const PositionSelector = v.looseObject({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  end: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});

const AnnotationSchema = v.looseObject({
  id: v.optional(v.string()),
  created: v.optional(v.string()),
  updated: v.optional(v.string()),
  uri: v.string(),
  text: v.optional(v.nullable(v.string())),
  tags: v.optional(v.nullable(Strings)),
  references: v.optional(v.nullable(Strings)),
  target: v.optional(
    v.array(
      v.looseObject({
        source: v.optional(v.string()),
        selector: v.optional(v.array(v.unknown())),
      }),
    ),
  ),
  document: v.optional(
    v.nullable(
      v.looseObject({
        // The h API gives a list; the client's own type says a string: take either.
        title: v.optional(v.union([v.string(), Strings])),
        link: v.optional(v.array(v.unknown())),
      }),
    ),
  ),
});
type Annotation = v.InferOutput<typeof AnnotationSchema>;

/** Whether the first bytes of a text file look like a Hypothesis export. */
export function looksLikeHypothesis(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') && (text.includes('"export_userid"') || (text.includes('"export_date"') && text.includes('"annotations"')));
}

/** An http(s) address as `URL` writes it, or null. */
function webUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The page's web address: its `uri`, else the target's source, else a `document.link` href. */
function pageUrl(a: Annotation): string | null {
  const candidates: unknown[] = [a.uri, a.target?.[0]?.source];
  for (const link of a.document?.link ?? []) {
    if (link && typeof link === 'object' && 'href' in link) candidates.push(link.href);
  }
  for (const c of candidates) {
    const url = webUrl(c);
    if (url) return url;
  }
  return null;
}

function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function titleOf(a: Annotation): string | undefined {
  const t = a.document?.title;
  const title = (Array.isArray(t) ? t[0] : t)?.trim();
  return title || undefined;
}

/** The quote and position selectors of the annotation's first target, and whether it has any selector. */
function selectorsOf(a: Annotation): { quote?: v.InferOutput<typeof QuoteSelector>; position?: v.InferOutput<typeof PositionSelector>; any: boolean } {
  const raw = a.target?.[0]?.selector ?? [];
  const out: ReturnType<typeof selectorsOf> = { any: false };
  for (const s of raw) {
    if (!v.is(SelectorSchema, s)) continue;
    out.any = true;
    if (!out.quote && v.is(QuoteSelector, s)) out.quote = s;
    if (!out.position && v.is(PositionSelector, s)) out.position = s;
  }
  return out;
}

interface Group {
  item: ImportedItem;
  pageNotes: string[];
  firstCreated?: string;
}

/** Read a Hypothesis JSON export from its text. */
export async function readHypothesis(text: string): Promise<HypothesisLibrary> {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_LIMITS.fileBytes) {
    throw new ImportFileError(`The file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (jsonTooDeep(body, IMPORT_LIMITS.jsonDepth)) {
    throw new ImportFileError(`The file nests deeper than ${IMPORT_LIMITS.jsonDepth} levels.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ImportFileError(`The file is not JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(ExportSchema, json);
  if (!parsed.success || (parsed.output.export_userid === undefined && parsed.output.export_date === undefined)) {
    throw new ImportFileError('The file is not a Hypothesis export (no export_userid, export_date and annotations list).');
  }

  const problems: ImportProblem[] = [];
  const skipped = { replies: 0, notWebPages: 0, empty: 0 };
  const groups = new Map<string, Group>();
  const notWeb = new Map<string, number>();
  const byId = new Map<string, { highlight?: ImportedHighlight; group: Group }>();
  const replies: { a: Annotation; entry: string }[] = [];

  const groupFor = (url: string, a: Annotation): Group => {
    let group = groups.get(url);
    if (!group) {
      group = { item: { kind: 'article', url, title: titleOf(a) ?? url, tags: [], state: 'unread', highlights: [] }, pageNotes: [] };
      groups.set(url, group);
    } else if (group.item.title === url) {
      group.item.title = titleOf(a) ?? url;
    }
    const created = isoDate(a.created);
    if (created && (!group.firstCreated || created < group.firstCreated)) group.firstCreated = created;
    return group;
  };

  parsed.output.annotations.forEach((raw, index) => {
    const entry = `annotations[${index}]`;
    const result = v.safeParse(AnnotationSchema, raw);
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      problems.push({ entry, reason: `Not an annotation${path ? ` (${path})` : ''}: ${issue.message}` });
      return;
    }
    const a = result.output;
    if (a.references && a.references.length > 0) {
      replies.push({ a, entry });
      return;
    }
    const url = pageUrl(a);
    if (!url) {
      skipped.notWebPages++;
      notWeb.set(a.uri, (notWeb.get(a.uri) ?? 0) + 1);
      return;
    }
    const note = a.text?.trim() ?? '';
    const tags = a.tags ?? [];
    const { quote, position, any } = selectorsOf(a);
    if (quote) {
      const group = groupFor(url, a);
      const highlight: ImportedHighlight = { quote: quote.exact, tags: [...tags] };
      if (note) highlight.note = note;
      const createdAt = isoDate(a.created);
      if (createdAt) highlight.createdAt = createdAt;
      if (quote.prefix !== undefined) highlight.prefix = quote.prefix;
      if (quote.suffix !== undefined) highlight.suffix = quote.suffix;
      if (position && position.end >= position.start) {
        highlight.start = position.start;
        highlight.end = position.end;
      }
      group.item.highlights.push(highlight);
      if (a.id) byId.set(a.id, { highlight, group });
      return;
    }
    if (!note && tags.length === 0) {
      skipped.empty++;
      problems.push({ entry, reason: any ? 'An annotation with no quote, note or tags: nothing to keep.' : 'An empty page note.' });
      return;
    }
    // A page note, or an annotation whose selectors carry no quote (a PDF page, an EPUB
    // position): its words are kept as the article's note.
    const group = groupFor(url, a);
    if (note) group.pageNotes.push(note);
    for (const tag of tags) if (!group.item.tags.includes(tag)) group.item.tags.push(tag);
    if (a.id) byId.set(a.id, { group });
  });

  // Replies, oldest first, under the thread's first annotation.
  replies.sort((x, y) => (isoDate(x.a.created) ?? '').localeCompare(isoDate(y.a.created) ?? ''));
  let orphanReplies = 0;
  for (const { a } of replies) {
    const root = byId.get(a.references?.[0] ?? '');
    const words = a.text?.trim() ?? '';
    if (!root || !words) {
      skipped.replies++;
      if (!root) orphanReplies++;
      continue;
    }
    const date = (isoDate(a.created) ?? '').slice(0, 10) || 'undated';
    const paragraph = `— reply, ${date} —\n${words}`;
    if (root.highlight) root.highlight.note = root.highlight.note ? `${root.highlight.note}\n\n${paragraph}` : paragraph;
    else root.group.pageNotes.push(paragraph);
  }
  if (orphanReplies > 0) {
    problems.push({ reason: `${orphanReplies} ${orphanReplies === 1 ? 'reply' : 'replies'} to annotations not imported here (someone else's, deleted, or left out above): left out.` });
  }
  for (const [uri, count] of notWeb) {
    problems.push({ reason: `Not a web page (${uri}): ${count} ${count === 1 ? 'annotation' : 'annotations'} left out.` });
  }

  const items: ImportedItem[] = [];
  for (const group of groups.values()) {
    if (group.pageNotes.length > 0) group.item.note = group.pageNotes.join('\n\n');
    if (group.firstCreated) group.item.savedAt = group.firstCreated;
    items.push(group.item);
  }
  return { source: 'hypothesis', items, problems, skipped };
}
