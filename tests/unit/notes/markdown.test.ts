import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ARTICLE_NOTE, EXPORTED_AT, QUOTES, TRICKY_NOTE, expectGolden, storyPreview } from './helpers';

const md = new MarkdownIt();

/** Text of each top-level blockquote, and the paragraphs that follow them, from markdown-it's tokens. */
function blockquotes(source: string): string[] {
  const tokens = md.parse(source, {});
  const quotes: string[] = [];
  let depth = 0;
  let current: string[] = [];
  for (const token of tokens) {
    if (token.type === 'blockquote_open' && depth++ === 0) current = [];
    else if (token.type === 'blockquote_close' && --depth === 0) quotes.push(current.join('\n'));
    else if (depth > 0 && token.type === 'inline') {
      current.push(token.children!.map((c) => (c.type === 'softbreak' ? '\n' : c.content)).join(''));
    }
  }
  return quotes;
}

describe('markdown export', () => {
  it('matches the golden file', async () => {
    await expectGolden('story.md', await storyPreview('markdown'));
  });

  it('has YAML front matter that parses to the article metadata', async () => {
    const out = await storyPreview('markdown');
    const match = /^---\n([\s\S]*?)\n---\n/.exec(out);
    expect(match).not.toBeNull();
    expect(parseYaml(match![1]!)).toEqual({
      title: 'Russian intelligence chief discusses security cooperation in Pyongyang',
      source: 'AFP',
      published: '2024-03-28T02:00',
      exported: EXPORTED_AT,
    });
  });

  it('quotes each highlight as a blockquote that markdown-it reads back as the exact text, in document order', async () => {
    const body = (await storyPreview('markdown')).replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(blockquotes(body)).toEqual([QUOTES.first, QUOTES.overlapping, QUOTES.crossing, QUOTES.tagged]);
  });

  it('writes the article note first, then each color name, the note as written, and #tags', async () => {
    const out = await storyPreview('markdown');
    expect(out.indexOf(ARTICLE_NOTE)).toBeGreaterThan(0);
    expect(out.indexOf(ARTICLE_NOTE)).toBeLessThan(out.indexOf('> Russian intelligence'));
    expect(out).toContain(`Color: Evidence \\| "quoted"\n\n${TRICKY_NOTE}\n`);
    expect(out).toContain('#sanctions #북한 #un/security-council\n');
    const tokens = md.parse(out.replace(/^---\n[\s\S]*?\n---\n/, ''), {});
    const headings = tokens.filter((t, i) => tokens[i - 1]?.type === 'heading_open').map((t) => t.content);
    // The note's own "# …" line is a heading of the user's Markdown, kept as written.
    expect(headings).toEqual([
      'Russian intelligence chief discusses security cooperation in Pyongyang',
      'Article note',
      'Highlights',
      '정보 협력 🤝 (intelligence cooperation)',
    ]);
  });

  it('leaves out the article note and tags when asked', async () => {
    const out = await storyPreview('markdown', { includeArticleNote: false, includeTags: false });
    expect(out).not.toContain('Article note');
    expect(out).not.toContain('#sanctions');
  });
});
