/**
 * Saving an article's images for offline reading: at most 100 per article,
 * each at most 10 MB, the type sniffed from the bytes (PNG, JPEG, GIF, WebP, AVIF;
 * SVG is refused: it can carry script and external references, and sanitizing it is
 * not worth the risk), stored as `assets/<sha256>.<ext>`; each `<img>` then points at
 * `lectern-asset://<article-id>/<file>`. An image that cannot be saved is removed,
 * with a warning — never left pointing at the network — and never fails the article.
 *
 * An image whose address (or a redirect of it) is on this computer or the user's own
 * network is not fetched (main/saving/addresses.ts); those are counted in one warning
 * rather than one each.
 *
 * One file per `<img>`: the largest `srcset` candidate, else `src` (falling back to
 * the others when it fails); `srcset` is dropped, since only one variant is kept.
 *
 * Three steps, so the DOM work can run in the document worker: planImages (DOM) →
 * fetchImages (I/O, in main) → placeImages (DOM).
 */
import * as v from 'valibot';
import { LibraryError } from '../library/errors';
import { ASSET_SCHEME, srcsetCandidates } from '../library/sanitize';
import { PrivateAddressError } from './addresses';
import type { ImageLoader } from './image-sources';

/** What the sniffed type of an image must be, and the extension it is saved with. */
const ALLOWED: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

export interface SaveImagesOptions {
  articleId: string;
  /** Relative image addresses are resolved against this (the page's or the file's URL). */
  baseUrl: string;
  load: ImageLoader;
  /** Stores the bytes (named by their hash) and answers the file name. */
  store: (bytes: Uint8Array, extension: string) => Promise<string>;
  maxImages: number;
  signal?: AbortSignal;
  /** Images handled so far (saved or not), of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Images fetched at once. */
  concurrency?: number;
}

/** "photo.jpg" from a long URL, for warnings. */
function shortName(url: string): string {
  if (url.startsWith('data:')) return 'an inline image';
  try {
    const parsed = new URL(url);
    const name = decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || parsed.host;
    return `"${name.length > 60 ? `${name.slice(0, 57)}…` : name}"`;
  } catch {
    return `"${url.slice(0, 60)}"`;
  }
}

/** A srcset descriptor's size for ordering: its `w` width, or its `x` density × 1000 (1x when absent). */
function candidateSize(descriptor: string): number {
  const value = parseFloat(descriptor || '1x');
  if (!Number.isFinite(value)) return 0;
  return descriptor.endsWith('w') ? value : value * 1000;
}

/** The URLs to try for one image, best first: srcset candidates from the largest, then src. */
export function imageCandidates(src: string | null, srcset: string | null): string[] {
  const fromSet = srcset
    ? srcsetCandidates(srcset)
        .sort((a, b) => candidateSize(b.descriptor) - candidateSize(a.descriptor))
        .map((candidate) => candidate.url)
    : [];
  const all = [...fromSet, ...(src?.trim() ? [src.trim()] : [])];
  return [...new Set(all)];
}

/** Sniff and store one image's bytes; the file name, or a LibraryError saying why not. */
async function keep(bytes: Uint8Array, store: SaveImagesOptions['store']): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(bytes);
  const extension = type ? ALLOWED[type.mime] : undefined;
  if (extension) return store(bytes, extension);
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    throw new LibraryError('invalid-input', 'SVG images are not saved');
  }
  throw new LibraryError('invalid-input', type ? `it is ${type.mime}, not a supported image` : 'it is not an image');
}

/** What the images of an article's HTML are: per kept `<img>`, the URLs to try, best first. */
export interface ImagePlan {
  /** One entry per kept `<img>`, in document order. */
  candidates: string[][];
  /** How many `<img>` the HTML has (those past `maxImages` are removed). */
  total: number;
}

/** How each kept `<img>` of a plan ended: the saved file under `assets/`, or null (removed). */
export const PlacedImagesSchema = v.object({
  articleId: v.string(),
  files: v.array(v.nullable(v.string())),
  maxImages: v.pipe(v.number(), v.safeInteger()),
});
export type PlacedImages = v.InferOutput<typeof PlacedImagesSchema>;

async function imagesOf(html: string): Promise<{ holder: HTMLElement; images: HTMLImageElement[] }> {
  const { JSDOM } = await import('jsdom');
  const fragment = JSDOM.fragment(html);
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment);
  return { holder, images: [...holder.querySelectorAll('img')] };
}

/** The images of `html` to fetch (DOM work: runs in the document worker). */
export async function planImages(html: string, maxImages: number): Promise<ImagePlan> {
  const { images } = await imagesOf(html);
  return {
    candidates: images.slice(0, maxImages).map((img) => imageCandidates(img.getAttribute('src'), img.getAttribute('srcset'))),
    total: images.length,
  };
}

/**
 * Point each kept `<img>` of `html` at its saved file, remove the others and every
 * `srcset` (DOM work: runs in the document worker). `html` is the one that was planned.
 */
export async function placeImages(html: string, placed: PlacedImages): Promise<string> {
  const { holder, images } = await imagesOf(html);
  images.forEach((img, index) => {
    const file = index < placed.maxImages ? placed.files[index] : null;
    img.removeAttribute('srcset');
    img.removeAttribute('src');
    if (file) img.setAttribute('src', `${ASSET_SCHEME}://${placed.articleId}/${file}`);
    else img.remove();
  });
  return holder.innerHTML;
}

export interface FetchedImages {
  /** Per planned image: its file under `assets/`, or null when it was left out. */
  files: (string | null)[];
  warnings: string[];
}

/** The save report's words for images left out because of where they point. */
export function privateAddressWarning(count: number): string {
  return count === 1
    ? '1 image was not fetched: it points at an address on your own network or this computer.'
    : `${count} images were not fetched: they point at addresses on your own network or this computer.`;
}

/** Fetch (or read) and store the planned images, a few at once (I/O only: no DOM). */
export async function fetchImages(plan: ImagePlan, options: SaveImagesOptions): Promise<FetchedImages> {
  const warnings: string[] = [];
  if (plan.total > options.maxImages) {
    warnings.push(`The article has ${plan.total} images; only the first ${options.maxImages} were kept.`);
  }
  const kept = plan.candidates.slice(0, options.maxImages);
  const byUrl = new Map<string, Promise<string>>();
  const files: (string | null)[] = kept.map(() => null);
  let done = 0;
  options.onProgress?.(0, kept.length);

  const leftOut: (string | undefined)[] = [];
  let privateImages = 0;
  const saveOne = async (candidates: string[], index: number) => {
    let reason = 'it has no address';
    let refusedAddress = false;
    for (const candidate of candidates.slice(0, 3)) {
      let url: URL;
      try {
        url = new URL(candidate, options.baseUrl);
      } catch {
        reason = 'its address is not valid';
        continue;
      }
      let saving = byUrl.get(url.href);
      if (!saving) {
        saving = options.load(url, options.signal).then((bytes) => keep(bytes, options.store));
        byUrl.set(url.href, saving);
      }
      try {
        files[index] = await saving;
        return;
      } catch (error) {
        if (error instanceof LibraryError && error.code === 'cancelled') throw error;
        if (error instanceof PrivateAddressError) refusedAddress = true;
        reason = `${shortName(url.href)}: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}`;
      }
    }
    if (refusedAddress) privateImages++;
    else leftOut[index] = `An image was left out (${reason}).`;
  };

  let next = 0;
  const worker = async () => {
    while (next < kept.length) {
      const index = next++;
      await saveOne(kept[index]!, index);
      options.onProgress?.(++done, kept.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, kept.length) }, worker));
  // Warnings in document order, whatever order the fetches finished in.
  for (const warning of leftOut) if (warning) warnings.push(warning);
  if (privateImages > 0) warnings.push(privateAddressWarning(privateImages));
  return { files, warnings };
}
