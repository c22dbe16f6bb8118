/**
 * The library lock (ARCHITECTURE.md §3): one Lectern at a time writes a library.
 *
 * `<library>/.lock` is a small JSON file naming its holder: host, pid, when it started,
 * its last heartbeat, the app version and a random token. Written by hand rather than
 * with proper-lockfile, which records no holder (so a user cannot be told who has the
 * library), never checks whether the holder's pid is alive, and by default throws from
 * a timer (crashing the process) when it finds its lock compromised.
 *
 * - Acquiring: the record is written whole to a private file, then hard-linked to
 *   `.lock`. link() fails if `.lock` exists and is atomic on every file system, so two
 *   contenders can never both create it, and nobody ever sees a half-written lock.
 *   (Where there are no hard links — FAT, exFAT, some shares — an O_EXCL create instead.)
 * - A holder is dead when it is on this host and its pid no longer exists (or it started
 *   before this computer booted), or when its heartbeat is older than `staleMs` (any host;
 *   the file's own mtime counts as a heartbeat too, so a clock running behind is not death).
 *   A fresh lock of another host is held: we cannot see its processes. (A library in a
 *   synced folder is shared this way; a later change to sync folders revisits this.)
 * - Taking over a dead holder's lock: first create `.lock-<its token>.takeover` (O_EXCL),
 *   so of all contenders that judged the same dead lock exactly one goes on; it reads
 *   `.lock` again, renames it away only if it is still that dead lock, and then competes
 *   with link() like anyone else. A fresh lock is therefore never removed by a contender
 *   whose judgement is out of date.
 * - The holder heartbeats every `heartbeatMs` (an unref'd timer: it never keeps the
 *   process alive), rewriting its record in place after checking it is still its own.
 *   If `.lock` is gone or names another holder, the lock is lost: `onLost` says why,
 *   and the library becomes read-only.
 *
 * Plain Node, no `electron`. One file of ~400 lines: acquiring, judging, taking over and
 * heartbeating are one protocol, and each step's safety rests on the others.
 *
 * Just over 400 lines and one idea: taking, keeping (heartbeat) and giving back the lock,
 * with the take-over of a dead one; the rules are easier to check side by side.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { errorCode, describeOsError } from './errors';

export const LOCK_FILE = '.lock';
/** Private files of the lock protocol: `.lock-<token>.new|.takeover|.stale`. */
const LOCK_SIDE_FILE = /^\.lock-[0-9a-f]+\.(new|takeover|stale)$/;

/** Heartbeat every 5 s; a heartbeat older than 30 s means the holder is gone. */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;

/** What `.lock` holds. Times are ISO strings (fixed length, so a heartbeat rewrites the same bytes). */
export interface LockRecord {
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  appVersion: string;
  token: string;
}

export interface LockOptions {
  /** Default {@link HEARTBEAT_MS}. */
  heartbeatMs?: number;
  /** Default {@link STALE_MS}. */
  staleMs?: number;
  /** How long to wait before looking again while another contender takes over (default 25 ms). */
  retryMs?: number;
  /** Default `os.hostname()`. */
  host?: string;
  /** Default `process.pid`. */
  pid?: number;
  appVersion?: string;
  /** The clock, ms since the epoch. */
  now?: () => number;
  /** Whether a process with this pid exists on this host. Default `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  /** When this computer booted, ms since the epoch. Default from `os.uptime()`. */
  bootTime?: () => number;
  /** The lock was taken over or removed while held: why, in words. */
  onLost?: (reason: string) => void;
}

/** Why a lock was acquired: there was none, its holder (on this host) was dead, or its heartbeat was stale. */
export type Takeover = 'none' | 'dead' | 'stale';

export type LockAttempt =
  | { kind: 'acquired'; lock: LibraryLock; previous: Takeover }
  /** Another live Lectern holds it; `holder` is null when `.lock` could not be read (being written). */
  | { kind: 'held'; holder: LockRecord | null; reason: string }
  /** The lock file cannot be written here (a read-only folder or disk, no permission, a full disk). */
  | { kind: 'unavailable'; reason: string };

const READ_ONLY_TAIL = 'Lectern opened it read-only: changes you make now are not saved.';

/** Whether a pid exists: `kill(pid, 0)` answers ESRCH for none, EPERM for someone else's process. */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** "13:02", or "2 Dec 13:02" when not today (local time). */
export function clockTime(iso: string, now: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const hm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  if (at.toDateString() === new Date(now).toDateString()) return hm;
  const month = at.toLocaleString('en', { month: 'short' });
  return `${at.getDate()} ${month} ${hm}`;
}

/** The sentence the user reads when another Lectern holds the library. */
export function heldReason(holder: LockRecord | null, host: string, now: number): string {
  if (!holder) return `This library is being opened by another Lectern at this moment. ${READ_ONLY_TAIL}`;
  const since = clockTime(holder.startedAt, now);
  if (holder.host === host) {
    return `This library is open in Lectern on this computer (process ${holder.pid}, since ${since}). ${READ_ONLY_TAIL}`;
  }
  return `This library is open in Lectern on the computer "${holder.host}" (since ${since}). ${READ_ONLY_TAIL}`;
}

function parseRecord(raw: string): LockRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const r = json as Record<string, unknown>;
  const strings = ['host', 'startedAt', 'heartbeatAt', 'appVersion', 'token'] as const;
  if (!strings.every((key) => typeof r[key] === 'string')) return null;
  // The token names the takeover file: hex only, so a crafted lock cannot name a path.
  if (!/^[0-9a-f]{1,64}$/.test(r['token'] as string)) return null;
  if (typeof r['pid'] !== 'number' || !Number.isSafeInteger(r['pid'])) return null;
  return {
    host: r['host'] as string,
    pid: r['pid'],
    startedAt: r['startedAt'] as string,
    heartbeatAt: r['heartbeatAt'] as string,
    appVersion: r['appVersion'] as string,
    token: r['token'] as string,
  };
}

const serialize = (record: LockRecord) => `${JSON.stringify(record)}\n`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What `.lock` holds now: its record (null when it does not parse) and its mtime, or `absent`. */
type Found = { kind: 'absent' } | { kind: 'present'; record: LockRecord | null; mtimeMs: number };

async function readLock(path: string): Promise<Found> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { kind: 'present', record: parseRecord(raw), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/** Errors that mean "this folder cannot take a lock file", so the library opens read-only. */
const CANNOT_WRITE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** A held library lock. Create with {@link acquireLock}. */
export class LibraryLock {
  readonly path: string;
  readonly record: LockRecord;
  readonly #options: Required<Pick<LockOptions, 'heartbeatMs' | 'now'>> & LockOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #beating: Promise<void> = Promise.resolve();
  #lost: string | null = null;
  #released = false;

  constructor(path: string, record: LockRecord, options: LockOptions & { heartbeatMs: number; now: () => number }) {
    this.path = path;
    this.record = record;
    this.#options = options;
    this.#timer = setInterval(() => {
      this.#beating = this.#beating.then(async () => void (await this.heartbeat()));
    }, options.heartbeatMs);
    this.#timer.unref();
  }

  /** Why the lock was lost, or null while it is held. */
  get lost(): string | null {
    return this.#lost;
  }

  /**
   * Refresh the heartbeat, after checking that `.lock` is still ours (the timer calls
   * this; tests call it directly). Resolves false once the lock is lost.
   */
  async heartbeat(): Promise<boolean> {
    if (this.#released || this.#lost) return false;
    let handle;
    try {
      handle = await open(this.path, 'r+');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return true; // try again at the next beat
      this.#lose(
        `The lock file of this library (${this.path}) was removed by another program. ` +
          'Lectern switched to read-only so that two programs never write it at once: changes you make now are not saved. ' +
          'Quit Lectern and open it again to edit.',
      );
      return false;
    }
    try {
      const current = parseRecord(await handle.readFile('utf8'));
      if (current?.token !== this.record.token) {
        this.#lose(this.#takenOverReason(current));
        return false;
      }
      // Same length every time (fixed-length times), so the file is rewritten in place.
      const beat = serialize({ ...current, heartbeatAt: new Date(this.#options.now()).toISOString() });
      await handle.write(beat, 0, 'utf8');
      await handle.truncate(Buffer.byteLength(beat));
      return true;
    } catch {
      return true; // an unreadable moment (I/O error): the next beat tries again
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Stop the heartbeat and remove `.lock` if it is still ours. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    await this.#beating;
    if (this.#lost) return;
    const found = await readLock(this.path).catch(() => ({ kind: 'absent' }) as const);
    if (found.kind === 'present' && found.record?.token === this.record.token) await removeQuietly(this.path);
  }

  /** {@link release} for `process.on('exit')`, where nothing asynchronous runs. */
  releaseSync(): void {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    if (this.#lost) return;
    try {
      if (parseRecord(readFileSync(this.path, 'utf8'))?.token === this.record.token) unlinkSync(this.path);
    } catch {
      // gone already, or unreadable: the next opener judges it by its pid and heartbeat
    }
  }

  #takenOverReason(current: LockRecord | null): string {
    const now = this.#options.now();
    const who = !current
      ? 'Another program'
      : current.host === this.record.host
        ? `Another Lectern on this computer (process ${current.pid})`
        : `Lectern on the computer "${current.host}"`;
    return (
      `${who} took over this library at ${current ? clockTime(current.startedAt, now) : clockTime(new Date(now).toISOString(), now)}, ` +
      'as this Lectern had not shown it was alive for a while (was the computer asleep?). ' +
      'Lectern switched to read-only: changes you make now are not saved. Quit Lectern and open it again to edit.'
    );
  }

  #lose(reason: string): void {
    this.#lost = reason;
    clearInterval(this.#timer);
    this.#options.onLost?.(reason);
  }
}

/**
 * Take the lock of the library folder `dir` (which must exist), or say who holds it.
 * Never throws for a held or unwritable lock; other I/O errors are thrown.
 */
export async function acquireLock(dir: string, options: LockOptions = {}): Promise<LockAttempt> {
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? STALE_MS;
  const retryMs = options.retryMs ?? 25;
  const host = options.host ?? hostname();
  const isAlive = options.isAlive ?? pidExists;
  const bootTime = options.bootTime ?? (() => Date.now() - uptime() * 1000);
  const path = join(dir, LOCK_FILE);
  const token = randomBytes(12).toString('hex');
  const startedAt = new Date(now()).toISOString();
  const record: LockRecord = {
    host,
    pid: options.pid ?? process.pid,
    startedAt,
    heartbeatAt: startedAt,
    appVersion: options.appVersion ?? 'unknown',
    token,
  };
  const mine = join(dir, `.lock-${token}.new`);
  try {
    await writeFile(mine, serialize(record), { flag: 'wx', flush: true });
  } catch (error) {
    if (CANNOT_WRITE.has(errorCode(error) ?? '')) {
      return {
        kind: 'unavailable',
        reason: `Lectern cannot write in this library folder (${describeOsError(error)}). ${READ_ONLY_TAIL}`,
      };
    }
    throw error;
  }

  /** Dead (and how), or alive. */
  const judge = (found: Extract<Found, { kind: 'present' }>): Takeover | 'alive' => {
    const { record: holder } = found;
    const t = now();
    // A lock that does not parse is being written (or was cut short by a power cut): judge it by its age.
    if (!holder) return t - found.mtimeMs > staleMs ? 'stale' : 'alive';
    if (holder.host === host && holder.pid !== record.pid) {
      if (!isAlive(holder.pid)) return 'dead';
      // Started before this computer booted: its pid now names some other process.
      if (Date.parse(holder.startedAt) < bootTime() - 60_000) return 'dead';
    }
    // Stale only when both the heartbeat (the holder's clock) and the file's last change
    // (the file system's clock) are old: a computer whose clock is behind is not taken for dead.
    const beat = Date.parse(holder.heartbeatAt);
    const newest = Math.max(Number.isNaN(beat) ? 0 : beat, found.mtimeMs);
    return t - newest > staleMs ? 'stale' : 'alive';
  };

  let previous: Takeover = 'none';
  try {
    for (;;) {
      try {
        await createLock(mine, path, record);
        const lock = new LibraryLock(path, record, { ...options, heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS, now });
        await removeLockLeftovers(dir, now() - staleMs, token);
        return { kind: 'acquired', lock, previous };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const found = await readLock(path);
      if (found.kind === 'absent') continue; // released a moment ago: try again
      const verdict = judge(found);
      if (verdict === 'alive') return { kind: 'held', holder: found.record, reason: heldReason(found.record, host, now()) };
      // Dead: of everyone who judged this same lock, exactly one creates the takeover file.
      const deadToken = found.record?.token ?? Math.trunc(found.mtimeMs).toString(16);
      const takeover = join(dir, `.lock-${deadToken}.takeover`);
      try {
        await writeFile(takeover, token, { flag: 'wx' });
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
        // Someone else is taking it over; a takeover file older than staleMs was left by a killed contender.
        const info = await stat(takeover).catch(() => undefined);
        if (info && now() - info.mtimeMs > staleMs) await removeQuietly(takeover);
        else await sleep(retryMs);
        continue;
      }
      try {
        const again = await readLock(path);
        if (again.kind === 'present' && sameLock(again, found)) {
          const aside = join(dir, `.lock-${token}.stale`);
          await rename(path, aside);
          const moved = await readLock(aside);
          // Moved a lock we did not judge (its holder released it and another took it in
          // the instant between): put it back; if the name is taken again, that one wins.
          if (moved.kind === 'present' && !sameLock(moved, found)) await link(aside, path).catch(() => undefined);
          await removeQuietly(aside);
          previous = verdict;
        }
      } finally {
        await removeQuietly(takeover);
      }
    }
  } finally {
    await removeQuietly(mine);
  }
}

/** File systems without hard links (FAT, exFAT, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Create `.lock` from the fully written `mine`: link(), which fails with EEXIST when it
 * exists. Where the file system has no hard links, an exclusive create (O_EXCL) of the
 * record instead: as atomic, but a contender may see it half-written for a moment, and
 * judges such a lock by its age (young: held).
 */
async function createLock(mine: string, path: string, record: LockRecord): Promise<void> {
  try {
    await link(mine, path);
  } catch (error) {
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
    await writeFile(path, serialize(record), { flag: 'wx', flush: true });
  }
}

function sameLock(a: Extract<Found, { kind: 'present' }>, b: Extract<Found, { kind: 'present' }>): boolean {
  if (a.record && b.record) return a.record.token === b.record.token;
  return !a.record && !b.record && a.mtimeMs === b.mtimeMs;
}

/** Side files of the lock protocol older than `before` (a contender killed mid-way), except ours. */
async function removeLockLeftovers(dir: string, before: number, token: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!LOCK_SIDE_FILE.test(name) || name.includes(token)) continue;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info && info.mtimeMs < before) await removeQuietly(join(dir, name));
  }
}
