/** The highlight colors for the renderer: values from the schema-free `preload/colors.ts`. */
import { HIGHLIGHT_COLORS, type HighlightColor } from '../preload/colors';

export { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS } from '../preload/colors';

export const isHighlightColor = (value: unknown): value is HighlightColor =>
  typeof value === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(value);
