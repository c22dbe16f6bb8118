/**
 * The service interfaces main/handlers.ts calls, declared here so the layers only
 * import downward (handlers → library, never the reverse).
 */
import type { AppSettings, ArticleAnnotations, ArticleNote, ColorNames, Highlight, HighlightTarget } from '../../common/model';
import type { HighlightColor } from '../../common/colors';

/** Highlights and notes of one article (main/library/annotations). Errors carry a contract code. */
export interface AnnotationService {
  list(articleId: string): Promise<ArticleAnnotations>;
  create(input: { articleId: string; target: HighlightTarget; color: HighlightColor; note: string; tags: string[] }): Promise<Highlight>;
  update(input: {
    articleId: string;
    id: string;
    patch: { color?: HighlightColor | undefined; note?: string | undefined; tags?: string[] | undefined };
  }): Promise<Highlight>;
  delete(ref: { articleId: string; id: string }): Promise<Highlight>;
  restore(ref: { articleId: string; id: string }): Promise<Highlight>;
  setArticleNote(articleId: string, note: string): Promise<ArticleNote>;
}

/** The user's names for the highlight colors. */
export interface ColorService {
  get(): Promise<ColorNames>;
  rename(color: HighlightColor, name: string): Promise<ColorNames>;
}

/** The app's preferences (kept in settings.json beside the color names). */
export interface SettingsService {
  settings(): Promise<AppSettings>;
  setSingleKeyShortcuts(on: boolean): Promise<AppSettings>;
}

