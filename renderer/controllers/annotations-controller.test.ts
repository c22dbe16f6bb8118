// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleAnnotations, ArticleNote, Highlight, HighlightTarget } from '../../common/model';
import { LecternError } from '../bridge';
import { AnnotationsController, NOTE_SAVE_DELAY_MS } from './annotations-controller';
import { DRAFT_SEND_DELAY_MS } from './note-drafts';

const ARTICLE = 'story';
const TEXT = 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota.';
const at = (quote: string): HighlightTarget => {
  const start = TEXT.indexOf(quote);
  return {
    quote: { type: 'TextQuoteSelector', exact: quote, prefix: TEXT.slice(Math.max(0, start - 32), start), suffix: TEXT.slice(start + quote.length, start + quote.length + 32) },
    position: { type: 'TextPositionSelector', start, end: start + quote.length },
  };
};
let ids = 0;
const highlight = (quote: string, extra: Partial<Highlight> = {}): Highlight => ({
  id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  articleId: ARTICLE,
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  motivation: 'highlighting',
  target: at(quote),
  color: 'yellow',
  note: '',
  tags: [],
  ...extra,
});

/** An in-memory bridge that records calls; `hold` makes the next saves wait until released. */
function fakeBridge(initial: Highlight[] = []) {
  const state: ArticleAnnotations = { articleId: ARTICLE, highlights: [...initial], articleNote: null };
  const calls: string[] = [];
  /** What reached main's drafts (drafts:put), in order. */
  const sent: string[] = [];
  let gate: Promise<void> | null = null;
  let failNext = false;
  const pass = async () => {
    if (gate) await gate;
    if (failNext) {
      failNext = false;
      throw new LecternError('io', 'disk full');
    }
  };
  const bridge = {
    listAnnotations: vi.fn(async () => structuredClone(state)),
    createHighlight: vi.fn(async (input: { target: HighlightTarget; color: Highlight['color'] }) => {
      const created = highlight(input.target.quote.exact, { color: input.color });
      state.highlights.push(created);
      return created;
    }),
    updateHighlight: vi.fn(async (_a: string, id: string, patch: Partial<Pick<Highlight, 'color' | 'note' | 'tags'>>) => {
      calls.push(`update ${JSON.stringify(patch)}`);
      await pass();
      const i = state.highlights.findIndex((h) => h.id === id);
      state.highlights[i] = { ...state.highlights[i]!, ...patch };
      return structuredClone(state.highlights[i]!);
    }),
    deleteHighlight: vi.fn(async (_a: string, id: string) => {
      const found = state.highlights.find((h) => h.id === id)!;
      state.highlights = state.highlights.filter((h) => h.id !== id);
      return found;
    }),
    restoreHighlight: vi.fn(),
    setArticleNote: vi.fn(async (_a: string, note: string): Promise<ArticleNote> => {
      calls.push(`article ${note}`);
      await pass();
      state.articleNote = { id: '00000000-0000-4000-8000-aaaaaaaaaaaa', articleId: ARTICLE, created: '', modified: '', note };
      return state.articleNote;
    }),
    getColorNames: vi.fn(async () => ({ yellow: 'Main', green: 'Evidence', blue: 'Question', pink: 'Disagree', purple: 'Follow up' })),
    renameColor: vi.fn(),
    /** Main's drafts: what was put last per note, and what listDrafts answers. */
    putDraft: vi.fn(async (_a: string, target: string, text: string) => {
      sent.push(`${target === 'article' ? 'article' : 'highlight'}: ${text}`);
      return null;
    }),
    listDrafts: vi.fn(async (): Promise<{ target: string; text: string; at: string }[]> => []),
  };
  return {
    state,
    calls,
    sent,
    bridge,
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    failNext() {
      failNext = true;
    },
  };
}

function setup(initial: Highlight[] = []) {
  const fake = fakeBridge(initial);
  const errors: string[] = [];
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  const controller = new AnnotationsController(host, (m) => errors.push(m), fake.bridge as never);
  return { ...fake, controller, errors };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('load and setText', () => {
  it('places highlights in document order and lists the unplaceable ones as orphans', async () => {
    const gone = highlight('omega psi');
    gone.target = { ...gone.target, position: { type: 'TextPositionSelector', start: 40, end: 49 } };
    const { controller } = setup([highlight('Eta theta'), highlight('Alpha beta'), gone]);
    await controller.load(ARTICLE);
    expect(controller.placed).toEqual([]); // no text yet
    controller.setText(ARTICLE, TEXT);
    expect(controller.placed.map((p) => [p.highlight.target.quote.exact, p.start, p.end])).toEqual([
      ['Alpha beta', 0, 10],
      ['Eta theta', 38, 47],
    ]);
    expect(controller.orphans.map((h) => h.target.quote.exact)).toEqual(['omega psi']);
  });

  it('anchors whichever arrives first: the text or the annotations', async () => {
    const { controller } = setup([highlight('Delta')]);
    const loading = controller.load(ARTICLE);
    controller.setText(ARTICLE, TEXT);
    await loading;
    expect(controller.placed.map((p) => p.start)).toEqual([18]);
  });
});

describe('notes', () => {
  it('saves a note once, NOTE_SAVE_DELAY_MS after the last keystroke, and shows the draft meanwhile', async () => {
    const h = highlight('Alpha beta');
    const { controller, calls } = setup([h]);
    await controller.load(ARTICLE);
    controller.setText(ARTICLE, TEXT);
    controller.draftNote(h.id, 'W');
    controller.draftNote(h.id, 'Wh');
    controller.draftNote(h.id, 'Why');
    expect(controller.noteOf(h.id)).toBe('Why');
    expect(controller.placed[0]!.highlight.note).toBe('Why');
    await vi.advanceTimersByTimeAsync(NOTE_SAVE_DELAY_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['update {"note":"Why"}']);
    expect(controller.pending).toBe(false);
  });

  it('hands the draft to main within DRAFT_SEND_DELAY_MS, also while the reader keeps typing, and not after the save', async () => {
    const h = highlight('Alpha beta');
    const { controller, sent, calls } = setup([h]);
    await controller.load(ARTICLE);
    controller.draftNote(h.id, 'W');
    await vi.advanceTimersByTimeAsync(DRAFT_SEND_DELAY_MS - 1);
    controller.draftNote(h.id, 'Wh');
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['highlight: Wh']);
    // Typing on, a key every 60 ms: main is never more than DRAFT_SEND_DELAY_MS behind.
    for (const text of ['Why', 'Why?', 'Why? B', 'Why? Be']) {
      controller.draftNote(h.id, text);
      await vi.advanceTimersByTimeAsync(60);
    }
    expect(sent).toEqual(['highlight: Wh', 'highlight: Why?', 'highlight: Why? Be']);
    await controller.flushNote(h.id);
    await vi.advanceTimersByTimeAsync(NOTE_SAVE_DELAY_MS);
    expect(calls).toEqual(['update {"note":"Why? Be"}']);
    expect(sent).toHaveLength(3); // the save carried it; nothing sent after
  });

  it('sends the draft to main again when its save failed', async () => {
    const h = highlight('Alpha beta');
    const { controller, sent, failNext } = setup([h]);
    await controller.load(ARTICLE);
    controller.draftNote(h.id, 'kept');
    failNext();
    await controller.flushNote(h.id);
    await settle();
    expect(sent).toEqual(['highlight: kept']);
    expect(controller.pending).toBe(true);
  });

  it('shows and saves a note main kept from a window that closed or crashed; a draft typed here wins', async () => {
    const h = highlight('Alpha beta', { note: 'saved' });
    const other = highlight('Delta epsilon', { note: 'saved too' });
    const { controller, bridge, calls } = setup([h, other]);
    bridge.listDrafts.mockResolvedValueOnce([
      { target: h.id, text: 'saved, and typed before the crash', at: '2024-01-02T00:00:00.000Z' },
      { target: 'article', text: 'The article note, never saved', at: '2024-01-02T00:00:00.000Z' },
      { target: '00000000-0000-4000-8000-999999999999', text: 'of a highlight that is gone', at: '2024-01-02T00:00:00.000Z' },
    ]);
    await controller.load(ARTICLE);
    await settle();
    expect(controller.noteOf(h.id)).toBe('saved, and typed before the crash');
    expect(controller.articleNoteText).toBe('The article note, never saved');
    await settle();
    expect(calls.sort()).toEqual(['article The article note, never saved', 'update {"note":"saved, and typed before the crash"}']);

    localStorage.setItem(`lectern:draft:${ARTICLE}:${other.id}`, 'typed here, newer');
    bridge.listDrafts.mockResolvedValueOnce([{ target: other.id, text: 'older, from main', at: '2024-01-02T00:00:00.000Z' }]);
    await controller.load(ARTICLE);
    await settle();
    expect(controller.noteOf(other.id)).toBe('typed here, newer');
  });

  it('keeps typing made during a save and writes it after, in order', async () => {
    const h = highlight('Alpha beta');
    const { controller, calls, state, hold } = setup([h]);
    await controller.load(ARTICLE);
    const release = hold();
    controller.draftNote(h.id, 'one');
    const first = controller.flushNote(h.id);
    await settle();
    controller.draftNote(h.id, 'one two');
    const second = controller.flushNote(h.id);
    expect(controller.noteOf(h.id)).toBe('one two');
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['update {"note":"one"}', 'update {"note":"one two"}']);
    expect(state.highlights[0]!.note).toBe('one two');
    expect(controller.noteOf(h.id)).toBe('one two');
    expect(controller.pending).toBe(false);
  });

  it('keeps a draft in localStorage until main has it, and saves a leftover one on the next load', async () => {
    const h = highlight('Alpha beta');
    const first = setup([h]);
    await first.controller.load(ARTICLE);
    first.controller.draftNote(h.id, 'typed before the window closed');
    expect(Object.values({ ...localStorage })).toContain('typed before the window closed');
    first.failNext();
    await first.controller.flushNote(h.id);
    expect(first.errors).toEqual([
      'Your note could not be saved; it is kept and will be saved again. disk full',
    ]);
    expect(first.controller.noteOf(h.id)).toBe('typed before the window closed');

    // A new window (same localStorage), the note never reached main.
    const second = setup([{ ...h }]);
    await second.controller.load(ARTICLE);
    await settle();
    expect(second.calls).toEqual(['update {"note":"typed before the window closed"}']);
    await settle();
    expect(Object.keys({ ...localStorage }).filter((k) => k.startsWith('lectern:draft:'))).toEqual([]);
  });

  it('saves a note typed just before leaving the article to that article, at once', async () => {
    const h = highlight('Alpha beta');
    const { controller, calls, bridge } = setup([h]);
    await controller.load(ARTICLE);
    controller.draftNote(h.id, 'last thought');
    controller.close();
    await settle();
    expect(calls).toEqual(['update {"note":"last thought"}']);
    expect(bridge.updateHighlight).toHaveBeenCalledWith(ARTICLE, h.id, { note: 'last thought' });
    expect(Object.keys({ ...localStorage }).filter((k) => k.startsWith('lectern:draft:'))).toEqual([]);
  });

  it('saves the article note the same way, at once when the page is hidden', async () => {
    const { controller, calls } = setup();
    controller.hostConnected();
    await controller.load(ARTICLE);
    controller.draftArticleNote('# Summary');
    expect(controller.articleNoteText).toBe('# Summary');
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(calls).toEqual(['article # Summary']); // before the debounce ran out
    expect(controller.articleNote?.note).toBe('# Summary');
    controller.hostDisconnected();
  });
});

describe('create, delete, colors', () => {
  it('remembers the last color across controllers', async () => {
    const { controller } = setup();
    await controller.load(ARTICLE);
    controller.setText(ARTICLE, TEXT);
    await controller.create(at('Delta'), 'pink', { start: 18, end: 23 });
    expect(controller.placed.map((p) => [p.highlight.color, p.start])).toEqual([['pink', 18]]);
    expect(setup().controller.lastColor).toBe('pink');
  });

  it('saves a pending note before deleting', async () => {
    const h = highlight('Alpha beta');
    const { controller, calls, bridge } = setup([h]);
    await controller.load(ARTICLE);
    controller.setText(ARTICLE, TEXT);
    controller.draftNote(h.id, 'last words');
    const deleted = await controller.remove(h.id);
    expect(deleted?.note).toBe('last words');
    expect(calls).toEqual(['update {"note":"last words"}']);
    expect(bridge.deleteHighlight).toHaveBeenCalledOnce();
    expect(controller.placed).toEqual([]);
  });
});
