import { test, expect, field, openApp, pick, setUpOffice } from './fixtures';

test('a saved complaint survives the server being killed (SIGKILL) and restarted on the same data', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await field(page, '投诉人').fill('李娜');
  await field(page, '房号').fill('0801');
  await field(page, '事件经过').fill('地下车库照明坏了一周无人修');
  await pick(page, '投诉类别', '设施设备');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  const saved = page.getByTestId('intake-saved');
  await expect(saved).toContainText(/YGHA-\d{8}-001/);
  const number = /YGHA-\d{8}-001/.exec((await saved.textContent()) ?? '')![0];

  await webApp.kill(); // no shutdown handler runs, no WAL checkpoint
  await webApp.start();

  await openApp(page, webApp, '#/register');
  const row = page.getByTestId('register-table').getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('李娜');
  await row.click();
  await expect(field(page, '事件经过')).toHaveValue('地下车库照明坏了一周无人修');
});
