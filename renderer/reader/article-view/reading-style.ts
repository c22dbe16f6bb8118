/**
 * The reading settings as the article's CSS custom properties (ARCHITECTURE.md §2):
 * `<article-view>` sets these on its host and its styles read them — the typeface's
 * font stack, the text size, line height, the column's measure, the margins beside it,
 * the space between paragraphs, and justified-and-hyphenated or ragged text. Pure, so
 * it is tested without a page.
 */
import type { ReadingSettings } from '../../../common/model';
import type { COLUMN_WIDTHS, MARGINS, PARAGRAPH_SPACINGS, TYPEFACES } from '../../../common/reading';

/** Today's system serif (also global.css's `--font-reading`): the "System" typeface. */
const SYSTEM_SERIF = "ui-serif, 'Iowan Old Style', 'Charter', Georgia, Cambria, 'Times New Roman', serif";
const SYSTEM_SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const SYSTEM_MONO = "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace";

/**
 * Each typeface's font stack: the bundled face (renderer/styles/fonts.css, latin and
 * latin-ext only) first, then the system's faces of the same kind, which also carry
 * the scripts the bundled files do not (CJK, Cyrillic, Arabic…).
 */
export const FONT_STACKS: Readonly<Record<(typeof TYPEFACES)[number], string>> = {
  serif: `'Literata', ${SYSTEM_SERIF}`,
  sans: `'Inter', ${SYSTEM_SANS}`,
  hyperlegible: `'Atkinson Hyperlegible Next', ${SYSTEM_SANS}`,
  dyslexic: `'OpenDyslexic', 'Atkinson Hyperlegible Next', ${SYSTEM_SANS}`,
  mono: `'JetBrains Mono', ${SYSTEM_MONO}`,
  system: SYSTEM_SERIF,
};

/**
 * The column's measure, in the reading face's own em and ch (so it follows the text
 * size): narrow ≈ 55 characters a line, medium ≈ 70 (the reader's measure before
 * these settings), wide ≈ 90, full = the window less its margins.
 */
export const MEASURES: Readonly<Record<(typeof COLUMN_WIDTHS)[number], string>> = {
  narrow: 'min(27em, 50ch)',
  medium: 'min(34em, 62ch)',
  wide: 'min(44em, 80ch)',
  full: 'none',
};

/** The space on either side of the column (inline padding of the page). */
export const PAGE_MARGINS: Readonly<Record<(typeof MARGINS)[number], string>> = {
  small: 'clamp(0.75rem, 2.5vw, 1.5rem)',
  medium: 'clamp(1.25rem, 6vw, 4rem)',
  large: 'clamp(2rem, 12vw, 8rem)',
};

/** The space after each paragraph, in the text's em. */
export const PARAGRAPH_SPACES: Readonly<Record<(typeof PARAGRAPH_SPACINGS)[number], string>> = {
  compact: '0.5em',
  normal: '1.1em',
  spacious: '1.75em',
};

/** The custom properties `<article-view>` sets on its host for `reading`. */
export function readingStyle(reading: ReadingSettings): Record<string, string> {
  return {
    '--reading-font': FONT_STACKS[reading.typeface],
    '--reading-size': `${reading.textSize}px`,
    '--reading-line-height': String(reading.lineHeight),
    '--measure': MEASURES[reading.width],
    '--reading-margin': PAGE_MARGINS[reading.margins],
    '--paragraph-space': PARAGRAPH_SPACES[reading.paragraphSpacing],
    // Justified text needs hyphenation (by the article's `lang`), or it opens rivers.
    '--reading-align': reading.justify ? 'justify' : 'start',
    '--reading-hyphens': reading.justify ? 'auto' : 'manual',
  };
}
