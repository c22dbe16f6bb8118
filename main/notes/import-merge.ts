/**
 * Merging imported annotations into one article's annotations.json (a pure change of
 * the file's value, run inside the file's write queue by import.ts):
 *
 * - Same id already there: replaced (note, color, tags; a tombstone is revived) only
 *   when the imported `modified` is later; otherwise skipped. Selectors stay as they
 *   are here (this library's text is the truth). Import never destroys: a note here
 *   that the imported one replaces is kept below it, under a marker line
 *   ({@link previousNoteMarker}); when both together would be over the note size
 *   limit, the annotation is not replaced and a problem says so.
 * - Same quote and note as a live highlight here: skipped (a duplicate).
 * - New: stored with the imported id and timestamps. Placed by the anchoring: the
 *   imported selectors are kept when the quote is still at the imported position,
 *   otherwise they are described anew where it was found. Not placed (an orphan): kept
 *   with its quote and the imported position (or 0 to the quote's length when there was
 *   none), so the reader lists it under "Could not be placed", like any orphan.
 * - An article note when the article already has a different one: not added, reported
 *   (two live article notes would hide one).
 */
import * as v from 'valibot';
import { describeIssues } from '../../common/result';
import { MAX_NOTE_BYTES, type HighlightTarget } from '../../common/model';
import { describeRange } from '../../common/anchoring/describe';
import {
  StoredArticleNoteSchema,
  StoredHighlightSchema,
  motivationFor,
  uniqueTags,
  type AnnotationsFile,
  type StoredArticleNote,
  type StoredHighlight,
} from '../library/annotations-schema';
import type { ImportedAnnotation, ImportedArticleNote, ImportedHighlight } from './import-shape';

/** Where anchoring put an imported highlight in the article's text (`null`: an orphan). */
export type Placement = { start: number; end: number } | null;

export interface MergeTally {
  added: number;
  updated: number;
  skipped: number;
  orphaned: number;
  problems: string[];
}

export const emptyTally = (): MergeTally => ({ added: 0, updated: 0, skipped: 0, orphaned: 0, problems: [] });

/** The line an imported note puts above the note it replaced: `— previous note (kept on import, 2024-06-01) —`. */
export const previousNoteMarker = (importedOn: Date) => `— previous note (kept on import, ${importedOn.toISOString().slice(0, 10)}) —`;

/**
 * The note that replaces `local` when `imported` is newer: the imported text, then the
 * marker and the local text (nothing to keep when the local note is empty or the same).
 */
export function keepingPrevious(imported: string, local: string, importedOn: Date): string {
  if (local === '' || local === imported) return imported;
  return [imported, previousNoteMarker(importedOn), local].filter((part) => part !== '').join('\n\n');
}

/** Merge `items` (with their placements) into `file`, in place; answers whether anything changed. */
export function mergeInto(
  file: AnnotationsFile,
  articleId: string,
  text: string,
  items: readonly { item: ImportedAnnotation; placed: Placement }[],
  tally: MergeTally,
  /** When the import runs (the date on the marker above a kept note). */
  importedOn: Date = new Date(),
): boolean {
  let changed = false;
  for (const { item, placed } of items) {
    const existing = file.annotations.find((a) => a.id === item.id);
    if (existing) {
      if (existing.kind !== item.kind) {
        tally.skipped++;
        tally.problems.push(`Annotation ${item.index}: its id is already used by another kind of annotation in "${articleId}"`);
      } else if (Date.parse(item.modified) > Date.parse(existing.modified)) {
        const note = keepingPrevious(item.note, existing.note, importedOn);
        if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) {
          tally.skipped++;
          tally.problems.push(
            `Annotation ${item.index}: the note in "${articleId}" was kept as it is; with the imported one above it, it would be over ${MAX_NOTE_BYTES} bytes`,
          );
          continue;
        }
        if (existing.kind === 'highlight' && item.kind === 'highlight') {
          Object.assign(existing, {
            note,
            color: item.color,
            tags: uniqueTags(item.tags),
            motivation: motivationFor(note),
            modified: item.modified,
            deleted: null,
          });
        } else {
          Object.assign(existing, { note, modified: item.modified, deleted: null });
        }
        tally.updated++;
        changed = true;
      } else {
        tally.skipped++;
      }
      continue;
    }
    const record = item.kind === 'highlight' ? newHighlight(item, articleId, text, placed) : newArticleNote(item, articleId);
    if (item.kind === 'highlight') {
      const twin = file.annotations.find(
        (a) => a.kind === 'highlight' && a.deleted === null && a.target.selector[0].exact === item.quote.exact && a.note === item.note,
      );
      if (twin) {
        tally.skipped++;
        continue;
      }
    } else {
      const live = file.annotations.find((a) => a.kind === 'article-note' && a.deleted === null);
      if (live && live.note === item.note) {
        tally.skipped++;
        continue;
      }
      if (live) {
        tally.skipped++;
        tally.problems.push(`Annotation ${item.index}: "${articleId}" already has an article note; the imported one was not added`);
        continue;
      }
    }
    const schema = item.kind === 'highlight' ? StoredHighlightSchema : StoredArticleNoteSchema;
    const parsed = v.safeParse(schema, record);
    if (!parsed.success) {
      tally.skipped++;
      tally.problems.push(`Annotation ${item.index}: ${describeIssues(parsed.issues)}`);
      continue;
    }
    file.annotations.push(parsed.output);
    changed = true;
    if (item.kind === 'highlight' && placed === null) tally.orphaned++;
    else tally.added++;
  }
  return changed;
}

function newHighlight(item: ImportedHighlight, articleId: string, text: string, placed: Placement): StoredHighlight {
  let target: HighlightTarget;
  const { exact } = item.quote;
  if (placed && item.position?.start === placed.start && item.position.end === placed.end && text.slice(placed.start, placed.end) === exact) {
    target = { quote: { type: 'TextQuoteSelector', ...item.quote }, position: { type: 'TextPositionSelector', ...item.position } };
  } else if (placed) {
    target = describeRange(text, placed.start, placed.end);
  } else {
    const position = item.position ?? { start: 0, end: exact.length };
    target = { quote: { type: 'TextQuoteSelector', ...item.quote }, position: { type: 'TextPositionSelector', ...position } };
  }
  return {
    id: item.id,
    kind: 'highlight',
    created: item.created,
    modified: item.modified,
    motivation: motivationFor(item.note),
    target: { source: articleId, selector: [target.quote, target.position] },
    color: item.color,
    note: item.note,
    tags: uniqueTags(item.tags),
    deleted: null,
  };
}

function newArticleNote(item: ImportedArticleNote, articleId: string): StoredArticleNote {
  return {
    id: item.id,
    kind: 'article-note',
    created: item.created,
    modified: item.modified,
    motivation: 'commenting',
    target: { source: articleId },
    note: item.note,
    deleted: null,
  };
}
