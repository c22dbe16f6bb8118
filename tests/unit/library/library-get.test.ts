import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ArticleViewSchema } from '../../../common/model';
import { Library, htmlToText, loadBundledArticles } from '../../../main/library';
import { CONTENT_DIR, SEED_FILE, STORY_FIELDS, STORY_ID, bundled, freshDir, libraryWith } from './helpers';

/** The body paragraphs of the seed text: after the date/title block, before the closing "AFP". */
async function seedParagraphs(): Promise<string[]> {
  const blocks = (await readFile(SEED_FILE, 'utf8'))
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const start = blocks.findIndex((block) => block.startsWith('2024-03-28 | 02:00')) + 1;
  const end = blocks.lastIndexOf('AFP');
  return blocks.slice(start, end);
}

describe('Library.get', () => {
  it('returns the bundled story, every paragraph of the seed word for word', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: await loadBundledArticles(CONTENT_DIR) });
    const view = await library.get(STORY_ID);
    expect(v.parse(ArticleViewSchema, view)).toEqual(view);
    expect(view).toMatchObject({
      ...STORY_FIELDS,
      credit: 'AFP',
      progress: null,
    });

    const paragraphs = await seedParagraphs();
    expect(paragraphs).toHaveLength(9);
    const text = await readFile(join(dir, 'articles', STORY_ID, 'text.txt'), 'utf8');
    for (const paragraph of paragraphs) expect(text).toContain(paragraph);
    expect(text).toContain('North Koreaan Minister of State Security Ri Chang Dae');
    expect(text.split('\n\n')).toEqual(paragraphs);
    expect((await htmlToText(view.html)).split('\n\n')).toEqual(paragraphs);
    expect(view.html.match(/<p>/g)).toHaveLength(9);
  });

  it('throws not-found for an unknown id', async () => {
    const { library } = await libraryWith();
    await expect(library.get('nope')).rejects.toMatchObject({ code: 'not-found', message: 'No article with id "nope"' });
  });

  it('refuses an id that is not a folder name before touching the disk', async () => {
    const { library } = await libraryWith();
    await expect(library.get('../library')).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Invalid article id "../library": an article id is 1–64 characters of a–z, 0–9 and "-"',
    });
  });

  it('throws corrupt, naming the path, when content.html is missing', async () => {
    const { dir, library } = await libraryWith('a');
    const path = join(dir, 'articles', 'a', 'content.html');
    await rm(path);
    await expect(library.get('a')).rejects.toMatchObject({
      code: 'corrupt',
      message: `Could not read ${path}: no such file or directory (ENOENT)`,
    });
  });

  it('quarantines a corrupt article.json and says where it went', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a')], now: () => new Date('2024-05-01T10:00:00.000Z') });
    await writeFile(join(dir, 'articles', 'a', 'article.json'), '[]');
    await expect(library.get('a')).rejects.toMatchObject({
      code: 'corrupt',
      message:
        'The article "a" could not be read and was moved to .quarantine/2024-05-01T10-00-00-000Z-a-article.json: ' +
        'article.json holds an array, not an object',
    });
    expect((await library.list()).problems).toHaveLength(1);
    await expect(library.get('a')).rejects.toMatchObject({ code: 'not-found' });
  });
});
