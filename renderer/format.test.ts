import { describe, expect, it } from 'vitest';
import { count, countArticles, formatProgress, formatPublished, formatReadingTime, parsePublished, plural, shortQuote } from './format';

describe('parsePublished', () => {
  it('reads a date-time without a zone as local wall-clock time', () => {
    const date = parsePublished('2024-03-28T02:00')!;
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2024, 2, 28, 2]);
    expect(parsePublished('2024-03-28 02:00')!.getDate()).toBe(28);
    expect(parsePublished('2024-03-28')!.getDate()).toBe(28);
  });

  it('rejects what is not a date', () => {
    expect(parsePublished('2024-02-31')).toBeNull();
    expect(parsePublished('yesterday')).toBeNull();
    expect(parsePublished(null)).toBeNull();
  });
});

describe('formatPublished', () => {
  it('writes the date in the reader’s locale', () => {
    expect(formatPublished('2024-03-28T02:00', 'en-GB')).toBe('28 March 2024');
    expect(formatPublished('2024-03-28T02:00', 'en-US')).toBe('March 28, 2024');
  });
});

describe('formatReadingTime and formatProgress', () => {
  it('says how long and how far', () => {
    expect(formatReadingTime(2)).toBe('2 min read');
    expect(formatProgress(null)).toBe('Not started');
    expect(formatProgress({ fraction: 0.004, position: 0, within: 0 })).toBe('Not started');
    expect(formatProgress({ fraction: 0.42, position: 10, within: 0.5 })).toBe('42% read');
    expect(formatProgress({ fraction: 1, position: 10, within: 0.5 })).toBe('Finished');
  });
});

describe('shortQuote', () => {
  it('keeps a short quote, with its white space collapsed', () => {
    expect(shortQuote('  Moscow\n\nfor its   invasion ', 40)).toBe('Moscow for its invasion');
  });

  it('cuts a long one at a word boundary', () => {
    expect(shortQuote('Following this summit, the United States claimed that Pyongyang', 40)).toBe(
      'Following this summit, the United…',
    );
  });

  it('cuts inside a word when no boundary is near', () => {
    expect(shortQuote('a Supercalifragilisticexpialidocious', 12)).toBe('a Supercali…');
  });
});

describe('plural and count', () => {
  it('use the singular for exactly one', () => {
    expect(plural(1, 'note')).toBe('note');
    expect(plural(0, 'note')).toBe('notes');
    expect(plural(2, 'file was', 'files were')).toBe('files were');
    expect(count(1, 'highlight')).toBe('1 highlight');
    expect(count(3, 'article matches', 'articles match')).toBe('3 articles match');
    expect(countArticles(1)).toBe('1 article');
    expect(countArticles(12)).toBe('12 articles');
    expect(countArticles(20_000)).toBe((20_000).toLocaleString() + ' articles');
  });
});
