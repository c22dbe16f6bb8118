import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunksAtomic } from '../../../main/library/atomic';
import { StagedFolder } from '../../../main/notes';
import { freshDir } from './helpers';

describe('writeChunksAtomic', () => {
  it('writes every chunk, strings and bytes, across buffer boundaries, and answers the byte count', async () => {
    const dir = await freshDir();
    const path = join(dir, 'out.txt');
    const chunks = ['héllo ', new TextEncoder().encode('wörld '), ...Array.from({ length: 100 }, (_, i) => `${i},`)];
    const bytes = await writeChunksAtomic(path, chunks, { bufferBytes: 16 });
    const expected = `héllo wörld ${Array.from({ length: 100 }, (_, i) => `${i},`).join('')}`;
    expect(await readFile(path, 'utf8')).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('on abort removes its temp file, leaves the old file as it was, and rejects with the reason', async () => {
    const dir = await freshDir();
    const path = join(dir, 'out.txt');
    await writeFile(path, 'old');
    const controller = new AbortController();
    async function* chunks() {
      yield 'new '.repeat(100_000);
      controller.abort(new Error('stop'));
      yield 'more';
    }
    await expect(writeChunksAtomic(path, chunks(), { signal: controller.signal, bufferBytes: 1024 })).rejects.toThrow('stop');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('when the chunks fail, removes its temp file and rethrows', async () => {
    const dir = await freshDir();
    const path = join(dir, 'out.txt');
    function* chunks(): Generator<string> {
      yield 'part';
      throw new Error('writer failed');
    }
    await expect(writeChunksAtomic(path, chunks())).rejects.toThrow('writer failed');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('StagedFolder', () => {
  it('counts every byte and keeps the order writes began in when files are written at once', async () => {
    const target = join(await freshDir(), 'out');
    const folder = await StagedFolder.open(target);
    async function* slow(text: string, delayMs: number): AsyncGenerator<string> {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      yield text;
    }
    const names = Array.from({ length: 8 }, (_, i) => `file-${i}.md`);
    // Later files finish first.
    await Promise.all(names.map((name, i) => folder.write(name, slow('é'.repeat(i + 1), (8 - i) * 15))));
    const files = await folder.commit();
    expect(files).toStrictEqual(names.map((name) => join(target, name)));
    let sum = 0;
    for (const file of files) sum += (await readFile(file)).length;
    expect(folder.bytes).toBe(sum);
    expect(sum).toBe(2 * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8));
  });
});
