/**
 * Shared by the search tests: a library with the real bundled story, articles and
 * annotations written in the library's own format, services over the bundled
 * worker, and answers checked against the contract's schema.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, expect } from 'vitest';
import { Library, bundledSource, countWords } from '../../../main/library';
import { AnnotationsFileSchema, type AnnotationsFile } from '../../../main/library/annotations-schema';
import { writeArticle } from '../../../main/library/library-file';
import { SearchService, type SearchServiceOptions } from '../../../main/search';
import type { HighlightColor } from '../../../common/colors';
import { SearchAnswerSchema, SearchQueryInputSchema, type SearchAnswer } from '../../../common/search';
import { CONTENT_DIR, STORY_ID, freshDir } from '../library/helpers';
import { workerUrl } from '../../worker-bundle';

export { CONTENT_DIR, STORY_ID, freshDir };

/** A new library folder holding the bundled story (as every new library does). */
export async function storyLibrary(): Promise<string> {
  const dir = await freshDir();
  await Library.open(dir, { bundled: await bundledSource(CONTENT_DIR) });
  return dir;
}

export interface ArticleSpec {
  id: string;
  title?: string;
  body?: string;
  byline?: string | null;
  site?: string | null;
  tags?: string[];
  savedAt?: string;
}

/** Write an article folder as the library does (content.html, text.txt, article.json). */
export async function addArticle(dir: string, spec: ArticleSpec): Promise<void> {
  const body = spec.body ?? `The body of ${spec.id}.`;
  await writeArticle(
    dir,
    {
      id: spec.id,
      title: spec.title ?? `Title of ${spec.id}`,
      byline: spec.byline ?? null,
      site: spec.site ?? 'Example',
      url: null,
      publishedAt: null,
      language: 'en',
      credit: null,
      html: `<p>${body}</p>`,
      text: body,
      wordCount: countWords(body),
    },
    new Date(spec.savedAt ?? '2024-05-01T10:00:00.000Z'),
  );
  if (spec.tags) await patchArticle(dir, spec.id, { tags: spec.tags });
}

/** Change fields of article.json (as the library's own updates do). */
export async function patchArticle(dir: string, id: string, fields: Record<string, unknown>): Promise<void> {
  const path = join(dir, 'articles', id, 'article.json');
  const record = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, `${JSON.stringify({ ...record, ...fields }, null, 2)}\n`);
}

export type AnnotationSpec =
  | { kind: 'highlight'; id?: string; quote: string; color?: HighlightColor; note?: string; tags?: string[]; deleted?: boolean }
  | { kind: 'article-note'; id?: string; note: string; deleted?: boolean };

/** Write `articles/<id>/annotations.json` (checked against the library's schema). Returns the annotation ids. */
export async function setAnnotations(dir: string, articleId: string, specs: AnnotationSpec[]): Promise<string[]> {
  const time = '2024-06-01T00:00:00.000Z';
  const file: AnnotationsFile = {
    format: 1,
    annotations: specs.map((spec) => {
      const common = { id: spec.id ?? randomUUID(), created: time, modified: time, deleted: spec.deleted ? time : null };
      if (spec.kind === 'article-note') {
        return { ...common, kind: 'article-note', motivation: 'commenting', target: { source: articleId }, note: spec.note };
      }
      const note = spec.note ?? '';
      return {
        ...common,
        kind: 'highlight',
        motivation: note === '' ? 'highlighting' : 'commenting',
        target: {
          source: articleId,
          selector: [
            { type: 'TextQuoteSelector', exact: spec.quote, prefix: '', suffix: '' },
            { type: 'TextPositionSelector', start: 0, end: spec.quote.length },
          ],
        },
        color: spec.color ?? 'yellow',
        note,
        tags: spec.tags ?? [],
      };
    }),
  };
  v.parse(AnnotationsFileSchema, file);
  await writeFile(join(dir, 'articles', articleId, 'annotations.json'), `${JSON.stringify(file, null, 2)}\n`);
  return file.annotations.map((a) => a.id);
}

const running: SearchService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.close()));
});

/** A service on `dir` over the bundled worker, closed after the test; `logs` collects what it logged. */
export async function startService(dir: string, options: Partial<SearchServiceOptions> = {}) {
  const logs: string[] = [];
  const service = SearchService.start({
    libraryDir: dir,
    workerUrl: await workerUrl(),
    log: (message) => logs.push(message),
    refreshDelayMs: 20,
    ...options,
  });
  running.push(service);
  return { service, logs };
}

/** Close a service started by {@link startService} now (e.g. to reopen the library). */
export async function stopService(service: SearchService): Promise<void> {
  running.splice(running.indexOf(service), 1);
  await service.close();
}

type Filters = { colors?: HighlightColor[]; tags?: string[]; hasNotes?: boolean };

/** The query through the contract's input schema, the answer checked against its output schema. */
export async function search(
  service: { query: SearchService['query'] },
  query: string,
  filters: Filters = {},
  limit?: number,
): Promise<SearchAnswer> {
  const input = v.parse(SearchQueryInputSchema, limit === undefined ? { query, filters } : { query, filters, limit });
  const answer = await service.query(input);
  expect(() => v.parse(SearchAnswerSchema, answer)).not.toThrow();
  return answer;
}

/** The article ids of an answer, in order. */
export const ids = (answer: SearchAnswer) => answer.results.map((result) => result.articleId);
