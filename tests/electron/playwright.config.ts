import { defineConfig } from '@playwright/test';
import { electronExecutable, SKIP_REASON } from './electron-binary';

if (!electronExecutable()) console.log(`\n${SKIP_REASON}\n`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});
