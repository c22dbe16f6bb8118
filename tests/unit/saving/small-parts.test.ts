/** The small pieces of the importer: charsets, ids, dates and languages, the sanitizer's image modes. */
import { describe, expect, it } from 'vitest';
import { baseArticleId, slugify, uniqueArticleId } from '../../../main/saving/article-id';
import { charsetFromContentType, charsetFromMeta, decodeHtml, decodePlainText } from '../../../main/saving/charset';
import { extractArticle, normalizeDate, normalizeLanguage } from '../../../main/saving/extract';
import { imageCandidates } from '../../../main/saving/images';
import { sanitizeArticleHtml, srcsetUrls } from '../../../main/library/sanitize';
import { toWindows1251 } from './server';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('charset', () => {
  it.each([
    ['text/html; charset=windows-1251', 'windows-1251'],
    ['text/html;charset="KOI8-R"', 'koi8-r'],
    ['text/html', undefined],
    [null, undefined],
  ])('charsetFromContentType(%j) is %j', (header, charset) => {
    expect(charsetFromContentType(header)).toBe(charset);
  });

  it.each([
    ['<meta charset="windows-1251">', 'windows-1251'],
    ["<meta charset='shift_jis'>", 'shift_jis'],
    ['<meta charset=iso-8859-2>', 'iso-8859-2'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', 'koi8-r'],
    ['<meta content="text/html; charset=gb2312" http-equiv="content-type">', 'gb2312'],
    ['<meta name="description" content="charset=nope">', undefined],
    ['<p>no meta</p>', undefined],
  ])('charsetFromMeta(%j) is %j', (html, charset) => {
    expect(charsetFromMeta(ascii(`<html><head>${html}</head></html>`))).toBe(charset);
  });

  it('prefers a BOM, then the header, then the meta, then UTF-8', () => {
    const cyrillic = toWindows1251('<meta charset="windows-1251"><p>Привет</p>');
    expect(decodeHtml(cyrillic)).toStrictEqual({ text: '<meta charset="windows-1251"><p>Привет</p>', encoding: 'windows-1251' });
    expect(decodeHtml(cyrillic, 'text/html; charset=utf-8').encoding).toBe('utf-8');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...ascii('<meta charset="windows-1251">ok')]);
    expect(decodeHtml(bom)).toStrictEqual({ text: '<meta charset="windows-1251">ok', encoding: 'utf-8' });
    expect(decodeHtml(ascii('<p>plain</p>')).encoding).toBe('utf-8');
    expect(decodeHtml(ascii('<meta charset="no-such-charset"><p>x</p>')).encoding).toBe('utf-8');
    // A <meta> claiming UTF-16 is read as UTF-8, as browsers do.
    expect(decodeHtml(ascii('<meta charset="utf-16"><p>x</p>')).encoding).toBe('utf-8');
  });

  it('reads plain text as UTF-8, or as windows-1252 when it is not UTF-8', () => {
    expect(decodePlainText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toBe('aé');
    expect(decodePlainText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });
});

describe('article ids', () => {
  it('slugifies titles', () => {
    expect(slugify('Café Society: Ünïcode & more!')).toBe('cafe-society-unicode-more');
    expect(slugify('Straße, Æsir, Øresund')).toBe('strasse-aesir-oresund');
    expect(slugify('Новая библиотека')).toBe('');
  });

  it('prefixes the published date, else the saved date, and stays within 64 characters', () => {
    const saved = new Date('2024-05-01T23:30:00.000Z');
    expect(baseArticleId('Harbour reopens', '2024-04-02T08:30:00Z', saved)).toBe('2024-04-02-harbour-reopens');
    expect(baseArticleId('Harbour reopens', null, saved)).toBe('2024-05-01-harbour-reopens');
    expect(baseArticleId('Новая библиотека', null, saved)).toBe('2024-05-01-article');
    const long = baseArticleId('A very long title that goes on and on about many different things at once', null, saved);
    expect(long).toBe('2024-05-01-a-very-long-title-that-goes-on-and-on-about-many');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(`${long}-99`).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
  });

  it('numbers an id that is taken', async () => {
    const taken = new Set(['x', 'x-2']);
    expect(await uniqueArticleId('x', (id) => taken.has(id))).toBe('x-3');
    expect(await uniqueArticleId('y', (id) => taken.has(id))).toBe('y');
  });
});

describe('metadata', () => {
  it.each([
    ['2024-03-28', '2024-03-28'],
    ['2024-03-28 02:00', '2024-03-28T02:00'],
    ['2024-03-28T02:00:00+09:00', '2024-03-28T02:00:00+09:00'],
    ['Thu, 28 Mar 2024 02:00:00 GMT', '2024-03-28T02:00:00.000Z'],
    ['yesterday', null],
    ['', null],
  ])('normalizeDate(%j) is %j', (value, date) => {
    expect(normalizeDate(value)).toBe(date);
  });

  it.each([
    ['en', 'en'],
    ['en_us', 'en-US'],
    ['PT-br', 'pt-BR'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['english please', null],
    ['', null],
  ])('normalizeLanguage(%j) is %j', (value, language) => {
    expect(normalizeLanguage(value)).toBe(language);
  });

  it('reads the published time from JSON-LD and the canonical link, resolving relative links', async () => {
    const body = '<p>' + 'Words of an article, with commas, about the weather and the harbour. '.repeat(8) + '</p>';
    const article = await extractArticle(
      '<html><head><title>T</title><link rel="canonical" href="/story?id=1#x">' +
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"JSON title","datePublished":"2021-06-01T10:00:00Z","author":{"@type":"Person","name":"Jo Doe"}}</script>' +
        `</head><body><article>${body}<p><a href="other">link</a></p></article></body></html>`,
      'https://news.example/a/page',
    );
    expect(article).toMatchObject({
      title: 'JSON title',
      byline: 'Jo Doe',
      publishedAt: '2021-06-01T10:00:00Z',
      canonicalUrl: 'https://news.example/story?id=1',
      site: 'news.example',
    });
    expect(article.html).toContain('<a href="https://news.example/a/other" rel="noopener noreferrer">link</a>');
  });
});

describe('extractArticle links', () => {
  it("resolves relative links against the page, never against the page's own <base>, and keeps #links", async () => {
    const body = '<p>' + 'Words of an article, with commas, about the weather and the harbour. '.repeat(8) + '</p>';
    const article = await extractArticle(
      '<html><head><base href="https://attacker.invalid/"><title>T</title></head><body><article>' +
        `${body}<p><a href="next.html">next</a> <a href="#fn1">1</a> <img src="pic.png" alt="p"></p>${body}` +
        '<base href="javascript:alert(1)//"></article></body></html>',
      'https://news.example/a/page#top',
    );
    expect(article.html).toContain('<a href="https://news.example/a/next.html" rel="noopener noreferrer">next</a>');
    expect(article.html).toContain('<a href="#fn1" rel="noopener noreferrer">1</a>');
    expect(article.html).toContain('<img src="https://news.example/a/pic.png" alt="p">');
    expect(article.html).not.toContain('attacker');
  });
});

describe('imageCandidates', () => {
  it('tries the largest srcset candidate first, then src', () => {
    expect(imageCandidates('a.jpg', 'b.jpg 480w, c.jpg 1200w, d.jpg 800w')).toStrictEqual(['c.jpg', 'd.jpg', 'b.jpg', 'a.jpg']);
    expect(imageCandidates('a.jpg', 'a.jpg 1x, b.jpg 2x')).toStrictEqual(['b.jpg', 'a.jpg']);
    expect(imageCandidates(null, null)).toStrictEqual([]);
    expect(imageCandidates(' ', 'x.png')).toStrictEqual(['x.png']);
  });

  it('splits srcset on the commas between candidates only', () => {
    expect(srcsetUrls('a.jpg 1x, https://e.com/i,mg.jpg 2x')).toStrictEqual(['a.jpg', 'https://e.com/i,mg.jpg']);
    expect(srcsetUrls('a.jpg, b.jpg 2x,  ,c.jpg (x, y) 3x')).toStrictEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    // Without whitespace after it, a comma belongs to the URL (as in browsers).
    expect(srcsetUrls('a.jpg,b.jpg 2x')).toStrictEqual(['a.jpg,b.jpg']);
  });
});

describe('sanitizeArticleHtml image modes', () => {
  const asset = `lectern-asset://story/${'a'.repeat(64)}.png`;

  it("keeps only the library's own images in 'assets' mode", async () => {
    const html =
      `<p><img src="${asset}" alt="kept"><img src="https://e.com/x.png" alt="web">` +
      `<img src="data:image/png;base64,iVBORw0KGgo=" alt="data"><img src="lectern-asset://story/../../x.png" alt="forged">` +
      `<img src="${asset}" srcset="${asset} 1x, https://e.com/y.png 2x" alt="mixed"></p>`;
    expect(await sanitizeArticleHtml(html, { images: 'assets' })).toBe(
      `<p><img src="${asset}" alt="kept"><img src="${asset}" alt="mixed"></p>`,
    );
  });

  it('never keeps lectern-asset: outside images', async () => {
    expect(await sanitizeArticleHtml(`<a href="${asset}">a</a><img src="${asset}">`)).toBe(`<a>a</a><img src="${asset}">`);
  });

  it('keeps file: image URLs only when asked (a local file before its images are saved)', async () => {
    const html = '<img src="file:///home/me/pics/a.png"><a href="file:///etc/passwd">f</a>';
    expect(await sanitizeArticleHtml(html)).toBe('<img><a>f</a>');
    expect(await sanitizeArticleHtml(html, { fileImages: true })).toBe('<img src="file:///home/me/pics/a.png"><a>f</a>');
  });

  it('prefixes ids and names so they cannot clobber globals', async () => {
    expect(await sanitizeArticleHtml('<p id="lectern">a</p><a name="fn1">b</a><img name="cookie">')).toBe(
      '<p id="user-content-lectern">a</p><a name="user-content-fn1">b</a><img name="user-content-cookie">',
    );
  });

  it('drops a srcset carrying a script URL in any mode', async () => {
    expect(await sanitizeArticleHtml('<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">')).toBe('<img src="a.png">');
  });
});
