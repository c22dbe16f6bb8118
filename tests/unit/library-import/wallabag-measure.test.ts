/**
 * A measure, run on demand (LECTERN_MEASURE=1): a generated 2,000-entry wallabag export
 * with 20 KB of content each, and an Omnivore zip of the same 2,000 articles, read once
 * each; prints the read time, the heap held after reading and the process' peak RSS.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOmnivore } from '../../../main/library-import/omnivore';
import { readWallabag } from '../../../main/library-import/wallabag';
import { makeZip, type ZipEntryInput } from './omnivore-zip';

const COUNT = 2_000;
const paragraph = (i: number) => `<p>Paragraph ${i} of an invented article about <em>gardens</em> and rivers at example.com.</p>\n`;
const content = (n: number) => {
  let html = '';
  for (let i = 0; html.length < 20_000; i++) html += paragraph(i + n);
  return html;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe.runIf(process.env.LECTERN_MEASURE === '1')('import measures', () => {
  it(`reads a ${COUNT}-entry wallabag export with 20 KB content each`, async () => {
    const entries = Array.from({ length: COUNT }, (_, n) => ({
      id: n,
      title: `Article ${n}`,
      url: `https://example.com/articles/${n}`,
      is_archived: n % 3 === 0,
      is_starred: n % 7 === 0,
      tags: ['garden', `tag-${n % 20}`],
      content: content(n),
      created_at: '2024-03-01T10:15:00+0100',
      published_at: '2024-02-28T08:00:00+0000',
      annotations: [{ text: 'a note', quote: `Paragraph ${n + 1}`, ranges: [], created_at: '2024-03-02T09:00:00+0000' }],
    }));
    const text = JSON.stringify(entries, null, 4);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const library = await readWallabag(text);
    const ms = performance.now() - start;
    const held = process.memoryUsage().heapUsed - before;
    expect(library.items).toHaveLength(COUNT);
    console.log(
      `wallabag: ${mb(Buffer.byteLength(text))} JSON, ${COUNT} entries read in ${ms.toFixed(0)} ms; heap held after (result + text): +${mb(held)}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
  });

  it(`reads an Omnivore zip of ${COUNT} articles with 20 KB content each`, async () => {
    const metadata: ZipEntryInput[] = [];
    const files: ZipEntryInput[] = [];
    for (let from = 0; from < COUNT; from += 20) {
      const batch = Array.from({ length: 20 }, (_, k) => {
        const n = from + k;
        files.push({ name: `content/a-${n}.html`, data: content(n) });
        if (n % 2 === 0) files.push({ name: `highlights/a-${n}.md`, data: `> Paragraph ${n + 1} \n\n#idea\n\nA note` });
        return { id: String(n), slug: `a-${n}`, title: `Article ${n}`, url: `https://example.com/articles/${n}`, state: 'SUCCEEDED', readingProgress: n % 100, labels: ['garden'], savedAt: '2024-03-01T09:15:00.000Z' };
      });
      metadata.push({ name: `metadata_${from}_to_${from + 20}.json`, data: JSON.stringify(batch, null, 2) });
    }
    const dir = await mkdtemp(join(tmpdir(), 'lectern-omnivore-measure-'));
    const path = join(dir, 'export.zip');
    const zip = makeZip([...metadata, ...files]);
    await writeFile(path, zip);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const library = await readOmnivore(path);
    const ms = performance.now() - start;
    const held = process.memoryUsage().heapUsed - before;
    expect(library.items).toHaveLength(COUNT);
    expect(library.problems).toEqual([]);
    console.log(
      `omnivore: ${mb(zip.length)} zip (stored), ${files.length + metadata.length} entries, ${COUNT} articles read in ${ms.toFixed(0)} ms; heap held after: +${mb(held)}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
  });
});
