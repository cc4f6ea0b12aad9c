import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and child processes: give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
