/**
 * One article folder as the search worker reads it: article.json through the
 * library's schema, text.txt, and annotations.json through the library's judge.
 * Unreadable files are skipped, never thrown (the library quarantines them).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { judgeAnnotations, ANNOTATIONS_FILE, type AnnotationsFile } from '../library/annotations-schema';
import { paths, readIfExists } from '../library/layout';
import { ArticleRecordSchema } from '../library/schema';
import type { IndexAnnotation, IndexDoc } from './types';

/** What reading one folder found. */
export type ReadArticle = { kind: 'doc'; doc: IndexDoc } | { kind: 'gone' } | { kind: 'unreadable'; reason: string };

const annotationsPath = (dir: string, id: string) => join(paths.article(dir, id), ANNOTATIONS_FILE);

async function statPart(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return '-';
  }
}

/**
 * What the article's files look like without reading them: size and mtime of
 * article.json (title, tags, contentHash…), text.txt and annotations.json.
 * Null when article.json is missing (the article is gone).
 */
export async function fingerprintOf(dir: string, id: string): Promise<string | null> {
  const [article, text, annotations] = await Promise.all([
    statPart(paths.articleJson(dir, id)),
    statPart(paths.textTxt(dir, id)),
    statPart(annotationsPath(dir, id)),
  ]);
  return article === '-' ? null : `${article}|${text}|${annotations}`;
}

function liveAnnotations(file: AnnotationsFile): IndexAnnotation[] {
  return file.annotations.flatMap((a): IndexAnnotation[] => {
    if (a.deleted !== null) return [];
    if (a.kind === 'article-note') {
      return a.note.trim() === '' ? [] : [{ id: a.id, kind: a.kind, quote: '', note: a.note, tags: [], color: null }];
    }
    const [quote] = a.target.selector;
    return [{ id: a.id, kind: a.kind, quote: quote.exact, note: a.note, tags: a.tags, color: a.color }];
  });
}

async function readAnnotations(dir: string, id: string): Promise<{ list: IndexAnnotation[]; problem?: string }> {
  const path = annotationsPath(dir, id);
  try {
    const raw = await readIfExists(path);
    if (raw === undefined) return { list: [] };
    const judged = judgeAnnotations(path, id, raw);
    return 'value' in judged ? { list: liveAnnotations(judged.value) } : { list: [], problem: judged.reason };
  } catch (error) {
    return { list: [], problem: (error as Error).message };
  }
}

/** Read article `id` of the library in `dir`. `log` hears about files that were skipped. */
export async function readArticle(dir: string, id: string, log: (message: string) => void): Promise<ReadArticle> {
  const fingerprint = await fingerprintOf(dir, id);
  if (fingerprint === null) return { kind: 'gone' };
  try {
    const raw = await readIfExists(paths.articleJson(dir, id));
    if (raw === undefined) return { kind: 'gone' };
    const parsed = v.safeParse(ArticleRecordSchema, JSON.parse(raw));
    if (!parsed.success || parsed.output.id !== id) return { kind: 'unreadable', reason: 'article.json does not match the article schema' };
    const record = parsed.output;
    const text = (await readIfExists(paths.textTxt(dir, id))) ?? '';
    const annotations = await readAnnotations(dir, id);
    if (annotations.problem) log(`search: skipped the annotations of "${id}": ${annotations.problem}`);
    const doc: IndexDoc = {
      id,
      fingerprint,
      title: record.title,
      byline: record.byline,
      site: record.site,
      savedAt: record.savedAt,
      tags: record.tags,
      text,
      annotations: annotations.list,
    };
    return { kind: 'doc', doc };
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  }
}
