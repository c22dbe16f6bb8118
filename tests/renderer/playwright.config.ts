import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/renderer',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  timeout: 60_000, // two workers share two cores in CI; user flows through the UI take seconds there
  // A save parsed in the document worker, or Vite's dev server starting, can take over 5 s on a
  // loaded 2-core machine (seen in a clean-clone run): assertions wait up to 10 s.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  projects: [
    { name: 'renderer', testIgnore: '**/library-scale.spec.ts' },
    // Timed (long tasks on the renderer's thread): alone, after everything else, so the other
    // worker's Chromium and main services do not take the cores from under it.
    { name: 'scale', testMatch: '**/library-scale.spec.ts', dependencies: ['renderer'], fullyParallel: false },
  ],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
  },
});
