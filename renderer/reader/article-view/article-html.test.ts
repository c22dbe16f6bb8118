// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { defuse, linkAction, sanitizeArticle } from './article-html';

const html = (fragment: DocumentFragment) => {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('sanitizeArticle', () => {
  it('keeps the prose and removes scripts, handlers, styles and remote images', () => {
    const out = html(
      sanitizeArticle(
        '<p>Safe <a href="https://example.com/">text</a></p><img src="x" onerror="alert(1)"><script>alert(2)</script>' +
          '<p style="color:red" class="x">styled</p><style>p{color:red}</style><a href="javascript:alert(3)">bad</a>' +
          '<img src="lectern-asset://a/b.png" alt="A map"><img src="https://example.com/remote.png">',
      ),
    );
    expect(out).toBe(
      '<p>Safe <a href="https://example.com/">text</a></p><img alt=""><p>styled</p><a>bad</a>' +
        '<img src="lectern-asset://a/b.png" alt="A map"><img alt="">',
    );
  });
});

describe('sanitizeArticle and crossorigin', () => {
  it('drops crossorigin, so an article saved with it still shows its lectern-asset: images', () => {
    const asset = `lectern-asset://an-article/${'a'.repeat(64)}.png`;
    const out = html(
      sanitizeArticle(
        `<figure><img crossorigin="anonymous" src="${asset}" alt="A"></figure><img CROSSORIGIN src="${asset}">` +
          `<svg><image crossorigin="use-credentials" href="${asset}"></image></svg>`,
      ),
    );
    expect(out).not.toMatch(/crossorigin/i);
    expect(out).toContain(`<img src="${asset}" alt="A">`);
    expect(out).toContain(`<img src="${asset}" alt="">`);
  });
});

describe('defuse', () => {
  it('renames event handler and style attributes inside start tags, and style elements', () => {
    expect(defuse('<img src="a>b" onerror=x><p style="c">t</p><IMG/ONLOAD=y>')).toBe(
      '<img src="a>b" data-lectern-defused-onerror=x><p data-lectern-defused-style="c">t</p><IMG/data-lectern-defused-ONLOAD=y>',
    );
    expect(defuse('<STYLE>p{}</STYLE >')).toBe('<lectern-defused-style>p{}</lectern-defused-style >');
  });

  it('leaves text and attribute values alone', () => {
    const text = '<a title="x onclick=y" href=z>turn on= a < b onclick=1</a>';
    expect(defuse(text)).toBe(text);
  });
});

describe('linkAction', () => {
  const base = 'app://lectern/index.html';
  it('opens only http(s) links outside, follows fragments, ignores the rest', () => {
    expect(linkAction('https://example.com/a', base)).toEqual({ kind: 'external', url: 'https://example.com/a' });
    expect(linkAction('#fn-1', base)).toEqual({ kind: 'fragment', id: 'fn-1' });
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'lectern-asset://x', '/relative', null, '']) {
      expect(linkAction(href, base)).toEqual({ kind: 'none' });
    }
  });
});
