import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

async function seed(webApp: WebApp) {
  await setUpOffice(webApp);
  // The morning after the last complaint: none of them is a month old, whatever today's date is.
  await setClock(webApp, '2026-11-05 10:00');
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const id = (list: Entry[], name: string) => list.find((e) => e.name === name)!.id;
  const base = { channel: 'phone', receiverId: staff[0]!.id, severity: 'ordinary', urgency: 'normal' };
  const rows = [
    { receivedAt: '2026-11-02 09:12', complainantName: '张伟', building: '3栋', unit: '2单元', room: '1602', description: '楼上漏水，卫生间天花板滴水', categoryId: id(categories, '工程质量'), complainedDepartmentId: id(departments, '工程部') },
    { receivedAt: '2026-11-03 20:40', complainantName: '王芳', building: '5栋', unit: '1单元', room: '0301', description: '夜间广场舞噪音扰民', categoryId: id(categories, '安全秩序'), complainedDepartmentId: id(departments, '秩序维护部'), channel: 'visit' },
    { receivedAt: '2026-11-05 08:05', complainantName: '刘洋', building: '3栋', unit: '1单元', room: '0502', description: '垃圾桶两天没有清运，气味很大', categoryId: id(categories, '环境卫生'), complainedDepartmentId: id(departments, '环境部'), severity: 'important' },
  ];
  for (const row of rows) await webApp.call('complaints:create', { ...base, ...row });
  return { departments, categories };
}

test('the register filters by text, department, channel and date, and a detail edit shows on the timeline', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  const table = page.getByTestId('register-table');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('register-total')).toHaveText('共 3 件');
  // Newest first.
  await expect(rows.first()).toContainText('刘洋');

  await page.getByLabel('搜索').fill('3栋');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('搜索').fill('广场舞');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('王芳');
  await page.getByRole('button', { name: '清空条件' }).click();
  await expect(rows).toHaveCount(3);

  await page.getByLabel('部门').selectOption({ label: '环境部' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('刘洋');
  await page.getByRole('button', { name: '清空条件' }).click();
  await page.getByLabel('受理渠道').selectOption({ label: '来访' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('王芳');
  await page.getByRole('button', { name: '清空条件' }).click();
  await page.getByLabel('受理日期自').fill('2026-11-03');
  await page.getByLabel('至').fill('2026-11-03');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('王芳');
  await page.getByRole('button', { name: '清空条件' }).click();

  // Edit in the detail: the change is saved and the timeline shows before → after.
  await rows.filter({ hasText: '张伟' }).click();
  await field(page, '房号').fill('1603');
  await pick(page, '被投诉部门', '环境部');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存（第 2 版）')).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('修改 · 周晓雯');
  await expect(timeline).toContainText('房号：1602 → 1603');
  await expect(timeline).toContainText('被投诉部门：工程部 → 环境部');
});

test('a photo attached to a complaint shows as a thumbnail; a file that is not an image or PDF is refused', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  await page.getByTestId('register-table').locator('tbody tr', { hasText: '张伟' }).click();
  const panel = page.getByTestId('attachments');
  await expect(panel).toContainText('暂无附件');

  // A real 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await panel.locator('input[type=file]').setInputFiles({ name: '天花板.png', mimeType: 'image/png', buffer: png });
  const thumbnail = panel.getByRole('img', { name: '天花板.png' });
  await expect(thumbnail).toBeVisible();
  // The thumbnail's bytes are served back (the image decoded to its real size).
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(page.getByTestId('timeline')).toContainText('添加附件 · 周晓雯');

  await panel.locator('input[type=file]').setInputFiles({ name: '伪装.png', mimeType: 'image/png', buffer: Buffer.from('just text, not a picture') });
  await expect(panel).toContainText('只能上传照片（JPG、PNG、WebP、GIF）或 PDF 扫描件');
  await expect(panel.getByRole('img')).toHaveCount(1);
});
