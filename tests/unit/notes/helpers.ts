/**
 * Shared by the export tests: a library holding the bundled Pyongyang story with a
 * fixed set of annotations (fixed clocks and ids, so outputs are stable), golden
 * files, and a hash of a folder tree.
 *
 * Goldens live in tests/fixtures/export/. To regenerate them after an intended change:
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/export
 * (then review the diff).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AnnotationStore, SettingsStore, Library, articleText, loadBundledArticles } from '../../../main/library';
import { ExportService } from '../../../main/notes';
import type { ExportOptions, PreviewFormat } from '../../../common/notes';
import { CONTENT_DIR, STORY_ID, clock, freshDir } from '../library/helpers';
import { targetFor } from '../library/annotations-helpers';

export { STORY_ID, freshDir };

export const GOLDEN_DIR = fileURLToPath(new URL('../../fixtures/export', import.meta.url));
export const EXPORTED_AT = '2024-06-02T12:00:00.000Z';
export const COLLECTION_ID = 'c0ffee00-0000-4000-8000-000000000000';

/** `00000000-0000-4000-8000-00000000000<n>`, n counting from 1. */
export function ids(prefix = '00000000'): () => string {
  let n = 0;
  return () => `${prefix}-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/** The quotes of the four highlights (in the order they are made). */
export const QUOTES = {
  /** Overlaps `overlapping`. */
  first: 'Russian intelligence chief discussed bilateral security cooperation',
  overlapping: 'bilateral security cooperation during a visit to North Korea',
  /** From the end of paragraph 1 into paragraph 2 (the "\n" between them included). */
  crossing: 'its war against Ukraine.\nThe North Korean state news agency',
  tagged: 'Both Russia and North Korea are subject to international sanctions',
};

/** A multi-line Markdown note with `"`, `,`, `|`, `<`, `#`, emoji and Korean. */
export const TRICKY_NOTE =
  '**Why it matters:** "security cooperation", not aid | see <b>below</b>\n' +
  '# 정보 협력 🤝 (intelligence cooperation)\n' +
  '- compare the 2023 summit, "top priority" 🇰🇵🇷🇺';

export const ARTICLE_NOTE = 'Context: an AFP wire story, 28 March 2024.\n\nRead with the *September summit* in mind 📰';

/** A fresh library with the story, four highlights, an article note and renamed colors; fixed clocks. */
export async function storyLibrary(dir?: string) {
  const folder = dir ?? (await freshDir());
  const library = await Library.open(folder, { bundled: await loadBundledArticles(CONTENT_DIR), now: clock('2024-05-01T09:00:00.000Z') });
  const annotations = new AnnotationStore(folder, { now: clock('2024-05-01T10:00:00.000Z'), newId: ids() });
  const colors = new SettingsStore(folder);
  const service = new ExportService({ library, annotations, colors }, { now: () => new Date(EXPORTED_AT), newId: () => COLLECTION_ID });
  return { dir: folder, library, annotations, colors, service };
}

/** {@link storyLibrary} with the four highlights and the article note made. */
export async function annotatedStory(dir?: string) {
  const setup = await storyLibrary(dir);
  const { annotations, colors } = setup;
  const text = await articleText(setup.dir, STORY_ID);
  await annotations.create({ articleId: STORY_ID, target: targetFor(text, QUOTES.first), color: 'yellow', note: '', tags: [] });
  await annotations.create({
    articleId: STORY_ID,
    target: targetFor(text, QUOTES.overlapping),
    color: 'green',
    note: TRICKY_NOTE,
    tags: [],
  });
  await annotations.create({ articleId: STORY_ID, target: targetFor(text, QUOTES.crossing), color: 'blue', note: '', tags: [] });
  await annotations.create({
    articleId: STORY_ID,
    target: targetFor(text, QUOTES.tagged),
    color: 'pink',
    note: '=HYPERLINK("http://example.com") and -1',
    tags: ['sanctions', '북한', 'un/security-council'],
  });
  await annotations.setArticleNote(STORY_ID, ARTICLE_NOTE);
  await colors.rename('green', 'Evidence | "quoted"');
  return { ...setup, text };
}

/** The {@link annotatedStory}'s export in `format`, as the preview shows it. */
export async function storyPreview(format: PreviewFormat, options?: Partial<ExportOptions>): Promise<string> {
  const { service } = await annotatedStory();
  return service.preview(STORY_ID, format, options);
}

/** Compare with the golden file `name` (or write it when UPDATE_GOLDEN is set). */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN']) await writeFile(path, actual);
  expect(actual).toBe(await readFile(path, 'utf8'));
}

/** sha256 of every file under `dir` (relative path → hash), to show a folder is unchanged. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // .index/ holds caches of the folders (the catalog, the search index), not the library's data.
    if (path.slice(dir.length + 1).split(/[\\/]/)[0] === '.index') continue;
    out[path.slice(dir.length + 1)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}
