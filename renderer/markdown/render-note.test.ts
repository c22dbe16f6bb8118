// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_BYTES } from '../../common/model';
import { RENDER_LIMIT, isSafeNoteUrl, renderNote, sanitizeNoteHtml } from './render-note';

const html = (text: string) => {
  const div = document.createElement('div');
  div.append(renderNote(text).fragment);
  return div.innerHTML;
};

/** Every element's name and every attribute in what `text` renders to. */
const shape = (text: string) => {
  const div = document.createElement('div');
  div.append(renderNote(text).fragment);
  return {
    tags: [...new Set([...div.querySelectorAll('*')].map((e) => e.localName))].sort(),
    attributes: [...div.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)),
  };
};

describe('renderNote', () => {
  it('renders emphasis, lists, links, code, quotes, headings and tables', () => {
    expect(html('*one* **two** ~~three~~ `four`')).toBe(
      '<p><em>one</em> <strong>two</strong> <s>three</s> <code>four</code></p>\n',
    );
    expect(html('- a\n- b\n\n1. c')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>c</li>\n</ol>\n');
    expect(html('[the page](https://example.com/page)')).toBe('<p><a href="https://example.com/page">the page</a></p>\n');
    expect(html('> quoted\n\n```\ncode <b>\n```')).toBe(
      '<blockquote>\n<p>quoted</p>\n</blockquote>\n<pre><code>code &lt;b&gt;\n</code></pre>\n',
    );
    expect(html('# Big\n\n---')).toBe('<h1>Big</h1>\n<hr>\n');
    expect(html('| a | b |\n|:-:|--:|\n| 1 | 2 |')).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  it('turns written-out addresses and email addresses into links (not a bare "www." or "notes.md")', () => {
    expect(html('see www.example.com and https://example.org/x or me@example.com')).toBe(
      '<p>see www.example.com and <a href="https://example.org/x">https://example.org/x</a> or <a href="mailto:me@example.com">me@example.com</a></p>\n',
    );
    expect(html('<https://example.net/>')).toBe('<p><a href="https://example.net/">https://example.net/</a></p>\n');
  });

  it('shows raw HTML as text: scripts, handlers, iframes', () => {
    const text = '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <iframe src="x"></iframe>';
    expect(shape(text)).toEqual({ tags: ['p'], attributes: [] });
    expect(html(text)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html(text)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps links only to the web and email', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'relative/page',
      '/absolute',
      '#fragment',
      'lectern-asset://x/y.png',
    ]) {
      const { tags, attributes } = shape(`[x](${href}) <${href}>`);
      expect(attributes, href).toEqual([]);
      expect(tags, href).not.toContain('a');
    }
    expect(isSafeNoteUrl('https://example.com')).toBe(true);
    expect(isSafeNoteUrl('mailto:a@example.com')).toBe(true);
    expect(isSafeNoteUrl('ftp://example.com')).toBe(false);
  });

  it('never makes an image: a remote one becomes a link named by its alt text, others stay text', () => {
    expect(html('![a map](https://example.com/map.png)')).toBe(
      '<p><a href="https://example.com/map.png">a map (image)</a></p>\n',
    );
    expect(html('![](https://example.com/x.png)')).toBe('<p><a href="https://example.com/x.png">Image</a></p>\n');
    expect(shape('![x](data:image/png;base64,AAAA) ![y](javascript:alert(1))')).toEqual({ tags: ['p'], attributes: [] });
  });

  it('the sanitizer drops what markdown-it would never make', () => {
    const div = document.createElement('div');
    div.append(
      sanitizeNoteHtml(
        '<p title="t" class="c" onclick="x()">a</p><img src="https://x/y.png"><a href="javascript:1">b</a><svg><a href="https://x">c</a></svg><iframe></iframe>',
      ),
    );
    expect(div.innerHTML).toBe('<p>a</p>b');
  });

  it('returns a fresh copy each time, from a cache', () => {
    const first = renderNote('**cached**');
    const second = renderNote('**cached**');
    expect(first.fragment).not.toBe(second.fragment);
    const a = document.createElement('div');
    a.append(first.fragment);
    const b = document.createElement('div');
    b.append(second.fragment);
    expect(a.innerHTML).toBe(b.innerHTML);
  });

  it('renders every note Lectern can save in full, and only the start of a longer one', () => {
    expect(RENDER_LIMIT).toBe(MAX_NOTE_BYTES);
    const line = 'A line with *emphasis* and a [link](https://example.com/).\n\n';
    const atLimit = line.repeat(Math.floor(RENDER_LIMIT / line.length));
    expect(renderNote(atLimit).shortened).toBe(false);

    const huge = line.repeat(Math.ceil(1_000_000 / line.length));
    const started = performance.now();
    const rendered = renderNote(huge);
    const ms = performance.now() - started;
    expect(rendered.shortened).toBe(true);
    const div = document.createElement('div');
    div.append(rendered.fragment);
    expect(div.querySelectorAll('p').length).toBeLessThanOrEqual(Math.ceil(RENDER_LIMIT / line.length));
    // jsdom is far slower than the page; the renderer spec measures the real thing.
    expect(ms).toBeLessThan(10_000);
  });
});
