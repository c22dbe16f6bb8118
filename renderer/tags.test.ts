import { describe, expect, it } from 'vitest';
import { MAX_TAG_CHARS, parseTags } from './tags';

describe('parseTags', () => {
  it('splits on spaces and commas, drops "#" and repeats', () => {
    expect(parseTags('#work, to-read  later work')).toEqual({ tags: ['work', 'to-read', 'later'], error: null });
  });

  it('gives nothing for blank input', () => {
    expect(parseTags('  , # ')).toEqual({ tags: [], error: null });
  });

  it('keeps Unicode tags', () => {
    expect(parseTags('Северная-Корея 北朝鮮')).toEqual({ tags: ['Северная-Корея', '北朝鮮'], error: null });
  });

  it('refuses a tag over the limit', () => {
    expect(parseTags('x'.repeat(MAX_TAG_CHARS + 1))).toEqual({ tags: [], error: 'A tag is at most 64 characters.' });
  });
});
