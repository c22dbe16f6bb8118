/**
 * The reading and listening settings' choices and defaults as plain values (the
 * renderer imports these without bundling valibot; `model.ts` builds the schemas from
 * them, and the types come from there).
 */
import type { AppSettings, ListeningSettings, ReadingSettings } from './model';

/** The app's themes; `system` follows the operating system's light or dark. */
export const THEMES = ['system', 'light', 'sepia', 'dark', 'black'] as const;
export type Theme = (typeof THEMES)[number];
/** The article's typefaces: bundled faces (ARCHITECTURE.md §2, renderer/styles/fonts.css) and the system's serif. */
export const TYPEFACES = ['serif', 'sans', 'hyperlegible', 'dyslexic', 'mono', 'system'] as const;
/** The article's text sizes in CSS pixels: the panel's steps, and Ctrl/⌘ + = / - walk them. */
export const TEXT_SIZES = [14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32] as const;
/** Line heights (unitless multiples of the text size). */
export const LINE_HEIGHTS = [1.3, 1.45, 1.6, 1.75, 1.9, 2.1] as const;
/** The text column's width: narrow ≈ 55, medium ≈ 70, wide ≈ 90 characters; full = the window. */
export const COLUMN_WIDTHS = ['narrow', 'medium', 'wide', 'full'] as const;
/** The space on either side of the column. */
export const MARGINS = ['small', 'medium', 'large'] as const;
/** The space between paragraphs. */
export const PARAGRAPH_SPACINGS = ['compact', 'normal', 'spacious'] as const;
/** Read-aloud speeds (multiples of the voice's normal rate). */
export const SPEECH_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export const DEFAULT_READING_SETTINGS: ReadingSettings = {
  theme: 'system',
  typeface: 'serif',
  textSize: 19,
  lineHeight: 1.6,
  width: 'medium',
  margins: 'medium',
  justify: false,
  paragraphSpacing: 'normal',
};

export const DEFAULT_LISTENING_SETTINGS: ListeningSettings = { rate: 1, voice: null, markReadAtEnd: true };

export const DEFAULT_APP_SETTINGS: AppSettings = {
  singleKeyShortcuts: true,
  reading: DEFAULT_READING_SETTINGS,
  listening: DEFAULT_LISTENING_SETTINGS,
};
