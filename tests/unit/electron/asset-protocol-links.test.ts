/**
 * The lectern-asset: protocol refuses an article folder or an `assets` folder that is a
 * symbolic link (a junction on Windows) or resolves outside the library — the store's
 * own rule (main/library/containment.ts) — even when the image it would serve exists.
 * Plain Node; `electron` is only a type here.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('asset-protocol must not import electron at runtime');
});

import { createAssetProtocolHandler, resolveAsset } from '../../../main/electron/asset-protocol';
import { freshDir } from '../saving/helpers';

const HASH = 'a'.repeat(64);
const linkType = process.platform === 'win32' ? 'junction' : 'dir';

let base: string;
let library: string;

beforeEach(async () => {
  base = await freshDir('lectern-asset-links-');
  library = join(base, 'library');
  // A real article with an image.
  await mkdir(join(library, 'articles', 'story', 'assets'), { recursive: true });
  await writeFile(join(library, 'articles', 'story', 'assets', `${HASH}.png`), 'INSIDE');
  // Outside the library: an article-shaped folder whose image is a secret.
  await mkdir(join(base, 'outside', 'assets'), { recursive: true });
  await writeFile(join(base, 'outside', 'assets', `${HASH}.png`), 'SECRET');
});

const get = (url: string) => createAssetProtocolHandler(() => library)(new Request(url));

describe('resolveAsset and symbolic links', () => {
  it('serves a real article folder (the control case)', async () => {
    expect(await resolveAsset(library, `lectern-asset://story/${HASH}.png`)).toMatchObject({ kind: 'file' });
    expect(await (await get(`lectern-asset://story/${HASH}.png`)).text()).toBe('INSIDE');
  });

  it('refuses an article folder that is a link out of the library', async () => {
    await symlink(join(base, 'outside'), join(library, 'articles', 'evil'), linkType);
    expect(await resolveAsset(library, `lectern-asset://evil/${HASH}.png`)).toStrictEqual({ kind: 'forbidden' });
    const response = await get(`lectern-asset://evil/${HASH}.png`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Forbidden');
  });

  it('refuses an assets folder that is a link out of the library', async () => {
    await mkdir(join(library, 'articles', 'other'));
    await symlink(join(base, 'outside', 'assets'), join(library, 'articles', 'other', 'assets'), linkType);
    expect(await resolveAsset(library, `lectern-asset://other/${HASH}.png`)).toStrictEqual({ kind: 'forbidden' });
    const response = await get(`lectern-asset://other/${HASH}.png`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('refuses an assets folder that links to another article inside the library', async () => {
    await mkdir(join(library, 'articles', 'alias'));
    await symlink(join(library, 'articles', 'story', 'assets'), join(library, 'articles', 'alias', 'assets'), linkType);
    expect(await resolveAsset(library, `lectern-asset://alias/${HASH}.png`)).toStrictEqual({ kind: 'forbidden' });
  });

  it('refuses every article when the articles folder itself is a link', async () => {
    const real = join(base, 'real-articles', 'story', 'assets');
    await mkdir(real, { recursive: true });
    await writeFile(join(real, `${HASH}.png`), 'SECRET');
    const other = join(base, 'other-library');
    await mkdir(other);
    await symlink(join(base, 'real-articles'), join(other, 'articles'), linkType);
    expect(await resolveAsset(other, `lectern-asset://story/${HASH}.png`)).toStrictEqual({ kind: 'forbidden' });
  });

  it('serves a library reached through a link (only what is below the library is checked)', async () => {
    await symlink(library, join(base, 'via-link'), linkType);
    expect(await resolveAsset(join(base, 'via-link'), `lectern-asset://story/${HASH}.png`)).toMatchObject({ kind: 'file' });
  });
});
