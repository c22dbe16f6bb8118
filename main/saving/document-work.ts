/**
 * The CPU-heavy part of saving an article — parsing a page, Readability, DOMPurify,
 * the plain text — behind one small interface, so it can run off main's event loop
 * (document-worker-client.ts) or in this thread (tests, benches, the simple way).
 * Nothing here reads or writes files: bytes and strings in, plain objects out.
 */
import { countWords, htmlToText, sanitizeArticleHtml } from '../library/sanitize';
import { extractArticle, type ExtractedArticle } from './extract';
import { documentFromBytes, type LocalDocument } from './files';
import { placeImages, planImages, type ImagePlan, type PlacedImages } from './images';

/** The article's final HTML (images already the library's own), its plain text and its words. */
export interface FinishedArticle {
  html: string;
  text: string;
  wordCount: number;
}

export interface DocumentWork {
  /** How many pages it parses at once (a pool's size); one when absent. */
  readonly parallelism?: number;
  /** Extract and sanitize the article of a web page found at `pageUrl`. */
  extractArticle(html: string, pageUrl: string, signal?: AbortSignal): Promise<ExtractedArticle>;
  /** The document in a local file's bytes (`path` names its kind and its folder). */
  documentFromBytes(path: string, bytes: Uint8Array, signal?: AbortSignal): Promise<LocalDocument>;
  /** The images of an article's HTML to fetch. */
  planImages(html: string, maxImages: number, signal?: AbortSignal): Promise<ImagePlan>;
  /**
   * Point the planned images at their saved files (removing the others), sanitize
   * (only `assets/` images stay) and take the text.
   */
  finishArticle(html: string, placed: PlacedImages, signal?: AbortSignal): Promise<FinishedArticle>;
}

/** The finishing step, as both implementations run it. */
export async function finishArticle(html: string, placed: PlacedImages): Promise<FinishedArticle> {
  const clean = await sanitizeArticleHtml(await placeImages(html, placed), { images: 'assets' });
  const text = await htmlToText(clean);
  return { html: clean, text, wordCount: countWords(text) };
}

/** Everything in the calling thread (it blocks that thread while a page is parsed). */
export const inThisThread: DocumentWork = {
  parallelism: 1,
  extractArticle: (html, pageUrl) => extractArticle(html, pageUrl),
  documentFromBytes: (path, bytes) => documentFromBytes(path, bytes),
  planImages: (html, maxImages) => planImages(html, maxImages),
  finishArticle: (html, placed) => finishArticle(html, placed),
};
