import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ELECTRON_DIR = resolve(import.meta.dirname, '../../node_modules/electron');

/**
 * The Electron executable if it is installed, else null. Reads electron's own
 * `path.txt` rather than `require('electron')`, which would try to download it.
 */
export function electronExecutable(): string | null {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = resolve(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executable = override ? resolve(override, relative) : resolve(ELECTRON_DIR, 'dist', relative);
  return existsSync(executable) ? executable : null;
}

export const SKIP_REASON =
  'Electron suite skipped: the Electron binary is not installed on this machine ' +
  '(node_modules/electron/dist is missing; `npm start` downloads it on first launch). ' +
  'Nothing Electron-only was run here.';
