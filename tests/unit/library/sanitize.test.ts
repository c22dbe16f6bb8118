import { describe, expect, it } from 'vitest';
import { countWords, htmlToText, sanitizeArticleHtml } from '../../../main/library';

describe('sanitizeArticleHtml', () => {
  it('removes scripts, event handlers, style attributes and dangerous tags', async () => {
    const hostile =
      '<p onclick="x()" style="color:red" class="lead">Hi <b>there</b>' +
      '<img src="x.png" alt="pic" onerror="alert(1)"><script>alert(1)</script></p>' +
      '<iframe src="https://e.com"></iframe><object data="x"></object><embed src="x">' +
      '<form action="/x"><input name="a"><button>b</button></form><style>p{}</style>' +
      '<meta http-equiv="refresh" content="0"><base href="https://evil/"><link rel="stylesheet" href="x.css">' +
      '<svg onload="alert(1)"><circle/></svg><div data-x="1" onmouseover="y()">d</div>';
    expect(await sanitizeArticleHtml(hostile)).toBe(
      '<p class="lead">Hi <b>there</b><img src="x.png" alt="pic"></p>b<div>d</div>',
    );
  });

  it('keeps http(s), mailto and relative links with rel="noopener noreferrer" and drops other schemes', async () => {
    const links =
      '<a href="javascript:alert(1)">j</a><a href="JaVaScRiPt&colon;alert(1)">j2</a>' +
      '<a href="https://e.com" target="_blank">e</a><a href="http://e.com/x">h</a><a href="#note-1">n</a>' +
      '<a href="../rel.html">r</a><a href="mailto:a@b.c">m</a><a href="data:text/html,x">d</a>' +
      '<a href="vbscript:x">v</a><a href="file:///etc/passwd">f</a>';
    expect(await sanitizeArticleHtml(links)).toBe(
      '<a>j</a><a>j2</a>' +
        '<a href="https://e.com" rel="noopener noreferrer">e</a>' +
        '<a href="http://e.com/x" rel="noopener noreferrer">h</a>' +
        '<a href="#note-1" rel="noopener noreferrer">n</a>' +
        '<a href="../rel.html" rel="noopener noreferrer">r</a>' +
        '<a href="mailto:a@b.c" rel="noopener noreferrer">m</a>' +
        '<a>d</a><a>v</a><a>f</a>',
    );
  });

  it('drops crossorigin from images, whatever its value or case, in both image modes', async () => {
    const asset = `lectern-asset://an-article/${'a'.repeat(64)}.png`;
    expect(await sanitizeArticleHtml('<img crossorigin="anonymous" src="x.png" alt="a"><img CrossOrigin src="y.png">')).toBe(
      '<img src="x.png" alt="a"><img src="y.png">',
    );
    expect(await sanitizeArticleHtml(`<img crossorigin="use-credentials" src="${asset}" alt="a">`, { images: 'assets' })).toBe(
      `<img src="${asset}" alt="a">`,
    );
  });

  it('leaves ordinary article markup alone', async () => {
    const html = '<h2>Head</h2>\n<p>Text with <em>em</em>, <strong>strong</strong> and <code>code</code>.</p>\n<blockquote><p>q</p></blockquote>';
    expect(await sanitizeArticleHtml(html)).toBe(html);
  });
});

describe('htmlToText', () => {
  it('separates blocks with a blank line and collapses whitespace within a block', async () => {
    const html = '<h1>T</h1><p>a  <em>b</em>\n c<br>d</p><ul><li>one</li><li>two <p>in</p></li></ul><blockquote><p>q</p></blockquote>';
    expect(await htmlToText(html)).toBe('T\n\na b c d\n\none\n\ntwo\n\nin\n\nq');
  });

  it('keeps inline elements inside their block and decodes entities', async () => {
    expect(await htmlToText('<p>North <a href="#x">Korea</a>an &amp; &quot;friends&quot;</p>')).toBe('North Koreaan & "friends"');
  });

  it('returns "" for no text', async () => {
    expect(await htmlToText('<p> </p><div></div>')).toBe('');
  });
});

describe('countWords', () => {
  it('counts whitespace-separated runs that contain a letter or digit', async () => {
    expect(countWords('Hello, world — 7,000 containers!')).toBe(4);
    expect(countWords('  ')).toBe(0);
    expect(countWords('café\t북한\n\n— 😀 ... x2 «»')).toBe(3);
    expect(countWords('   lead and trail   ')).toBe(3);
  });
});
