/**
 * The service interfaces main/handlers.ts calls, declared here so the layers only
 * import downward (handlers → library, never the reverse).
 */
import type * as v from 'valibot';
import type { AppSettings, SettingsUpdate, ArticleAnnotations, ArticleNote, ColorNames, Highlight } from '../../common/model';
import type { HighlightColor } from '../../common/colors';
import type { CreateHighlightInputSchema, HighlightRefSchema, UpdateHighlightInputSchema } from '../../common/ipc';

/**
 * Highlights and notes of one article (main/library/annotations). Inputs are the
 * contract's, already parsed (ARCHITECTURE.md §8). Errors carry a contract code.
 */
export interface AnnotationService {
  list(articleId: string): Promise<ArticleAnnotations>;
  create(input: v.InferOutput<typeof CreateHighlightInputSchema>): Promise<Highlight>;
  update(input: v.InferOutput<typeof UpdateHighlightInputSchema>): Promise<Highlight>;
  delete(ref: v.InferOutput<typeof HighlightRefSchema>): Promise<Highlight>;
  restore(ref: v.InferOutput<typeof HighlightRefSchema>): Promise<Highlight>;
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
  update(update: SettingsUpdate): Promise<AppSettings>;
}

