import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, field, openApp, pick, setClock, setUpOffice } from './fixtures';

/** The README's pictures, from the real app in web mode: `npm run screenshots` (needs a CJK font, e.g. fonts-noto-cjk). */
const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

interface Entry { id: string; name: string }

test('README screenshots: intake form, register, deadline board, exchange @screenshot', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-05 17:30');
  await setUpOffice(webApp);
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const id = (list: Entry[], name: string) => list.find((e) => e.name === name)!.id;
  const samples: [string, string, string, string, string, string, string][] = [
    ['2026-11-02 09:12', '张伟', '3栋2单元', '1602', '楼上漏水，卫生间天花板持续滴水', '工程质量', '工程部'],
    ['2026-11-02 14:30', '王芳', '5栋1单元', '0301', '夜间广场舞噪音扰民，影响老人休息', '安全秩序', '秩序维护部'],
    ['2026-11-03 08:05', '刘洋', '3栋1单元', '0502', '垃圾桶两天没有清运，气味很大', '环境卫生', '环境部'],
    ['2026-11-03 19:47', '陈静', '8栋2单元', '1101', '电梯停运三小时无人处理', '设施设备', '工程部'],
    ['2026-11-04 10:20', '赵磊', '2栋1单元', '0203', '物业费账单重复收取停车费', '收费', '财务部'],
    ['2026-11-05 16:02', '孙丽', '6栋3单元', '0904', '楼下装修噪音超出规定时间', '装修', '秩序维护部'],
  ];
  for (const [receivedAt, name, buildingUnit, room, description, category, department] of samples) {
    await webApp.call('complaints:create', {
      receivedAt, channel: 'phone', receiverId: staff[0]!.id, complainantName: name,
      building: buildingUnit.slice(0, 2), unit: buildingUnit.slice(2), room, description,
      categoryId: id(categories, category), complainedDepartmentId: id(departments, department),
      severity: 'ordinary', urgency: 'normal', phone: '13812345678',
    });
  }

  await openApp(page, webApp);
  await field(page, '投诉人').fill('周建国');
  await field(page, '联系电话').fill('13912345678');
  await field(page, '楼栋').fill('7栋');
  await field(page, '单元').fill('1单元');
  await field(page, '房号').fill('0702');
  await field(page, '事件经过').fill('地下车库B区照明坏了一周，晚上回家很不安全');
  await field(page, '投诉人要求').fill('三天内修好');
  await pick(page, '投诉类别', '设施设备');
  await pick(page, '被投诉部门', '工程部');
  await page.screenshot({ path: join(OUT, 'intake.png') });

  await page.getByRole('link', { name: '投诉台账' }).click();
  await expect(page.getByTestId('register-table').locator('tbody tr')).toHaveCount(samples.length);
  await page.screenshot({ path: join(OUT, 'register.png') });

  // Move two complaints along so the board has something in each column.
  const list = await webApp.call<{ items: { id: string; complainantName: string }[] }>('complaints:list', {});
  const byName = (name: string) => list.items.find((c) => c.complainantName === name)!.id;
  for (const name of ['陈静', '孙丽']) {
    const detail = await webApp.call<{ complaint: { version: number } }>('complaints:get', { id: byName(name) });
    await webApp.call('lifecycle:dispatch', { id: byName(name), version: detail.complaint.version, actorId: staff[0]!.id, departmentId: id(departments, name === '陈静' ? '工程部' : '秩序维护部') });
  }
  await openApp(page, webApp, '#/board');
  await expect(page.locator('[data-page="board"][data-loaded="true"]')).toBeVisible();
  await shootWholePage(page, join(OUT, 'board.png'));

  // 数据交换: the export form as the office sees it.
  await openApp(page, webApp, '#/exchange');
  await expect(page.getByRole('form', { name: '导出（服务中心）' })).toBeVisible();
  await shootWholePage(page, join(OUT, 'exchange.png'));
});

/**
 * A page taller than the window, whole: the window is made as tall as the page first, so the
 * deadline notice stays at the foot of the window as the desk sees it (a full-page capture would
 * paint the fixed footer over the middle of the page).
 */
async function shootWholePage(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}
