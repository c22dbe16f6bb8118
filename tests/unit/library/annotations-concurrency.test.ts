/**
 * Two callers change one article's annotations at the same time and nothing is lost:
 * 1,000 interleaved operations, issued in concurrent batches from two separate
 * AnnotationStore instances on one folder, against a simple in-memory model.
 *
 * Within a batch every operation touches a different highlight (and at most one sets
 * the article note), so the batch's outcome does not depend on the order the writes
 * land in — any lost read-modify-write shows up as a difference from the model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../../main/library';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../common/colors';
import { BODY, readAnnotations, setup, targetAt } from './annotations-helpers';

const OPERATIONS = 1_000;

type Patch = { color?: HighlightColor; note?: string; tags?: string[] };
type Op =
  | { kind: 'create'; color: HighlightColor; note: string; tags: string[]; start: number; length: number }
  | { kind: 'update'; pick: number; patch: Patch }
  | { kind: 'delete'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'note'; note: string };
/** `caller` picks the store; `cut` ends the batch after this operation. */
type Step = { op: Op; caller: 0 | 1; cut: boolean };

interface ModelHighlight {
  color: HighlightColor;
  note: string;
  tags: string[];
  deleted: boolean;
}

const color = fc.constantFrom(...HIGHLIGHT_COLORS);
const note = fc.oneof(fc.constant(''), fc.string({ maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const tags = fc.array(fc.constantFrom('a', 'A', 'b', 'B', 'ç', 'Ç', 'long-tag'), { maxLength: 5 });
const patch = fc
  .record({ color, note, tags }, { requiredKeys: [] })
  .filter((p) => p.color !== undefined || p.note !== undefined || p.tags !== undefined);

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), color, note, tags, start: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), patch }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), note }) },
);
const step: fc.Arbitrary<Step> = fc.record({
  op,
  caller: fc.constantFrom(0 as const, 1 as const),
  cut: fc.integer({ min: 0, max: 11 }).map((n) => n === 0),
});

/** What the store keeps of tags: first spelling of each, case-insensitively. */
function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((tag) => {
    const key = tag.normalize('NFC').toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function batches(steps: readonly Step[]): Step[][] {
  const out: Step[][] = [[]];
  for (const s of steps) {
    out.at(-1)!.push(s);
    if (s.cut) out.push([]);
  }
  return out.filter((b) => b.length > 0);
}

describe('AnnotationStore under concurrent callers', () => {
  it(`loses nothing over ${OPERATIONS} interleaved operations from two stores on one folder`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: OPERATIONS, maxLength: OPERATIONS }), async (steps) => {
        const { dir } = await setup();
        const stores = [new AnnotationStore(dir), new AnnotationStore(dir)] as const;
        const model = new Map<string, ModelHighlight>();
        const order: string[] = [];
        let articleNote: string | null = null;

        for (const batch of batches(steps)) {
          const used = new Set<string>();
          let noteSet = false;
          const calls: Promise<void>[] = [];
          const effects: (() => void)[] = [];
          for (const { op: wanted, caller } of batch) {
            const store = stores[caller];
            let op = wanted;
            // A second touch of one highlight (or of the note) in a batch would race: make it a create.
            if (op.kind === 'update' || op.kind === 'delete' || op.kind === 'restore') {
              const id = order.length ? order[op.pick % order.length]! : undefined;
              if (id === undefined || used.has(id)) op = { kind: 'create', color: 'yellow', note: '', tags: [], start: op.pick, length: 3 };
              else used.add(id);
            } else if (op.kind === 'note') {
              if (noteSet) op = { kind: 'create', color: 'green', note: op.note, tags: [], start: 0, length: 5 };
              noteSet = true;
            }
            switch (op.kind) {
              case 'create': {
                const start = op.start % (BODY.length - op.length);
                const { color: c, note: n, tags: t } = op;
                calls.push(
                  store.create({ articleId: 'a', target: targetAt(BODY, start, start + op.length), color: c, note: n, tags: t }).then((h) => {
                    effects.push(() => {
                      model.set(h.id, { color: c, note: n, tags: unique(t), deleted: false });
                      order.push(h.id);
                    });
                  }),
                );
                break;
              }
              case 'update': {
                const id = order[op.pick % order.length]!;
                const p = op.patch;
                calls.push(store.update({ articleId: 'a', id, patch: p }).then(() => undefined));
                effects.push(() => {
                  const h = model.get(id)!;
                  model.set(id, { ...h, color: p.color ?? h.color, note: p.note ?? h.note, tags: p.tags ? unique(p.tags) : h.tags });
                });
                break;
              }
              case 'delete':
              case 'restore': {
                const id = order[op.pick % order.length]!;
                const deleted = op.kind === 'delete';
                calls.push(store[op.kind]({ articleId: 'a', id }).then(() => undefined));
                effects.push(() => {
                  model.set(id, { ...model.get(id)!, deleted });
                });
                break;
              }
              case 'note': {
                const text = op.note;
                calls.push(store.setArticleNote('a', text).then(() => undefined));
                effects.push(() => {
                  articleNote = text;
                });
                break;
              }
            }
          }
          await Promise.all(calls);
          for (const effect of effects) effect();
        }

        // The file: every highlight the model knows, tombstones included, as the model has it.
        const file = await readAnnotations(dir);
        const stored = new Map(
          file.annotations.flatMap((a) =>
            a.kind === 'highlight' ? [[a.id, { color: a.color, note: a.note, tags: a.tags, deleted: a.deleted !== null }] as const] : [],
          ),
        );
        expect(stored).toEqual(model);
        const notes = file.annotations.filter((a) => a.kind === 'article-note');
        expect(notes.map((n) => n.note)).toEqual(articleNote === null ? [] : [articleNote]);

        // A fresh store sees the live ones.
        const listed = await new AnnotationStore(dir).list('a');
        const live = [...model].filter(([, h]) => !h.deleted);
        expect(new Map(listed.highlights.map((h) => [h.id, { color: h.color, note: h.note, tags: h.tags, deleted: false }]))).toEqual(
          new Map(live),
        );
        expect(listed.articleNote?.note ?? null).toBe(articleNote);
      }),
      { numRuns: 1 },
    );
  }, 60_000);

  it('keeps both of two concurrent changes to different fields of one highlight', async () => {
    const { dir, store } = await setup();
    const other = new AnnotationStore(dir);
    const made = await store.create({ articleId: 'a', target: targetAt(BODY, 4, 9), color: 'yellow', note: '', tags: [] });
    await Promise.all([
      store.update({ articleId: 'a', id: made.id, patch: { color: 'blue' } }),
      other.update({ articleId: 'a', id: made.id, patch: { note: 'typed' } }),
      store.update({ articleId: 'a', id: made.id, patch: { tags: ['x'] } }),
      other.setArticleNote('a', 'about it'),
    ]);
    const { highlights, articleNote } = await new AnnotationStore(dir).list('a');
    expect(highlights).toMatchObject([{ id: made.id, color: 'blue', note: 'typed', tags: ['x'] }]);
    expect(articleNote?.note).toBe('about it');
  });
});
