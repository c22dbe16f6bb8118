/**
 * Synthetic libraries for the search bench: a vocabulary of made-up words with
 * Zipf-like frequencies (a few very common words, a long tail of rare ones), and
 * articles of ~600 words written as real library folders (article.json checked by
 * the library's schema, text.txt; no content.html — search never reads it).
 * Deterministic; cached under the temp folder between runs.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexDoc } from '../../main/search/types';
import { random } from './random';

export const VOCABULARY_SIZE = 30_000;
const WORDS_PER_ARTICLE = 600;
const ZIPF_EXPONENT = 1.05;
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'st', 'tr', 'pl', 'gr', 'sh', 'ch', ''];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st'];

/** Words, most frequent first (rank 0 is the commonest). */
export function vocabulary(): string[] {
  const next = random(1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    // Common words are short, rare ones longer, as in English.
    const syllables = 1 + Math.floor(next() * (1 + Math.min(3, Math.log10(words.size + 10))));
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    if (word.length >= 2) words.add(word);
  }
  return [...words];
}

/** A sampler of word ranks with P(rank r) ∝ 1 / (r + 1)^s. */
function zipf(size: number, next: () => number): () => number {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cdf[r] = sum += 1 / (r + 1) ** ZIPF_EXPONENT;
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `count` articles (ids `a00000`…), the same for the same count. */
export function articles(count: number, words: readonly string[]): IndexDoc[] {
  const next = random(count);
  const rank = zipf(words.length, next);
  const sentence = (length: number) => Array.from({ length }, () => words[rank()]!).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const sentences: string[] = [];
    let n = 0;
    while (n < WORDS_PER_ARTICLE) {
      const length = 8 + Math.floor(next() * 16);
      const text = sentence(length);
      sentences.push(text[0]!.toUpperCase() + text.slice(1) + '.');
      n += length;
    }
    const title = sentence(4 + Math.floor(next() * 6));
    return {
      id: `a${String(i).padStart(5, '0')}`,
      fingerprint: '',
      title: title[0]!.toUpperCase() + title.slice(1),
      byline: 'Bench Writer',
      site: 'Bench',
      savedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      tags: [],
      text: sentences.join(' '),
      annotations: [],
    };
  });
}

/** A library folder holding `docs` (article.json + text.txt each), cached by size; returns its path. */
export function libraryFolder(docs: readonly IndexDoc[]): string {
  const dir = join(tmpdir(), `lectern-search-bench-v1-${docs.length}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ format: 1, createdAt: new Date(0).toISOString(), seeded: [] }));
  for (const doc of docs) {
    const folder = join(dir, 'articles', doc.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'text.txt'), doc.text);
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({
        id: doc.id, title: doc.title, byline: doc.byline, site: doc.site, url: null, publishedAt: null,
        savedAt: doc.savedAt, language: 'en', wordCount: WORDS_PER_ARTICLE, contentHash: '0'.repeat(64),
        tags: [], readingProgress: null, credit: null,
      }),
    );
  }
  writeFileSync(done, '');
  return dir;
}
