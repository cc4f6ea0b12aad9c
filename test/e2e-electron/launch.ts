import { expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { waitForWindowByUrl } from 'electron-playwright-helpers';
import { join } from 'node:path';

/** The built main process (`npm run build`); scripts/e2e-electron.mjs passes the binary as ELECTRON_BINARY. */
const MAIN = join(__dirname, '..', '..', 'out', 'main', 'index.js');

/** Start the desktop app on `dataDir` and wait until the desk window is ready. */
export async function launchDesk(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: process.env.ELECTRON_BINARY,
    args: [MAIN, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
    // Main's clock pinned (a Monday morning), as in the web e2e suite: no test depends on today's date.
    env: { ...process.env, COMPLAINT_DESK_TEST_CLOCK: '1', COMPLAINT_DESK_FAKE_NOW: '2026-11-02T09:30:00+08:00' },
  });
  const page = await waitForWindowByUrl(app, /^app:\/\/desk\//);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  return { app, page };
}
