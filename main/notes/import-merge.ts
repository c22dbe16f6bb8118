/**
 * Merging imported annotations into one article's annotations.json (a pure change of
 * the file's value, run inside the file's write queue by import.ts):
 *
 * - Same id already there: replaced (note, color, tags; a tombstone is revived) only
 *   when the imported `modified` is later; otherwise skipped. Selectors stay as they
 *   are here (this library's text is the truth).
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
import type { HighlightTarget } from '../../common/model';
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

/** Merge `items` (with their placements) into `file`, in place; answers whether anything changed. */
export function mergeInto(
  file: AnnotationsFile,
  articleId: string,
  text: string,
  items: readonly { item: ImportedAnnotation; placed: Placement }[],
  tally: MergeTally,
): boolean {
  let changed = false;
  for (const { item, placed } of items) {
    const existing = file.annotations.find((a) => a.id === item.id);
    if (existing) {
      if (existing.kind !== item.kind) {
        tally.skipped++;
        tally.problems.push(`Annotation ${item.index}: its id is already used by another kind of annotation in "${articleId}"`);
      } else if (Date.parse(item.modified) > Date.parse(existing.modified)) {
        if (existing.kind === 'highlight' && item.kind === 'highlight') {
          Object.assign(existing, {
            note: item.note,
            color: item.color,
            tags: uniqueTags(item.tags),
            motivation: motivationFor(item.note),
            modified: item.modified,
            deleted: null,
          });
        } else {
          Object.assign(existing, { note: item.note, modified: item.modified, deleted: null });
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
