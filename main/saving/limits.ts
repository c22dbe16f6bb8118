/**
 * The limits of saving articles. One place, so the README, the error
 * messages and the tests agree.
 */
import { MAX_URL_CHARS } from '../../common/model';

export interface ImportLimits {
  /** Largest HTML page (bytes, after any transfer decoding), cut off while streaming. */
  maxPageBytes: number;
  /** Largest local file (.html/.htm/.md/.markdown/.txt). */
  maxFileBytes: number;
  /** Largest single image. */
  maxImageBytes: number;
  /** Images saved per article; the rest are removed. */
  maxImages: number;
  /** Redirects followed before giving up (each hop re-validated). */
  maxRedirects: number;
  /** Total time for a page: every redirect hop and the whole body. */
  pageTimeoutMs: number;
  /** Total time for one image. */
  imageTimeoutMs: number;
  /** Files per addFiles call. */
  maxFiles: number;
  /** Longest URL accepted ({@link MAX_URL_CHARS}: the article record keeps it as a short text). */
  maxUrlLength: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = {
  maxPageBytes: 10 * 1024 * 1024,
  maxFileBytes: 10 * 1024 * 1024,
  maxImageBytes: 10 * 1024 * 1024,
  maxImages: 100,
  maxRedirects: 5,
  pageTimeoutMs: 20_000,
  imageTimeoutMs: 20_000,
  maxFiles: 1000,
  maxUrlLength: MAX_URL_CHARS,
};

/** "10 MB", "512 KB", "300 bytes": sizes as the messages say them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "20 seconds", "1 second", "0.2 seconds". */
export function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
