import { defineConfig } from 'vitest/config';

/** `npm run stress`: the long reliability suites (tests/stress/README.md), one file at a time, no time limit. */
export default defineConfig({
  test: {
    include: ['tests/stress/**/*.stress.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 0,
    hookTimeout: 60_000,
  },
});
