// Web e2e: Playwright drives the built renderer in Chromium against real web-mode servers.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-binaries.mjs';

const chromium = findChromium();
if (!chromium) {
  console.error(
    'No Chromium found for the web e2e tests. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable.',
  );
  process.exit(1);
}
const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.web.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
