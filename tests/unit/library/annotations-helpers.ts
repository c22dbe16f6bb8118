/** Shared by the annotation tests: a library with articles, targets over their text, the file on disk. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore, Library, type AnnotationsFile, type BundledArticle } from '../../../main/library';
import type { HighlightTarget } from '../../../common/model';
import { bundled, clock, freshDir } from './helpers';

export const BODY = 'The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs on.';

/** A library with article "a" (one paragraph, {@link BODY} unless given) and article "b", and a store on it. */
export async function setup(body = BODY, more: BundledArticle[] = []) {
  const dir = await freshDir();
  const library = await Library.open(dir, { bundled: [bundled('a', 'A', body), bundled('b'), ...more], now: clock() });
  const store = new AnnotationStore(dir, { now: clock('2024-06-01T00:00:00.000Z') });
  return { dir, library, store };
}

/** A target for the `occurrence`-th (0-based) `exact` in `text`, with 32 characters of context. */
export function targetFor(text: string, exact: string, occurrence = 0): HighlightTarget {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in the text`);
  const end = start + exact.length;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** A target at [start, end) of `text`. */
export function targetAt(text: string, start: number, end: number): HighlightTarget {
  return {
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end },
  };
}

export const annotationsPath = (dir: string, id = 'a') => join(dir, 'articles', id, 'annotations.json');

export const readAnnotations = async (dir: string, id = 'a') =>
  JSON.parse(await readFile(annotationsPath(dir, id), 'utf8')) as AnnotationsFile;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
