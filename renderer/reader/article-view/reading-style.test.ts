import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTHS, DEFAULT_READING_SETTINGS, MARGINS, PARAGRAPH_SPACINGS, TYPEFACES } from '../../../common/reading';
import { readingStyle } from './reading-style';

describe('readingStyle', () => {
  it('gives the defaults the measure, margins and spacing the reader had before the settings', () => {
    const style = readingStyle(DEFAULT_READING_SETTINGS);
    expect(style['--reading-size']).toBe('19px');
    expect(style['--reading-line-height']).toBe('1.6');
    expect(style['--measure']).toBe('min(34em, 62ch)');
    expect(style['--reading-margin']).toBe('clamp(1.25rem, 6vw, 4rem)');
    expect(style['--paragraph-space']).toBe('1.1em');
    expect(style['--reading-font']?.startsWith("'Literata', ")).toBe(true);
    expect(style['--reading-align']).toBe('start');
    expect(style['--reading-hyphens']).toBe('manual');
  });

  it('justifies with hyphenation, or sets ragged text without it', () => {
    const on = readingStyle({ ...DEFAULT_READING_SETTINGS, justify: true });
    expect([on['--reading-align'], on['--reading-hyphens']]).toEqual(['justify', 'auto']);
  });

  it('names each bundled face first and ends every stack in a generic family (other scripts fall back to the system)', () => {
    const first = TYPEFACES.map((typeface) => readingStyle({ ...DEFAULT_READING_SETTINGS, typeface })['--reading-font']!.split(',')[0]);
    expect(first).toEqual(["'Literata'", "'Inter'", "'Atkinson Hyperlegible Next'", "'OpenDyslexic'", "'JetBrains Mono'", 'ui-serif']);
    for (const typeface of TYPEFACES) {
      expect(readingStyle({ ...DEFAULT_READING_SETTINGS, typeface })['--reading-font']).toMatch(/, (serif|sans-serif|monospace)$/u);
    }
  });

  it('gives every width, margin and spacing its own value, widening in order', () => {
    const of = <K extends string>(values: readonly K[], key: string, field: string) =>
      new Set(values.map((value) => readingStyle({ ...DEFAULT_READING_SETTINGS, [field]: value })[key])).size;
    expect(of(COLUMN_WIDTHS, '--measure', 'width')).toBe(COLUMN_WIDTHS.length);
    expect(of(MARGINS, '--reading-margin', 'margins')).toBe(MARGINS.length);
    expect(of(PARAGRAPH_SPACINGS, '--paragraph-space', 'paragraphSpacing')).toBe(PARAGRAPH_SPACINGS.length);
    const ems = PARAGRAPH_SPACINGS.map((paragraphSpacing) =>
      parseFloat(readingStyle({ ...DEFAULT_READING_SETTINGS, paragraphSpacing })['--paragraph-space']!),
    );
    expect([...ems].sort((a, b) => a - b)).toEqual(ems);
    expect(readingStyle({ ...DEFAULT_READING_SETTINGS, width: 'full' })['--measure']).toBe('none');
  });

  it('sets the text size in pixels for every step', () => {
    expect(readingStyle({ ...DEFAULT_READING_SETTINGS, textSize: 32 })['--reading-size']).toBe('32px');
  });
});
