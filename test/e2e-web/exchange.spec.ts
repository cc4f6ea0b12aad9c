/**
 * Issue 5 in the browser: an office exports its register through the 数据交换 page to a folder
 * (the stick), head office — another server, another data dir, another office code — imports
 * that file through its own page, finds the complaints in its register, and a second import of the
 * same file changes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, setClock, setUpOffice, WebApp } from './fixtures';

const PASSPHRASE = '阳光花园-2026-导出';

interface Entry { id: string; name: string }

/** Office YGHA with two phone complaints. */
async function recordComplaints(office: WebApp): Promise<void> {
  await setUpOffice(office);
  await setClock(office, '2026-11-02 09:30');
  const staff = await office.call<Entry[]>('staff:list');
  const categories = await office.call<Entry[]>('categories:list');
  const base = {
    channel: 'phone',
    receiverId: staff[0]!.id,
    building: '3栋',
    unit: '2单元',
    phone: '13812345678',
    categoryId: categories.find((c) => c.name === '工程质量')!.id,
    severity: 'ordinary',
    urgency: 'normal',
  };
  await office.call('complaints:create', { ...base, receivedAt: '2026-11-02 09:12', complainantName: '欧阳堃', room: '1602', description: '楼上漏水，卫生间天花板滴水' });
  await office.call('complaints:create', { ...base, receivedAt: '2026-11-02 09:20', complainantName: '司马玥', room: '801', description: '电梯异响' });
}

/** The import form on the 导入 tab (the export form stays mounted, hidden, on its own tab). */
async function openImport(page: Page, hq: WebApp, folder: string) {
  await openApp(page, hq, '#/exchange');
  await page.getByRole('tab', { name: '导入（总部）' }).click();
  const form = page.getByRole('form', { name: '导入（总部）' });
  await form.getByLabel('文件夹路径').fill(folder);
  await form.getByRole('button', { name: '列出文件' }).click();
  // The listing answers asynchronously and ticks every file: starting the import before it arrives
  // submitted no files (the race that failed this test one run in eight on a loaded machine).
  await expect(form.getByTestId('import-files').getByRole('checkbox').last()).toBeChecked();
  return form;
}

test('an office exports to the stick; head office imports it, sees the complaints, and a second import changes nothing', async ({ page, webApp: office }) => {
  const stick = mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-stick-'));
  const hq = new WebApp(mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-hq-')));
  try {
    await recordComplaints(office);

    // ── The office: 数据交换 → 导出.
    await openApp(page, office, '#/exchange');
    await expect(page.getByRole('tab', { name: '导出（服务中心）' })).toHaveAttribute('aria-selected', 'true');
    const exportForm = page.getByRole('form', { name: '导出（服务中心）' });
    await expect(exportForm.getByTestId('exchange-drives').getByRole('radio').first()).toBeAttached(); // the places main sees (at least the home folder)
    await exportForm.getByLabel('文件夹路径').fill(stick);
    await exportForm.getByLabel('导出口令', { exact: true }).fill(PASSPHRASE);
    await exportForm.getByLabel('再次输入口令', { exact: true }).fill(`${PASSPHRASE}x`);
    await exportForm.getByRole('button', { name: '开始导出' }).click();
    await expect(exportForm).toContainText('两次输入的口令不一致');
    expect(readdirSync(stick)).toEqual([]);

    await exportForm.getByLabel('再次输入口令', { exact: true }).fill(PASSPHRASE);
    await exportForm.getByRole('button', { name: '开始导出' }).click();
    const done = exportForm.getByTestId('export-done');
    await expect(done).toContainText(/已写入并校验：YGHA-20261102-20261102\.cdx/, { timeout: 20_000 });
    await expect(done).toContainText('现在可以安全拔出 U 盘');
    await expect(done.getByTestId('export-counts')).toContainText('投诉 2 条');
    expect(readdirSync(stick)).toEqual(['YGHA-20261102-20261102.cdx']); // no part file beside it

    // ── Head office: another data dir, another office code.
    await hq.start();
    await hq.call('app:setup', { officeName: '集团客服总部', officeCode: 'HQZB', operatorName: '陈总' });

    // A wrong passphrase: the file is refused as a whole, with the reason.
    let form = await openImport(page, hq, stick);
    await expect(form.getByTestId('import-files')).toContainText('YGHA-20261102-20261102.cdx');
    await expect(form.getByRole('checkbox', { name: 'YGHA-20261102-20261102.cdx' })).toBeChecked();
    await form.getByLabel('口令', { exact: true }).fill('wrong-passphrase');
    await form.getByRole('button', { name: '开始导入' }).click();
    await expect(form.getByTestId('import-refused-files')).toContainText('口令错误或文件已损坏，未导入任何数据。', { timeout: 20_000 });

    // The right one: merged, N new, per table on request.
    form = await openImport(page, hq, stick);
    await form.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
    await form.getByRole('button', { name: '开始导入' }).click();
    const summary = form.getByTestId('import-summary');
    await expect(summary).toBeVisible({ timeout: 20_000 });
    const officeBox = summary.locator('[data-office="YGHA"]');
    await expect(officeBox).toContainText('阳光花园服务中心（YGHA）');
    await expect(summary.getByTestId('import-overall')).toContainText(/共 1 个文件：新增 [1-9]\d* 条/);
    await officeBox.getByRole('button', { name: '查看明细' }).click();
    await expect(officeBox.getByTestId('import-table-counts').getByRole('row', { name: /^投诉 / })).toHaveText(/投诉\s*2\s*0\s*0\s*0/);

    // The complaints are in head office's register.
    await openApp(page, hq, '#/register');
    const register = page.getByTestId('register-table');
    await expect(register).toContainText('欧阳堃');
    await expect(register).toContainText('司马玥');
    await expect(register).toContainText('YGHA-20261102-001');
    // Opened at head office, a merged complaint is the office's record: shown, not editable.
    await register.getByText('欧阳堃').click();
    await expect(page.getByTestId('other-office')).toContainText('本投诉属于服务中心 YGHA');
    await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0);

    // The same file again: recognised, nothing changed.
    form = await openImport(page, hq, stick);
    await form.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
    await form.getByRole('button', { name: '开始导入' }).click();
    await expect(form.getByTestId('seen-before')).toHaveText('此文件已导入过，未作更改', { timeout: 20_000 });

    // 导入记录: the merge is on record.
    await page.getByRole('tab', { name: '导入记录' }).click();
    const history = page.getByTestId('import-history');
    await expect(history).toContainText('YGHA-20261102-20261102.cdx');
    await expect(history).toContainText('阳光花园服务中心（YGHA）');
    await expect(history).toContainText('陈总');
  } finally {
    await hq.kill();
    rmSync(hq.dataDir, { recursive: true, force: true });
    rmSync(stick, { recursive: true, force: true });
  }
});

test('web mode: a folder that is not there is refused on the form, and no file is left anywhere', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await openApp(page, webApp, '#/exchange');
  const form = page.getByRole('form', { name: '导出（服务中心）' });
  const missing = join(tmpdir(), 'complaint-desk-no-such-stick');
  expect(existsSync(missing)).toBe(false);
  await form.getByLabel('文件夹路径').fill(missing);
  await form.getByLabel('导出口令', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('再次输入口令', { exact: true }).fill(PASSPHRASE);
  await form.getByRole('button', { name: '开始导出' }).click();
  await expect(form).toContainText('找不到所选文件夹');
  // No 浏览… button in web mode: the system dialog is a desktop thing.
  await expect(form.getByRole('button', { name: '浏览…' })).toHaveCount(0);
});
