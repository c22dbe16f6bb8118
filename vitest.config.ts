import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Node tests under tests/unit; DOM-side tests sit beside their component (jsdom per file).
    include: ['tests/unit/**/*.test.ts', 'common/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});
