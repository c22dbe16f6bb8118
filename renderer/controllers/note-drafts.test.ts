// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { NoteDrafts } from './note-drafts';

describe('NoteDrafts', () => {
  it('is pending from the first keystroke until the save is done, and says so when it is done', async () => {
    let finish: () => void = () => {};
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const changes: boolean[] = [];
    const drafts: NoteDrafts = new NoteDrafts(write, () => changes.push(drafts.pending), 10_000, () => null);
    drafts.set('a', 'h1', 'A note');
    expect(drafts.pending).toBe(true);
    const saving = drafts.flush('a', 'h1');
    await vi.waitFor(() => expect(write).toHaveBeenCalledOnce());
    expect(drafts.pending).toBe(true);
    finish();
    await saving;
    await vi.waitFor(() => expect(drafts.pending).toBe(false));
    // The last word the host heard is "not pending", so "Saving…" does not stay up.
    expect(changes.at(-1)).toBe(false);
  });
});
