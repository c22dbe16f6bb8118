/**
 * Local images of an article (`articles/<id>/assets/…`, ARCHITECTURE.md §3) as `data:` URIs,
 * so an exported HTML file is self-contained. Only relative sources that resolve
 * inside the article's `assets/` folder are read; the bytes are sniffed (never
 * trusted by extension) and only raster image types are inlined (no SVG: it can
 * carry script). A missing, unreadable, too large or unrecognised file is left out
 * (the writer shows the image's alt text instead), and so is every image of an article
 * whose folder or `assets/` folder is a symbolic link or resolves outside the library.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { folderContainment } from '../library/containment';
import { ARTICLES_DIR, paths } from '../library/layout';

/** Images larger than this are not inlined. */
export const MAX_INLINE_IMAGE_BYTES = 10 * 1024 * 1024;

const RASTER = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** `src` → `data:` URI for every `<img src>` of `html` that is a readable local asset. */
export async function loadImages(dir: string, articleId: string, html: string): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  if (!/<img\b/i.test(html)) return images;
  // The one containment rule (ARCHITECTURE.md §3): a linked article or assets folder is never read.
  const contained = await folderContainment(dir, ARTICLES_DIR, articleId, 'assets').catch(() => undefined);
  if (contained?.kind !== 'inside') return images;
  const { JSDOM } = await import('jsdom');
  const sources = new Set<string>();
  for (const img of JSDOM.fragment(html).querySelectorAll('img[src]')) sources.add(img.getAttribute('src') ?? '');
  const folder = paths.article(dir, articleId);
  for (const src of sources) {
    const file = assetPath(folder, src, articleId);
    if (!file) continue;
    const uri = await dataUri(file, join(folder, 'assets'));
    if (uri) images.set(src, uri);
  }
  return images;
}

/**
 * The file a `src` names inside `<folder>/assets/`, or undefined: a relative path
 * (`assets/a.png`), or the library's image URL `lectern-asset://<article id>/<file>`
 * (the article's own id only).
 */
export function assetPath(folder: string, src: string, articleId?: string): string | undefined {
  const own = articleId === undefined ? undefined : /^lectern-asset:\/\/([a-z0-9-]+)\/([^/?#]+)$/i.exec(src.trim());
  if (own) return own[1] === articleId ? assetPath(folder, `assets/${own[2]}`) : undefined;
  if (src === '' || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('\\')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
  } catch {
    return undefined;
  }
  if (path.includes('\0') || isAbsolute(path)) return undefined;
  const assets = join(folder, 'assets');
  const file = resolve(folder, path);
  const inside = relative(assets, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/** The file as a `data:` URI, if it really is (links resolved) a raster image inside `assets`. */
async function dataUri(file: string, assets: string): Promise<string | undefined> {
  try {
    const real = await realpath(file);
    const inside = relative(await realpath(assets), real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
    const info = await stat(real);
    if (!info.isFile() || info.size > MAX_INLINE_IMAGE_BYTES) return undefined;
    const bytes = await readFile(real);
    const { fileTypeFromBuffer } = await import('file-type');
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !RASTER.has(type.mime)) return undefined;
    return `data:${type.mime};base64,${bytes.toString('base64')}`;
  } catch {
    return undefined;
  }
}
