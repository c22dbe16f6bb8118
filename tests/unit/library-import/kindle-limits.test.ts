import { describe, expect, it, vi } from 'vitest';
import { readKindle } from '../../../main/library-import/kindle';
import { ImportFileError } from '../../../main/library-import/model';

// The real limit is 500 MB: lowered here so the refusal is shown without a 500 MB string.
vi.mock('../../../main/library-import/model', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../main/library-import/model')>();
  return { ...original, IMPORT_LIMITS: { ...original.IMPORT_LIMITS, fileBytes: 200 } };
});

describe('readKindle and the file size limit', () => {
  const fits = 'Book (A)\n- Your Highlight on Location 1-2 | Added on Monday, 1 April 2024 09:00:00\n\nText.\n==========\n';

  it('reads a file within the limit', async () => {
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(200);
    await expect(readKindle(fits)).resolves.toMatchObject({ problems: [] });
  });

  it('refuses a file past the limit, counting bytes (not characters), with the reason', async () => {
    const past = fits + ' '.repeat(200 - Buffer.byteLength(fits)) + 'é';
    expect(past.length).toBeLessThanOrEqual(201);
    const error = await readKindle(past).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/larger than/);
  });
});
