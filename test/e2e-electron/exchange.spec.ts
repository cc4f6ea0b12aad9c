import { test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { stubDialog } from 'electron-playwright-helpers';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDesk } from './launch';

/**
 * USB exchange on the desktop (issue 5): the office exports through the system's folder dialog
 * (浏览…, stubbed), closes; head office — another data dir, another office code — picks the file
 * in the system's file dialog (选择文件…, stubbed) and imports it. One app at a time: the desktop
 * app holds a single-instance lock. Runs only where an Electron binary exists (see app.spec.ts).
 */
const PASSPHRASE = '阳光花园-2026-导出';

let app: ElectronApplication | undefined;
const cleanup: string[] = [];

async function launch(dataDir: string): Promise<Page> {
  const started = await launchDesk(dataDir);
  app = started.app;
  return started.page;
}

const tempDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `complaint-desk-electron-${label}-`));
  cleanup.push(dir);
  return dir;
};

async function firstRun(page: Page, officeName: string, officeCode: string, operator: string): Promise<void> {
  await page.getByLabel(/^服务中心名称/).fill(officeName);
  await page.getByLabel(/^服务中心代码/).fill(officeCode);
  await page.getByLabel(/^您的姓名/).fill(operator);
  await page.getByRole('button', { name: '开始使用' }).click();
}

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('export through the folder dialog at the office, import through the file dialog at head office', async () => {
  const stick = tempDir('stick');

  // ── The office records a complaint and exports.
  let page = await launch(tempDir('office'));
  await firstRun(page, '阳光花园服务中心', 'YGHA', '周晓雯');
  await page.getByLabel(/^投诉人\s*\*?$/).fill('欧阳堃');
  await page.getByLabel(/^事件经过/).fill('楼上漏水');
  await page.getByLabel(/^投诉类别/).selectOption({ label: '工程质量' });
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText(/YGHA-\d{8}-001/);

  await page.getByRole('link', { name: '数据交换' }).click();
  const exportForm = page.getByRole('form', { name: '导出（服务中心）' });
  await stubDialog(app!, 'showOpenDialog', { canceled: false, filePaths: [stick] });
  await exportForm.getByRole('button', { name: '浏览…' }).click();
  await expect(exportForm.getByLabel('文件夹路径')).toHaveValue(stick);
  await exportForm.getByLabel('导出口令', { exact: true }).fill(PASSPHRASE);
  await exportForm.getByLabel('再次输入口令', { exact: true }).fill(PASSPHRASE);
  await exportForm.getByRole('button', { name: '开始导出' }).click();
  await expect(exportForm.getByTestId('export-done')).toContainText('现在可以安全拔出 U 盘', { timeout: 30_000 });
  const [fileName] = readdirSync(stick);
  expect(fileName).toMatch(/^YGHA-\d{8}-\d{8}\.cdx$/);
  await app!.close();

  // ── Head office imports it.
  page = await launch(tempDir('hq'));
  await firstRun(page, '集团客服总部', 'HQZB', '陈总');
  await page.getByRole('link', { name: '数据交换' }).click();
  await page.getByRole('tab', { name: '导入（总部）' }).click();
  const importForm = page.getByRole('form', { name: '导入（总部）' });
  await stubDialog(app!, 'showOpenDialog', { canceled: false, filePaths: [join(stick, fileName!)] });
  await importForm.getByRole('button', { name: '选择文件…' }).click();
  await expect(importForm.getByRole('checkbox', { name: fileName! })).toBeChecked();
  await importForm.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
  await importForm.getByRole('button', { name: '开始导入' }).click();
  await expect(importForm.getByTestId('import-overall')).toContainText(/共 1 个文件：新增 [1-9]\d* 条/, { timeout: 30_000 });

  await page.getByRole('link', { name: '投诉台账' }).click();
  await expect(page.getByTestId('register-table')).toContainText('欧阳堃');
});
