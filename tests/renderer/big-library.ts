/**
 * A big library for the renderer suite and the benches (ARCHITECTURE.md §7): `count`
 * article folders written straight into a library folder (not through main: seconds
 * for 20,000), each a short page, saved one second apart — the first written is the
 * oldest, so it is the last row of the listing (newest first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PARAGRAPH = 'Pyongyang announced on Thursday that the Russian intelligence chief discussed bilateral security cooperation. ';
const HTML = `<p>${PARAGRAPH.repeat(6)}</p>`;
const TEXT = PARAGRAPH.repeat(6);

/** The title of seeded article `i` (0 = the oldest). */
export const bigTitle = (i: number): string => `Saved article ${String(i).padStart(5, '0')}`;

/**
 * Write `count` articles into `dir` (a library folder with its library.json) — into
 * its trash with `into: '.trash'`. Returns their ids, oldest first.
 */
export function seedBigLibrary(dir: string, count: number, { into = 'articles' }: { into?: 'articles' | '.trash' } = {}): string[] {
  const ids: string[] = [];
  const base = Date.UTC(2023, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = `2023-01-01-saved-article-${String(i).padStart(5, '0')}`;
    const folder = join(dir, into, id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({
        id,
        title: bigTitle(i),
        byline: null,
        site: 'Archive',
        url: null,
        publishedAt: '2023-01-01T00:00',
        savedAt: new Date(base + i * 1000).toISOString(),
        language: 'en',
        wordCount: 90,
        contentHash: 'a'.repeat(64),
        tags: i % 7 === 0 ? ['weekly'] : [],
        readingProgress: null,
        credit: null,
      }),
    );
    writeFileSync(join(folder, 'content.html'), HTML);
    writeFileSync(join(folder, 'text.txt'), TEXT);
    ids.push(id);
  }
  return ids;
}
