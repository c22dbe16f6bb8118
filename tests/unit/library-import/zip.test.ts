import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, ImportFileError } from '../../../main/library-import/model';
import { unsafeEntryName, withZip, ZipArchive, type ZipLimits } from '../../../main/library-import/zip';
import { writeZip, type FixtureEntry } from './zip-fixture';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let count = 0;
async function zipOf(entries: FixtureEntry[]): Promise<string> {
  count += 1;
  return writeZip(join(dir, `${count}.zip`), entries);
}

async function refusal(path: string, limits?: ZipLimits): Promise<ImportFileError> {
  const error = await ZipArchive.open(path, limits).then(
    (zip) => {
      zip.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('the zip reader', () => {
  it('lists the files (not the folders) and reads each one, stored or deflated, one at a time', async () => {
    const path = await zipOf([
      { name: 'folder/', data: '', method: 'store' },
      { name: 'folder/a.txt', data: 'Alpha ✓', method: 'store' },
      { name: 'b.csv', data: 'x,y\n'.repeat(1000) },
    ]);
    await withZip(path, async (zip) => {
      expect(zip.entries).toEqual([
        { name: 'folder/a.txt', size: Buffer.byteLength('Alpha ✓') },
        { name: 'b.csv', size: 4000 },
      ]);
      expect(zip.has('b.csv')).toBe(true);
      expect(await zip.text('folder/a.txt')).toBe('Alpha ✓');
      expect(await zip.text('b.csv')).toBe('x,y\n'.repeat(1000));
      expect(zip.expandedBytes).toBe(Buffer.byteLength('Alpha ✓') + 4000);
      await expect(zip.text('missing.txt')).rejects.toThrow('The zip has no entry "missing.txt".');
    });
  });

  it.each([
    ['../evil.txt', 'the entry "../evil.txt" points outside the archive ("..")'],
    ['notes/../../evil.txt', 'the entry "notes/../../evil.txt" points outside the archive ("..")'],
    ['/etc/passwd', 'the entry "/etc/passwd" has an absolute path'],
    ['C:/Windows/evil.txt', 'the entry "C:/Windows/evil.txt" names a drive'],
    ['c:evil.txt', 'the entry "c:evil.txt" names a drive'],
    ['..\\..\\evil.txt', 'the entry "..\\..\\evil.txt" has a backslash in its name'],
    ['part\\000.csv', 'the entry "part\\000.csv" has a backslash in its name'],
  ])('refuses the whole zip for an entry named %j (zip-slip)', async (name, reason) => {
    const path = await zipOf([
      { name: 'part_000000.csv', data: 'title,url,time_added,tags,status\n' },
      { name, data: 'pwned' },
    ]);
    const error = await refusal(path);
    expect(error.message).toBe(`The zip was refused: ${reason}.`);
    expect(error.code).toBe('invalid-input');
  });

  it('names what it refuses without control characters', () => {
    expect(unsafeEntryName('a\u0000b')).toBe('the entry "a\\x00b" has a NUL character in its name');
    expect(unsafeEntryName('fine/name.csv')).toBeNull();
    expect(unsafeEntryName('./fine.csv')).toBeNull();
  });

  it('refuses a symbolic link, an encrypted entry and a name given twice', async () => {
    const link = await zipOf([{ name: 'link', data: '/etc/passwd', method: 'store', unixMode: 0o120777 }]);
    expect((await refusal(link)).message).toBe('The zip was refused: the entry "link" is a symbolic link.');
    // A plain Unix file's mode is fine.
    await withZip(await zipOf([{ name: 'file.txt', data: 'ok', unixMode: 0o100644 }]), async (zip) => {
      expect(await zip.text('file.txt')).toBe('ok');
    });
    const encrypted = await zipOf([{ name: 'secret.csv', data: 'x', method: 'store', encrypted: true }]);
    expect((await refusal(encrypted)).message).toBe('The zip was refused: the entry "secret.csv" is encrypted.');
    const twice = await zipOf([
      { name: 'a.csv', data: 'one' },
      { name: 'a.csv', data: 'two' },
    ]);
    expect((await refusal(twice)).message).toBe('The zip was refused: the entry "a.csv" is in it twice.');
  });

  it('refuses more entries than the limit, before reading any', async () => {
    const path = await zipOf([1, 2, 3, 4].map((n) => ({ name: `f${n}.txt`, data: 'x' })));
    const error = await refusal(path, { ...IMPORT_LIMITS, zipEntries: 3 });
    expect(error.message).toBe('The zip has 4 entries; Lectern reads at most 3.');
  });

  it('refuses a file over the size limit, and a file that is not a zip', async () => {
    const path = await zipOf([{ name: 'a.txt', data: 'x'.repeat(500), method: 'store' }]);
    expect((await refusal(path, { ...IMPORT_LIMITS, fileBytes: 100 })).message).toMatch(
      /^The file is [\d,]+ bytes; Lectern reads export files up to 100 bytes\.$/u,
    );
    const text = join(dir, 'not-a-zip.zip');
    await writeFile(text, 'title,url\nhello,https://example.com\n');
    expect((await refusal(text)).message).toMatch(/^The file is not a zip archive \(.+\)\.$/u);
    const empty = join(dir, 'empty.zip');
    await writeFile(empty, '');
    expect((await refusal(empty)).message).toMatch(/^The file is not a zip archive/u);
  });

  describe('zip bombs', () => {
    const limits = { ...IMPORT_LIMITS, zipExpandedBytes: 1024 * 1024 };
    const zeros = Buffer.alloc(32 * 1024 * 1024); // 32 MB of zeros deflate to ~32 KB

    it('refuses one that declares its size at open, before inflating anything', async () => {
      const path = await zipOf([{ name: 'bomb.csv', data: zeros }]);
      const zip = await ZipArchive.open(path, limits).catch((e: unknown) => e);
      expect(zip).toBeInstanceOf(ImportFileError);
      expect((zip as Error).message).toBe('The zip expands to more than 1 MB; Lectern reads archives up to that size.');
    });

    it('stops one whose header lies about its size at once, far from the end', async () => {
      const path = await zipOf([{ name: 'bomb.csv', data: zeros, declaredSize: 1000 }]);
      await withZip(
        path,
        async (zip) => {
          const error = await zip.text('bomb.csv').catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ImportFileError);
          expect((error as Error).message).toMatch(/^The zip entry "bomb.csv" is damaged \(.*too many bytes.*\)\.$/iu);
          // Not inflated to the end: at most one inflater chunk past the declared size.
          expect(zip.expandedBytes).toBeLessThanOrEqual(1000 + 64 * 1024);
        },
        limits,
      );
    });

    it('counts inflated bytes over the whole archive and stops the moment the limit is passed', async () => {
      const entry = Buffer.alloc(700 * 1024, 'a');
      const path = await zipOf([{ name: 'big.txt', data: entry }]);
      await withZip(
        path,
        async (zip) => {
          expect((await zip.text('big.txt')).length).toBe(entry.length);
          // A second read of the same entry counts again: 1.4 MB > 1 MB.
          const error = await zip.text('big.txt').catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ImportFileError);
          expect((error as Error).message).toBe(
            'The zip expands to more than 1 MB; Lectern reads archives up to that size (stopped in "big.txt").',
          );
          expect(zip.expandedBytes).toBeGreaterThan(1024 * 1024);
          expect(zip.expandedBytes).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
        },
        limits,
      );
    });
  });
});
