/**
 * `articles/<id>/annotations.json`: one article's highlights and notes, shaped after
 * the W3C Web Annotation data model (ARCHITECTURE.md §3, §4).
 *
 * ```jsonc
 * {
 *   "format": 1,
 *   "annotations": [
 *     {
 *       "id": "0b9e…",                       // crypto.randomUUID()
 *       "kind": "highlight",
 *       "created": "2024-05-01T10:00:00.000Z",
 *       "modified": "2024-05-01T10:05:00.000Z",
 *       "motivation": "commenting",          // "highlighting" when the note is ""
 *       "target": {
 *         "source": "<article id>",
 *         "selector": [
 *           { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
 *           { "type": "TextPositionSelector", "start": 120, "end": 164 }
 *         ]
 *       },
 *       "color": "yellow",
 *       "note": "Markdown",
 *       "tags": ["sources"],
 *       "deleted": null                      // or when it was deleted: the tombstone
 *     },
 *     {
 *       "id": "…", "kind": "article-note", "created": "…", "modified": "…",
 *       "motivation": "commenting",
 *       "target": { "source": "<article id>" },
 *       "note": "Markdown about the whole article",
 *       "deleted": null
 *     }
 *   ]
 * }
 * ```
 *
 * Positions are offsets into the article body's text content (see article-text.ts).
 * A deleted annotation stays in the file with `deleted` set and its body kept, so
 * undo can restore it and two copies of a library can be merged later. Objects are
 * loose: keys a later version writes are kept when this one rewrites the file.
 */
import * as v from 'valibot';
import { AnnotationIdSchema, ArticleIdSchema, MAX_TAG_CHARS, TextPositionSelectorSchema, TextQuoteSelectorSchema, type ArticleNote, type Highlight } from '../../common/model';
import { HIGHLIGHT_COLORS } from '../../common/colors';
import { judgeJson, type JsonFileKind, type Judged } from './json-file';

export const ANNOTATIONS_FORMAT = 1;
export const ANNOTATIONS_FILE = 'annotations.json';

const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Tombstone = v.nullable(Timestamp);
/** Looser than `TagSchema` (common/model.ts): a file is read as it was written (another tool's tags included). */
const StoredTag = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TAG_CHARS));

export const StoredHighlightSchema = v.looseObject({
  id: AnnotationIdSchema,
  kind: v.literal('highlight'),
  created: Timestamp,
  modified: Timestamp,
  motivation: v.picklist(['highlighting', 'commenting']),
  target: v.looseObject({
    source: ArticleIdSchema,
    selector: v.looseTuple([TextQuoteSelectorSchema, TextPositionSelectorSchema]),
  }),
  color: v.picklist(HIGHLIGHT_COLORS),
  note: v.string(),
  tags: v.array(StoredTag),
  deleted: Tombstone,
});
export type StoredHighlight = v.InferOutput<typeof StoredHighlightSchema>;

export const StoredArticleNoteSchema = v.looseObject({
  id: AnnotationIdSchema,
  kind: v.literal('article-note'),
  created: Timestamp,
  modified: Timestamp,
  motivation: v.literal('commenting'),
  target: v.looseObject({ source: ArticleIdSchema }),
  note: v.string(),
  deleted: Tombstone,
});
export type StoredArticleNote = v.InferOutput<typeof StoredArticleNoteSchema>;

export const StoredAnnotationSchema = v.variant('kind', [StoredHighlightSchema, StoredArticleNoteSchema]);
export type StoredAnnotation = v.InferOutput<typeof StoredAnnotationSchema>;

export const AnnotationsFileSchema = v.looseObject({
  format: v.literal(ANNOTATIONS_FORMAT),
  annotations: v.array(StoredAnnotationSchema),
});
export type AnnotationsFile = v.InferOutput<typeof AnnotationsFileSchema>;

const ANNOTATIONS_JSON: JsonFileKind<typeof AnnotationsFileSchema> = {
  name: ANNOTATIONS_FILE,
  schema: AnnotationsFileSchema,
  schemaName: 'annotations',
  format: { newest: ANNOTATIONS_FORMAT, update: 'Update Lectern to see these highlights.' },
};

export const emptyAnnotations = (): AnnotationsFile => ({ format: ANNOTATIONS_FORMAT, annotations: [] });

/**
 * Why `raw` (the text of articles/<id>/annotations.json) is unusable, or its value.
 * A newer format is refused (LibraryError 'corrupt') and left where it is.
 */
export function judgeAnnotations(path: string, articleId: string, raw: string): Judged<AnnotationsFile> {
  const judged = judgeJson(ANNOTATIONS_JSON, path, raw);
  if (!('value' in judged)) return judged;
  const stranger = judged.value.annotations.find((a) => a.target.source !== articleId);
  if (stranger) {
    return {
      reason: `${ANNOTATIONS_FILE} has an annotation of the article "${stranger.target.source}" but is in the folder "${articleId}"`,
    };
  }
  return judged;
}

export const motivationFor = (note: string) => (note === '' ? 'highlighting' : 'commenting');

/** The contract's view of a stored highlight: exactly its fields, nothing of the storage record. */
export function toHighlight(record: StoredHighlight): Highlight {
  const [quote, position] = record.target.selector;
  return {
    id: record.id,
    articleId: record.target.source,
    created: record.created,
    modified: record.modified,
    motivation: motivationFor(record.note),
    target: {
      quote: { type: quote.type, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      position: { type: position.type, start: position.start, end: position.end },
    },
    color: record.color,
    note: record.note,
    tags: [...record.tags],
  };
}

export function toArticleNote(record: StoredArticleNote): ArticleNote {
  return {
    id: record.id,
    articleId: record.target.source,
    created: record.created,
    modified: record.modified,
    note: record.note,
  };
}

/** Document order: by start, then created, then id (so the order never depends on the file's). */
export function compareHighlights(a: StoredHighlight, b: StoredHighlight): number {
  const start = a.target.selector[1].start - b.target.selector[1].start;
  if (start !== 0) return start;
  const created = Date.parse(a.created) - Date.parse(b.created);
  if (created !== 0) return created;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Tags without repeats, compared case-insensitively (and by NFC); the first spelling stays. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.normalize('NFC').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}
