import { test, expect, field, openApp } from './fixtures';

test('first run asks for the office name and code, then opens the intake form', async ({ page, webApp }) => {
  await openApp(page, webApp);
  await expect(page.getByText('欢迎使用物业投诉台')).toBeVisible();
  await field(page, '服务中心名称').fill('阳光花园服务中心');
  await field(page, '服务中心代码').fill('阳光');
  await field(page, '您的姓名（前台接待）').fill('周晓雯');
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByText(/服务中心代码应为 2–10 位大写字母或数字/)).toBeVisible();

  await field(page, '服务中心代码').fill('ygha');
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.locator('[data-page="intake"]')).toBeVisible();
  await expect(page.getByText('阳光花园服务中心（YGHA）')).toBeVisible();
  // The first receptionist is the operator and the default receiver.
  await expect(field(page, '接待人')).toHaveValue('周晓雯（客服中心）');
});
