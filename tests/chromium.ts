import { chromium, type LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Flags for Chromium as root in a sandboxed, offline machine (CI and the dev box). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Playwright's own Chromium when it is installed; otherwise Debian's /usr/bin/chromium
 * (`npx playwright install` cannot download here). CHROMIUM_PATH overrides both.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const override = process.env['CHROMIUM_PATH'];
  if (override) return { executablePath: override, args: ARGS };
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return { args: ARGS };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: ARGS };
  throw new Error(
    'No Chromium found: install Playwright\'s (`npx playwright install chromium`) or Debian\'s (`apt-get install chromium`), or set CHROMIUM_PATH.',
  );
}
