import { defineConfig } from '@playwright/test';

/**
 * Web e2e: the built renderer in Chromium against real web-mode servers (one per test, with its
 * own data dir; see test/e2e-web/fixtures.ts). Run through scripts/e2e-web.mjs, which finds Chromium.
 */
export default defineConfig({
  testDir: 'test/e2e-web',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : 'line',
  // README screenshots are taken only on request (npm run screenshots).
  grep: process.env.SCREENSHOTS ? /@screenshot/ : undefined,
  grepInvert: process.env.SCREENSHOTS ? undefined : /@screenshot/,
  use: {
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
});
