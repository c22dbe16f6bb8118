/**
 * Highlights and notes of each article (ARCHITECTURE.md §4), in
 * `articles/<id>/annotations.json` (format: annotations-schema.ts).
 *
 * Every change is a read-modify-write inside that file's write queue, so callers
 * sharing a process — two stores on one folder included — never lose an update.
 * Deleting leaves a tombstone; an unreadable file is quarantined and reported, then
 * counts as empty (its bytes are safe in `.quarantine/`, so writing anew is fine).
 * Answers are the contract's view objects; failures are LibraryErrors. Inputs arrive
 * parsed (the dispatcher parses each payload once, ARCHITECTURE.md §8): the store
 * checks only what no schema can — the id before it names a folder, the note's
 * bytes, the quote against the article's text.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { MAX_NOTE_BYTES, type ArticleAnnotations, type ArticleNote, type Highlight } from '../../common/model';
import { checkId } from './article-id';
import type { AnnotationService } from './services';
import {
  ANNOTATIONS_FILE,
  compareHighlights,
  emptyAnnotations,
  judgeAnnotations,
  motivationFor,
  toArticleNote,
  toHighlight,
  uniqueTags,
  type AnnotationsFile,
  type StoredArticleNote,
  type StoredHighlight,
} from './annotations-schema';
import { articleTextLength } from './article-text';
import { requireArticleFolder } from './containment';
import { LibraryError, errorCode, withKept } from './errors';
import { readJsonFile, updateJsonFile, type Change, type JsonFileSpec } from './json-file';
import { ARTICLES_DIR, exists, paths } from './layout';

export interface AnnotationStoreOptions {
  /** The clock (created, modified, deleted, quarantine names). */
  now?: () => Date;
  /** Annotation ids; `crypto.randomUUID` when absent. */
  newId?: () => string;
}

type CreateInput = Parameters<AnnotationService['create']>[0];
type UpdateInput = Parameters<AnnotationService['update']>[0];
type Ref = Parameters<AnnotationService['delete']>[0];

export class AnnotationStore implements AnnotationService {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(dir: string, options: AnnotationStoreOptions = {}) {
    this.dir = resolve(dir);
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? (() => randomUUID());
  }

  /** Live highlights in document order (start, then created), and the article note or null. */
  async list(articleId: string): Promise<ArticleAnnotations> {
    checkId(articleId);
    await this.#checkArticle(articleId);
    const file = await readJsonFile(this.#spec(articleId));
    return {
      articleId,
      highlights: highlightsOf(file)
        .filter((h) => h.deleted === null)
        .sort(compareHighlights)
        .map(toHighlight),
      articleNote: liveArticleNote(file) ?? null,
    };
  }

  /**
   * Add a highlight. With an `id` the create is idempotent: when a highlight with that
   * id exists already (a retried call whose first answer was lost) it is returned
   * unchanged, nothing is written; the same id with another target is invalid-input.
   */
  async create(input: CreateInput): Promise<Highlight> {
    const { articleId, target, color, note, tags } = input;
    checkId(articleId);
    checkNote(note);
    const { quote, position } = target;
    if (quote.exact.length !== position.end - position.start) {
      throw new LibraryError(
        'invalid-input',
        `The quote has ${quote.exact.length} characters but the position selector spans ${position.end - position.start} (${position.start} to ${position.end})`,
      );
    }
    await this.#checkArticle(articleId);
    const kept = 'Your highlight was not saved; the article and its other highlights are unchanged.';
    const length = await articleTextLength(this.dir, articleId).catch((error: unknown) => {
      throw error instanceof LibraryError && error.code === 'io' ? withKept(error, kept) : error;
    });
    if (position.end > length) {
      throw new LibraryError(
        'invalid-input',
        `The highlight ends at ${position.end}, past the end of the article text (${length} characters)`,
      );
    }
    return this.#change(articleId, kept, (file) => {
      if (input.id !== undefined) {
        const existing = file.annotations.find((a) => a.id === input.id);
        if (existing) {
          if (existing.kind === 'highlight' && sameTarget(existing, target)) return { result: toHighlight(existing) };
          throw new LibraryError(
            'invalid-input',
            `The id "${input.id}" already belongs to another ${existing.kind === 'highlight' ? 'highlight' : 'note'} in article "${articleId}"; nothing was changed.`,
          );
        }
      }
      const now = this.#now().toISOString();
      const record: StoredHighlight = {
        id: input.id ?? this.#newId(),
        kind: 'highlight',
        created: now,
        modified: now,
        motivation: motivationFor(note),
        target: {
          source: articleId,
          selector: [
            { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
            { type: 'TextPositionSelector', start: position.start, end: position.end },
          ],
        },
        color,
        note,
        tags: uniqueTags(tags),
        deleted: null,
      };
      file.annotations.push(record);
      return { result: toHighlight(record), next: file };
    });
  }

  /**
   * Change a highlight's color, note or tags; `modified` moves on. A patch that changes
   * nothing writes nothing. A deleted highlight may be changed too (it stays deleted,
   * and a restore brings the change back): a note typed just before a delete is kept.
   */
  async update(input: UpdateInput): Promise<Highlight> {
    const { articleId, id, patch } = input;
    checkId(articleId);
    if (patch.note !== undefined) checkNote(patch.note);
    await this.#checkArticle(articleId);
    const kept = 'The change was not saved; the highlight is as it was.';
    return this.#change(articleId, kept, (file) => {
      const record = findHighlight(file, articleId, id);
      const tags = patch.tags === undefined ? record.tags : uniqueTags(patch.tags);
      const color = patch.color ?? record.color;
      const note = patch.note ?? record.note;
      if (color === record.color && note === record.note && sameList(tags, record.tags)) {
        return { result: toHighlight(record) };
      }
      Object.assign(record, { color, note, tags, motivation: motivationFor(note), modified: this.#now().toISOString() });
      return { result: toHighlight(record), next: file };
    });
  }

  /** Leave a tombstone (`deleted` set, everything else kept). Deleting a deleted highlight changes nothing. */
  async delete(ref: Ref): Promise<Highlight> {
    const { articleId, id } = ref;
    checkId(articleId);
    await this.#checkArticle(articleId);
    return this.#change(articleId, 'The highlight was not deleted; it is as it was.', (file) => {
      const record = findHighlight(file, articleId, id);
      if (record.deleted !== null) return { result: toHighlight(record) };
      const now = this.#now().toISOString();
      Object.assign(record, { deleted: now, modified: now });
      return { result: toHighlight(record), next: file };
    });
  }

  /** Undo a delete. Restoring a live highlight changes nothing. */
  async restore(ref: Ref): Promise<Highlight> {
    const { articleId, id } = ref;
    checkId(articleId);
    await this.#checkArticle(articleId);
    return this.#change(articleId, 'The highlight was not restored; it is still deleted.', (file) => {
      const record = findHighlight(file, articleId, id);
      if (record.deleted === null) return { result: toHighlight(record) };
      Object.assign(record, { deleted: null, modified: this.#now().toISOString() });
      return { result: toHighlight(record), next: file };
    });
  }

  /** Set (or replace) the article-level note; created on first use. */
  async setArticleNote(articleId: string, note: string): Promise<ArticleNote> {
    checkId(articleId);
    checkNote(note);
    await this.#checkArticle(articleId);
    return this.#change(articleId, 'The article note was not saved; the note on disk is as it was.', (file) => {
      const now = this.#now().toISOString();
      const existing = liveArticleNoteRecord(file);
      if (existing) {
        if (existing.note === note) return { result: toArticleNote(existing) };
        Object.assign(existing, { note, modified: now });
        return { result: toArticleNote(existing), next: file };
      }
      const record: StoredArticleNote = {
        id: this.#newId(),
        kind: 'article-note',
        created: now,
        modified: now,
        motivation: 'commenting',
        target: { source: articleId },
        note,
        deleted: null,
      };
      file.annotations.push(record);
      return { result: toArticleNote(record), next: file };
    });
  }

  #spec(articleId: string): JsonFileSpec<AnnotationsFile> {
    const file = `${ARTICLES_DIR}/${articleId}/${ANNOTATIONS_FILE}`;
    return {
      dir: this.dir,
      file,
      quarantineName: `${articleId}-${ANNOTATIONS_FILE}`,
      judge: (raw) => judgeAnnotations(join(this.dir, file), articleId, raw),
      empty: emptyAnnotations,
      now: this.#now,
    };
  }

  /**
   * Change annotations.json in its queue. A failure says what was kept (`kept`); an
   * ENOENT from inside the write is not-found only when the article is really gone
   * (trashed while the change was under way), else an I/O error (ARCHITECTURE.md §3).
   */
  async #change<R>(
    articleId: string,
    kept: string,
    change: (file: AnnotationsFile) => Change<AnnotationsFile, R>,
  ): Promise<R> {
    try {
      return await updateJsonFile(this.#spec(articleId), change);
    } catch (error) {
      if (!(error instanceof LibraryError) || error.code !== 'io') throw error;
      if (errorCode(error.cause) === 'ENOENT' && !(await exists(paths.articleJson(this.dir, articleId)).catch(() => true))) {
        throw new LibraryError('not-found', `No article with id "${articleId}" (it was moved or deleted meanwhile). ${kept}`, {
          cause: error,
        });
      }
      throw withKept(error, kept);
    }
  }

  /** An article is there when its folder is a real folder inside the library and its article.json is there. */
  async #checkArticle(articleId: string): Promise<void> {
    await requireArticleFolder(this.dir, articleId);
    if (!(await exists(paths.articleJson(this.dir, articleId)))) {
      throw new LibraryError('not-found', `No article with id "${articleId}"`);
    }
  }
}

function checkNote(note: string): void {
  const bytes = Buffer.byteLength(note, 'utf8');
  if (bytes > MAX_NOTE_BYTES) {
    throw new LibraryError('too-large', `The note is ${bytes} bytes; a note may be at most ${MAX_NOTE_BYTES} bytes`);
  }
}

const highlightsOf = (file: AnnotationsFile) =>
  file.annotations.filter((a): a is StoredHighlight => a.kind === 'highlight');

/** The live article note; if a merge ever left several, the earliest created. */
function liveArticleNoteRecord(file: AnnotationsFile): StoredArticleNote | undefined {
  return file.annotations
    .filter((a): a is StoredArticleNote => a.kind === 'article-note' && a.deleted === null)
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created))[0];
}

function liveArticleNote(file: AnnotationsFile): ArticleNote | undefined {
  const record = liveArticleNoteRecord(file);
  return record && toArticleNote(record);
}

function findHighlight(file: AnnotationsFile, articleId: string, id: string): StoredHighlight {
  const record = highlightsOf(file).find((h) => h.id === id);
  if (!record) throw new LibraryError('not-found', `No highlight with id "${id}" in article "${articleId}"`);
  return record;
}

/** Whether a stored highlight has this target (quote and position). */
function sameTarget(record: StoredHighlight, target: CreateInput['target']): boolean {
  const [quote, position] = record.target.selector;
  return (
    quote.exact === target.quote.exact &&
    quote.prefix === target.quote.prefix &&
    quote.suffix === target.quote.suffix &&
    position.start === target.position.start &&
    position.end === target.position.end
  );
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
