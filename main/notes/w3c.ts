/**
 * Lectern annotations as W3C Web Annotation Data Model objects
 * (https://www.w3.org/TR/annotation-model/). Decisions (the import reads them back):
 *
 * - `id` is `urn:uuid:<Lectern's annotation id>`.
 * - `target.source` identifies the article: its URL when it has one (so other tools
 *   match it to the page), else `urn:lectern:article:<article id>`. The Lectern
 *   article id is always kept as well, in the target's `lectern:article` property (an
 *   absolute-IRI key, so JSON-LD processors keep it rather than drop it).
 * - A highlight's target is a SpecificResource with `[TextQuoteSelector,
 *   TextPositionSelector]` (positions: UTF-16 offsets into the article body's text
 *   content, as stored) and its color as `styleClass` (`yellow`, `green`, `blue`,
 *   `pink` or `purple`); the annotation carries an embedded `CssStylesheet` defining
 *   that class (model §4.4: a styleClass needs an Annotation-level stylesheet).
 * - The note is a `TextualBody` with `format: text/markdown`, `purpose: commenting`;
 *   each tag a `TextualBody` with `purpose: tagging`. No note and no tags: no body.
 * - `motivation`: `commenting` with a note, else `tagging` with tags, else `highlighting`.
 * - The article note: motivation `commenting`, its target the article itself
 *   as an External Web Resource `{ id: <the source IRI>, lectern:article }` (a
 *   SpecificResource needs a selector, state, purpose, styleClass… to be one).
 */
import type { ArticleNote } from '../../common/model';
import type { HighlightColor } from '../../common/colors';
import type { ExportArticle, ExportHighlight } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ARTICLE_IRI_PREFIX = 'urn:lectern:article:';
export const UUID_IRI_PREFIX = 'urn:uuid:';
/** The target property that keeps the Lectern article id. */
export const ARTICLE_KEY = 'lectern:article';

/** Colors as drawn in the reader (light theme), for the exported stylesheets and HTML. */
export const COLOR_CSS: Readonly<Record<HighlightColor, string>> = {
  yellow: '#fde68a',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  pink: '#fbcfe8',
  purple: '#ddd6fe',
};

export interface W3CTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format?: 'text/markdown';
}

export interface W3CTarget {
  type?: 'SpecificResource';
  /** The article, for a highlight's SpecificResource. */
  source?: string;
  /** The article, for the article note's External Web Resource. */
  id?: string;
  [ARTICLE_KEY]: string;
  selector?: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
  styleClass?: HighlightColor;
}

export interface W3CAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting' | 'tagging';
  created: string;
  modified: string;
  stylesheet?: { type: 'CssStylesheet'; value: string };
  body?: W3CTextualBody[];
  target: W3CTarget;
}

/** The IRI `target.source` holds for an article. */
export const articleSource = (article: Pick<ExportArticle, 'id' | 'url'>): string =>
  article.url ?? `${ARTICLE_IRI_PREFIX}${article.id}`;

/** A highlight (with its note and tags) as one W3C Annotation. */
export function highlightAnnotation(article: ExportArticle, h: ExportHighlight): W3CAnnotation {
  const { quote, position } = h.target;
  const body: W3CTextualBody[] = [];
  if (h.note !== '') body.push({ type: 'TextualBody', value: h.note, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of h.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return {
    '@context': ANNO_CONTEXT,
    id: `${UUID_IRI_PREFIX}${h.id}`,
    type: 'Annotation',
    motivation: h.note !== '' ? 'commenting' : h.tags.length > 0 ? 'tagging' : 'highlighting',
    created: h.created,
    modified: h.modified,
    stylesheet: { type: 'CssStylesheet', value: `.${h.color} { background-color: ${COLOR_CSS[h.color]}; }` },
    ...(body.length > 0 ? { body } : {}),
    target: {
      type: 'SpecificResource',
      source: articleSource(article),
      [ARTICLE_KEY]: article.id,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
      styleClass: h.color,
    },
  };
}

/** The article note as one W3C Annotation whose target is the whole article. */
export function articleNoteAnnotation(article: ExportArticle, note: ArticleNote): W3CAnnotation {
  return {
    '@context': ANNO_CONTEXT,
    id: `${UUID_IRI_PREFIX}${note.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: note.created,
    modified: note.modified,
    body: [{ type: 'TextualBody', value: note.note, format: 'text/markdown', purpose: 'commenting' }],
    target: { id: articleSource(article), [ARTICLE_KEY]: article.id },
  };
}
