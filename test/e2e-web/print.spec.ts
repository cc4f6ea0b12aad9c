/**
 * Issue 4 in the browser: each paper form is generated from the screen where the desk needs it and
 * opens in the preview inside the page; the preview's URL serves the real PDF (checked by its
 * bytes and its text), and web mode offers a download under the form's Chinese name.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, field, openApp, setClock, setUpOffice, type WebApp } from './fixtures';
import { onePixelPng } from '../helpers/files';

interface Entry { id: string; name: string }

async function seed(webApp: WebApp): Promise<{ id: string; number: string }> {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-02 09:30');
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  return webApp.call('complaints:create', {
    receivedAt: '2026-11-02 09:12',
    channel: 'phone',
    receiverId: staff[0]!.id,
    complainantName: '欧阳堃',
    building: '3栋',
    unit: '2单元',
    room: '1602',
    phone: '13812345678',
    categoryId: categories.find((c) => c.name === '工程质量')!.id,
    description: '楼上漏水，卫生间天花板滴水',
    severity: 'ordinary',
    urgency: 'normal',
  });
}

/** The preview is open: its frame points at a PDF the server really serves; returns the PDF's text. */
async function expectPreview(page: Page, webApp: WebApp, fileName: RegExp, dataDir: string): Promise<string> {
  const preview = page.getByRole('dialog');
  await expect(preview).toContainText(fileName);
  const src = await preview.getByTestId('print-frame').getAttribute('src');
  expect(src).toMatch(/^\/files\/prints\/[0-9A-Z]{26}$/);
  const response = await page.request.get(new URL(src!, webApp.url).toString());
  expect(response.headers()['content-type']).toBe('application/pdf');
  const bytes = await response.body();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const download = preview.getByTestId('print-download');
  await expect(download).toHaveAttribute('href', `${src}?download=1`);
  const path = join(dataDir, `e2e-${Date.now()}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

test('the handling record prints from the complaint as version 1, then 2, and is listed', async ({ page, webApp }) => {
  const complaint = await seed(webApp);
  // The office's own form number, set in 设置, is what the paper carries.
  await openApp(page, webApp, '#/settings');
  await page.getByLabel(/^投诉处理记录表 表单编号/).fill('YG-KF-005');
  await page.getByLabel(/^投诉处理记录表 版本/).fill('B/1');
  const codes = page.getByRole('form', { name: '表单编号与版本' });
  await codes.getByRole('button', { name: '保存' }).click();
  await expect(codes).toContainText('已保存');
  await openApp(page, webApp, `#/complaints/${complaint.id}`);
  const panel = page.getByTestId('print-panel');
  await expect(panel).toContainText('尚未打印');

  await panel.getByRole('button', { name: '投诉处理记录表' }).click();
  const text = await expectPreview(page, webApp, /投诉处理记录表_YGHA-20261102-001_v1\.pdf/, webApp.dataDir);
  expect(text).toContain('欧阳堃');
  expect(text).toContain('138****5678');
  expect(text).toContain('打印版本v1·2026-11-0209:30·周晓雯');
  expect(text).toContain('表单编号：YG-KF-005');
  expect(text).toContain('版本：B/1');
  await page.getByRole('button', { name: '关闭' }).click();

  await panel.getByRole('button', { name: '投诉处理记录表' }).click();
  await expectPreview(page, webApp, /_v2\.pdf/, webApp.dataDir);
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(panel.getByTestId('print-record')).toHaveCount(2);
  await expect(panel.getByTestId('print-record').last()).toContainText('投诉处理记录表 v2 · 2026-11-02 09:30 · 周晓雯');
  await expect(panel.getByTestId('print-record').last()).toContainText('待收回签字件');

  await panel.getByLabel('打印完整电话号码').check();
  await panel.getByRole('button', { name: '投诉记录表' }).click();
  const record = await expectPreview(page, webApp, /顾客投诉记录表_YGHA-20261102-001_v1\.pdf/, webApp.dataDir);
  expect(record).toContain('13812345678');
});

test('the register prints for this month with the screen filters, and the reports page prints the monthly report and blank forms', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  await page.getByLabel('受理日期自').fill('2026-11-01');
  await page.getByLabel('至').fill('2026-11-30');
  await page.getByRole('button', { name: '打印登记簿' }).click();
  const register = await expectPreview(page, webApp, /投诉记录表_2026-11-01~2026-11-30\.pdf/, webApp.dataDir);
  expect(register).toContain('期间：2026-11-01至2026-11-30');
  expect(register).toContain('欧阳堃');
  await page.getByRole('button', { name: '关闭' }).click();

  await page.getByRole('link', { name: '报表打印' }).click();
  await page.getByLabel('月份').fill('2026-11');
  await page.getByRole('button', { name: '生成月度报表' }).click();
  const report = await expectPreview(page, webApp, /月度投诉统计报表_2026-11\.pdf/, webApp.dataDir);
  expect(report).toContain('月份：2026年11月（2026-11-01至2026-11-30）');
  await page.getByRole('button', { name: '关闭' }).click();

  for (const [button, file] of [
    ['打印空白投诉记录表', '顾客投诉记录表_空白.pdf'],
    ['打印空白投诉处理记录表', '投诉处理记录表_空白.pdf'],
    ['打印空白投诉记录表（登记簿）', '投诉记录表_空白.pdf'],
    ['打印空白月度投诉统计报表', '月度投诉统计报表_空白.pdf'],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const blank = await expectPreview(page, webApp, new RegExp(file.replace('.', '\\.')), webApp.dataDir);
    expect(blank).not.toContain('YGHA-');
    await page.getByRole('button', { name: '关闭' }).click();
  }
});

test('the signed copy comes back: printed fields lock, and a change needs a supervisor and a reason', async ({ page, webApp }) => {
  const complaint = await seed(webApp);
  const staff = await webApp.call<(Entry & { departmentId: string })[]>('staff:list');
  await webApp.call('staff:save', { name: '王敏', departmentId: staff[0]!.departmentId, role: 'supervisor' });
  await openApp(page, webApp, `#/complaints/${complaint.id}`);
  const panel = page.getByTestId('print-panel');
  await panel.getByRole('button', { name: '投诉处理记录表' }).click();
  await expectPreview(page, webApp, /_v1\.pdf/, webApp.dataDir);
  await page.getByRole('button', { name: '关闭' }).click();

  // The scan of the signed sheet, uploaded against that print.
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: '上传签字件' }).click();
  await (await chooser).setFiles({ name: '签字件.png', mimeType: 'image/png', buffer: onePixelPng() });
  await expect(panel.getByTestId('print-record')).toContainText('已收回签字件');
  await expect(page.getByTestId('locked-fields')).toContainText('投诉人');
  await expect(page.getByTestId('timeline')).toContainText('收回签字件：投诉处理记录表 v1，所印字段已锁定');

  await field(page, '投诉人').fill('欧阳堃（更正）');
  await page.getByRole('button', { name: '保存修改' }).click();
  const approval = page.getByRole('dialog');
  await expect(approval).toContainText('“投诉人”已印在收回签字的表单上');
  await approval.getByRole('button', { name: '审批并保存' }).click();
  await expect(approval).toContainText('请填写修改原因');
  await approval.getByLabel(/^修改原因/).fill('业主更正姓名');
  await approval.getByRole('button', { name: '审批并保存' }).click();
  await expect(page.getByText('已保存（第 2 版）')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('修改已签字表单上的内容（审批：王敏；原因：业主更正姓名）');
});
