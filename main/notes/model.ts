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
import type { ExportArticle, ExportHighlight, ExportModel } from './types';

/** What the export service reads from. */
export interface ExportSources {
  library: Library;
  annotations: AnnotationStore;
  colors: SettingsStore;
}

/** The model of one article. `colorNames` may be passed in when many articles share one read. */
export async function loadModel(
  sources: ExportSources,
  articleId: string,
  exportedAt: string,
  colorNames?: ColorNames,
): Promise<ExportModel> {
  const view = await sources.library.get(articleId);
  const [notes, text, names] = await Promise.all([
    sources.annotations.list(articleId),
    articleText(sources.library.dir, articleId),
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
    images: await loadImages(sources.library.dir, articleId, view.html),
  };
}
