import { test, expect, field, openApp, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

/** Four flats around 12栋3单元1602 (issue 13 point 17): the same building in another unit, building 112, building 2. */
async function seed(webApp: WebApp) {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-05 10:00');
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const base = { channel: 'phone', receiverId: staff[0]!.id, categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal' };
  const rows = [
    { receivedAt: '2026-11-05 08:10', complainantName: '杨明兰', building: '12栋', unit: '3单元', room: '1602', phone: '138 0013 8000', description: '卫生间渗水到楼下' },
    { receivedAt: '2026-11-05 08:20', complainantName: '钱多多', building: '112栋', unit: '3单元', room: '1602', phone: '13900001111', description: '电梯按钮失灵' },
    { receivedAt: '2026-11-05 08:30', complainantName: '杨明兰', building: '2栋', unit: '3单元', room: '1603', phone: '', description: '快递柜占用消防通道' },
    { receivedAt: '2026-11-05 08:40', complainantName: '孙悦', building: '12栋', unit: '2单元', room: '1602', phone: '', description: '楼道堆放杂物' },
  ];
  for (const row of rows) await webApp.call('complaints:create', { ...base, ...row });
}

test('the register search finds a flat however the address is typed, several terms together, and a phone typed with spaces', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  const rows = page.getByTestId('register-table').locator('tbody tr');
  const search = page.getByLabel('搜索');
  await expect(rows).toHaveCount(4);

  for (const typed of ['12栋3单元1602', '杨明兰 1602', '12-3-1602', '12#3-1602', '138 0013 8000', '+86 13800138000']) {
    await search.fill(typed);
    await expect(rows, typed).toHaveCount(1);
    await expect(rows.first(), typed).toContainText('杨明兰');
    await expect(rows.first(), typed).toContainText('12栋3单元1602');
    await expect(page.getByTestId('register-total'), typed).toHaveText('共 1 件');
  }

  // Without the unit: building 12, room 1602, in either unit (not 112栋).
  await search.fill('12栋1602');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '钱多多' })).toHaveCount(0);

  // Two characters across building and unit.
  await search.fill('栋3');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: '孙悦' })).toHaveCount(0);
});

test('intake refuses a phone that is no number, naming the field, and takes one typed with spaces', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await field(page, '联系电话').fill('138 0013 800');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('联系电话格式不正确')).toBeVisible();
  await field(page, '联系电话').fill('138 0013 8000');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('联系电话格式不正确')).toHaveCount(0);
});
