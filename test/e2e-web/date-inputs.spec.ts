import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

/**
 * Issue 13 point 18: dates are typed the way reception types them — `20261221`, `2026/12/21`,
 * `202611020930` — and shown and kept as the paper's `YYYY-MM-DD` / `YYYY-MM-DD HH:mm`, in Chinese
 * and in English alike (not the operating system's mm/dd/yyyy picker, where `20261221` became
 * `61221-02-02`).
 */

interface Entry { id: string; name: string }

async function newComplaint(app: WebApp, receivedAt: string, complainantName: string): Promise<void> {
  const staff = await app.call<Entry[]>('staff:list');
  const categories = await app.call<Entry[]>('categories:list');
  await app.call('complaints:create', {
    receivedAt, channel: 'phone', receiverId: staff[0]!.id, complainantName,
    description: '楼道灯不亮', categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal',
  });
}

test('register 受理日期自/至 typed as 20261221 and 2026/12/21 read 2026-12-21 and filter to that day', async ({ page, webApp }) => {
  await setClock(webApp, '2026-12-22 09:00');
  await setUpOffice(webApp);
  await newComplaint(webApp, '2026-12-21 10:00', '张伟');
  await newComplaint(webApp, '2026-12-20 10:00', '李娜');
  await openApp(page, webApp, '#/register');
  await expect(page.getByTestId('register-total')).toContainText('2');

  const from = page.getByLabel('受理日期自');
  await from.click();
  await page.keyboard.type('20261221');
  await page.keyboard.press('Tab');
  await expect(from).toHaveValue('2026-12-21');

  const to = page.getByLabel('至', { exact: true });
  await to.click();
  await page.keyboard.type('2026/12/21');
  await page.keyboard.press('Tab');
  await expect(to).toHaveValue('2026-12-21');

  const table = page.getByTestId('register-table');
  await expect(table).toContainText('张伟');
  await expect(table).not.toContainText('李娜');

  // Not a day: said at the field; the filter keeps its last real date.
  await from.fill('20261341');
  await page.keyboard.press('Tab');
  await expect(page.getByText('不是有效日期，格式 YYYY-MM-DD（如 20261221）')).toBeVisible();
  await expect(table).not.toContainText('李娜');

  // The calendar beside the field picks a day too (weeks from Monday: 一 first).
  await page.getByRole('button', { name: '从日历选择' }).first().click();
  const calendar = page.locator('.mantine-Popover-dropdown');
  await expect(calendar.locator('thead th').first()).toHaveText('一');
  await calendar.getByRole('button', { name: '20 十二月 2026' }).click();
  await expect(from).toHaveValue('2026-12-20');
  await expect(table).toContainText('李娜');
});

test('intake 受理时间 typed as 202611020930 reads 2026-11-02 09:30, and that is saved', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 10:00');
  await setUpOffice(webApp);
  await openApp(page, webApp);

  const receivedAt = field(page, '受理时间');
  await receivedAt.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('202611020930');
  await page.keyboard.press('Enter'); // the intake moves on with Enter
  await expect(receivedAt).toHaveValue('2026-11-02 09:30');
  await expect(receivedAt).not.toBeFocused();

  await field(page, '投诉人').fill('张伟');
  await field(page, '事件经过').fill('楼上漏水');
  await pick(page, '投诉类别', '工程质量');
  // 要求答复时间 with a space between day and time.
  await field(page, '要求答复时间').fill('20261102 1800');
  await page.keyboard.press('Tab');
  await expect(field(page, '要求答复时间')).toHaveValue('2026-11-02 18:00');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('read-back').getByRole('row', { name: /受理时间/ })).toContainText('2026-11-02 09:30');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261102-001');

  const list = await webApp.call<{ items: { receivedAt: string; requestedReplyAt: string | null }[] }>('complaints:list', {});
  expect(list.items[0]!.receivedAt).toBe('2026-11-02 09:30');
});

test('in English the date fields still read YYYY-MM-DD and take 20261221', async ({ page, webApp }) => {
  await setClock(webApp, '2026-12-22 09:00');
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(field(page, 'Received at')).toHaveValue('2026-12-22 09:00');

  await page.getByRole('link', { name: 'Register' }).click();
  const from = page.getByLabel('Received from');
  await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await from.click();
  await page.keyboard.type('20261221');
  await page.keyboard.press('Tab');
  await expect(from).toHaveValue('2026-12-21');
});
