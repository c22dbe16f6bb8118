/**
 * The plain "export model" every format writer reads (main/notes/*), and the
 * options a user picks in the export dialog. Writers are pure functions of a model:
 * no file system, no clock, no randomness (the model carries `exportedAt` and ids).
 */
import * as v from 'valibot';
import type { ArticleNote, ArticleView, ColorNames, Highlight } from '../../common/model';
import type { EventPayload } from '../../common/ipc';
import { ExportOptionsSchema, type ExportOptions } from '../../common/notes';

/** What to include when nothing is said: the contract's defaults (every flag true). */
export const DEFAULT_EXPORT_OPTIONS: Readonly<ExportOptions> = v.parse(ExportOptionsSchema, {});

/** Article metadata as exported: the view's fields, `tags` the article's own (not its highlights'). */
export type ExportArticle = Pick<
  ArticleView,
  'id' | 'title' | 'byline' | 'site' | 'url' | 'publishedAt' | 'savedAt' | 'credit' | 'language' | 'tags'
>;

/** A live highlight and where it lies in today's article text (`null`: an orphan). */
export interface ExportHighlight extends Highlight {
  placed: { start: number; end: number } | null;
}

/** Everything one article contributes to an export. */
export interface ExportModel {
  article: ExportArticle;
  articleNote: ArticleNote | null;
  /** Placed highlights in document order (by placed start), then orphans in stored order. */
  highlights: ExportHighlight[];
  /** The user's names for the five colors. */
  colorNames: ColorNames;
  /** When the export was made (ISO 8601, UTC). */
  exportedAt: string;
  /** The sanitized content.html (the HTML writer marks highlights in it). */
  html: string;
  /**
   * Images of the article that could be inlined: `src` as written in content.html →
   * `data:` URI. Any other `<img>` is shown as its alt text (the file is self-contained).
   */
  images: ReadonlyMap<string, string>;
}

/** Progress of a whole-library export (articles written so far, and in all): the `export:progress` event. */
export type ExportProgress = EventPayload<'export:progress'>;

/** What an export wrote. */
export interface ExportResult {
  /** Files written (absolute paths), in the order written. */
  files: string[];
  articles: number;
  highlights: number;
  bytes: number;
}

/** Apply the user's options to a model (the writers then write everything they get). */
export function applyOptions(model: ExportModel, options: ExportOptions): ExportModel {
  return {
    ...model,
    articleNote: options.includeArticleNote ? model.articleNote : null,
    highlights: model.highlights
      .filter((h) => options.includeOrphans || h.placed !== null)
      .map((h) => (options.includeTags ? h : { ...h, tags: [] })),
  };
}
