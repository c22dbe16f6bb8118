import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { blockquote, escapeLine, hashtag } from '../../../main/notes/markdown-text';

const md = new MarkdownIt();

/** The text markdown-it reads out of `source`'s first blockquote: its paragraphs' lines, joined by "\n". */
function quoted(source: string): string {
  const tokens = md.parse(source, {});
  const lines: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.type === 'blockquote_open') depth++;
    else if (token.type === 'blockquote_close') depth--;
    else if (depth === 1 && token.type === 'inline') {
      lines.push(token.children!.map((c) => (c.type === 'softbreak' ? '\n' : c.type === 'text' || c.type === 'text_special' ? c.content : `<${c.type}>`)).join(''));
    }
  }
  return lines.join('\n');
}

const UNIT = fc.constantFrom(
  'a', 'Z', '1', '9', ' ', '\t', '\n', '.', ')', '#', '-', '+', '=', '*', '_', '`', '~', '|', '<', '>', '&', '!', '[', ']',
  '(', ':', '/', '\\', '"', "'", '&amp;', 'http://x.y', '북', '😀', '---', '1.', '    ',
);

describe('blockquote', () => {
  it('reads back, through markdown-it, as the same text (lines trimmed, blank lines dropped) (property)', () => {
    fc.assert(
      fc.property(fc.array(UNIT, { minLength: 1, maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
        fc.pre(lines.length > 0);
        expect(quoted(blockquote(text))).toBe(lines.join('\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes what would open a block at the start of a line', () => {
    expect(escapeLine('# not a heading')).toBe('\\# not a heading');
    expect(escapeLine('12. not a list')).toBe('12\\. not a list');
    expect(escapeLine('- not a list')).toBe('\\- not a list');
    expect(blockquote('one\n\ntwo')).toBe('> one\n>\n> two');
  });
});

describe('hashtag', () => {
  it('makes tags Obsidian and Logseq read as one tag', () => {
    expect(hashtag('north korea')).toBe('#north-korea');
    expect(hashtag('a#b,c')).toBe('#abc');
    expect(hashtag('2024')).toBe('#_2024');
    expect(hashtag('북한')).toBe('#북한');
    expect(hashtag('un/security')).toBe('#un/security');
    expect(hashtag('#,')).toBeUndefined();
  });
});
