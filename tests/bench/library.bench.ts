/**
 * `npm run bench`: the folder store at 100 / 1,000 / 5,000 articles, each beside the
 * simple approach in the same run. Numbers, not assertions (ARCHITECTURE.md §7).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { Library } from '../../main/library';

const SIZES = [100, 1_000, 5_000];
const PARAGRAPH =
  'Pyongyang announced on Thursday that the Russian intelligence chief discussed bilateral security cooperation. ';

/** A library folder with `count` articles of ~600 words, written directly (not timed). */
function makeLibrary(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `lectern-bench-${count}-`));
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ format: 1, createdAt: new Date().toISOString(), seeded: [] }));
  const html = `<p>${PARAGRAPH.repeat(40)}</p>`;
  for (let i = 0; i < count; i++) {
    const id = `article-${i}`;
    const folder = join(dir, 'articles', id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({
        id,
        title: `Article number ${i}`,
        byline: null,
        site: 'Bench',
        url: null,
        publishedAt: '2024-03-28T02:00',
        savedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        language: 'en',
        wordCount: 600,
        contentHash: 'a'.repeat(64),
        tags: [],
        readingProgress: null,
        credit: null,
      }),
    );
    writeFileSync(join(folder, 'content.html'), html);
    writeFileSync(join(folder, 'text.txt'), PARAGRAPH.repeat(40));
  }
  return dir;
}

/** The simple approach: read every article.json one after another, parse, sort. */
async function naiveList(dir: string) {
  const ids = await readdir(join(dir, 'articles'));
  const rows = [];
  for (const id of ids) rows.push(JSON.parse(await readFile(join(dir, 'articles', id, 'article.json'), 'utf8')));
  return rows.sort((a, b) => String(b.savedAt).localeCompare(String(a.savedAt)));
}

for (const size of SIZES) {
  const dir = makeLibrary(size);
  const library = await Library.open(dir, { bundled: [] });
  describe(`list the library — ${size.toLocaleString('en')} articles`, () => {
    bench('Library.list (16 reads at a time, schema-checked)', async () => {
      await library.list();
    }, { iterations: size > 1000 ? 5 : 20, time: 0 });
    bench('simple: sequential readFile + JSON.parse, no checks', async () => {
      await naiveList(dir);
    }, { iterations: size > 1000 ? 5 : 20, time: 0 });
  });
}

describe('save reading progress — 1 article', async () => {
  const dir = makeLibrary(1);
  const library = await Library.open(dir, { bundled: [] });
  const file = join(dir, 'articles', 'article-0', 'article.json');
  let n = 0;
  bench('Library.setProgress (atomic: temp, fsync, rename, fsync folder)', async () => {
    n = (n + 1) % 1000;
    await library.setProgress('article-0', { fraction: n / 1000, position: n, within: 0 });
  }, { iterations: 200, time: 0 });
  bench('simple: writeFile in place (a crash can leave half a file)', async () => {
    n = (n + 1) % 1000;
    const record = JSON.parse(await readFile(file, 'utf8'));
    record.readingProgress = { fraction: n / 1000, position: n, within: 0 };
    await writeFile(file, JSON.stringify(record));
  }, { iterations: 200, time: 0 });
});
