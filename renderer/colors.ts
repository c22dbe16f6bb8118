/** The highlight colors for the renderer: values from the schema-free part of `common/model.ts`. */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../common/colors';

export { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../common/colors';

export const isHighlightColor = (value: unknown): value is HighlightColor =>
  typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);
