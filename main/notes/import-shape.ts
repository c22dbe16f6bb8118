/**
 * What a parsed notes file holds: W3C annotations (Lectern's own JSON export, any
 * W3C AnnotationCollection with its first page embedded, an AnnotationPage, one
 * Annotation, or an array of Annotations), each turned into a plain
 * {@link ImportedAnnotation} or a problem saying what is wrong with it. A file whose
 * top level is none of these is refused (LibraryError 'invalid-input').
 *
 * Reading an annotation (the inverse of w3c.ts, lenient about other tools' shapes):
 * - id: `urn:uuid:<uuid>` or a bare UUID is kept; any other id (or none) becomes a
 *   UUID derived from it (or from the annotation's JSON), so importing the same file
 *   again finds the same ids.
 * - target: the first target with a TextQuoteSelector is a highlight (its
 *   TextPositionSelector too, if any); a target without selectors is an article note.
 *   The article: the target's `lectern:article`, else its `source` (or `id`, or the
 *   target itself when it is a string): `urn:lectern:article:<id>` or a URL.
 * - bodies: TextualBody (or `bodyValue`) with purpose `tagging` → a tag; other text
 *   bodies → the note (several joined by a blank line). Color: the target's
 *   `styleClass` when it is one of Lectern's five, else yellow.
 */
import { createHash } from 'node:crypto';
import { MAX_NOTE_BYTES, MAX_TAG_CHARS, MAX_TAGS } from '../../common/model';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../common/colors';
import { LibraryError } from '../library/errors';
import { ARTICLE_IRI_PREFIX, ARTICLE_KEY, UUID_IRI_PREFIX } from './w3c';

export interface ImportedBase {
  /** 1-based position in the file (for problems). */
  index: number;
  id: string;
  created: string;
  modified: string;
  /** A Lectern article id named by the annotation, if any. */
  articleId: string | null;
  /** The target's source IRI, if any. */
  source: string | null;
  note: string;
}

export interface ImportedHighlight extends ImportedBase {
  kind: 'highlight';
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number } | null;
  color: HighlightColor;
  tags: string[];
}

export interface ImportedArticleNote extends ImportedBase {
  kind: 'article-note';
}

export type ImportedAnnotation = ImportedHighlight | ImportedArticleNote;

export interface ShapedImport {
  annotations: ImportedAnnotation[];
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const typesOf = (x: Json): string[] =>
  typeof x['type'] === 'string' ? [x['type']] : Array.isArray(x['type']) ? x['type'].filter((t): t is string => typeof t === 'string') : [];
const asList = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);
const what = (x: unknown) =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' || typeof x === 'undefined' ? `an ${typeof x}` : `a ${typeof x}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const EXPECTED = 'W3C annotations (an AnnotationCollection, an AnnotationPage, an Annotation or an array of Annotations)';

/** The annotations in a parsed file, or LibraryError('invalid-input') when it holds none of the W3C shapes. */
export function itemsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) throw new LibraryError('invalid-input', `The file holds ${what(json)}, not ${EXPECTED}`);
  const types = typesOf(json);
  if (types.includes('Annotation')) return [json];
  if (types.includes('AnnotationPage')) return pageItems(json, 'The AnnotationPage');
  if (types.includes('AnnotationCollection')) {
    const first = json['first'];
    if (first === undefined) return [];
    if (!isObject(first)) {
      throw new LibraryError(
        'invalid-input',
        `The AnnotationCollection's "first" page is ${what(first)}, not a page inside the file; only collections with their pages inside the file can be imported`,
      );
    }
    const items: unknown[] = [];
    let page: unknown = first;
    for (let n = 1; isObject(page); n++) {
      items.push(...pageItems(page, `Page ${n} of the AnnotationCollection`));
      page = page['next'];
    }
    return items;
  }
  const type = types.length > 0 ? `of type "${types.join('", "')}"` : 'without a "type"';
  throw new LibraryError('invalid-input', `The file holds an object ${type}, not ${EXPECTED}`);
}

function pageItems(page: Json, name: string): unknown[] {
  const items = page['items'];
  if (items === undefined) return [];
  if (!Array.isArray(items)) throw new LibraryError('invalid-input', `${name}'s "items" is ${what(items)}, not an array`);
  return items;
}

/** Every item read as an annotation, or a problem. `now` stands in for missing timestamps. */
export function shapeImport(json: unknown, now: string): ShapedImport {
  const out: ShapedImport = { annotations: [], problems: [] };
  itemsOf(json).forEach((item, i) => {
    const read = readAnnotation(item, i + 1, now);
    if (typeof read === 'string') out.problems.push(`Annotation ${i + 1}: ${read}`);
    else out.annotations.push(read);
  });
  return out;
}

/** One annotation, or why it cannot be imported. */
function readAnnotation(item: unknown, index: number, now: string): ImportedAnnotation | string {
  if (!isObject(item)) return `is ${what(item)}, not an object`;
  if (!typesOf(item).includes('Annotation')) return `its type is ${JSON.stringify(item['type'] ?? null)}, not "Annotation"`;
  const created = timestamp(item['created'], now);
  if (created === undefined) return `"created" is ${JSON.stringify(item['created'])}, not a date and time`;
  const modified = timestamp(item['modified'], created);
  if (modified === undefined) return `"modified" is ${JSON.stringify(item['modified'])}, not a date and time`;
  const id = idOf(item);

  const bodies = [...asList(item['body']), ...(typeof item['bodyValue'] === 'string' ? [item['bodyValue']] : [])];
  const notes: string[] = [];
  const tags: string[] = [];
  for (const body of bodies) {
    const value = typeof body === 'string' ? body : isObject(body) && typeof body['value'] === 'string' ? body['value'] : undefined;
    if (value === undefined) continue;
    if (isObject(body) && asList(body['purpose']).includes('tagging')) tags.push(value);
    else if (value !== '') notes.push(value);
  }
  const note = notes.join('\n\n');
  const bytes = Buffer.byteLength(note, 'utf8');
  if (bytes > MAX_NOTE_BYTES) return `its note is ${bytes} bytes; a note may be at most ${MAX_NOTE_BYTES} bytes`;

  const targets = asList(item['target']);
  if (targets.length === 0) return 'it has no target';
  const described = targets.map(describeTarget);
  const withQuote = described.find((t) => t.quote !== null);
  const first = withQuote ?? described[0]!;
  const base = { index, id, created, modified, articleId: first.articleId, source: first.source, note };
  if (first.error) return first.error;
  if (withQuote) {
    return {
      ...base,
      kind: 'highlight',
      quote: withQuote.quote!,
      position: withQuote.position,
      color: withQuote.color,
      tags: cleanTags(tags),
    };
  }
  if (first.selectors > 0) return 'its target has no TextQuoteSelector; only quoted text can be placed in an article';
  if (note === '') return 'it has neither a quoted text nor a note';
  return { ...base, kind: 'article-note' };
}

interface DescribedTarget {
  articleId: string | null;
  source: string | null;
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  color: HighlightColor;
  selectors: number;
  error?: string;
}

function describeTarget(target: unknown): DescribedTarget {
  const none: DescribedTarget = { articleId: null, source: null, quote: null, position: null, color: 'yellow', selectors: 0 };
  if (typeof target === 'string') return { ...none, ...sourceOf(target) };
  if (!isObject(target)) return { ...none, error: `its target is ${what(target)}` };
  const iri = typeof target['source'] === 'string' ? target['source'] : typeof target['id'] === 'string' ? target['id'] : null;
  const named = typeof target[ARTICLE_KEY] === 'string' ? (target[ARTICLE_KEY] as string) : null;
  const out: DescribedTarget = { ...none, ...(iri === null ? {} : sourceOf(iri)) };
  if (named !== null) out.articleId = named;
  const styleClass = asList(target['styleClass']).find((c): c is HighlightColor => (HIGHLIGHT_COLORS as readonly unknown[]).includes(c));
  if (styleClass) out.color = styleClass;
  const selectors = asList(target['selector']);
  out.selectors = selectors.length;
  for (const selector of selectors) {
    if (!isObject(selector)) continue;
    const type = typesOf(selector);
    if (type.includes('TextQuoteSelector') && out.quote === null) {
      const { exact, prefix, suffix } = selector;
      if (typeof exact !== 'string' || exact === '') return { ...out, error: 'its TextQuoteSelector has no "exact" text' };
      if (exact.length > 100_000) return { ...out, error: `its quote is ${exact.length} characters; at most 100,000 are allowed` };
      if ((prefix !== undefined && typeof prefix !== 'string') || (suffix !== undefined && typeof suffix !== 'string')) {
        return { ...out, error: 'its TextQuoteSelector has a "prefix" or "suffix" that is not text' };
      }
      out.quote = { exact, prefix: (prefix ?? '').slice(-32), suffix: (suffix ?? '').slice(0, 32) };
    } else if (type.includes('TextPositionSelector') && out.position === null) {
      const { start, end } = selector;
      const offset = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) < 2 ** 31;
      if (offset(start) && offset(end) && start < end) out.position = { start, end };
    }
  }
  return out;
}

/** The article an IRI names: `urn:lectern:article:<id>`, or a URL to match. */
function sourceOf(iri: string): { articleId: string | null; source: string } {
  return iri.startsWith(ARTICLE_IRI_PREFIX)
    ? { articleId: iri.slice(ARTICLE_IRI_PREFIX.length), source: iri }
    : { articleId: null, source: iri };
}

/** The annotation's UUID: its own, or one derived from its id (or its JSON) the same way every time. */
function idOf(item: Json): string {
  const raw = typeof item['id'] === 'string' ? item['id'] : undefined;
  const bare = raw?.startsWith(UUID_IRI_PREFIX) ? raw.slice(UUID_IRI_PREFIX.length) : raw;
  if (bare !== undefined && UUID.test(bare)) return bare.toLowerCase();
  const hash = createHash('sha1').update(raw ?? JSON.stringify(item), 'utf8').digest('hex');
  // A version-5-shaped UUID (RFC 9562 §5.5) from the hash.
  const variant = ((parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** An ISO timestamp as stored (`toISOString` form); `fallback` when absent; undefined when unreadable. */
function timestamp(value: unknown, fallback: string): string | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !ISO.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) ? value : new Date(time).toISOString();
}

/** Tags as Lectern keeps them (`TagSchema`, common/model.ts): no spaces, `#` or `,`; 1–64 characters; at most 50, no repeats. */
function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const clean = tag.trim().replace(/\s+/gu, '-').replace(/[#,]/g, '').slice(0, MAX_TAG_CHARS);
    const key = clean.normalize('NFC').toLowerCase();
    if (clean === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
    if (out.length === MAX_TAGS) break;
  }
  return out;
}
