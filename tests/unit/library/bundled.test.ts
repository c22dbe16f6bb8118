import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Library, bundledSource, loadBundledArticles, parseBundledArticle } from '../../../main/library';
import { CONTENT_DIR, STORY_FIELDS, freshDir } from './helpers';

const good = (front: string, body = 'Body text.') => `---\n${front}\n---\n\n${body}\n`;
const FRONT = 'id: a\ntitle: A title\npublished: "2024-03-28 02:00"\nsource: AFP\ncredit: AFP\nlanguage: en';

describe('loadBundledArticles', () => {
  it('loads the bundled Pyongyang story', async () => {
    const articles = await loadBundledArticles(CONTENT_DIR);
    expect(articles).toHaveLength(1);
    const [story] = articles;
    expect(story).toMatchObject({
      ...STORY_FIELDS,
      credit: 'AFP',
    });
    expect(story?.html.match(/<p>/g)).toHaveLength(9);
    expect(story?.text.split('\n\n')).toHaveLength(9);
    expect(story?.wordCount).toBe(story?.text.split(/\s+/).length);
  });

  it('names the file when its id is not its file name (so ids are unique and known without parsing)', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'b.md'), good(FRONT));
    await expect(loadBundledArticles(dir)).rejects.toThrow(
      `Bundled article ${join(dir, 'b.md')}: its id "a" must be its file name without ".md"`,
    );
  });

  it('reads only *.md files, in name order', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'b.md'), good(FRONT.replace('id: a', 'id: b')));
    await writeFile(join(dir, 'a.md'), good(FRONT));
    await writeFile(join(dir, 'notes.txt'), 'not an article');
    await mkdir(join(dir, 'sub'));
    expect((await loadBundledArticles(dir)).map((a) => a.id)).toEqual(['a', 'b']);
  });
});

describe('bundledSource', () => {
  it('knows the ids from the file names and parses nothing until load()', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'a.md'), 'not even front matter');
    const source = await bundledSource(dir);
    expect(source.ids).toEqual(['a']);
    await expect(source.load()).rejects.toThrow('does not start with YAML front matter');
  });

  it('is not loaded when every bundled id was seeded before', async () => {
    const dir = await freshDir();
    const source = await bundledSource(CONTENT_DIR);
    const load = vi.spyOn(source, 'load');
    await Library.open(dir, { bundled: source });
    expect(load).toHaveBeenCalledTimes(1);
    await Library.open(dir, { bundled: source });
    expect(load).toHaveBeenCalledTimes(1);
    expect((await (await Library.open(dir, { bundled: source })).list()).articles.map((a) => a.id)).toEqual(source.ids);
  });
});

describe('parseBundledArticle', () => {
  it('maps the front matter to article fields', async () => {
    const article = await parseBundledArticle(
      'x.md',
      good(`${FRONT}\nbyline: Jane Doe\nurl: https://example.com/a\norigin: test`, '# Head\n\nOne *two*.'),
    );
    expect(article).toEqual({
      id: 'a',
      title: 'A title',
      byline: 'Jane Doe',
      site: 'AFP',
      url: 'https://example.com/a',
      publishedAt: '2024-03-28T02:00',
      language: 'en',
      credit: 'AFP',
      html: '<h1>Head</h1>\n<p>One <em>two</em>.</p>\n',
      text: 'Head\n\nOne two.',
      wordCount: 3,
    });
  });

  it('escapes HTML written in the Markdown (html: false) and sanitizes links', async () => {
    const article = await parseBundledArticle('x.md', good(FRONT, '<script>alert(1)</script> [x](javascript:alert(1)) [y](https://e.com)'));
    expect(article.html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) <a href="https://e.com" rel="noopener noreferrer">y</a></p>\n',
    );
  });

  it.each([
    ['no front matter', 'Just text.', 'Bundled article x.md: does not start with YAML front matter between "---" lines'],
    ['bad YAML', good('id: a\ntitle: [unclosed'), 'Bundled article x.md: front matter is not valid YAML: '],
    ['a list as front matter', good('- a\n- b'), 'Bundled article x.md: front matter must be a mapping of keys to values'],
    ['a missing title', good(FRONT.replace('title: A title\n', '')), 'Bundled article x.md: front matter title: Invalid key: Expected "title" but received undefined'],
    ['a bad date', good(FRONT.replace('"2024-03-28 02:00"', '"28 March 2024"')), 'Bundled article x.md: front matter published: must be a date "YYYY-MM-DD" or a date and time "YYYY-MM-DD HH:MM"'],
    ['an impossible date', good(FRONT.replace('"2024-03-28 02:00"', '"2024-13-45"')), 'Bundled article x.md: front matter published: is not a real date'],
    ['a bad id', good(FRONT.replace('id: a', 'id: Not An Id')), 'Bundled article x.md: front matter id: an article id is 1–64 characters of a–z, 0–9 and "-"'],
    ['an unknown key', good(`${FRONT}\ntilte: typo`), 'Bundled article x.md: front matter tilte: Invalid key: Expected never but received "tilte"'],
    ['a javascript: url', good(`${FRONT}\nurl: "javascript:alert(1)"`), 'Bundled article x.md: front matter url: must be an http(s) URL'],
    ['no body', good(FRONT, ''), 'Bundled article x.md: has no body text after the front matter'],
  ])('throws a clear error for %s', async (_name, source, message) => {
    await expect(parseBundledArticle('x.md', source)).rejects.toThrow(message);
  });
});
