/** main/electron/library-lock.ts: what the app does with a read-only library outside the bridge. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { closeLibrary, refuseWhenReadOnly } from '../../../main/electron/library-lock';
import { Library } from '../../../main/library';
import { freshDir } from '../library/helpers';

describe('refuseWhenReadOnly', () => {
  it('runs the change while the library is writable', async () => {
    const change = vi.fn(async () => 'saved');
    expect(await refuseWhenReadOnly({ readOnly: null }, change)).toBe('saved');
    expect(change).toHaveBeenCalledOnce();
  });

  it('refuses with the reason, without running the change, while read-only', async () => {
    const change = vi.fn(async () => 'saved');
    await expect(refuseWhenReadOnly({ readOnly: { reason: 'Another Lectern has it.' } }, change)).rejects.toMatchObject({
      code: 'read-only',
      message: 'Not saved. Another Lectern has it.',
    });
    expect(change).not.toHaveBeenCalled();
  });
});

describe('closeLibrary', () => {
  it('releases the lock and removes a temp index folder', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [] });
    const indexDir = join(await freshDir(), 'lectern-index-x');
    await mkdir(indexDir);
    await writeFile(join(indexDir, 'search-v1.sqlite'), 'x');
    await closeLibrary(library, indexDir);
    await expect(stat(join(dir, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(indexDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(library.readOnly).not.toBeNull();
  });

  it('with no temp index, only releases the lock', async () => {
    const close = vi.fn(async () => {});
    await closeLibrary({ close }, undefined);
    expect(close).toHaveBeenCalledOnce();
  });
});
