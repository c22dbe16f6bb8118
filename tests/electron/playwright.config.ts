import { defineConfig } from '@playwright/test';
import { electronExecutable, SKIP_REASON } from './electron-binary';

// Said once, by the runner (workers load this file too).
if (!electronExecutable() && process.env['TEST_WORKER_INDEX'] === undefined) console.log(`\n${SKIP_REASON}\n`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});
