/**
 * The app icons that `npm run icons` (scripts/icons.mjs) generates from build/icon.svg
 * and that are committed: each container holds the sizes electron-builder and the
 * systems look for, every image really is that size, and electron-builder.yml points
 * at them. The containers are read here byte by byte, as Windows and macOS read them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const file = (path: string) => readFileSync(`${ROOT}${path}`);

/** Width, height and color type from a PNG's IHDR; throws if it is not a PNG. */
function pngInfo(data: Buffer): { width: number; height: number; colorType: number } {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colorType: data.readUInt8(25) };
}

/** The images of an ICO: their directory size and what the image data says. */
function icoImages(data: Buffer): { size: number; format: 'png' | 'bmp'; width: number; height: number; bits: number }[] {
  expect(data.readUInt16LE(0)).toBe(0);
  expect(data.readUInt16LE(2)).toBe(1);
  return Array.from({ length: data.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = data.readUInt8(entry) || 256;
    const length = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    const image = data.subarray(offset, offset + length);
    expect(image.length).toBe(length);
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const { width, height } = pngInfo(image);
      return { size, format: 'png' as const, width, height, bits: 32 };
    }
    expect(image.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
    // The BMP's height counts the XOR image and the AND mask.
    return { size, format: 'bmp' as const, width: image.readInt32LE(4), height: image.readInt32LE(8) / 2, bits: image.readUInt16LE(14) };
  });
}

/** The elements of an ICNS: type and PNG size. */
function icnsElements(data: Buffer): { type: string; width: number; height: number }[] {
  expect(data.toString('latin1', 0, 4)).toBe('icns');
  expect(data.readUInt32BE(4)).toBe(data.length);
  const elements = [];
  for (let offset = 8; offset < data.length; ) {
    const type = data.toString('latin1', offset, offset + 4);
    const length = data.readUInt32BE(offset + 4);
    expect(length).toBeGreaterThan(8);
    const { width, height } = pngInfo(data.subarray(offset + 8, offset + length));
    elements.push({ type, width, height });
    offset += length;
  }
  return elements;
}

describe('the app icon', () => {
  it('has its 1024×1024 RGBA source image, drawn from build/icon.svg', () => {
    expect(pngInfo(file('build/icon.png'))).toStrictEqual({ width: 1024, height: 1024, colorType: 6 });
    expect(file('build/icon.svg').toString('utf8')).toContain('viewBox="0 0 1024 1024"');
  });

  it('was generated from the current build/icon.svg (else run `npm run icons` and commit)', () => {
    // Line ends as LF, as the script hashes them: a checkout with autocrlf must not fail this.
    const sha = createHash('sha256').update(file('build/icon.svg').toString('utf8').replaceAll('\r\n', '\n')).digest('hex');
    expect(file('build/icon.svg.sha256').toString('utf8')).toBe(`${sha}  icon.svg\n`);
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('has the Linux PNG build/icons/%ix%i.png', (size) => {
    expect(pngInfo(file(`build/icons/${size}x${size}.png`))).toMatchObject({ width: size, height: size, colorType: 6 });
  });

  it('has build/icon.ico: 32-bit BMPs up to 128 px and a 256 px PNG, each the size its entry says', () => {
    const images = icoImages(file('build/icon.ico'));
    expect(images.map(({ size, format }) => [size, format])).toStrictEqual([
      [16, 'bmp'],
      [24, 'bmp'],
      [32, 'bmp'],
      [48, 'bmp'],
      [64, 'bmp'],
      [128, 'bmp'],
      [256, 'png'],
    ]);
    for (const image of images) expect(image).toMatchObject({ width: image.size, height: image.size, bits: 32 });
  });

  it('has build/icon.icns: PNGs from 16 to 1024 px, each of the size its type means', () => {
    expect(icnsElements(file('build/icon.icns'))).toStrictEqual(
      (
        [
          ['icp4', 16],
          ['icp5', 32],
          ['ic11', 32],
          ['ic12', 64],
          ['ic07', 128],
          ['ic08', 256],
          ['ic13', 256],
          ['ic09', 512],
          ['ic14', 512],
          ['ic10', 1024],
        ] as const
      ).map(([type, size]) => ({ type, width: size, height: size })),
    );
  });

  it('is what electron-builder.yml packages, and the Linux window icon is in the resources', () => {
    const config = parse(file('electron-builder.yml').toString('utf8')) as Record<string, { icon?: string }> & {
      extraResources: { from: string; to: string }[];
    };
    expect(config['mac']?.icon).toBe('build/icon.icns');
    expect(config['win']?.icon).toBe('build/icon.ico');
    expect(config['linux']?.icon).toBe('build/icons');
    for (const path of ['build/icon.icns', 'build/icon.ico']) expect(statSync(`${ROOT}${path}`).isFile()).toBe(true);
    expect(statSync(`${ROOT}build/icons`).isDirectory()).toBe(true);
    // main/electron/index.ts opens resources/icon.png when packaged, build/icons/512x512.png otherwise.
    expect(config.extraResources).toContainEqual({ from: 'build/icons/512x512.png', to: 'icon.png' });
    expect(existsSync(`${ROOT}build/icons/512x512.png`)).toBe(true);
  });
});
