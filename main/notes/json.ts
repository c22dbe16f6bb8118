/**
 * JSON export: one W3C `AnnotationCollection` (https://www.w3.org/TR/annotation-model/,
 * mapping in w3c.ts) whose embedded `first` page holds every annotation: for each
 * article its note (when included), then its highlights in document order. One
 * article or the whole library gives one file. Streamed: `total` is written after
 * the page (JSON keys are unordered), so the items need not be counted first.
 *
 * ```json
 * { "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:…",
 *   "type": "AnnotationCollection", "label": "Lectern notes", "generator": {…},
 *   "generated": "2024-…Z",
 *   "first": { "type": "AnnotationPage", "startIndex": 0, "items": [ {…}, {…} ] },
 *   "total": 2 }
 * ```
 */
import { chunksToString, type Chunks } from './chunks';
import type { ExportModel } from './types';
import { ANNO_CONTEXT, UUID_IRI_PREFIX, articleNoteAnnotation, highlightAnnotation, type W3CAnnotation } from './w3c';

export interface CollectionHeader {
  /** The collection's id (a UUID). */
  id: string;
  label: string;
  /** When it was made (ISO 8601). */
  generated: string;
}

/** The W3C annotations of one article, in export order. */
export function annotationsOf(model: ExportModel): W3CAnnotation[] {
  const out: W3CAnnotation[] = [];
  if (model.articleNote && model.articleNote.note !== '') out.push(articleNoteAnnotation(model.article, model.articleNote));
  for (const h of model.highlights) out.push(highlightAnnotation(model.article, h));
  return out;
}

/** Indent every line after the first (items sit two levels deep). */
const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

/** The collection of every annotation of `models`, in chunks (one per article). */
export async function* jsonChunks(models: Iterable<ExportModel> | AsyncIterable<ExportModel>, header: CollectionHeader): AsyncGenerator<string> {
  const head = {
    '@context': ANNO_CONTEXT,
    id: `${UUID_IRI_PREFIX}${header.id}`,
    type: 'AnnotationCollection',
    label: header.label,
    generator: { type: 'Software', name: 'Lectern' },
    generated: header.generated,
  };
  const open = JSON.stringify(head, null, 2).slice(0, -2);
  yield `${open},\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`;
  let total = 0;
  for await (const model of models) {
    const parts: string[] = [];
    for (const annotation of annotationsOf(model)) {
      parts.push(`${total === 0 ? '' : ','}\n      ${indent(JSON.stringify(annotation, null, 2), '      ')}`);
      total++;
    }
    if (parts.length > 0) yield parts.join('');
  }
  yield `${total === 0 ? '' : '\n    '}]\n  },\n  "total": ${total}\n}\n`;
}

/** One article's collection as a string. */
export const jsonToString = (model: ExportModel, header: CollectionHeader): Promise<string> =>
  chunksToString(jsonChunks([model], header) as Chunks);
