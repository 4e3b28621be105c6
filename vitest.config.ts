import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Namespace and browser tests start processes; keep files serial enough for a 2-core machine.
    maxWorkers: 2,
  },
});
