import type { Page } from '@playwright/test';
import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }
interface Created { id: string; version: number }

/** Register a complaint through the API, optionally dispatch it or judge it invalid. */
async function seeder(webApp: WebApp) {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-05 17:00');
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const base = { channel: 'phone', receiverId: staff[0]!.id, categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal', building: '3栋', unit: '2单元', room: '1602' };
  return async (row: { complainantName: string; description: string; receivedAt: string }, then?: 'dispatch' | 'markInvalid') => {
    const created = await webApp.call<Created>('complaints:create', { ...base, ...row });
    const step = { id: created.id, version: created.version, actorId: staff[0]!.id };
    if (then === 'dispatch') await webApp.call('lifecycle:dispatch', { ...step, departmentId: departments[0]!.id });
    if (then === 'markInvalid') await webApp.call('lifecycle:markInvalid', { ...step, reason: '非物业服务范围' });
    return created.id;
  };
}

const rows = (page: Page) => page.getByTestId('register-table').locator('tbody tr');
const names = (page: Page) => page.getByTestId('register-table').locator('tbody tr td:nth-child(3)').allInnerTexts();
const minute = (i: number) => `2026-11-05 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;

/** Pick a value in a Mantine MultiSelect by its label. */
async function chooseStatus(page: Page, label: string) {
  await page.getByRole('combobox', { name: '状态', exact: true }).click({ force: true }) // the chosen pills sit over the input;
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
}

test('the register keeps its status filter, search and page when a complaint is opened and Back is pressed, and after a reload', async ({ page, webApp }) => {
  const seed = await seeder(webApp);
  // 56 dispatched leaks (two pages), 4 registered leaks, 3 dispatched noise complaints.
  for (let i = 0; i < 56; i++) await seed({ complainantName: `业主${i}`, description: '卫生间漏水', receivedAt: minute(i) }, 'dispatch');
  for (let i = 56; i < 60; i++) await seed({ complainantName: `业主${i}`, description: '卫生间漏水', receivedAt: minute(i) });
  for (let i = 60; i < 63; i++) await seed({ complainantName: `业主${i}`, description: '夜间噪音', receivedAt: minute(i) }, 'dispatch');

  await openApp(page, webApp, '#/register');
  await expect(rows(page)).toHaveCount(50);
  await chooseStatus(page, '已派单');
  await page.getByLabel('搜索').fill('漏水');
  await expect(page.getByTestId('register-total')).toHaveText('共 56 件');
  await page.getByRole('button', { name: '2', exact: true }).click();
  await expect(rows(page)).toHaveCount(6);
  const pageTwo = await names(page);

  // Open a complaint on page 2, then come back with the browser's Back.
  await rows(page).first().click();
  await expect(page.locator('[data-page="complaint"]')).toBeVisible();
  await page.goBack();

  const sameView = async () => {
    await expect(page.getByLabel('搜索')).toHaveValue('漏水');
    await expect(page.locator('[data-page="register"]').getByText('已派单', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('register-total')).toHaveText('共 56 件');
    await expect(page.getByRole('button', { name: '2', exact: true })).toHaveAttribute('data-active', 'true');
    await expect(rows(page)).toHaveCount(6);
    expect(await names(page)).toEqual(pageTwo);
  };
  await sameView();
  expect(page.url()).toMatch(/#\/register\?.*page=2/);

  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await sameView();
});

test('a click on the 投诉人 header sorts by complainant, a second click reverses the order', async ({ page, webApp }) => {
  const seed = await seeder(webApp);
  // Received in an order that is neither name order nor its reverse.
  for (const [i, name] of ['李四', '赵六', '张三', '王五'].entries()) await seed({ complainantName: name, description: '楼道灯不亮', receivedAt: minute(i) });

  await openApp(page, webApp, '#/register');
  await expect(rows(page)).toHaveCount(4);
  expect(await names(page)).toEqual(['王五', '张三', '赵六', '李四']); // newest first

  const header = page.getByRole('columnheader', { name: /投诉人/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  // By code point (张 5F20 < 李 674E < 王 738B < 赵 8D75): SQLite without ICU has no pinyin order.
  await expect.poll(() => names(page)).toEqual(['张三', '李四', '王五', '赵六']);

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => names(page)).toEqual(['赵六', '王五', '李四', '张三']);
  await expect(page.getByRole('columnheader', { name: /受理时间/ })).toHaveAttribute('aria-sort', 'none');
});

test('two statuses chosen show the complaints in either of them, and only those', async ({ page, webApp }) => {
  const seed = await seeder(webApp);
  await seed({ complainantName: '登记者', description: '电梯异响', receivedAt: minute(0) });
  await seed({ complainantName: '派单者', description: '电梯异响', receivedAt: minute(1) }, 'dispatch');
  await seed({ complainantName: '无效者', description: '电梯异响', receivedAt: minute(2) }, 'markInvalid');

  await openApp(page, webApp, '#/register');
  await expect(rows(page)).toHaveCount(3);
  await chooseStatus(page, '已登记');
  await expect(rows(page)).toHaveCount(1);
  await chooseStatus(page, '已派单');
  await expect(rows(page)).toHaveCount(2);
  expect((await names(page)).sort()).toEqual(['派单者', '登记者']);
  await expect(page.getByTestId('register-total')).toHaveText('共 2 件');
});

test('at 1366×768, the number of a complaint just saved is on screen without scrolling', async ({ page, webApp }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-05 10:00');
  await openApp(page, webApp);
  await field(page, '投诉人').fill('张伟');
  await field(page, '事件经过').fill('楼上漏水，卫生间天花板持续滴水');
  await pick(page, '投诉类别', '工程质量');
  // Saving is done from the bottom of the form, where the desk is after typing the call in.
  await field(page, '紧急程度').focus();
  await page.getByRole('button', { name: /核对并保存/ }).click();
  await page.getByTestId('read-back').waitFor();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261105-001');
  await expect(page.getByTestId('intake-saved').getByText('YGHA-20261105-001')).toBeInViewport({ ratio: 1 });
});
