import { describe, expect, it, vi } from 'vitest';
import { readHypothesis } from '../../../main/library-import/hypothesis';
import { ImportFileError } from '../../../main/library-import/model';

// The real limit is 500 MB: lowered here so the refusal is shown without a 500 MB string.
vi.mock('../../../main/library-import/model', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../main/library-import/model')>();
  return { ...original, IMPORT_LIMITS: { ...original.IMPORT_LIMITS, fileBytes: 200 } };
});

describe('readHypothesis and the file size limit', () => {
  const fits = '{"export_userid":"acct:x@hypothes.is","annotations":[]}';

  it('reads a file within the limit', async () => {
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(200);
    await expect(readHypothesis(fits)).resolves.toMatchObject({ problems: [] });
  });

  it('refuses a file past the limit, counting bytes (not characters), with the reason', async () => {
    const past = fits + ' '.repeat(200 - Buffer.byteLength(fits)) + 'é';
    expect(past.length).toBeLessThanOrEqual(201);
    const error = await readHypothesis(past).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/larger than/);
  });
});
