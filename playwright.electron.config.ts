import { defineConfig } from '@playwright/test';

/** Electron e2e (electron-playwright-helpers); run through scripts/e2e-electron.mjs, which finds the binary. */
export default defineConfig({
  testDir: 'test/e2e-electron',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: process.env.CI ? 'list' : 'line',
});
