/**
 * The library listing as it was before the catalog (ARCHITECTURE.md §3): every
 * article.json read (16 at a time) and checked, then sortAndFilter — the baseline the
 * benches measure the catalog against, in the same run.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArticleSummary, LibrarySort } from '../../common/model';
import { mapLimit } from '../../main/library/layout';
import { sortAndFilter } from '../../main/library/listing';
import { judgeArticle } from '../../main/library/record';
import { toSummary } from '../../main/library/schema';

export async function todaysListing(dir: string, sort: LibrarySort = 'saved'): Promise<ArticleSummary[]> {
  const ids = (await readdir(join(dir, 'articles'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const all = await mapLimit(ids, 16, async (id) => {
    const path = join(dir, 'articles', id, 'article.json');
    const judged = judgeArticle(id, path, await readFile(path, 'utf8'));
    return 'value' in judged ? toSummary(judged.value) : undefined;
  });
  return sortAndFilter(
    all.filter((a) => a !== undefined),
    { sort },
  );
}
