/**
 * Importing notes (File ▸ Import notes…): Lectern's JSON export or any W3C
 * AnnotationCollection / AnnotationPage / Annotation / array of Annotations with
 * TextQuoteSelectors. The file is read and checked whole first (import-read.ts,
 * import-shape.ts): a file that is too large, not JSON, too deep or not W3C
 * annotations is refused with a LibraryError and nothing is written. Then each
 * annotation is matched to an article — by the Lectern article id it names, else by
 * its source (`urn:lectern:article:<id>`, or the article's URL, compared without
 * `#fragment` and trailing `/`) — re-anchored in that article's text with the
 * reader's fuzzy anchoring, and merged (import-merge.ts) through the library's own
 * annotations.json read-modify-write (write queue, atomic write, schema, quarantine).
 *
 * The report counts: `added` (new and placed), `orphaned` (new, kept, but its quote
 * could not be placed: the reader lists it under "Could not be placed"), `updated`
 * (an existing one replaced by a newer import; a note it replaced is kept below the
 * imported one under a marker line, import-merge.ts), `skipped` (duplicates, older copies,
 * and annotations that could not be read — each of those with a line in `problems`),
 * `noArticle` (no article in this library matches; nothing is written for them).
 */
import { join } from 'node:path';
import type { ImportReport } from '../../common/notes';
import { anchorAll } from '../../common/anchoring/anchor';
import { ANNOTATIONS_FILE, emptyAnnotations, judgeAnnotations, type AnnotationsFile } from '../library/annotations-schema';
import { articleText } from '../library/article-text';
import { updateJsonFile, type JsonFileSpec } from '../library/json-file';
import { ARTICLES_DIR } from '../library/layout';
import { emptyTally, mergeInto, type Placement } from './import-merge';
import { readImportJson } from './import-read';
import { shapeImport, type ImportedAnnotation } from './import-shape';
import type { ExportSources } from './model';

/**
 * What an import did: the bridge's {@link ImportReport} without the dialog's part
 * (`imported`, `path`). `problems`: what could not be imported or matched, one line
 * each (at most {@link MAX_PROBLEMS}, then a count).
 */
export type ImportCounts = Omit<ImportReport, 'imported' | 'path'>;

export const MAX_PROBLEMS = 100;

/** A URL as compared when matching: no fragment, no trailing slash. */
const urlKey = (url: string) => url.replace(/#.*$/s, '').replace(/\/+$/, '');

/** Import the notes in the file `path` into the library of `sources`. */
export async function importNotes(
  sources: Pick<ExportSources, 'library'>,
  path: string,
  now: () => Date = () => new Date(),
): Promise<ImportCounts> {
  const json = await readImportJson(path);
  const shaped = shapeImport(json, now().toISOString());
  const { library } = sources;
  const { articles } = await library.list();
  const ids = new Set(articles.map((a) => a.id));
  const byUrl = new Map<string, string>();
  for (const a of articles) if (a.url) byUrl.set(urlKey(a.url), a.id);

  const groups = new Map<string, ImportedAnnotation[]>();
  const unmatched = new Map<string, number>();
  for (const item of shaped.annotations) {
    const id =
      (item.articleId !== null && ids.has(item.articleId) ? item.articleId : undefined) ??
      (item.source !== null ? byUrl.get(urlKey(item.source)) : undefined);
    if (id === undefined) {
      const name = item.articleId ?? item.source ?? '(no source)';
      unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
      continue;
    }
    groups.set(id, [...(groups.get(id) ?? []), item]);
  }

  const tally = emptyTally();
  tally.skipped = shaped.problems.length;
  tally.problems.push(...shaped.problems);
  for (const [source, count] of unmatched) {
    tally.problems.push(`No article in this library matches ${JSON.stringify(source)} (${count} annotation${count === 1 ? '' : 's'})`);
  }
  for (const [articleId, items] of groups) {
    const text = await articleText(library.dir, articleId);
    const highlights = items.filter((i) => i.kind === 'highlight');
    const anchored = anchorAll(
      text,
      highlights.map((h) => ({
        quote: { type: 'TextQuoteSelector', ...h.quote },
        position: { type: 'TextPositionSelector', ...(h.position ?? { start: 0, end: h.quote.exact.length }) },
      })),
    );
    const placement = new Map<ImportedAnnotation, Placement>();
    highlights.forEach((h, i) => {
      const a = anchored[i];
      placement.set(h, a ? { start: a.start, end: a.end } : null);
    });
    await updateJsonFile(spec(library.dir, articleId, now), (file) => {
      const placed = items.map((item) => ({ item, placed: placement.get(item) ?? null }));
      const changed = mergeInto(file, articleId, text, placed, tally, now());
      return changed ? { result: undefined, next: file } : { result: undefined };
    });
  }
  const problems =
    tally.problems.length > MAX_PROBLEMS
      ? [...tally.problems.slice(0, MAX_PROBLEMS), `…and ${tally.problems.length - MAX_PROBLEMS} more`]
      : tally.problems;
  return {
    added: tally.added,
    updated: tally.updated,
    skipped: tally.skipped,
    orphaned: tally.orphaned,
    noArticle: [...unmatched.values()].reduce((a, b) => a + b, 0),
    problems,
  };
}

/** The same file spec AnnotationStore uses for `articles/<id>/annotations.json`. */
function spec(dir: string, articleId: string, now: () => Date): JsonFileSpec<AnnotationsFile> {
  const file = `${ARTICLES_DIR}/${articleId}/${ANNOTATIONS_FILE}`;
  return {
    dir,
    file,
    quarantineName: `${articleId}-${ANNOTATIONS_FILE}`,
    judge: (raw) => judgeAnnotations(join(dir, file), articleId, raw),
    empty: emptyAnnotations,
    now,
  };
}
