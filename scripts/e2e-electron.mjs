// Electron e2e: runs wherever an Electron binary exists (normal online install, or
// ELECTRON_OVERRIDE_DIST_PATH); elsewhere says so in one line. Never a fake pass.
import { spawnSync } from 'node:child_process';
import { findElectron } from './find-binaries.mjs';

const electron = findElectron();
if (!electron) {
  console.log('skipped: no Electron binary (install online or set ELECTRON_OVERRIDE_DIST_PATH to run the Electron e2e suite)');
  process.exit(0);
}
const args = ['playwright', 'test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)];
// Electron needs a display; on a headless Linux box use a virtual one when xvfb-run exists.
const useXvfb = process.platform === 'linux' && !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0;
const run = useXvfb
  ? spawnSync('xvfb-run', ['--auto-servernum', '--server-args=-screen 0 1400x900x24', 'npx', ...args], { stdio: 'inherit', env: { ...process.env, ELECTRON_BINARY: electron } })
  : spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ELECTRON_BINARY: electron }, shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
