import { test, expect, openApp, setClock, setUpOffice } from './fixtures';
import type { Staff } from '../../src-preload/contract';

/**
 * Issue 13 point 15: settings → staff. The 启用 switch must show what is stored (an active member
 * is ON), and flipping it must be what is saved: off retires the member, on brings them back.
 */
test('staff editor: the 启用 switch shows an active member as on, retires them when switched off and restores them when switched on', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-02 09:00');
  const activeOf = async (name: string) => (await webApp.call<Staff[]>('staff:list', { includeInactive: true })).find((s) => s.name === name)?.active;

  await openApp(page, webApp, '#/settings');
  const staff = page.getByTestId('staff');
  const row = staff.getByRole('row', { name: /周晓雯/ });
  await expect(row).toContainText('启用');

  // Open the member's form: the switch reads the stored value.
  await row.getByRole('button', { name: '修改' }).click();
  const form = staff.getByRole('form', { name: '员工名录' });
  const enabled = form.getByRole('switch', { name: '启用' });
  // Flipped from the keyboard (Space), as a checkbox is: the app's sticky header can sit over the switch after scrolling.
  const flip = () => enabled.press('Space');
  await expect(enabled).toBeChecked();

  // Off + save → retired, in the table and in the database.
  await flip();
  await expect(enabled).not.toBeChecked();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(row).toContainText('停用');
  expect(await activeOf('周晓雯')).toBe(false);

  // Reopened, the switch shows the retirement; on + save → active again.
  await row.getByRole('button', { name: '修改' }).click();
  await expect(enabled).not.toBeChecked();
  await flip();
  await expect(enabled).toBeChecked();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(row).toContainText('启用');
  expect(await activeOf('周晓雯')).toBe(true);

  // A new member starts active, and the switch says so.
  await staff.getByRole('button', { name: '新增' }).click();
  await expect(form.getByRole('switch', { name: '启用' })).toBeChecked();
});
