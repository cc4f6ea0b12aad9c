/**
 * Issue 5, point 5 in the browser: 导出 Excel on the register downloads an .xlsx of the screen's
 * filters under a Chinese name; the file opens (read back with ExcelJS) and holds the rows the
 * table shows, under Chinese headers.
 */
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, openApp, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

async function seed(webApp: WebApp) {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-22 10:00');
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const id = (list: Entry[], name: string) => list.find((e) => e.name === name)!.id;
  const base = { channel: 'phone', receiverId: staff[0]!.id, severity: 'ordinary', urgency: 'normal', phone: '13812345678' };
  const rows = [
    { receivedAt: '2026-10-28 16:00', complainantName: '陈静', description: '十月：电梯异响', categoryId: id(categories, '设施设备') },
    { receivedAt: '2026-11-02 09:12', complainantName: '欧阳堃', building: '3栋', unit: '2单元', room: '1602', description: '楼上漏水，卫生间天花板滴水', categoryId: id(categories, '工程质量'), complainedDepartmentId: id(departments, '工程部') },
    { receivedAt: '2026-11-03 20:40', complainantName: '王芳', building: '5栋', unit: '1单元', room: '0301', description: '夜间广场舞噪音扰民', categoryId: id(categories, '安全秩序'), channel: 'visit' },
    { receivedAt: '2026-11-05 08:05', complainantName: '刘洋', description: '垃圾桶两天没有清运，气味很大', categoryId: id(categories, '环境卫生'), complainedDepartmentId: id(departments, '环境部') },
  ];
  for (const row of rows) await webApp.call('complaints:create', { ...base, ...row });
}

/** Click 导出 Excel, take the download, read it back: its name and the sheet's header and data rows. */
async function exportFromScreen(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('投诉登记')!;
  const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
  const data: unknown[][] = [];
  for (let r = 4; r <= sheet.rowCount; r++) data.push(values(r));
  return { fileName: download.suggestedFilename(), title: sheet.getCell('A1').value, header: values(3), data };
}

test('导出 Excel downloads the register’s rows for the screen’s filters, with Chinese headers', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  const rows = page.getByTestId('register-table').locator('tbody tr');
  await page.getByLabel('受理日期自').fill('2026-11-01');
  await page.getByLabel('至').fill('2026-11-30');
  await expect(rows).toHaveCount(3);
  // The screen lists newest first, the file oldest first (as the paper register does).
  const shown = (await rows.locator('td:first-child').allTextContents()).reverse();

  const november = await exportFromScreen(page);
  expect(november.fileName).toBe('投诉登记_2026-11-01至2026-11-30.xlsx');
  expect(november.title).toBe('阳光花园服务中心 投诉登记（2026-11-01 至 2026-11-30）');
  expect(november.header).toEqual(['序号', '投诉编号', '受理时间', '投诉人', '房号', '联系电话', '投诉方式', '类别', '投诉内容', '被投诉部门', '接待人', '等级', '状态', '处理结果', '回访情况', '备注']);
  expect(november.data.map((r) => r[1])).toEqual(shown);
  expect(november.data[0]).toEqual(expect.arrayContaining([1, '2026-11-02 09:12', '欧阳堃', '3栋2单元1602', '138****5678', '工程质量', '楼上漏水，卫生间天花板滴水']));
  await expect(page.getByTestId('excel-export-done')).toContainText('已导出 3 件：投诉登记_2026-11-01至2026-11-30.xlsx');

  // A filter on the screen narrows the file the same way.
  await page.getByLabel('投诉类别').selectOption({ label: '环境卫生' });
  await expect(rows).toHaveCount(1);
  const hygiene = await exportFromScreen(page);
  expect(hygiene.data).toHaveLength(1);
  expect(hygiene.data[0]![1]).toBe(await rows.first().locator('td').first().textContent());
  expect(hygiene.data[0]![3]).toBe('刘洋');
  await expect(page.getByTestId('excel-export-done')).toContainText('已导出 1 件');
});
