/** Shared by the library tests: temp folders, the real content folder, small bundled articles. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { Library, countWords, type BundledArticle } from '../../../main/library';

export const CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));
/** The story's source text (vendored from the shared handbook's seeds; see vendored.test.ts). */
export const SEED_FILE = fileURLToPath(new URL('../../fixtures/seed/000_a8e41e044feb8823.txt', import.meta.url));
export const STORY_ID = '2024-03-28-russian-intelligence-chief-pyongyang';
/** The story's metadata as the bundled article, its record, its summary and its view all give it. */
export const STORY_FIELDS = {
  id: STORY_ID,
  title: 'Russian intelligence chief discusses security cooperation in Pyongyang',
  byline: null,
  site: 'AFP',
  url: null,
  publishedAt: '2024-03-28T02:00',
  language: 'en',
};

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh empty folder, removed after the test. */
export async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-library-test-'));
  made.push(dir);
  return dir;
}

/** A small bundled article, as `loadBundledArticles` would give it for a one-paragraph Markdown file. */
export function bundled(id: string, title = `Title of ${id}`, body = `The body of ${id}.`): BundledArticle {
  return {
    id,
    title,
    byline: null,
    site: 'Example',
    url: null,
    publishedAt: '2024-01-02T03:04',
    language: 'en',
    credit: 'Example',
    html: `<p>${body}</p>`,
    text: body,
    wordCount: countWords(body),
  };
}

/** A library in a fresh folder holding {@link bundled} articles with these ids. */
export async function libraryWith(...ids: string[]): Promise<{ dir: string; library: Library }> {
  const dir = await freshDir();
  return { dir, library: await Library.open(dir, { bundled: ids.map((id) => bundled(id)) }) };
}

/** A clock that starts at `start` and moves one minute per call. */
export function clock(start = '2024-05-01T10:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 60_000;
    return now;
  };
}

/** Every file under `dir`, relative, forward slashes, sorted. */
export async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

/** Files whose name looks like a temp file (`.*.tmp`) anywhere under `dir`. */
export async function temps(dir: string): Promise<string[]> {
  return (await tree(dir)).filter((file) => /(^|\/)\.[^/]*\.tmp$/.test(file));
}
