/**
 * The reconcile of the catalog with the article folders (ARCHITECTURE.md §3, the
 * catalog): list `articles/`, stat each article.json, and read again only those whose
 * fingerprint (size, mtime, ctime, inode) differs from the row's, or whose row was
 * taken too soon after a change to be trusted; add new folders, drop gone ones, and
 * record what could not be read as `Library.list` reports it. It works in batches and
 * announces each batch's changes, so a catalog built from nothing lists its first
 * rows at once. A row written by the library itself after the reconcile began is
 * left as that write made it.
 */
import { readdir, stat } from 'node:fs/promises';
import { isArticleId, SHORT_TEXT_CHARS, type ArticleSummary, type LibraryProblem } from '../../common/model';
import type { LibraryChange } from '../../common/ipc';
import { isVerified, type Catalog, type CatalogEntry, type Fingerprint, type StoredFingerprint } from './catalog';
import { folderContainment } from './containment';
import { LibraryError, describeOsError, errorCode, ioError } from './errors';
import type { JsonFileRead } from './json-file';
import { ARTICLES_DIR, mapLimit, paths, relativeArticleJson } from './layout';
import { toSummary, type ArticleRecord } from './schema';

export interface ReconcileHost {
  readonly dir: string;
  readonly catalog: Catalog;
  /**
   * Read one article.json: with `quarantine` as the library does (a corrupt one is
   * moved to quarantine and reported there); without, a corrupt one is only judged
   * (`bad`) — a background check never moves a file a hand or a tool may be writing.
   */
  load(id: string, quarantine: boolean): Promise<JsonFileRead<ArticleRecord> | { kind: 'bad'; reason: string }>;
  /** The library's write counter now. */
  writes(): number;
  /** The write count of the last change the library itself made to `id`'s row (0: none). */
  lastWrite(id: string): number;
  /** Tell the listeners what one batch changed. */
  announce(change: LibraryChange): void;
  /** False once the library is closing: stop between batches. */
  running(): boolean;
}

export interface ReconcileResult {
  added: number;
  updated: number;
  removed: number;
  /** Folders and files that could not be read, as `Library.list` reports them. */
  problems: LibraryProblem[];
}

/** Folders handled per batch (each batch is one catalog transaction and one announcement). */
export const RECONCILE_BATCH = 500;

const sameFingerprint = (a: StoredFingerprint, b: Fingerprint | null) =>
  b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

const same = (a: StoredFingerprint, b: Fingerprint) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

export const fingerprintOf = (info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): Fingerprint => ({
  size: info.size,
  mtimeMs: info.mtimeMs,
  ctimeMs: info.ctimeMs,
  ino: info.ino,
});

const yieldToLoop = () => new Promise<void>((done) => setImmediate(done));

type Checked =
  | { kind: 'same' }
  | { kind: 'entry'; entry: CatalogEntry }
  | { kind: 'gone' }
  | { kind: 'problem'; problem: LibraryProblem };

/** Bring the catalog in step with `articles/`; resolves to what changed and the problems found. */
export async function reconcile(host: ReconcileHost, quarantine: boolean, batch = RECONCILE_BATCH): Promise<ReconcileResult> {
  const { catalog, dir } = host;
  const began = host.writes();
  const untouched = (id: string) => host.lastWrite(id) <= began;
  const { ids, links, problems } = await articleFolders(dir);
  problems.push(
    ...links.map((id) => ({
      file: `${ARTICLES_DIR}/${id}`,
      movedTo: null,
      reason: `articles/${id} is a symbolic link; Lectern never follows links out of the library, so it was left where it is`,
    })),
  );
  const stored = catalog.fingerprints();
  const result: ReconcileResult = { added: 0, updated: 0, removed: 0, problems };

  const check = async (id: string): Promise<Checked> => {
    const path = paths.articleJson(dir, id);
    let fingerprint: Fingerprint;
    try {
      fingerprint = fingerprintOf(await stat(path));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
      return { kind: 'problem', problem: unreadableProblem(id, error) };
    }
    const row = stored.get(id);
    if (row && row.verified && same(row, fingerprint)) return { kind: 'same' };
    // Read after the stat: a change in between only makes the next reconcile read it again.
    try {
      const loaded = await host.load(id, quarantine);
      if (loaded.kind === 'bad') return { kind: 'problem', problem: { file: relativeArticleJson(id), movedTo: null, reason: short(`${loaded.reason}; it was left where it is`) } };
      if (loaded.kind !== 'ok') return { kind: 'gone' }; // missing, or quarantined (reported by quarantine.ts)
      return { kind: 'entry', entry: { summary: toSummary(loaded.value), fingerprint } };
    } catch (error) {
      return { kind: 'problem', problem: unreadableProblem(id, error) };
    }
  };

  for (let start = 0; start < ids.length; start += batch) {
    if (!host.running()) return result;
    const chunk = ids.slice(start, start + batch);
    const checked = await mapLimit(chunk, 16, check);
    if (!host.running()) return result;
    const entries: CatalogEntry[] = [];
    const change: LibraryChange = { added: [], updated: [], removed: [] };
    const drop: string[] = [];
    chunk.forEach((id, k) => {
      const outcome = checked[k]!;
      if (outcome.kind === 'problem') problems.push(outcome.problem);
      if (outcome.kind === 'same' || !untouched(id)) return;
      if (outcome.kind === 'entry') {
        const row = stored.get(id);
        const before = row ? catalog.get(id) : undefined;
        const same = before !== undefined && equalSummaries(before, outcome.entry.summary);
        // A row read again only because its fingerprint was young is written only when that changes something.
        if (same && row!.verified === isVerified(outcome.entry.fingerprint) && sameFingerprint(row!, outcome.entry.fingerprint)) return;
        entries.push(outcome.entry);
        if (before === undefined) change.added.push(id);
        else if (!same) change.updated.push(id);
      } else if (stored.has(id)) {
        drop.push(id);
        change.removed.push(id);
      }
    });
    catalog.upsert(entries);
    catalog.remove(drop);
    result.added += change.added.length;
    result.updated += change.updated.length;
    result.removed += change.removed.length;
    announce(host, change);
    await yieldToLoop();
  }
  // Rows whose folder is gone (removed or renamed by hand, or by another Lectern).
  const present = new Set(ids);
  const gone = [...stored.keys()].filter((id) => !present.has(id) && untouched(id));
  if (host.running() && gone.length > 0) {
    catalog.remove(gone);
    result.removed += gone.length;
    announce(host, { added: [], updated: [], removed: gone });
  }
  return result;
}

function announce(host: ReconcileHost, change: LibraryChange): void {
  if (change.added.length + change.updated.length + change.removed.length > 0) host.announce(change);
}

function equalSummaries(a: ArticleSummary, b: ArticleSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The article folders' names (`articles/<id>`, valid ids only), and those that are symbolic links. */
export async function articleFolders(dir: string): Promise<{ ids: string[]; links: string[]; problems: LibraryProblem[] }> {
  const root = paths.articles(dir);
  const articlesFolder = await folderContainment(dir, ARTICLES_DIR).catch(() => ({ kind: 'inside' }) as const);
  if (articlesFolder.kind === 'outside') {
    const reason = `${articlesFolder.reason}; Lectern never follows links out of the library, so no article was read`;
    return { ids: [], links: [], problems: [{ file: ARTICLES_DIR, movedTo: null, reason }] };
  }
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return { ids: [], links: [], problems: [] };
    throw ioError('list', root, error, 'Nothing in the library was changed.');
  }
  const named = entries.filter((entry) => isArticleId(entry.name));
  return {
    ids: named.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    links: named.filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name),
    problems: [],
  };
}

/** A problem for an article.json that could not be read: reported, not moved (it is not known to be damaged). */
export function unreadableProblem(id: string, error: unknown): LibraryProblem {
  const cause = error instanceof LibraryError && error.cause !== undefined ? error.cause : error;
  const why = errorCode(cause) ? describeOsError(cause) : error instanceof Error ? error.message : String(error);
  return { file: relativeArticleJson(id), movedTo: null, reason: short(`article.json could not be read: ${why}; it was left where it is`) };
}

const short = (reason: string) => (reason.length > SHORT_TEXT_CHARS ? `${reason.slice(0, SHORT_TEXT_CHARS - 1)}…` : reason);
