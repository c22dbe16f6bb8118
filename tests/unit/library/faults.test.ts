/**
 * Fault injection at every step (ARCHITECTURE.md §3): each real writer of the library
 * — highlight create and update, reading progress, tags, saving a new article,
 * replacing one, trash, restore, quarantine — is first run clean to record every
 * file-system step it takes (open, write, fsync, close, rename, folder fsync,
 * readdir, read). Then, for each occurrence of each step, in a fresh library, that one
 * call fails with ENOSPC, EACCES, EIO, EPERM, EBUSY or EMFILE, and:
 *
 * - every file holds its old or its new content, never a mix, and no temp or staging
 *   file is left; a writer that reports failure changed nothing (one whose change
 *   spans files says so in its message, and its record is old);
 * - a fault after the change reached the disk (the folder fsync after a rename) is
 *   not a failure;
 * - a failure is LibraryError('io') whose message names the OS error and says what
 *   was kept;
 * - retrying the same call after the fault gives exactly the clean run's library
 *   (a retried highlight create never duplicates);
 * - list() shows every readable article.
 *
 * Faults are injected by mocking `node:fs/promises` with a fault plan (every module
 * of the store, atomic.ts included, reads it). Renames run with the non-Windows
 * policy (no retry) here, and with the Windows one in their own block. The number of
 * faults injected is printed at the end (RELIABILITY.md quotes it).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnnotationStore, Library, LibraryError } from '../../../main/library';
import { atomicSettings } from '../../../main/library/atomic';
import { ArticleStaging, replaceArticleContent, saveNewArticle, type ArticleDraft } from '../../../main/library/staging';
import { targetFor } from './annotations-helpers';
import { bundled, tree } from './helpers';

// ------------------------------------------------------------------ the fault plan

const STEPS = ['open', 'write', 'fsync', 'close', 'rename', 'folder-fsync', 'readdir', 'read'] as const;
type Step = (typeof STEPS)[number];
const CODES = ['ENOSPC', 'EACCES', 'EIO', 'EPERM', 'EBUSY', 'EMFILE'] as const;
const DESCRIPTIONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  EACCES: 'permission denied',
  EIO: 'i/o error',
  EPERM: 'operation not permitted',
  EBUSY: 'resource busy or locked',
  EMFILE: 'too many open files',
};

const plan = vi.hoisted(() => ({
  /** Count steps (and inject) only while armed. */
  armed: false,
  step: '' as string,
  code: '',
  /** Fail the `at`-th call of `step` and the `times - 1` after it. */
  at: 1,
  times: 1,
  counts: {} as Record<string, number>,
  /** When set, only calls on this path count and fail. */
  only: '' as string,
  /** Run just before the fault is thrown (e.g. another process removing the article). */
  before: undefined as (() => Promise<void>) | undefined,
  /** Folders fsynced while armed. */
  synced: [] as string[],
  /** Faults injected since the file started. */
  injected: 0,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const fault = (step: string, path: unknown): (Error & { code: string }) | undefined => {
    if (!plan.armed || (plan.only && String(path) !== plan.only)) return undefined;
    const n = (plan.counts[step] = (plan.counts[step] ?? 0) + 1);
    if (step !== plan.step || n < plan.at || n >= plan.at + plan.times) return undefined;
    plan.injected++;
    const syscall = step === 'folder-fsync' ? 'fsync' : step === 'read' ? 'open' : step;
    const description = DESCRIPTIONS[plan.code] ?? 'error';
    return Object.assign(new Error(`${plan.code}: ${description}, ${syscall} '${String(path)}'`), {
      code: plan.code,
      syscall,
      path: String(path),
    });
  };
  const wrap = (handle: import('node:fs/promises').FileHandle, path: unknown, folder: boolean) =>
    new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile' && !folder) {
          return async (data: string | Uint8Array) => {
            const error = fault('write', path);
            if (!error) return target.writeFile(data);
            // Half the data lands, then the error: a torn temp file.
            const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
            await target.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
            throw error;
          };
        }
        if (prop === 'sync') {
          return async () => {
            const error = fault(folder ? 'folder-fsync' : 'fsync', path);
            if (error) throw error;
            if (folder && plan.armed) plan.synced.push(String(path));
            return target.sync();
          };
        }
        if (prop === 'close' && !folder) {
          return async () => {
            const error = fault('close', path);
            await target.close();
            if (error) throw error;
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  const overrides = {
    open: async (path: string, flags?: string, mode?: number) => {
      const folder = flags === 'r';
      if (!folder) {
        const error = fault('open', path);
        if (error) throw error;
      }
      return wrap(await actual.open(path, flags, mode), path, folder);
    },
    rename: async (from: string, to: string) => {
      const error = fault('rename', from);
      if (error) {
        await plan.before?.();
        throw error;
      }
      return actual.rename(from, to);
    },
    readdir: (async (path: string, options?: unknown) => {
      const error = fault('readdir', path);
      if (error) throw error;
      return actual.readdir(path, options as never);
    }) as typeof actual.readdir,
    readFile: (async (path: string, options?: unknown) => {
      const error = fault('read', path);
      if (error) throw error;
      return actual.readFile(path, options as never);
    }) as typeof actual.readFile,
  };
  return { ...actual, ...overrides, default: { ...actual, ...overrides } };
});

/** Run `fn` with the plan armed: `step` fails at its `at`-th call (`times` calls), or nothing fails when `step` is ''. */
async function armed<T>(
  step: Step | '',
  code: string,
  at: number,
  fn: () => Promise<T>,
  times = 1,
  only = '',
  before?: () => Promise<void>,
) {
  Object.assign(plan, { armed: true, step, code, at, times, only, before, counts: {}, synced: [] });
  try {
    return await fn();
  } finally {
    Object.assign(plan, { armed: false, only: '', before: undefined });
  }
}

// ------------------------------------------------------------------ the writers

const NOW = new Date('2024-06-01T00:00:00.000Z');
const now = () => NOW;
const HIGHLIGHT_ID = '11111111-2222-4333-8444-555555555555';
/** What a re-save that failed after its commit kept (main/library/staging.ts). */
const REPLACE_COMMITTED =
  'The new version is kept and is put in place the next time Lectern opens this library; its tags, reading position and highlights are kept.';
const BODY = 'The quick brown fox jumps over the lazy dog.';
/** How every case opens its library (and reopens it). */
/**
 * The lock's heartbeat (every 5 s) rewrites `.lock` through the same mocked file system:
 * on a slow run it would take a writer's counted step. Here it never beats during a case.
 */
const OPEN_OPTIONS = { bundled: [bundled('a', 'A', BODY), bundled('b')], now, lock: { heartbeatMs: 3_600_000 } };

function draft(text: string): ArticleDraft {
  return {
    title: `Saved ${text}`,
    byline: null,
    site: 'Example',
    url: 'https://example.com/saved',
    publishedAt: null,
    language: 'en',
    credit: null,
    wordCount: text.split(' ').length,
    canonicalUrl: null,
    excerpt: null,
    html: `<p>${text}</p><img src="lectern-asset://saved/x.png">`,
    text,
    tags: ['saved'],
  };
}

/** What saving.ts does with a staging folder: assets in, the article last, discard on failure. */
async function save(dir: string, id: string, text: string, replace: boolean) {
  let staging: ArticleStaging | undefined;
  try {
    staging = await ArticleStaging.create(dir);
    await staging.storeAsset(new TextEncoder().encode(`image of ${text}`), 'png');
    return replace
      ? await replaceArticleContent(dir, staging, id, draft(text), NOW)
      : await saveNewArticle(dir, staging, id, draft(text), NOW);
  } catch (error) {
    await staging?.discard();
    throw error;
  }
}

interface Ctx {
  dir: string;
  library: Library;
  annotations: AnnotationStore;
}

interface Writer {
  name: string;
  /** Extra state before the call (the library has articles "a" and "b"). */
  prepare?: (ctx: Ctx) => Promise<void>;
  run: (ctx: Ctx) => Promise<unknown>;
  /** The end of every failure's message: what was kept (one of these). */
  kept: string | string[];
  /**
   * A journaled writer (ARCHITECTURE.md §3, the re-save journal): a failure whose message
   * ends with this came after the commit. It may leave files of the article new (the
   * record old) and leaves only its committed staging folder, which the next
   * `Library.open` finishes into exactly the clean run's library. Any other failure
   * changes nothing, as for every writer.
   */
  journaled?: string;
  /** Whether the call may be repeated after it succeeded (set-style and idempotent calls). */
  repeatable: boolean;
  /** A success may keep the old state (quarantine: an unreadable bad file is reported and left). */
  successMayKeepOld?: boolean;
  /** Files that must be new after a success (default: every changed file). */
  essential?: string[];
}

const writers: Writer[] = [
  {
    name: 'highlight create',
    run: ({ annotations }) =>
      annotations.create({ id: HIGHLIGHT_ID, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] }),
    kept: 'Your highlight was not saved; the article and its other highlights are unchanged.',
    repeatable: true,
  },
  {
    name: 'highlight update',
    prepare: async ({ annotations }) => {
      await annotations.create({ id: HIGHLIGHT_ID, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
    },
    run: ({ annotations }) => annotations.update({ articleId: 'a', id: HIGHLIGHT_ID, patch: { note: 'A note', color: 'blue' } }),
    kept: 'The change was not saved; the highlight is as it was.',
    repeatable: true,
  },
  {
    name: 'setProgress',
    run: ({ library }) => library.setProgress('a', { fraction: 0.5, position: 3, within: 0.25 }),
    kept: 'Your reading position was not saved; the article is unchanged.',
    repeatable: true,
  },
  {
    name: 'tags',
    run: ({ library }) => library.setTags('a', ['one', 'two']),
    kept: 'The tags were not saved; the article is unchanged.',
    repeatable: true,
  },
  {
    name: 'article save',
    run: ({ dir }) => save(dir, 'saved', 'A new article.', false),
    kept: 'The article was not saved; the library is unchanged.',
    repeatable: false,
  },
  {
    name: 'article replace',
    run: ({ dir }) => save(dir, 'b', 'New words for b.', true),
    kept: [
      // Failing while the new images are staged, before the article is touched:
      'The article was not saved; the library is unchanged.',
      // Failing while the rest is staged, before the commit:
      'The article was not updated; it is as it was.',
      REPLACE_COMMITTED,
    ],
    journaled: REPLACE_COMMITTED,
    repeatable: true,
  },
  {
    name: 'trash',
    run: ({ library }) => library.trash('a'),
    kept: 'The article was not moved to the trash; it is still in the library, unchanged.',
    repeatable: false,
    essential: ['.trash/a/article.json'],
  },
  {
    name: 'restore',
    prepare: ({ library }) => library.trash('a'),
    run: ({ library }) => library.restore('a'),
    kept: 'The article was not restored; it is still in the trash, unchanged.',
    repeatable: false,
    essential: ['articles/a/article.json'],
  },
  {
    name: 'quarantine (list with a damaged article.json)',
    prepare: ({ dir }) => writeFile(join(dir, 'articles', 'b', 'article.json'), '{ "damaged": '),
    run: async ({ library }) => {
      const listing = await library.list();
      // The readable rest lists; the damaged file is reported, moved or not; an
      // article.json whose read failed is reported and left.
      const reported = listing.problems.map((p) => p.file);
      expect(reported).toContain('articles/b/article.json');
      const ids = [...listing.articles.map((a) => a.id), ...reported.map((file) => file.split('/')[1])];
      expect(ids.sort()).toEqual(['a', 'b']);
      return listing;
    },
    kept: 'Nothing in the library was changed.',
    repeatable: true,
    successMayKeepOld: true,
  },
];

// ------------------------------------------------------------------ the library and its states

/** Library files and folders a snapshot covers (anything another part of the app keeps at the top is not ours). */
const OURS = /^(library\.json|settings\.json|articles\/|\.trash\/|\.quarantine\/|\.staging\/)/;

let template: string;

/**
 * Where the libraries are made: a RAM disk when there is one (the faults are injected,
 * not the disk's, so its fsyncs would only cost time), else the temp folder.
 */
const SCRATCH = process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(SCRATCH, 'lectern-faults-'));
  template = join(scratch, 'template');
  // Closed, so its lock is not copied into every case (a case would find it held and open read-only).
  await (await Library.open(template, OPEN_OPTIONS)).close();
  Object.assign(atomicSettings, { platform: () => 'linux', renameRetryDelaysMs: [1, 1, 1, 1, 1, 1], folderSyncRetryDelaysMs: [1, 1] });
});

const warnings: unknown[] = [];
const savedSettings = { ...atomicSettings };
atomicSettings.warn = (message) => warnings.push(message);
afterAll(async () => {
  Object.assign(atomicSettings, savedSettings);
  await rm(scratch, { recursive: true, force: true });
});

async function fresh(writer: Writer): Promise<Ctx> {
  const dir = join(await mkdtemp(join(scratch, 'case-')), 'library');
  await cp(template, dir, { recursive: true });
  const library = await Library.open(dir, OPEN_OPTIONS);
  // At rest before a fault is armed: the background check of the catalog and the sweep
  // after open would otherwise take the injected faults meant for the writer.
  await library.reconciled();
  await library.swept();
  const ctx = { dir, library, annotations: new AnnotationStore(dir, { now }) };
  await writer.prepare?.(ctx);
  return ctx;
}

type Snapshot = Map<string, string>;

async function snapshot(dir: string): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const file of await tree(dir)) if (OURS.test(file)) out.set(file, await readFile(join(dir, file), 'utf8'));
  return out;
}

/** Every file is its old or its new self (absent counts as a state); nothing else exists. */
function oldOrNew(state: Snapshot, before: Snapshot, after: Snapshot): string[] {
  const bad: string[] = [];
  for (const file of new Set([...state.keys(), ...before.keys(), ...after.keys()])) {
    const now = state.get(file);
    if (now !== before.get(file) && now !== after.get(file)) bad.push(file);
  }
  return bad;
}

const changed = (before: Snapshot, after: Snapshot) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));

const same = (a: Snapshot, b: Snapshot) => changed(a, b).length === 0;

/** The ids list() shows, and whether every one of them is readable. */
async function listed(library: Library): Promise<string[]> {
  return (await library.list()).articles.map((article) => article.id).sort();
}

// ------------------------------------------------------------------ the matrix

interface Outcome {
  writer: string;
  step: Step;
  at: number;
  code: string;
  failed: boolean;
}
const outcomes: Outcome[] = [];
/** The steps each writer takes in a clean run (how many of each), for the report. */
const stepsOf = new Map<string, Record<string, number>>();
/** Each occurrence of a step up to this many is failed (no writer takes more of one step today). */
const MAX_OCCURRENCES = 6;

for (const writer of writers) {
  describe(`${writer.name} under faults`, () => {
    let before: Snapshot;
    let after: Snapshot;
    let listedAfter: string[];
    let listedBefore: string[];
    const counts: Partial<Record<Step, number>> = {};

    beforeAll(async () => {
      // list() may change a library (it quarantines), so it looks at a copy of its own.
      listedBefore = await listed((await fresh(writer)).library);
      const ctx = await fresh(writer);
      before = await snapshot(ctx.dir);
      await armed('', '', 0, () => writer.run(ctx));
      Object.assign(counts, plan.counts);
      stepsOf.set(writer.name, { ...plan.counts });
      after = await snapshot(ctx.dir);
      listedAfter = await listed(ctx.library);
      // A clean run changes something, else the matrix proves nothing.
      expect(changed(before, after).length).toBeGreaterThan(0);
    });

    it('takes file-system steps that the matrix then fails one by one', () => {
      expect(Object.keys(counts).length).toBeGreaterThan(0);
    });

    for (const step of STEPS) {
      it(`survives a failure at each ${step}, with every code`, async (context) => {
        const occurrences = counts[step] ?? 0;
        if (occurrences === 0) context.skip(`${writer.name} does not ${step}`);
        for (let at = 1; at <= Math.min(occurrences, MAX_OCCURRENCES); at++) {
          for (const code of CODES) {
            await oneFault(writer, step, at, code, { before, after, listedBefore, listedAfter });
          }
        }
      });
    }
  });
}

async function oneFault(
  writer: Writer,
  step: Step,
  at: number,
  code: string,
  expected: { before: Snapshot; after: Snapshot; listedBefore: string[]; listedAfter: string[] },
): Promise<void> {
  const { before, after, listedBefore, listedAfter } = expected;
  const where = `${writer.name}: ${code} at ${step} #${at}`;
  const ctx = await fresh(writer);
  const injectedBefore = plan.injected;
  let error: unknown;
  try {
    await armed(step, code, at, () => writer.run(ctx));
  } catch (caught) {
    error = caught;
  }
  expect(plan.injected, `${where}: the fault was injected`).toBe(injectedBefore + 1);
  // A journaled writer that failed after its commit leaves its journal (checked below).
  const journal = error instanceof LibraryError && writer.journaled !== undefined && error.message.endsWith(writer.journaled);
  const state = await snapshot(ctx.dir);
  for (const file of state.keys()) if (journal && file.startsWith('.staging/')) state.delete(file);
  outcomes.push({ writer: writer.name, step, at, code, failed: error !== undefined });

  // Old or new, never a mix; no temp or staging file left behind (but a committed journal).
  expect(oldOrNew(state, before, after), `${where}: files neither old nor new`).toEqual([]);
  const left = (await tree(ctx.dir)).filter((f) => /(^|\/)\.[^/]*\.tmp$|^\.staging\/./.test(f));
  if (journal) {
    expect(left.filter((f) => !/^\.staging\/[^/]+\//.test(f)), `${where}: leftovers besides the journal`).toEqual([]);
    expect(left.filter((f) => /^\.staging\/[^/]+\/replace\.json$/.test(f)), `${where}: the committed journal`).toHaveLength(1);
  } else {
    expect(left, `${where}: leftovers`).toEqual([]);
  }

  if (error !== undefined) {
    // A failure is an io error in words: the OS error and what was kept.
    expect(error, `${where}: a LibraryError`).toBeInstanceOf(LibraryError);
    const { code: errorCode, message } = error as LibraryError;
    expect(errorCode, `${where}: ${message}`).toBe('io');
    expect(message, where).toContain(`(${code})`);
    const kept = typeof writer.kept === 'string' ? [writer.kept] : writer.kept;
    expect(kept.some((end) => message.endsWith(end)), `${where}: says what was kept: ${message}`).toBe(true);
    if (journal) {
      // After the commit the files move in one by one and the record last: the record is old…
      const record = [...after.keys()].find((file) => file.endsWith('article.json') && before.get(file) !== after.get(file));
      if (record) expect(state.get(record), `${where}: record`).toBe(before.get(record));
      // …and the next open finishes the journal: exactly the clean run's library.
      await ctx.library.close();
      ctx.library = await Library.open(ctx.dir, OPEN_OPTIONS);
      expect(changed(await snapshot(ctx.dir), after), `${where}: finished at the next open`).toEqual([]);
    } else {
      expect(changed(before, state), `${where}: a failure changed nothing`).toEqual([]);
    }
    // A folder fsync fails a call only before its change reached the disk (a staging
    // folder's, before the rename that commits): after the rename it is not a failure.
    if (step === 'folder-fsync') expect(changed(before, state), `${where}: failed after the change reached the disk`).toEqual([]);
    if (step === 'folder-fsync') expect(journal, `${where}: a journal's folder fsync failed after its commit`).toBe(false);
  } else if (!(writer.successMayKeepOld && same(state, before))) {
    const essential = writer.essential ?? changed(before, after);
    for (const file of essential) expect(state.get(file), `${where}: ${file} is new`).toBe(after.get(file));
  }

  // The readable rest lists.
  const ids = await listed(ctx.library);
  expect([listedBefore.join(), listedAfter.join()], `${where}: list()`).toContain(ids.join());

  // A retry gives exactly the clean run's library (no duplicate highlight, no second article).
  if (error !== undefined || writer.repeatable) {
    await writer.run(ctx);
    const retried = await snapshot(ctx.dir);
    expect(changed(retried, after), `${where}: retry`).toEqual([]);
    expect(await listed(ctx.library), `${where}: list() after the retry`).toEqual(listedAfter);
  }
  await rm(ctx.dir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ list() under read faults

describe('list() under faults', () => {
  it.each(CODES)('an article.json that cannot be read (%s) is reported, left in place, and the rest lists', async (code) => {
    const ctx = await fresh({ name: 'list', run: async () => undefined, kept: '', repeatable: true });
    const before = await snapshot(ctx.dir);
    const path = join(ctx.dir, 'articles', 'b', 'article.json');
    // Fail every read of b's article.json.
    const listing = await armedFor(path, code, () => ctx.library.list());
    expect(listing.articles.map((a) => a.id)).toEqual(['a']);
    expect(listing.problems).toEqual([
      {
        file: 'articles/b/article.json',
        movedTo: null,
        reason: `article.json could not be read: ${DESCRIPTIONS[code]} (${code}); it was left where it is`,
      },
    ]);
    expect(same(await snapshot(ctx.dir), before)).toBe(true);
  });

  it.each(CODES)('a library folder that cannot be listed (%s) is an io error in words, and nothing changes', async (code) => {
    const ctx = await fresh({ name: 'list', run: async () => undefined, kept: '', repeatable: true });
    const before = await snapshot(ctx.dir);
    await expect(armed('readdir', code, 1, () => ctx.library.list())).rejects.toMatchObject({
      code: 'io',
      message: `Could not list ${join(ctx.dir, 'articles')}: ${DESCRIPTIONS[code]} (${code}). Nothing in the library was changed.`,
    });
    expect(same(await snapshot(ctx.dir), before)).toBe(true);
    expect(await listed(ctx.library)).toEqual(['a', 'b']);
  });
});

/** Fail every read of `path` with `code` while `fn` runs. */
const armedFor = <T,>(path: string, code: string, fn: () => Promise<T>) =>
  armed('read', code, 1, fn, Number.POSITIVE_INFINITY, path);

// ------------------------------------------------------------------ both folders of a move fsynced

describe('a move between folders fsyncs both', () => {
  it.each([
    ['trash', ['articles', '.trash']],
    ['restore', ['.trash', 'articles']],
    ['quarantine (list with a damaged article.json)', ['articles/b', '.quarantine']],
  ])('%s fsyncs %j', async (name, folders) => {
    const writer = writers.find((w) => w.name === name)!;
    const ctx = await fresh(writer);
    await armed('', '', 0, () => writer.run(ctx));
    const synced = plan.synced.map((path) => path.slice(ctx.dir.length + 1).split('\\').join('/'));
    expect(synced).toEqual(expect.arrayContaining(folders));
  });
});

// ------------------------------------------------------------------ ENOENT inside a write

describe('ENOENT from inside a write', () => {
  const progress = { fraction: 0.5, position: 3, within: 0 };
  const create = (annotations: AnnotationStore) =>
    annotations.create({ id: HIGHLIGHT_ID, articleId: 'a', target: targetFor(BODY, 'fox'), color: 'yellow', note: '', tags: [] });
  const writer = writers[0]!;

  it('is an io error, not "no article", while the article is there (its temp file was removed under it)', async () => {
    const ctx = await fresh(writer);
    const before = await snapshot(ctx.dir);
    await expect(armed('rename', 'ENOENT', 1, () => ctx.library.setProgress('a', progress))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/\(ENOENT\)\. Your reading position was not saved; the article is unchanged\.$/),
    });
    await expect(armed('rename', 'ENOENT', 1, () => create(ctx.annotations))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/\(ENOENT\)\. Your highlight was not saved; the article and its other highlights are unchanged\.$/),
    });
    expect(same(await snapshot(ctx.dir), before)).toBe(true);
    // And the retries work.
    await ctx.library.setProgress('a', progress);
    await create(ctx.annotations);
    expect((await ctx.annotations.list('a')).highlights.map((h) => h.id)).toEqual([HIGHLIGHT_ID]);
  });

  it('is not-found when the article really went away meanwhile', async () => {
    const ctx = await fresh(writer);
    const gone = () => rm(join(ctx.dir, 'articles', 'a'), { recursive: true, force: true });
    await expect(
      armed('rename', 'ENOENT', 1, () => ctx.library.setProgress('a', progress), 1, '', gone),
    ).rejects.toMatchObject({ code: 'not-found', message: 'No article with id "a"' });
  });

  it('is not-found for a highlight whose article was trashed meanwhile, saying the highlight was not saved', async () => {
    const ctx = await fresh(writer);
    const trashed = () => rm(join(ctx.dir, 'articles', 'a'), { recursive: true, force: true });
    await expect(armed('rename', 'ENOENT', 1, () => create(ctx.annotations), 1, '', trashed)).rejects.toMatchObject({
      code: 'not-found',
      message:
        'No article with id "a" (it was moved or deleted meanwhile). Your highlight was not saved; the article and its other highlights are unchanged.',
    });
  });
});

// ------------------------------------------------------------------ Windows: renames refused for a moment

describe('on Windows, a rename refused with EPERM/EBUSY/EACCES', () => {
  const win32 = async <T,>(fn: () => Promise<T>) => {
    const platform = atomicSettings.platform;
    atomicSettings.platform = () => 'win32';
    try {
      return await fn();
    } finally {
      atomicSettings.platform = platform;
    }
  };
  const progressWriter = writers.find((w) => w.name === 'setProgress')!;

  it.each(['EPERM', 'EBUSY', 'EACCES'])('for a moment (%s x3) is retried and the write succeeds', async (code) => {
    const ctx = await fresh(progressWriter);
    await win32(() => armed('rename', code, 1, () => ctx.library.setProgress('a', { fraction: 0.5, position: 3, within: 0 }), 3));
    expect((await ctx.library.get('a')).progress).toEqual({ fraction: 0.5, position: 3, within: 0 });
    expect((await tree(ctx.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('for good fails after the retries as io, the file old, no temp left', async () => {
    const ctx = await fresh(progressWriter);
    const before = await snapshot(ctx.dir);
    const injected = plan.injected;
    await expect(
      win32(() => armed('rename', 'EBUSY', 1, () => ctx.library.setProgress('a', { fraction: 0.5, position: 3, within: 0 }), 1000)),
    ).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/\(EBUSY\)\. Your reading position was not saved/) });
    expect(plan.injected - injected).toBe(1 + atomicSettings.renameRetryDelaysMs.length);
    expect(same(await snapshot(ctx.dir), before)).toBe(true);
  });

  it('a trash refused for a moment is retried and the article moves', async () => {
    const ctx = await fresh(progressWriter);
    await win32(() => armed('rename', 'EPERM', 1, () => ctx.library.trash('a'), 2));
    expect(await listed(ctx.library)).toEqual(['b']);
    expect((await ctx.library.listTrash()).map((t) => t.id)).toEqual(['a']);
  });
});

// ------------------------------------------------------------------ a folder fsync that keeps failing

describe('a folder fsync that fails every time after the rename', () => {
  // Not a new article nor a re-save: their staging folder is fsynced before the rename
  // that commits it, and that failure is a failure (the matrix above checks it changes nothing).
  it.each(writers.filter((w) => w.name !== 'article save' && w.name !== 'article replace'))(
    '$name succeeds, the change on disk, and the failure is logged',
    async (writer) => {
      const ctx = await fresh(writer);
      warnings.length = 0;
      const injected = plan.injected;
      await armed('folder-fsync', 'EIO', 1, () => writer.run(ctx), Number.POSITIVE_INFINITY);
      expect(plan.injected).toBeGreaterThan(injected);
      expect(warnings.length).toBeGreaterThan(0);
      expect(String(warnings[0])).toMatch(/is saved, but the folder could not be flushed to disk/);
    },
  );
});

describe('the matrix', () => {
  it('failed every step of the list in at least one writer, and every code', () => {
    const taken = new Set([...stepsOf.values()].flatMap((steps) => Object.keys(steps)));
    expect([...taken].sort()).toEqual([...STEPS].sort());
    expect(new Set(outcomes.map((o) => o.code))).toEqual(new Set(CODES));
    expect(new Set(outcomes.map((o) => o.step))).toEqual(new Set(STEPS));
    // Every writer both failed honestly and completed under some fault.
    for (const writer of writers) {
      const mine = outcomes.filter((o) => o.writer === writer.name);
      expect(mine.some((o) => o.failed), writer.name).toBe(true);
      expect(mine.some((o) => !o.failed), writer.name).toBe(true);
    }
  });
});

afterAll(async () => {
  const failed = outcomes.filter((o) => o.failed).length;
  const summary =
    `faults.test.ts: ${plan.injected} faults injected; matrix ${outcomes.length} cases ` +
    `(${failed} reported failures, ${outcomes.length - failed} completed), ` +
    `${writers.length} writers x ${STEPS.length} steps x ${CODES.length} codes`;
  console.log(summary);
  for (const [name, steps] of stepsOf) console.log(`  ${name}: ${JSON.stringify(steps)}`);
  // RELIABILITY.md's figure: LECTERN_FAULTS_REPORT=<file> writes the summary line there too.
  if (process.env['LECTERN_FAULTS_REPORT']) await writeFile(process.env['LECTERN_FAULTS_REPORT'], `${summary}\n`);
});

