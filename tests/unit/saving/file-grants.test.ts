/** Dropped-file grants: `library:add-files` reads only paths main handed out (ARCHITECTURE.md §5). */
import { describe, expect, it, vi } from 'vitest';
import { FileGrants, GRANT_TTL_MS, MAX_GRANTS } from '../../../main/saving/file-grants';
import { ArticleSaving, type Importer } from '../../../main/saving/article-saving';
import { grantHandler } from '../../../main/electron/file-grants';
import { GRANT_DROPPED_FILES_CHANNEL } from '../../../common/ipc';
import { markdownFile, realServices } from '../real-services';
import { hashTree } from '../bridge-fuzz-kit';

describe('FileGrants', () => {
  it('lets each granted path be taken once, all or nothing', () => {
    const grants = new FileGrants();
    grants.grant(1, ['/home/r/a.md', '/home/r/b.md']);
    // One path never granted: nothing is used, and that path is named.
    expect(grants.take(1, ['/home/r/a.md', '/etc/passwd'])).toEqual(['/etc/passwd']);
    expect(grants.take(1, ['/home/r/a.md', '/home/r/a.md', '/home/r/b.md'])).toEqual([]);
    // Used: a second call is refused.
    expect(grants.take(1, ['/home/r/a.md'])).toEqual(['/home/r/a.md']);
  });

  it('keeps grants per window, drops them with the window, and lets them expire', () => {
    let now = 1_000;
    const grants = new FileGrants({ now: () => now });
    grants.grant(1, ['/home/r/a.md']);
    grants.grant(2, ['/home/r/b.md']);
    expect(grants.take(2, ['/home/r/a.md'])).toEqual(['/home/r/a.md']);
    grants.revoke(2);
    expect(grants.take(2, ['/home/r/b.md'])).toEqual(['/home/r/b.md']);
    now += GRANT_TTL_MS - 1;
    grants.grant(1, ['/home/r/c.md']);
    now += 1;
    expect(grants.take(1, ['/home/r/a.md'])).toEqual(['/home/r/a.md']);
    expect(grants.take(1, ['/home/r/c.md'])).toEqual([]);
  });

  it(`holds at most ${MAX_GRANTS.toLocaleString('en-US')} paths per window, the oldest dropped first`, () => {
    const grants = new FileGrants();
    grants.grant(1, Array.from({ length: MAX_GRANTS + 5 }, (_, i) => `/home/r/${i}.md`));
    expect(grants.take(1, ['/home/r/4.md'])).toEqual(['/home/r/4.md']);
    expect(grants.take(1, ['/home/r/5.md', `/home/r/${MAX_GRANTS + 4}.md`])).toEqual([]);
  });

  it('forOwner: no window, nothing granted', () => {
    const grants = new FileGrants();
    grants.grant(1, ['/home/r/a.md']);
    const window: { id?: number } = {};
    const check = grants.forOwner(() => window.id);
    expect(check.take(['/home/r/a.md'])).toEqual(['/home/r/a.md']);
    window.id = 1;
    expect(check.take(['/home/r/a.md'])).toEqual([]);
  });
});

describe('the grant channel (main side)', () => {
  it('records well-formed paths for the sender, refusing anything else in words', () => {
    const grants = new FileGrants();
    const handler = grantHandler(grants);
    expect(handler.channel).toBe(GRANT_DROPPED_FILES_CHANNEL);
    expect(handler.handle(7, { paths: ['relative.md'] })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handler.handle(7, { paths: new Array(1_000_000).fill('/a.md') })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: `${GRANT_DROPPED_FILES_CHANNEL}: the payload is too large (1,000,000 items; at most 10,000)` },
    });
    expect(grants.take(7, ['relative.md'])).toEqual(['relative.md']);
    expect(handler.handle(7, { paths: ['/home/r/a.md'] })).toEqual({ ok: true, value: null });
    expect(grants.take(8, ['/home/r/a.md'])).toEqual(['/home/r/a.md']);
    expect(grants.take(7, ['/home/r/a.md'])).toEqual([]);
  });
});

describe('ArticleSaving.addFiles with grants', () => {
  const importer = (): Importer => ({
    addUrl: vi.fn(),
    addFiles: vi.fn(async () => ({ added: [], refused: [] })),
  });

  it('refuses the whole call as forbidden, before anything is read, when a path was not granted', async () => {
    const grants = new FileGrants();
    grants.grant(1, ['/home/r/a.md']);
    const files = importer();
    const saving = new ArticleSaving({ importer: files, chooser: { openFiles: async () => null }, grants: grants.forOwner(() => 1) });
    await expect(saving.addFiles(['/home/r/a.md', '/home/r/.ssh/id_rsa'])).rejects.toMatchObject({
      code: 'forbidden',
      message:
        "1 of the 2 files were not dropped on Lectern's window or chosen in its Add Files dialog, so Lectern will not read them; nothing was added. Drop the files again.",
    });
    expect(files.addFiles).not.toHaveBeenCalled();
    // The refused call used no grant: the dropped file can still be added, once.
    await saving.addFiles(['/home/r/a.md']);
    expect(files.addFiles).toHaveBeenCalledWith(['/home/r/a.md'], expect.anything());
    await expect(saving.addFiles(['/home/r/a.md'])).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('with no grants at all, refuses every dropped path; main’s own dialog needs none', async () => {
    const files = importer();
    const saving = new ArticleSaving({ importer: files, chooser: { openFiles: async () => ['/home/r/chosen.md'] } });
    await expect(saving.addFiles(['/home/r/a.md'])).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^The file was not dropped/) });
    expect((await saving.chooseFiles()).chosen).toBe(true);
    expect(files.addFiles).toHaveBeenCalledWith(['/home/r/chosen.md'], expect.anything());
  });
});

describe('the dispatcher with real services', () => {
  it('answers forbidden in words for a path main never handed out, reading and writing nothing; a granted path is added once', async () => {
    const services = await realServices();
    const file = await markdownFile(services.dir, 'dropped.md');
    const before = await hashTree(services.dir);
    expect(await services.dispatch('library:add-files', { paths: [file] })).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: "The file was not dropped on Lectern's window or chosen in its Add Files dialog, so Lectern will not read it; nothing was added. Drop the files again.",
      },
    });
    expect(await hashTree(services.dir)).toBe(before);
    services.grant([file]);
    expect(await services.dispatch('library:add-files', { paths: [file] })).toMatchObject({ ok: true, value: { added: [{ file: 'dropped.md' }] } });
    expect(await services.dispatch('library:add-files', { paths: [file] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }, 30_000);
});
