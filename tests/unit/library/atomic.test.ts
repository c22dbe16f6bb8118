import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { serializeOnFile, updateFileAtomic, writeFileAtomic, type AtomicFs } from '../../../main/library';
import { atomicSettings } from '../../../main/library/atomic';
import { freshDir, temps, tree } from './helpers';

function osError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** node:fs/promises, except that writing a temp file writes half the data and then fails with ENOSPC. */
const fullDisk: AtomicFs = {
  ...fsp,
  async open(path, flags) {
    const handle = await fsp.open(path, flags);
    if (flags !== 'wx') return handle;
    return {
      async writeFile(data) {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        await handle.write(bytes.subarray(0, bytes.length / 2));
        throw osError('ENOSPC', 'no space left on device, write');
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temp file', async () => {
    const dir = await freshDir();
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, new TextEncoder().encode('second'));
    expect(await fsp.readFile(file, 'utf8')).toBe('second');
    expect(await tree(dir)).toEqual(['a.json']);
  });

  it('on a full disk (ENOSPC) rethrows, keeps the original and removes the temp file', async () => {
    const dir = await freshDir();
    const file = join(dir, 'a.json');
    await fsp.writeFile(file, '{"original":true}');
    const write = writeFileAtomic(file, JSON.stringify({ replacement: 'x'.repeat(100) }), { fs: fullDisk });
    await expect(write).rejects.toThrow('ENOSPC: no space left on device, write');
    await expect(write).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await fsp.readFile(file, 'utf8')).toBe('{"original":true}');
    expect(await tree(dir)).toEqual(['a.json']);
  });

  it('when the rename fails keeps the original and removes the temp file', async () => {
    const dir = await freshDir();
    const file = join(dir, 'a.json');
    await fsp.writeFile(file, 'original');
    const failingRename: AtomicFs = {
      ...fsp,
      rename: async () => {
        throw osError('EXDEV', 'cross-device link not permitted, rename');
      },
    };
    await expect(writeFileAtomic(file, 'new', { fs: failingRename })).rejects.toThrow(
      'EXDEV: cross-device link not permitted, rename',
    );
    expect(await fsp.readFile(file, 'utf8')).toBe('original');
    expect(await tree(dir)).toEqual(['a.json']);
  });

  it.each(['EISDIR', 'EPERM', 'EINVAL'])('ignores %s from fsync of the folder (Windows)', async (code) => {
    const dir = await freshDir();
    const file = join(dir, 'a.json');
    const noFolderSync: AtomicFs = {
      ...fsp,
      open: async (path, flags) => {
        if (flags === 'r') throw osError(code, 'folder');
        return fsp.open(path, flags);
      },
    };
    await writeFileAtomic(file, 'data', { fs: noFolderSync });
    expect(await fsp.readFile(file, 'utf8')).toBe('data');
  });

  it('reports a write whose folder fsync fails after the rename as done: retried, logged, not thrown', async () => {
    const dir = await freshDir();
    let folderSyncs = 0;
    const badFolderSync: AtomicFs = {
      ...fsp,
      open: async (path, flags) => {
        if (flags === 'r') {
          folderSyncs++;
          throw osError('EIO', 'i/o error, open');
        }
        return fsp.open(path, flags);
      },
    };
    const warn = vi.fn();
    const saved = { ...atomicSettings };
    Object.assign(atomicSettings, { warn, folderSyncRetryDelaysMs: [1, 1] });
    try {
      await expect(writeFileAtomic(join(dir, 'a.json'), 'data', { fs: badFolderSync })).resolves.toBeUndefined();
    } finally {
      Object.assign(atomicSettings, saved);
    }
    // The change is on disk, so it is reported as done; the folder fsync was tried 3 times and logged once.
    expect(await fsp.readFile(join(dir, 'a.json'), 'utf8')).toBe('data');
    expect(folderSyncs).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/is saved, but the folder could not be flushed to disk \(3 tries\)/);
    expect(warn.mock.calls[0]![1]).toMatchObject({ code: 'EIO' });
    expect(await temps(dir)).toEqual([]);
  });

  it('a folder fsync that fails once after the rename is retried and not logged', async () => {
    const dir = await freshDir();
    let failures = 1;
    const flaky: AtomicFs = {
      ...fsp,
      open: async (path, flags) => {
        if (flags === 'r' && failures-- > 0) throw osError('EIO', 'i/o error, open');
        return fsp.open(path, flags);
      },
    };
    const warn = vi.fn();
    const saved = { ...atomicSettings };
    Object.assign(atomicSettings, { warn, folderSyncRetryDelaysMs: [1, 1] });
    try {
      await writeFileAtomic(join(dir, 'a.json'), 'data', { fs: flaky });
    } finally {
      Object.assign(atomicSettings, saved);
    }
    expect(failures).toBe(-1);
    expect(warn).not.toHaveBeenCalled();
  });

  describe('a rename refused with EPERM/EBUSY/EACCES', () => {
    /** A rename that is refused `times` times with `code`, then works; counts the attempts. */
    function refusing(code: string, times: number) {
      const state = { attempts: 0 };
      const fs: AtomicFs = {
        ...fsp,
        rename: async (from, to) => {
          state.attempts++;
          if (state.attempts <= times) throw osError(code, 'operation not permitted, rename');
          return fsp.rename(from, to);
        },
      };
      return { fs, state };
    }
    async function withPlatform<T>(platform: NodeJS.Platform, run: () => Promise<T>): Promise<T> {
      const saved = { ...atomicSettings };
      Object.assign(atomicSettings, { platform: () => platform, renameRetryDelaysMs: [1, 2, 4, 8, 16, 32] });
      try {
        return await run();
      } finally {
        Object.assign(atomicSettings, saved);
      }
    }

    it.each(['EPERM', 'EBUSY', 'EACCES'])('is retried on Windows (%s) and the write succeeds', async (code) => {
      const dir = await freshDir();
      const file = join(dir, 'a.json');
      await fsp.writeFile(file, 'old');
      const { fs, state } = refusing(code, 3);
      await withPlatform('win32', () => writeFileAtomic(file, 'new', { fs }));
      expect(state.attempts).toBe(4);
      expect(await fsp.readFile(file, 'utf8')).toBe('new');
      expect(await tree(dir)).toEqual(['a.json']);
    });

    it('fails on Windows after the retries, keeping the original and no temp file', async () => {
      const dir = await freshDir();
      const file = join(dir, 'a.json');
      await fsp.writeFile(file, 'old');
      const { fs, state } = refusing('EBUSY', 100);
      await expect(withPlatform('win32', () => writeFileAtomic(file, 'new', { fs }))).rejects.toMatchObject({ code: 'EBUSY' });
      expect(state.attempts).toBe(7);
      expect(await fsp.readFile(file, 'utf8')).toBe('old');
      expect(await tree(dir)).toEqual(['a.json']);
    });

    it('fails at once elsewhere, where these codes are a real permission problem', async () => {
      const dir = await freshDir();
      const file = join(dir, 'a.json');
      await fsp.writeFile(file, 'old');
      const { fs, state } = refusing('EACCES', 1);
      await expect(withPlatform('linux', () => writeFileAtomic(file, 'new', { fs }))).rejects.toMatchObject({ code: 'EACCES' });
      expect(state.attempts).toBe(1);
      expect(await fsp.readFile(file, 'utf8')).toBe('old');
    });

    it('is not retried for other codes, even on Windows', async () => {
      const dir = await freshDir();
      const { fs, state } = refusing('EXDEV', 1);
      await expect(withPlatform('win32', () => writeFileAtomic(join(dir, 'a.json'), 'new', { fs }))).rejects.toMatchObject({
        code: 'EXDEV',
      });
      expect(state.attempts).toBe(1);
    });

    it('the default backoff waits about a second in all', () => {
      const total = atomicSettings.renameRetryDelaysMs.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(500);
      expect(total).toBeLessThanOrEqual(2000);
    });
  });

  it('serializes writes to one path in call order, and a failed write does not block the next', async () => {
    const dir = await freshDir();
    const file = join(dir, 'a.txt');
    const started: string[] = [];
    const recording: AtomicFs = {
      ...fsp,
      open: async (path, flags) => {
        const handle = await fsp.open(path, flags);
        if (flags !== 'wx') return handle;
        return {
          async writeFile(data) {
            started.push(String(data));
            await new Promise((r) => setTimeout(r, Math.random() * 5));
            if (data === 'fail') throw osError('ENOSPC', 'no space left on device, write');
            await handle.writeFile(data);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const values = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'fail' : `v${i}`));
    const results = await Promise.allSettled(values.map((value) => writeFileAtomic(file, value, { fs: recording })));
    expect(started).toEqual(values);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await fsp.readFile(file, 'utf8')).toBe('v19');
    expect(await tree(dir)).toEqual(['a.txt']);
  });

  it('lets writes to different paths run in parallel', async () => {
    const dir = await freshDir();
    const gate = deferred();
    const slowA: AtomicFs = {
      ...fsp,
      open: async (path, flags) => {
        const handle = await fsp.open(path, flags);
        if (flags !== 'wx' || !path.includes('.a.txt.')) return handle;
        return {
          writeFile: async (data) => {
            await gate.promise;
            await handle.writeFile(data);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const a = writeFileAtomic(join(dir, 'a.txt'), 'A', { fs: slowA });
    await writeFileAtomic(join(dir, 'b.txt'), 'B', { fs: slowA });
    expect(await tree(dir)).toContain('b.txt');
    expect(await tree(dir)).not.toContain('a.txt');
    gate.resolve();
    await a;
    expect(await fsp.readFile(join(dir, 'a.txt'), 'utf8')).toBe('A');
  });
});

describe('updateFileAtomic', () => {
  it('read-modify-writes inside the queue, so concurrent updates are not lost', async () => {
    const dir = await freshDir();
    const file = join(dir, 'count.txt');
    await fsp.writeFile(file, '0');
    await Promise.all(
      Array.from({ length: 50 }, () => updateFileAtomic(file, (current) => String(Number(current) + 1))),
    );
    expect(await fsp.readFile(file, 'utf8')).toBe('50');
    expect(await temps(dir)).toEqual([]);
  });

  it('rethrows ENOENT for a missing file and creates nothing', async () => {
    const dir = await freshDir();
    await expect(updateFileAtomic(join(dir, 'missing.txt'), () => 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await tree(dir)).toEqual([]);
  });

  it('writes nothing when the update throws', async () => {
    const dir = await freshDir();
    const file = join(dir, 'a.txt');
    await fsp.writeFile(file, 'kept');
    await expect(
      updateFileAtomic(file, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await fsp.readFile(file, 'utf8')).toBe('kept');
  });
});

describe('serializeOnFile', () => {
  it('runs tasks for one path one at a time', async () => {
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        serializeOnFile('/nowhere/x', async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 1));
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
