/**
 * `npm run icons`: every app icon from build/icon.svg, the mark drawn for Lectern.
 *
 *   build/icon.png           1024×1024, the source image electron-builder and the README see
 *   build/icon.icns          macOS: PNGs of 16–1024 px in an ICNS container
 *   build/icon.ico           Windows: 16–48 px and 64/128 px as 32-bit BMPs, 256 px as PNG
 *   build/icons/NxN.png      Linux: 16–1024 px (electron-builder's linux.icon folder; the
 *                            window icon on Linux is build/icons/512x512.png)
 *   build/icon.svg.sha256    the SHA-256 of the SVG they were made from (line ends as LF),
 *                            so a test notices an SVG changed without `npm run icons`
 *
 * The SVG is drawn by Chromium (Playwright's, already used by the renderer suite; or
 * /usr/bin/chromium, or CHROMIUM_PATH) at each size, so small sizes are rendered from
 * the vector rather than shrunk. The ICO and ICNS containers are written here: both
 * are a directory of images, and need no package. The results are committed, so
 * packaging never runs this.
 */
import { chromium } from '@playwright/test';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size (the @2x types share sizes with 1x ones). */
const ICNS_TYPES = [
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
];

function chromiumExecutable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return undefined;
  } catch {
    // not installed: fall through to the system's Chromium
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium found: `npx playwright install chromium`, or set CHROMIUM_PATH.');
}

/* global Image, document, btoa -- the page's own: render()'s callback runs in Chromium */

/** Draws the SVG at `size` px in the page's canvas: its PNG and its straight (not premultiplied) RGBA pixels. */
async function render(page, svg, size) {
  const { png, rgba } = await page.evaluate(
    async ({ svg, size }) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0, size, size);
      const pixels = context.getImageData(0, 0, size, size).data;
      let binary = '';
      for (let i = 0; i < pixels.length; i += 1) binary += String.fromCharCode(pixels[i]);
      return { png: canvas.toDataURL('image/png').split(',')[1], rgba: btoa(binary) };
    },
    { svg, size },
  );
  return { png: Buffer.from(png, 'base64'), rgba: Buffer.from(rgba, 'base64') };
}

/** A 32-bit BMP as an ICO entry holds it: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, an empty AND mask. */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  const maskRow = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = (y * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** ICONDIR, one ICONDIRENTRY per image (0 means 256), then the images. */
function ico(images) {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, data }, index) => {
    const entry = 6 + 16 * index;
    directory.writeUInt8(size >= 256 ? 0 : size, entry);
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...images.map(({ data }) => data)]);
}

/** 'icns' + total length, then elements of type + length (both including their 8-byte header) + PNG data. */
function icns(elements) {
  const parts = elements.map(({ type, data }) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([header, data]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}

const svg = await readFile(join(BUILD, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])];
  const rendered = new Map();
  for (const size of sizes) rendered.set(size, await render(page, svg, size));

  await mkdir(join(BUILD, 'icons'), { recursive: true });
  await writeFile(join(BUILD, 'icon.png'), rendered.get(1024).png);
  for (const size of LINUX_SIZES) await writeFile(join(BUILD, 'icons', `${size}x${size}.png`), rendered.get(size).png);
  await writeFile(
    join(BUILD, 'icon.ico'),
    ico(ICO_SIZES.map((size) => ({ size, data: size >= 256 ? rendered.get(size).png : icoBitmap(size, rendered.get(size).rgba) }))),
  );
  await writeFile(join(BUILD, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => ({ type, data: rendered.get(size).png }))));
  await writeFile(join(BUILD, 'icon.svg.sha256'), `${createHash('sha256').update(svg.replaceAll('\r\n', '\n')).digest('hex')}  icon.svg\n`);
  process.stdout.write(`icons written to ${BUILD}: icon.png, icon.icns, icon.ico, icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png\n`);
} finally {
  await browser.close();
}
