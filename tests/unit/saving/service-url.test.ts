/** ImportService.addUrl against the loopback server: the saved article, its images, updates. */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../common/model';
import { ImportService } from '../../../main/saving';
import { FIXTURES, startServer, type TestServer } from './server';
import { at, failure, freshLibrary, saved } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const sha = async (file: string) =>
  createHash('sha256').update(await readFile(join(FIXTURES, 'news-images', file))).digest('hex');

describe('ImportService.addUrl', () => {
  it('saves the article only — no nav, ads, comments or cookie banner — with its metadata', async () => {
    const { dir, library } = await freshLibrary();
    const service = new ImportService(dir, { now: at('2024-05-01T10:00:00.000Z') });
    const result = await service.addUrl(`${server.origin}/news.html`);
    expect(result).toStrictEqual({
      id: '2024-04-02-harbour-reopens-after-storm-repairs',
      title: 'Harbour reopens after storm repairs',
      updated: false,
      warnings: [],
    });
    const { record, html, text } = await saved(dir, result.id);
    expect(text).toContain('The old harbour reopened to fishing boats');
    expect(text).toContain('ARTICLE-END-MARKER');
    for (const junk of ['COOKIE-BANNER-TEXT', 'NAV-NEWS-LINK', 'ADVERT-TEXT', 'COMMENT-TEXT', 'FOOTER-TEXT']) {
      expect(text).not.toContain(junk);
      expect(html).not.toContain(junk);
    }
    expect(html).not.toMatch(/<script|<nav|<button/i);
    expect(record).toMatchObject({
      id: result.id,
      title: 'Harbour reopens after storm repairs',
      byline: 'Maria Jensen',
      site: 'The Coastal Courier',
      url: `${server.origin}/news.html`,
      canonicalUrl: 'https://courier.example/2024/04/harbour-reopens',
      publishedAt: '2024-04-02T08:30:00Z',
      savedAt: '2024-05-01T10:00:00.000Z',
      language: 'en-GB',
      tags: [],
      readingProgress: null,
      credit: null,
    });
    expect(record['contentHash']).toBe(createHash('sha256').update(html).digest('hex'));
    // The library lists it like any other article.
    const listing = await library.list();
    expect(listing.articles.map((a) => a.id)).toStrictEqual([result.id]);
    expect((await library.get(result.id)).html).toBe(html);
  });

  it('saves the 3 images as files and points the article at lectern-asset: URLs', async () => {
    const { dir } = await freshLibrary();
    const { id } = await new ImportService(dir).addUrl(`${server.origin}/news.html`);
    const { html, assets } = await saved(dir, id);
    // The largest srcset candidate (map.webp, 2x) is the one kept for the map.
    const expected = [`${await sha('harbour.png')}.png`, `${await sha('minister.jpg')}.jpg`, `${await sha('map.webp')}.webp`];
    expect(assets).toStrictEqual([...expected].sort());
    const srcs = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toStrictEqual(expected.map((file) => `lectern-asset://${id}/${file}`));
    expect(html).not.toMatch(/srcset|127\.0\.0\.1|https?:\/\/[^"]*\.(png|jpg|gif|webp)/);
    for (const file of assets) {
      const original = file.startsWith(await sha('harbour.png')) ? 'harbour.png' : file.startsWith(await sha('minister.jpg')) ? 'minister.jpg' : 'map.webp';
      expect(await readFile(join(dir, 'articles', id, 'assets', file))).toStrictEqual(
        await readFile(join(FIXTURES, 'news-images', original)),
      );
    }
  });

  it('follows redirects and records the final address', async () => {
    const { dir } = await freshLibrary();
    const { id } = await new ImportService(dir).addUrl(`${server.origin}/r/3`);
    expect((await saved(dir, id)).record['url']).toBe(`${server.origin}/news.html`);
  });

  it('reports its stages', async () => {
    const { dir } = await freshLibrary();
    const seen: ImportProgress['stage'][] = [];
    await new ImportService(dir).addUrl(`${server.origin}/news.html`, { onProgress: (p) => seen.push(p.stage) });
    const stages = seen.filter((stage, i) => stage !== seen[i - 1]);
    expect(stages).toStrictEqual(['fetching', 'extracting', 'images', 'saving']);
  });

  it('updates the article saved from the same URL, keeping its annotations, tags and progress', async () => {
    const { dir, library } = await freshLibrary();
    const service = new ImportService(dir, { now: at('2024-05-01T10:00:00.000Z') });
    const first = await service.addUrl(`${server.origin}/news.html`);
    const folder = join(dir, 'articles', first.id);
    const annotations = '{"format":1,"annotations":[],"marker":"kept"}\n';
    await writeFile(join(folder, 'annotations.json'), annotations);
    await library.setProgress(first.id, { fraction: 0.5, position: 120, within: 0.25 });
    const record = JSON.parse(await readFile(join(folder, 'article.json'), 'utf8'));
    await writeFile(join(folder, 'article.json'), JSON.stringify({ ...record, tags: ['harbours'] }));

    const again = await new ImportService(dir, { now: at('2024-06-01T10:00:00.000Z') }).addUrl(`${server.origin}/r/2`);
    expect(again).toStrictEqual({ ...first, updated: true });
    expect(await readFile(join(folder, 'annotations.json'), 'utf8')).toBe(annotations);
    const after = await saved(dir, first.id);
    expect(after.record).toMatchObject({
      savedAt: '2024-06-01T10:00:00.000Z',
      tags: ['harbours'],
      readingProgress: { fraction: 0.5, position: 120, within: 0.25 },
    });
    expect(after.assets).toHaveLength(3);
    expect((await library.list()).articles).toHaveLength(1);
  });

  it('saves the same URL twice at once as one article, added then updated', async () => {
    const { dir, library } = await freshLibrary();
    const service = new ImportService(dir);
    const results = await Promise.all([service.addUrl(`${server.origin}/news.html`), service.addUrl(`${server.origin}/news.html`)]);
    // Which of the two reaches the per-URL queue first depends on the fetches' timing.
    expect(results.map((r) => r.updated).sort()).toStrictEqual([false, true]);
    expect(results[1]!.id).toBe(results[0]!.id);
    expect((await library.list()).articles).toHaveLength(1);
  });

  it('finds the earlier article by its canonical URL too', async () => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir);
    const first = await service.addUrl(`${server.origin}/news.html`);
    // A different address whose page has the same canonical link.
    const second = await service.addUrl(`${server.origin}/news.html?utm_source=feed`);
    expect(second).toMatchObject({ id: first.id, updated: true });
  });

  it('gives different articles with the same title and date different ids', async () => {
    const { dir } = await freshLibrary();
    const { id } = await new ImportService(dir).addUrl(`${server.origin}/news.html`);
    // Make the first one look like another page so the second is new.
    const json = join(dir, 'articles', id, 'article.json');
    const record = JSON.parse(await readFile(json, 'utf8'));
    await writeFile(json, JSON.stringify({ ...record, url: 'https://elsewhere.example/', canonicalUrl: null }));
    const second = await new ImportService(dir).addUrl(`${server.origin}/news.html`);
    expect(second).toMatchObject({ id: `${id}-2`, updated: false });
  });

  it('keeps the article when single images fail, leaving them out with warnings', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir).addUrl(`${server.origin}/images-mixed.html`);
    expect(result.warnings).toStrictEqual([
      `An image was left out ("missing.png": Nothing was found at ${server.origin}/news-images/missing.png (404)).`,
      'An image was left out ("drawing.svg": SVG images are not saved).',
      'An image was left out ("not-an-image.png": it is not an image).',
    ]);
    const { html, assets } = await saved(dir, result.id);
    expect(assets).toStrictEqual([`${await sha('harbour.png')}.png`]);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).not.toContain('127.0.0.1');
  });

  it('saves images whose page marked them crossorigin, without the attribute', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir).addUrl(`${server.origin}/crossorigin.html`);
    expect(result.warnings).toStrictEqual([]);
    const { html, assets } = await saved(dir, result.id);
    expect(assets.sort()).toStrictEqual(
      [`${await sha('harbour.png')}.png`, `${await sha('minister.jpg')}.jpg`, `${await sha('map.gif')}.gif`].sort(),
    );
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html).not.toMatch(/<img[^>]*crossorigin/i);
  });

  it('keeps only the first images beyond the limit', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { limits: { maxImages: 2 } }).addUrl(`${server.origin}/news.html`);
    expect(result.warnings).toStrictEqual(['The article has 3 images; only the first 2 were kept.']);
    expect((await saved(dir, result.id)).assets).toHaveLength(2);
  });

  it('leaves out images over the size limit', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { limits: { maxImageBytes: 1000 } }).addUrl(`${server.origin}/news.html`);
    expect(result.warnings).toStrictEqual([
      'An image was left out ("harbour.png": The image is larger than 1000 bytes, too large to save).',
    ]);
  });

  it('refuses a page with nothing to read, and leaves nothing behind', async () => {
    const { dir, library } = await freshLibrary();
    expect(await failure(new ImportService(dir).addUrl(`${server.origin}/nav-only.html`))).toStrictEqual({
      code: 'invalid-input',
      message: 'No article could be found on this page: it has no readable text.',
    });
    expect((await library.list()).articles).toStrictEqual([]);
  });

  it('saves broken HTML as well as it can', async () => {
    const { dir } = await freshLibrary();
    const { id } = await new ImportService(dir).addUrl(`${server.origin}/broken.html`);
    const { text, html } = await saved(dir, id);
    expect(text).toContain('Unclosed paragraphs still read fine');
    expect(text).toContain('the last sentence survives');
    expect(html).not.toContain('<script');
  });

  it('saves a windows-1251 page as proper text', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { now: at('2024-05-01T10:00:00.000Z') }).addUrl(`${server.origin}/cp1251.html`);
    expect(result.title).toBe('Новая библиотека');
    // A Cyrillic title leaves no Latin slug: the id falls back to "article".
    expect(result.id).toBe('2024-05-01-article');
    const { text, record } = await saved(dir, result.id);
    expect(text).toContain('Сегодня в городе открылась новая библиотека.');
    expect(record['language']).toBe('ru');
  });

  it('cancels, leaving no article and no staging folder', async () => {
    const { dir, library } = await freshLibrary();
    const controller = new AbortController();
    const pending = new ImportService(dir).addUrl(`${server.origin}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(pending)).toStrictEqual({ code: 'cancelled', message: 'Saving was cancelled.' });
    expect((await library.list()).articles).toStrictEqual([]);
  });
});
