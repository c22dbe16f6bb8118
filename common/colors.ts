/**
 * The highlight colors and their default names. Plain constants with no schema
 * library, so the renderer can import the values (not just the types) without
 * bundling valibot; `contract.ts` builds its schemas from these.
 */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export const DEFAULT_COLOR_NAMES: Readonly<Record<HighlightColor, string>> = {
  yellow: 'Key point',
  green: 'Evidence',
  blue: 'Question',
  pink: 'Disagree',
  purple: 'Follow up',
};
