/**
 * What the Electron specs share: launching Lectern on a temporary library and a
 * temporary user-data folder, relaunching it on the same ones, and cleaning up.
 *
 * NOT RUN HERE: the Electron binary cannot be downloaded on the machine this was
 * written on, so every spec using this skips (electron-binary.ts). It runs on CI
 * (.github/workflows/ci.yml, Linux under xvfb-run).
 */
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronExecutable, SKIP_REASON } from './electron-binary';

export { SKIP_REASON };

export const ROOT = resolve(import.meta.dirname, '../..');
/** The bundled story every new library starts with. */
export const STORY_TITLE = 'Russian intelligence chief discusses security cooperation in Pyongyang';
export const executable = electronExecutable();

/** Chromium's sandbox cannot start as root (a container); everywhere else it stays on. */
export const SANDBOX_ARGS: readonly string[] = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

/** The folders one Lectern runs on: kept across relaunches, removed by {@link Folders.remove}. */
export interface Folders {
  libraryDir: string;
  userDataDir: string;
  remove(): Promise<void>;
}

export async function makeFolders(): Promise<Folders> {
  const libraryDir = await mkdtemp(join(tmpdir(), 'lectern-electron-library-'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'lectern-electron-userdata-'));
  return {
    libraryDir,
    userDataDir,
    remove: async () => {
      await rm(libraryDir, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The command line after the executable: the app folder (not for a packaged app), the user data, the sandbox switch. */
export function appArgs(folders: Folders, options: { packaged?: boolean } = {}): string[] {
  return [...(options.packaged ? [] : [ROOT]), `--user-data-dir=${folders.userDataDir}`, ...SANDBOX_ARGS];
}

export function appEnv(folders: Folders): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  env['LECTERN_LIBRARY_DIR'] = folders.libraryDir;
  return env;
}

export interface Running {
  app: ElectronApplication;
  page: Page;
  /** Everything main wrote to stderr so far (its `[lectern]` log lines). */
  stderr(): string;
}

/** Launches the unpackaged app (`out/`, built by `npm run build`) on `folders`, and waits for its window. */
export async function launch(folders: Folders): Promise<Running> {
  if (!executable) throw new Error(SKIP_REASON);
  const app = await electron.launch({ executablePath: executable, args: appArgs(folders), env: appEnv(folders) });
  let log = '';
  app.process().stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const page = await app.firstWindow();
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
  return { app, page, stderr: () => log };
}

/** Closes the app if it is still running (Playwright's close quits it: `before-quit` runs). */
export async function closeQuietly(running: Running | undefined): Promise<void> {
  await running?.app.close().catch(() => {});
}

/** Resolves with the exit code once `child` has exited (at once if it already has), or rejects after `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit, reject) => {
    const timer = setTimeout(() => reject(new Error(`the process did not exit within ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveExit(code);
    });
  });
}

/** Starts the app as a plain process (a second instance, or the packaged app), stdout and stderr collected. */
export function spawnApp(executablePath: string, args: string[], folders: Folders): { child: ChildProcess; output(): string } {
  const child = spawn(executablePath, args, { env: appEnv(folders), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

/** The article.json records of a library, read from disk (the truth; ARCHITECTURE.md §3). */
export async function articleRecords(libraryDir: string): Promise<{ id: string; title: string; readingProgress?: { fraction: number; position: number } | null }[]> {
  const dir = join(libraryDir, 'articles');
  const ids = await readdir(dir);
  return Promise.all(ids.map(async (id) => JSON.parse(await readFile(join(dir, id, 'article.json'), 'utf8')) as never));
}

/**
 * Runs `script` in Electron's own Node (ELECTRON_RUN_AS_NODE: the unpackaged binary
 * has no fuses flipped) and answers its stdout: used to open the search snapshot with
 * the SQLite Electron ships, whatever Node the test runner has.
 */
export function runInElectronNode(script: string): string {
  if (!executable) throw new Error(SKIP_REASON);
  const result = spawnSync(executable, ['-e', script], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Electron as Node failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Drops real files on the window as the desktop does: a drop the browser itself makes
 * (CDP `Input.dispatchDragEvent` with the files' paths), so its event is trusted and the
 * preload grants the paths to main (preload/api.ts `grantTrustedDrops`); the page passes
 * the `File`s to the preload, where Electron's `webUtils.getPathForFile` reads their paths.
 * A drop made by page script (`dispatchEvent`) is not trusted: nothing is granted, and
 * main refuses its paths as forbidden.
 */
export async function dropRealFiles(page: Page, paths: string[]): Promise<void> {
  const box = await page.locator('lectern-app').boundingBox();
  if (!box) throw new Error('dropRealFiles: the window shows no <lectern-app>');
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + Math.min(box.height, 400) / 2);
  const cdp = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 /* copy */ };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
    }
  } finally {
    await cdp.detach();
  }
}

/** Back to the library, if the reader is open. */
export async function toLibrary(page: Page): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to library' });
  if (await back.isVisible()) await back.click();
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
}

/** Ctrl/Cmd+K, then `query`: resolves once the status names `expected` as what is shown (the FTS5 engine's typo tolerance). */
export async function searchFor(page: Page, query: string, expected: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+k');
  const box = page.getByRole('searchbox', { name: 'Search the library' });
  await box.fill(query);
  await page.getByRole('status').filter({ hasText: `showing “${expected}”` }).waitFor({ timeout: 20_000 });
}
