/**
 * I/O failures reach the caller as LibraryError('io') naming the file and the OS
 * error. A full disk (ENOSPC) is simulated by wrapping node:fs/promises.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../../main/library';
import { bundled, freshDir, libraryWith, temps, tree } from './helpers';

const disk = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (path: string, flags?: string, mode?: number) => {
    const handle = await actual.open(path, flags, mode);
    if (!disk.full || flags !== 'wx') return handle;
    // A temp file on a full disk: half the data lands, then ENOSPC.
    return {
      async writeFile(data: string | Uint8Array) {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  };
  return { ...actual, default: { ...actual, open }, open };
});

describe('Library on a full disk', () => {
  it('setProgress throws io naming the file, and article.json is untouched', async () => {
    const { dir, library } = await libraryWith('a');
    const path = join(dir, 'articles', 'a', 'article.json');
    const before = await readFile(path, 'utf8');
    disk.full = true;
    try {
      await expect(library.setProgress('a', { fraction: 0.5, position: 1, within: 0 })).rejects.toMatchObject({
        code: 'io',
        message: `Could not write ${path}: no space left on device (ENOSPC). Your reading position was not saved; the article is unchanged.`,
      });
    } finally {
      disk.full = false;
    }
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await temps(dir)).toEqual([]);
    expect((await library.get('a')).progress).toBeNull();
  });

  it('open throws io naming library.json, leaves no temp file, and works once there is space', async () => {
    const dir = await freshDir();
    disk.full = true;
    try {
      await expect(Library.open(dir, { bundled: [bundled('a')] })).rejects.toMatchObject({
        code: 'io',
        message: `Could not write ${join(dir, 'library.json')}: no space left on device (ENOSPC)`,
      });
    } finally {
      disk.full = false;
    }
    expect(await tree(dir)).toEqual([]);
    const library = await Library.open(dir, { bundled: [bundled('a')] });
    expect((await library.list()).articles.map((a) => a.id)).toEqual(['a']);
  });
});
