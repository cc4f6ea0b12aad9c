// Where the browsers and the Electron binary are, without downloading anything.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Chromium for web e2e: CHROMIUM_PATH, Debian's chromium, or Playwright's own download. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const { chromium } = require('@playwright/test');
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright without its own browser download: fine, the candidates above may do.
  }
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/**
 * The Electron executable, if there is one. Mirrors node_modules/electron/index.js but never
 * triggers its lazy download (which fails offline after printing a stack trace).
 */
export function findElectron() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const candidate = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export const electronPackageDir = () => dirname(require.resolve('electron/package.json'));
