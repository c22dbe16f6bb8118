/**
 * Runs in Chromium (bundled by find.bench.ts): find in a ~1 MB article as the reader
 * types, with the app's own findAll and FindInteraction (search + paint every match
 * with the CSS Custom Highlight API + scroll to the current one), timed per keystroke.
 * The baseline folds the whole article again on every keystroke (no cache).
 */
import { TextIndex } from '../../renderer/anchoring/text-index';
import { FindInteraction } from '../../renderer/reader/article-view/find-interaction';
import { clearFindCache } from '../../renderer/find/find-text';

const WORDS = (
  'the agency reported that officials discussed cooperation between two countries in an atmosphere of ' +
  'friendliness café résumé naïve Korea Korean delegation minister talks visit security intelligence chief'
).split(' ');

function makeArticle(root: HTMLElement, chars: number): void {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let total = 0;
  let n = 0;
  while (total < chars) {
    const p = document.createElement('p');
    const words: string[] = [];
    for (let i = 0; i < 80; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
    // "Pyongyang" about once every ten paragraphs, sometimes as "P'yŏngyang".
    if (n++ % 10 === 0) words[40] = n % 20 === 1 ? "P'yŏngyang" : 'Pyongyang';
    const em = document.createElement('em');
    em.textContent = words.slice(20, 26).join(' ');
    p.append(words.slice(0, 20).join(' ') + ' ', em, ' ' + words.slice(26).join(' ') + '. ');
    root.append(p);
    total += p.textContent!.length;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  query: string;
  matches: number;
  cachedMedian: number;
  cachedMax: number;
  uncachedMedian: number;
  uncachedMax: number;
}

(window as unknown as { measure: (chars: number, queries: string[], runs: number) => unknown }).measure = (chars, queries, runs) => {
  const host = document.createElement('article');
  document.body.replaceChildren(host);
  makeArticle(host, chars);
  const index = new TextIndex(host);
  const find = new FindInteraction();
  const keystroke = (query: string, cached: boolean): number => {
    if (!cached) clearFindCache();
    find.query = query;
    const t0 = performance.now();
    find.run(index, 0);
    return performance.now() - t0;
  };
  const rows: Row[] = [];
  for (const full of queries) {
    // Every prefix, as typed: "p", "py", "pyo", …
    for (let n = 1; n <= full.length; n++) {
      const query = full.slice(0, n);
      const cached: number[] = [];
      const uncached: number[] = [];
      keystroke(query, true); // warm the cache as the previous keystroke would have
      for (let r = 0; r < runs; r++) {
        cached.push(keystroke(query, true));
        uncached.push(keystroke(query, false));
      }
      rows.push({
        query,
        matches: find.matches.length,
        cachedMedian: median(cached),
        cachedMax: Math.max(...cached),
        uncachedMedian: median(uncached),
        uncachedMax: Math.max(...uncached),
      });
    }
  }
  find.clear();
  return { characters: index.length, rows };
};
