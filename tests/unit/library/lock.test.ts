/**
 * The library lock (main/library/lock.ts, ARCHITECTURE.md §3) and what Library.open does
 * with it: who holds it, when a holder is dead, that exactly one contender takes over a
 * dead lock, that a holder notices it was taken over, and a real second process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A file system without hard links (FAT, exFAT, some shares): link() fails with EPERM. */
const fs = vi.hoisted(() => ({ noHardLinks: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const link: typeof actual.link = async (from, to) => {
    if (fs.noHardLinks) throw Object.assign(new Error(`EPERM: operation not permitted, link '${String(from)}'`), { code: 'EPERM' });
    return actual.link(from, to);
  };
  return { ...actual, default: { ...actual, link }, link };
});
import { Library, LOCK_FILE, STALE_MS, acquireLock, type LockRecord } from '../../../main/library';
import { bundled, freshDir } from './helpers';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((library) => library.close()));
});
async function open(dir: string, options: Partial<Parameters<typeof Library.open>[1]> = {}): Promise<Library> {
  const library = await Library.open(dir, { bundled: [bundled('a')], ...options });
  closing.push(library);
  // What a killed holder left is removed in the background after open.
  await library.swept();
  return library;
}

const lockPath = (dir: string) => join(dir, LOCK_FILE);
const readRecord = async (dir: string): Promise<LockRecord> => JSON.parse(await readFile(lockPath(dir), 'utf8')) as LockRecord;

/** A lock file as another Lectern would have left it. */
async function plantLock(dir: string, fields: Partial<LockRecord>): Promise<LockRecord> {
  const now = new Date().toISOString();
  const record: LockRecord = {
    host: hostname(),
    pid: process.pid,
    startedAt: now,
    heartbeatAt: now,
    appVersion: '0.0.0',
    token: 'abcdef0123456789',
    ...fields,
  };
  await writeFile(lockPath(dir), `${JSON.stringify(record)}\n`);
  // Its last change was its last heartbeat.
  const beat = new Date(record.heartbeatAt);
  await utimes(lockPath(dir), beat, beat);
  return record;
}

/** The pid of a process that has exited (a real one, not a guess). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid!;
  await once(child, 'exit');
  return pid;
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('acquireLock', () => {
  it('writes a record naming this process, and release removes it', async () => {
    const dir = await freshDir();
    const attempt = await acquireLock(dir, { appVersion: '1.2.3' });
    expect(attempt.kind).toBe('acquired');
    if (attempt.kind !== 'acquired') return;
    expect(attempt.previous).toBe('none');
    const record = await readRecord(dir);
    expect(record).toMatchObject({ host: hostname(), pid: process.pid, appVersion: '1.2.3', token: attempt.lock.record.token });
    expect(Date.parse(record.heartbeatAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
    // Nothing but the lock: its private files are gone.
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await attempt.lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a second acquirer in the same process is told the holder, in words', async () => {
    const dir = await freshDir();
    const first = await acquireLock(dir);
    const second = await acquireLock(dir);
    expect(second).toMatchObject({ kind: 'held', holder: { pid: process.pid, host: hostname() } });
    if (second.kind !== 'held') return;
    expect(second.reason).toMatch(
      new RegExp(`^This library is open in Lectern on this computer \\(process ${process.pid}, since \\d\\d:\\d\\d\\)\\. Lectern opened it read-only: changes you make now are not saved\\.$`),
    );
    if (first.kind === 'acquired') await first.lock.release();
  });

  it('takes over the lock of a process on this host that no longer exists', async () => {
    const dir = await freshDir();
    await plantLock(dir, { pid: await deadPid() });
    const attempt = await acquireLock(dir);
    expect(attempt).toMatchObject({ kind: 'acquired', previous: 'dead' });
    if (attempt.kind === 'acquired') {
      expect((await readRecord(dir)).token).toBe(attempt.lock.record.token);
      await attempt.lock.release();
    }
  });

  it('takes over a lock whose process started before this computer booted (its pid was reused)', async () => {
    const dir = await freshDir();
    await plantLock(dir, { pid: 1, startedAt: ago(10 * 60_000), heartbeatAt: ago(1_000) });
    const attempt = await acquireLock(dir, { isAlive: () => true, bootTime: () => Date.now() - 5 * 60_000 });
    expect(attempt).toMatchObject({ kind: 'acquired', previous: 'dead' });
    if (attempt.kind === 'acquired') await attempt.lock.release();
  });

  it('takes over a lock whose heartbeat is stale, whatever its host', async () => {
    const dir = await freshDir();
    await plantLock(dir, { host: 'other-computer', startedAt: ago(STALE_MS + 5_000), heartbeatAt: ago(STALE_MS + 1_000) });
    const attempt = await acquireLock(dir);
    expect(attempt).toMatchObject({ kind: 'acquired', previous: 'stale' });
    if (attempt.kind === 'acquired') await attempt.lock.release();
  });

  it('a lock of another computer whose clock is behind is not stale while the file itself was just changed', async () => {
    const dir = await freshDir();
    await plantLock(dir, { host: 'other-computer', heartbeatAt: ago(STALE_MS + 60_000) });
    const now = new Date();
    await utimes(lockPath(dir), now, now);
    expect(await acquireLock(dir)).toMatchObject({ kind: 'held' });
  });

  it('a live pid on this host with a fresh heartbeat holds it; so does a fresh lock of another computer', async () => {
    const dir = await freshDir();
    await plantLock(dir, { pid: 4242, heartbeatAt: ago(STALE_MS - 5_000) });
    expect(await acquireLock(dir, { isAlive: (pid) => pid === 4242 })).toMatchObject({ kind: 'held', holder: { pid: 4242 } });
    await plantLock(dir, { host: 'other-computer', pid: 4242 });
    const other = await acquireLock(dir);
    expect(other).toMatchObject({ kind: 'held' });
    if (other.kind === 'held') {
      expect(other.reason).toMatch(/^This library is open in Lectern on the computer "other-computer" \(since \d\d:\d\d\)\. Lectern opened it read-only/);
    }
    // Neither attempt left anything behind.
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
  });

  it('a lock that does not parse is held while young (being written) and taken over once old', async () => {
    const dir = await freshDir();
    await writeFile(lockPath(dir), '{"host":');
    expect(await acquireLock(dir)).toMatchObject({ kind: 'held', holder: null });
    const old = new Date(Date.now() - STALE_MS - 1_000);
    await utimes(lockPath(dir), old, old);
    const attempt = await acquireLock(dir);
    expect(attempt).toMatchObject({ kind: 'acquired', previous: 'stale' });
    if (attempt.kind === 'acquired') await attempt.lock.release();
  });

  it('a crafted token cannot name a path: the lock counts as unreadable', async () => {
    const dir = await freshDir();
    await plantLock(dir, { token: '../../escape', pid: await deadPid() });
    expect(await acquireLock(dir)).toMatchObject({ kind: 'held', holder: null });
  });

  it.each([
    ['a dead holder', async (dir: string) => void (await plantLock(dir, { pid: await deadPid() }))],
    ['a stale heartbeat', async (dir: string) => void (await plantLock(dir, { heartbeatAt: ago(STALE_MS + 1_000) }))],
    ['no lock at all', async () => {}],
  ])('of 12 contenders racing for %s, exactly one wins (40 rounds)', async (_what, plant) => {
    for (let round = 0; round < 40; round++) {
      const dir = await freshDir();
      await plant(dir);
      const attempts = await Promise.all(Array.from({ length: 12 }, () => acquireLock(dir, { retryMs: 1 })));
      const winners = attempts.flatMap((a) => (a.kind === 'acquired' ? [a.lock] : []));
      expect(winners).toHaveLength(1);
      expect(attempts.filter((a) => a.kind === 'held')).toHaveLength(11);
      expect((await readRecord(dir)).token).toBe(winners[0]!.record.token);
      // Every loser saw the winner (or the winner-to-be) alive; none is still being written.
      expect((await readdir(dir)).sort()).toEqual([LOCK_FILE]);
      await winners[0]!.release();
    }
  });

  it('without hard links, an exclusive create takes their place: still exactly one of 12 wins', async () => {
    fs.noHardLinks = true;
    try {
      for (let round = 0; round < 20; round++) {
        const dir = await freshDir();
        await plantLock(dir, { pid: 1, heartbeatAt: ago(STALE_MS + 1_000) });
        const attempts = await Promise.all(Array.from({ length: 12 }, () => acquireLock(dir, { retryMs: 1 })));
        const winners = attempts.flatMap((a) => (a.kind === 'acquired' ? [a.lock] : []));
        expect(winners).toHaveLength(1);
        expect((await readRecord(dir)).token).toBe(winners[0]!.record.token);
        await winners[0]!.release();
      }
    } finally {
      fs.noHardLinks = false;
    }
  });

  it('a holder whose lock was taken over finds out at its next heartbeat and says why', async () => {
    const dir = await freshDir();
    const onLost = vi.fn();
    let clock = Date.now();
    const first = await acquireLock(dir, { onLost, heartbeatMs: 60_000, now: () => clock });
    expect(first.kind).toBe('acquired');
    if (first.kind !== 'acquired') return;
    expect(await first.lock.heartbeat()).toBe(true);
    // The machine slept: no heartbeat for longer than the stale age, and another Lectern took it.
    const second = await acquireLock(dir, { pid: 777_777, isAlive: () => true, now: () => Date.now() + STALE_MS + 1_000 });
    expect(second).toMatchObject({ kind: 'acquired', previous: 'stale' });
    clock += STALE_MS + 2_000;
    expect(await first.lock.heartbeat()).toBe(false);
    expect(onLost).toHaveBeenCalledOnce();
    expect(first.lock.lost).toMatch(/^Another Lectern on this computer \(process 777777\) took over this library at \d\d:\d\d.*Lectern switched to read-only: changes you make now are not saved\./);
    // The loser does not remove the winner's lock when it releases.
    await first.lock.release();
    if (second.kind === 'acquired') {
      expect((await readRecord(dir)).token).toBe(second.lock.record.token);
      await second.lock.release();
    }
  });

  it('a heartbeat refreshes the record in place; a removed lock file is a lost lock', async () => {
    const dir = await freshDir();
    let clock = Date.now();
    const onLost = vi.fn();
    const attempt = await acquireLock(dir, { heartbeatMs: 60_000, now: () => clock, onLost });
    if (attempt.kind !== 'acquired') throw new Error('not acquired');
    const before = await readRecord(dir);
    clock += 7_000;
    expect(await attempt.lock.heartbeat()).toBe(true);
    const after = await readRecord(dir);
    expect(after).toEqual({ ...before, heartbeatAt: new Date(clock).toISOString() });
    await (await import('node:fs/promises')).unlink(lockPath(dir));
    expect(await attempt.lock.heartbeat()).toBe(false);
    expect(onLost.mock.calls[0]?.[0]).toMatch(/^The lock file of this library .* was removed by another program\./);
  });

  it('beats on its own timer', async () => {
    const dir = await freshDir();
    const attempt = await acquireLock(dir, { heartbeatMs: 30 });
    if (attempt.kind !== 'acquired') throw new Error('not acquired');
    const first = (await readRecord(dir)).heartbeatAt;
    await vi.waitFor(async () => expect((await readRecord(dir)).heartbeatAt).not.toBe(first), { timeout: 2_000 });
    await attempt.lock.release();
  });

  it('a folder it cannot write in opens read-only, saying so', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere: nothing to prove here
    const dir = await freshDir();
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o555);
    try {
      const attempt = await acquireLock(dir);
      expect(attempt).toMatchObject({ kind: 'unavailable' });
      if (attempt.kind === 'unavailable') expect(attempt.reason).toMatch(/^Lectern cannot write in this library folder \(permission denied \(EACCES\)\)\. Lectern opened it read-only/);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});

describe('Library.open and the lock', () => {
  it('holds the lock while open; close releases it and then refuses changes', async () => {
    const dir = await freshDir();
    const library = await Library.open(dir, { bundled: [bundled('a')] });
    expect(library.readOnly).toBeNull();
    expect((await readRecord(dir)).pid).toBe(process.pid);
    await library.close();
    await expect(stat(lockPath(dir))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(library.setProgress('a', { fraction: 0.5, position: 1, within: 0 })).rejects.toMatchObject({ code: 'read-only' });
  });

  it('a second opener in the same process is read-only with the reason, and writes nothing', async () => {
    const dir = await freshDir();
    await open(dir);
    await writeFile(join(dir, '.young.tmp'), 'in flight');
    await mkdir(join(dir, '.staging', 'young'), { recursive: true });
    const second = await open(dir, { bundled: [bundled('a'), bundled('b')] });
    expect(second.readOnly?.reason).toMatch(new RegExp(`^This library is open in Lectern on this computer \\(process ${process.pid}, since \\d\\d:\\d\\d\\)\\. Lectern opened it read-only: changes you make now are not saved\\.$`));
    // No clean-up of the holder's writes in flight, no seeding of "b".
    expect(await readdir(join(dir, '.staging'))).toEqual(['young']);
    // (.index/ holds the holder's catalog; the read-only one keeps its catalog in memory.)
    expect((await readdir(dir)).sort()).toEqual(['.index', '.lock', '.staging', '.young.tmp', 'articles', 'library.json']);
    expect(second.catalogPath).toBeNull();
    expect((await second.list()).articles.map((a) => a.id)).toEqual(['a']);
    for (const write of [
      () => second.setProgress('a', { fraction: 0.5, position: 1, within: 0 }),
      () => second.setRead('a', true),
      () => second.setTags('a', ['x']),
      () => second.trash('a'),
      () => second.restore('a'),
      () => second.emptyTrash(),
    ]) {
      await expect(write()).rejects.toMatchObject({ code: 'read-only', message: second.readOnly?.reason });
    }
  });

  it('still refuses a library of a newer format when read-only', async () => {
    const dir = await freshDir();
    await open(dir);
    await writeFile(join(dir, 'library.json'), '{ "format": 9 }');
    await expect(open(dir)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('a library whose lock is lost becomes read-only, says so, and writes nothing more', async () => {
    const dir = await freshDir();
    const onReadOnly = vi.fn();
    const library = await open(dir, { onReadOnly, lock: { heartbeatMs: 20 } });
    // Another Lectern took the lock (as after a stale heartbeat).
    await plantLock(dir, { pid: 1234, token: 'feed' });
    await vi.waitFor(() => expect(library.readOnly).not.toBeNull(), { timeout: 2_000 });
    expect(library.readOnly?.reason).toMatch(/^Another Lectern on this computer \(process 1234\) took over this library/);
    expect(onReadOnly).toHaveBeenCalledExactlyOnceWith(library.readOnly?.reason);
    const before = await readFile(join(dir, 'articles', 'a', 'article.json'), 'utf8');
    await expect(library.setProgress('a', { fraction: 0.5, position: 1, within: 0 })).rejects.toMatchObject({ code: 'read-only' });
    expect(await readFile(join(dir, 'articles', 'a', 'article.json'), 'utf8')).toBe(before);
    // Closing leaves the other holder's lock alone.
    await library.close();
    expect((await readRecord(dir)).token).toBe('feed');
  });
});

describe('clean-up at open, by who held the lock', () => {
  /** A temp file and a staging folder in the library, the "old" ones last changed two hours ago. */
  async function leftovers(dir: string): Promise<void> {
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await writeFile(join(dir, '.young.tmp'), 'in flight');
    await writeFile(join(dir, 'articles', 'a', '.article.json.young.tmp'), 'in flight');
    await mkdir(join(dir, '.staging', 'young', 'assets'), { recursive: true });
    await writeFile(join(dir, '.old.tmp'), 'left');
    await writeFile(join(dir, 'articles', 'a', '.article.json.old.tmp'), 'left');
    await mkdir(join(dir, '.staging', 'old', 'assets'), { recursive: true });
    for (const path of [join(dir, '.old.tmp'), join(dir, 'articles', 'a', '.article.json.old.tmp'), join(dir, '.staging', 'old', 'assets'), join(dir, '.staging', 'old')]) {
      await utimes(path, old, old);
    }
  }
  const names = async (dir: string) => ({
    root: (await readdir(dir)).filter((n) => n.endsWith('.tmp')).sort(),
    article: (await readdir(join(dir, 'articles', 'a'))).filter((n) => n.endsWith('.tmp')).sort(),
    staging: (await readdir(join(dir, '.staging')).catch(() => [])).sort(),
  });

  it('after a stale heartbeat (the holder may be alive, hung): only old temps and staging folders go', async () => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a')] })).close();
    await leftovers(dir);
    await plantLock(dir, { heartbeatAt: ago(STALE_MS + 1_000) });
    const library = await open(dir);
    expect(library.readOnly).toBeNull();
    expect(await names(dir)).toEqual({ root: ['.young.tmp'], article: ['.article.json.young.tmp'], staging: ['young'] });
  });

  it('while another live Lectern holds it: nothing goes', async () => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a')] })).close();
    await leftovers(dir);
    await plantLock(dir, { pid: 4242, host: 'other-computer' });
    expect((await open(dir)).readOnly).not.toBeNull();
    expect(await names(dir)).toEqual({
      root: ['.old.tmp', '.young.tmp'],
      article: ['.article.json.old.tmp', '.article.json.young.tmp'],
      staging: ['old', 'young'],
    });
  });

  it.each([
    ['a holder on this host that is dead', async (dir: string) => void (await plantLock(dir, { pid: await deadPid() }))],
    ['no lock at all', async () => {}],
  ])('after %s: everything goes, young or old', async (_what, plant) => {
    const dir = await freshDir();
    await (await Library.open(dir, { bundled: [bundled('a')] })).close();
    await leftovers(dir);
    await plant(dir);
    expect((await open(dir)).readOnly).toBeNull();
    expect(await names(dir)).toEqual({ root: [], article: [], staging: [] });
  });
});

describe('a second Lectern as a real process', () => {
  const CHILD = fileURLToPath(new URL('./lock-child.ts', import.meta.url));
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  /** Start the child on `dir`; resolves with what it printed once it has opened the library. */
  async function startChild(dir: string): Promise<{ child: ChildProcess; said: { pid: number; readOnly: { reason: string } | null } }> {
    const child = spawn(process.execPath, ['--import', 'jiti/register', CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(() => Promise.reject(new Error(`the child exited: ${errors}`))),
    ])) as [string];
    return { child, said: JSON.parse(line) as { pid: number; readOnly: { reason: string } | null } };
  }

  it('the child holds it: this process opens read-only naming it; after SIGKILL the next open takes over and clears its leftovers', async () => {
    const dir = await freshDir();
    const { child, said } = await startChild(dir);
    expect(said.readOnly).toBeNull();
    expect(said.pid).toBe(child.pid);
    expect((await readRecord(dir)).pid).toBe(child.pid);

    const readOnly = await open(dir);
    expect(readOnly.readOnly?.reason).toMatch(new RegExp(`^This library is open in Lectern on this computer \\(process ${child.pid}, since \\d\\d:\\d\\d\\)\\. Lectern opened it read-only`));
    // The child's save in flight is left alone.
    expect(await readdir(join(dir, '.staging'))).toEqual(['inflight']);
    expect(await readdir(dir)).toContain('.library.json.inflight.tmp');
    await readOnly.close();
    expect((await readRecord(dir)).pid).toBe(child.pid); // a read-only library never touches the lock

    child.kill('SIGKILL');
    await once(child, 'exit');
    const library = await open(dir);
    expect(library.readOnly).toBeNull();
    expect((await readRecord(dir)).pid).toBe(process.pid);
    expect(await readdir(join(dir, '.staging'))).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  // Two rounds here (each starts 8 Node processes); LECTERN_LOCK_RACE_ROUNDS runs more.
  const ROUNDS = Number(process.env['LECTERN_LOCK_RACE_ROUNDS'] ?? 2);
  it(`8 processes racing for a stale lock at the same moment: exactly one wins (${ROUNDS} rounds)`, async () => {
    const RACER = fileURLToPath(new URL('./lock-race-child.ts', import.meta.url));
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await freshDir();
      await plantLock(dir, { host: 'other-computer', heartbeatAt: ago(STALE_MS + 1_000) });
      const start = String(Date.now() + 2_500);
      const results = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const racer = spawn(process.execPath, ['--import', 'jiti/register', RACER, dir, start], { stdio: ['ignore', 'pipe', 'inherit'] });
          children.push(racer);
          const [line] = (await once(createInterface({ input: racer.stdout! }), 'line')) as [string];
          return JSON.parse(line) as { kind: string; token: string | null };
        }),
      );
      const winners = results.filter((r) => r.kind === 'acquired');
      expect(winners, JSON.stringify(results)).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'held')).toHaveLength(7);
      expect((await readRecord(dir)).token).toBe(winners[0]!.token);
      for (const racer of children.splice(0)) racer.kill('SIGKILL');
    }
  }, 30_000 * ROUNDS);

  it('this process holds it: the child opens read-only naming this process', async () => {
    const dir = await freshDir();
    await open(dir);
    const { said } = await startChild(dir);
    expect(said.readOnly?.reason).toMatch(new RegExp(`\\(process ${process.pid}, since \\d\\d:\\d\\d\\)`));
    expect(await readdir(dir)).not.toContain('.library.json.inflight.tmp');
  }, 30_000);
});
