import { test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { ipcMainInvokeHandler, stubDialog } from 'electron-playwright-helpers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDesk } from './launch';

/**
 * The desktop app itself, driven through Playwright's Electron support. Runs where an Electron
 * binary exists (scripts/e2e-electron.mjs passes it as ELECTRON_BINARY); elsewhere that script
 * prints 'skipped: no Electron binary' and this file is not run at all.
 */
let dataDir: string;
let app: ElectronApplication;

async function launch(): Promise<Page> {
  const started = await launchDesk(dataDir);
  app = started.app;
  return started.page;
}

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'complaint-desk-electron-'));
});
test.afterEach(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the window is sandboxed and isolated, and exposes only the contract bridge', async () => {
  const page = await launch();
  // No Node in the page (nodeIntegration off, sandbox on) and the preload's world kept apart (contextIsolation).
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { require: typeof w.require, process: typeof w.process, ipcRenderer: typeof w.ipcRenderer, api: typeof w.api };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', api: 'object' });
  expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).length)).toBeGreaterThan(10);
  // New windows are denied.
  await page.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  // A call that does not come from our page's frame is refused by main.
  expect(await ipcMainInvokeHandler(app, 'settings:get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

/** First run (office YGHA), then one phone complaint entered on the intake form and confirmed. */
async function setUpAndRecord(page: Page, complainant: string): Promise<void> {
  await page.getByLabel(/^服务中心名称/).fill('阳光花园服务中心');
  await page.getByLabel(/^服务中心代码/).fill('YGHA');
  await page.getByLabel(/^您的姓名/).fill('周晓雯');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByLabel(/^投诉人\s*\*?$/).fill(complainant);
  await page.getByLabel(/^事件经过/).fill('楼上漏水');
  await page.getByLabel(/^投诉类别/).selectOption({ label: '工程质量' });
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText(/YGHA-\d{8}-001/);
}

test('first run, a complaint recorded through the bridge, and it is still there after a restart', async () => {
  let page = await launch();
  await setUpAndRecord(page, '张伟');
  await app.close();

  page = await launch();
  await page.getByRole('link', { name: '投诉台账' }).click();
  await expect(page.getByTestId('register-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('register-table')).toContainText('张伟');
});

test('a complaint form prints into the in-window preview and is saved where the (stubbed) dialog says', async () => {
  const page = await launch();
  await setUpAndRecord(page, '欧阳堃');
  await page.getByRole('link', { name: '投诉台账' }).click();
  await page.getByTestId('register-table').locator('tbody tr').first().click();

  await page.getByTestId('print-panel').getByRole('button', { name: '投诉处理记录表' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview).toContainText(/投诉处理记录表_YGHA-\d{8}-001_v1\.pdf/);
  const src = await preview.getByTestId('print-frame').getAttribute('src');
  // The app:// protocol serves the PDF to the page itself (the preview's frame loads the same URL).
  const served = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { type: response.headers.get('content-type'), head: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
  }, src!);
  expect(served).toEqual({ type: 'application/pdf', head: '%PDF-' });

  const target = join(dataDir, '投诉处理记录表.pdf');
  await stubDialog(app, 'showSaveDialog', { canceled: false, filePath: target });
  await preview.getByRole('button', { name: '保存到文件夹…' }).click();
  await expect(preview).toContainText(`已保存到 ${target}`);
  expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
