/**
 * Which article was saved from a URL, so saving the same URL again updates it. Built
 * from every article.json (`url` and `canonicalUrl`) on first use and rebuilt when the
 * articles folder changes behind our back (its mtime moves); our own saves update it
 * in place, so importing 500 files does not re-read the library 500 times. While our
 * own saves are writing (several at once when files are imported in parallel) the
 * folder's mtime moves because of them, so it is taken again when the last one ends.
 */
import { readFile, stat } from 'node:fs/promises';
import { isArticleId } from '../../common/model';
import { mapLimit, paths, subfolders } from '../library/layout';

/** The form URLs are compared in: parsed, fragment dropped; the text as given when it does not parse. */
export function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

export class UrlIndex {
  readonly #dir: string;
  #byUrl: Map<string, string> | undefined;
  #mtime = -1;
  /** Our saves writing into the articles folder now. */
  #writing = 0;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async #folderTime(): Promise<number> {
    try {
      return (await stat(paths.articles(this.#dir))).mtimeMs;
    } catch {
      return -1;
    }
  }

  async #build(): Promise<Map<string, string>> {
    const mtime = await this.#folderTime();
    if (this.#byUrl && (mtime === this.#mtime || this.#writing > 0)) return this.#byUrl;
    const ids = (await subfolders(paths.articles(this.#dir))).filter(isArticleId);
    const byUrl = new Map<string, string>();
    const found = await mapLimit(ids, 16, async (id) => {
      try {
        const record = JSON.parse(await readFile(paths.articleJson(this.#dir, id), 'utf8')) as Record<string, unknown>;
        return { id, urls: [record['url'], record['canonicalUrl']].filter((u): u is string => typeof u === 'string') };
      } catch {
        return { id, urls: [] };
      }
    });
    for (const { id, urls } of found.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const url of urls) if (!byUrl.has(urlKey(url))) byUrl.set(urlKey(url), id);
    }
    this.#byUrl = byUrl;
    this.#mtime = mtime;
    return byUrl;
  }

  /** The id of the article saved from any of `urls`, if one still exists. */
  async find(urls: readonly (string | null)[]): Promise<string | undefined> {
    const byUrl = await this.#build();
    for (const url of urls) {
      const id = url ? byUrl.get(urlKey(url)) : undefined;
      if (id === undefined) continue;
      try {
        await stat(paths.articleJson(this.#dir, id));
        return id;
      } catch {
        byUrl.delete(urlKey(url!));
      }
    }
    return undefined;
  }

  /**
   * Run `save` (one of our writes into the articles folder), then record that it
   * saved article `id` from `urls`.
   */
  async write<T>(id: string, urls: readonly (string | null)[], save: () => Promise<T>): Promise<T> {
    this.#writing++;
    try {
      const saved = await save();
      const byUrl = this.#byUrl; // when not built yet, it is built (with this article) on first use
      if (byUrl) for (const url of urls) if (url) byUrl.set(urlKey(url), id);
      return saved;
    } finally {
      this.#writing--;
      if (this.#writing === 0) this.#mtime = await this.#folderTime();
    }
  }
}
