/**
 * Building an {@link ExportModel} from the library: metadata, the article note,
 * live highlights placed in today's text with the renderer's own anchoring (so an
 * export agrees with what the reader shows, orphans included), color names, and the
 * article's local images as `data:` URIs.
 */
import type { ColorNames } from '../../common/model';
import { anchorAll } from '../../common/anchoring/anchor';
import type { AnnotationStore, SettingsStore, Library } from '../library';
import { articleText } from '../library/article-text';
import { loadImages } from './images';
import { articleTextOf } from './text-content';
import type { ExportArticle, ExportHighlight, ExportModel } from './types';

/** What the export service reads from. */
export interface ExportSources {
  library: Library;
  annotations: AnnotationStore;
  colors: SettingsStore;
}

/** What a model is built with (defaults: everything, the quick way). */
export interface LoadModelOptions {
  /** Inline the article's images (only the HTML writer shows them). */
  images?: boolean;
  /**
   * Take the text from the HTML `library.get` read, parsed by parse5 (text-content.ts);
   * false: read content.html again and parse it with jsdom (main/library/article-text.ts),
   * as before — the same text, kept for the export bench's comparison.
   */
  quickText?: boolean;
}

/** The model of one article. `colorNames` may be passed in when many articles share one read. */
export async function loadModel(
  sources: ExportSources,
  articleId: string,
  exportedAt: string,
  colorNames?: ColorNames,
  options: LoadModelOptions = {},
): Promise<ExportModel> {
  const view = await sources.library.get(articleId);
  const [notes, text, names] = await Promise.all([
    sources.annotations.list(articleId),
    options.quickText === false ? articleText(sources.library.dir, articleId) : articleTextOf(view.html),
    colorNames ?? sources.colors.get(),
  ]);
  const anchored = anchorAll(
    text,
    notes.highlights.map((h) => h.target),
  );
  const placed: ExportHighlight[] = [];
  const orphans: ExportHighlight[] = [];
  notes.highlights.forEach((h, i) => {
    const a = anchored[i];
    if (a) placed.push({ ...h, placed: { start: a.start, end: a.end } });
    else orphans.push({ ...h, placed: null });
  });
  placed.sort((a, b) => a.placed!.start - b.placed!.start || a.placed!.end - b.placed!.end);
  const article: ExportArticle = {
    id: view.id,
    title: view.title,
    byline: view.byline,
    site: view.site,
    url: view.url,
    publishedAt: view.publishedAt,
    savedAt: view.savedAt,
    credit: view.credit,
    language: view.language,
    tags: view.tags,
  };
  return {
    article,
    articleNote: notes.articleNote,
    highlights: [...placed, ...orphans],
    colorNames: names,
    exportedAt,
    html: view.html,
    images: options.images === false ? new Map() : await loadImages(sources.library.dir, articleId, view.html),
  };
}
