/** Export and import of notes as they cross the bridge (ARCHITECTURE.md §5). */
import * as v from 'valibot';
import { ArticleIdSchema, Offset, ShortText } from './model';

/** What notes can be exported as; `pdf` is printed by Electron from the `html` export. */
export const EXPORT_FORMATS = ['markdown', 'json', 'csv', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats with a text preview (PDF is printed from the HTML one). */
export const PREVIEW_FORMATS = ['markdown', 'json', 'csv', 'html'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

export const ExportOptionsSchema = v.strictObject({
  includeArticleNote: v.optional(v.boolean(), true),
  includeTags: v.optional(v.boolean(), true),
  /** Highlights whose text is no longer in the article. */
  includeOrphans: v.optional(v.boolean(), true),
});
export type ExportOptions = v.InferOutput<typeof ExportOptionsSchema>;

export const ExportScopeSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('article'), articleId: ArticleIdSchema }),
  v.strictObject({ kind: v.literal('library') }),
]);
export type ExportScope = v.InferOutput<typeof ExportScopeSchema>;

export const ExportPreviewInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  format: v.picklist(PREVIEW_FORMATS),
  options: v.optional(ExportOptionsSchema, {}),
});
export type ExportPreviewInput = v.InferOutput<typeof ExportPreviewInputSchema>;
/** Previews stop at this many characters (`truncated` says so); Copy and Save are never cut. */
export const PREVIEW_MAX_CHARS = 200_000;
export const ExportPreviewSchema = v.strictObject({ text: v.string(), truncated: v.boolean() });
export type ExportPreview = v.InferOutput<typeof ExportPreviewSchema>;

export const ExportSaveInputSchema = v.strictObject({
  format: v.picklist(EXPORT_FORMATS),
  scope: ExportScopeSchema,
  options: v.optional(ExportOptionsSchema, {}),
});
export type ExportSaveInput = v.InferOutput<typeof ExportSaveInputSchema>;

export const ExportSaveResultSchema = v.strictObject({
  /** False when the reader closed the save dialog without choosing. */
  saved: v.boolean(),
  /** The file, or the folder for one-file-per-article exports. */
  path: v.nullable(ShortText),
  files: Offset,
  annotations: Offset,
});
export type ExportSaveResult = v.InferOutput<typeof ExportSaveResultSchema>;

export const ImportReportSchema = v.strictObject({
  /** False when the reader closed the open dialog without choosing. */
  imported: v.boolean(),
  path: v.nullable(ShortText),
  added: Offset,
  updated: Offset,
  skipped: Offset,
  orphaned: Offset,
  noArticle: Offset,
  problems: v.pipe(v.array(ShortText), v.maxLength(100)),
});
export type ImportReport = v.InferOutput<typeof ImportReportSchema>;
