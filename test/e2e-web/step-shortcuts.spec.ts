import { test, expect, field, openApp, setClock, setUpOffice, typeToPick } from './fixtures';

interface Entry { id: string; name: string }

/**
 * Issue 13 point 20: the procedure's steps without the mouse. Reaching 派单 took 42 Tab presses; each
 * step button now shows its shortcut (Alt+1 …), and the handler is picked by typing.
 */
test('on a complaint page the 派单 shortcut opens its form, 李 + Enter picks the handler, Ctrl+Enter saves: no Tab pressed', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-02 09:00');
  const departments = await webApp.call<Entry[]>('departments:list');
  const engineering = departments.find((d) => d.name === '工程部')!.id;
  await webApp.call('staff:save', { name: '李强', departmentId: engineering, role: 'handler' });
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const { id } = await webApp.call<{ id: string }>('complaints:create', {
    receivedAt: '2026-11-02 08:50', channel: 'phone', receiverId: staff[0]!.id, categoryId: categories[0]!.id, complainedDepartmentId: engineering,
    complainantName: '张伟', building: '3栋', unit: '2单元', room: '1602', description: '楼上漏水', severity: 'ordinary', urgency: 'normal',
  });

  await openApp(page, webApp, `#/complaints/${id}`);
  let tabs = 0;
  const press = (key: string) => ((tabs += key === 'Tab' ? 1 : 0), page.keyboard.press(key));

  // The button says its shortcut, to the eye (a key cap) and to assistive technology.
  const dispatch = page.getByTestId('process').getByRole('button', { name: /^派单/ });
  const shortcut = await dispatch.getAttribute('aria-keyshortcuts');
  expect(shortcut).toMatch(/^Alt\+[1-9]$/);
  await expect(dispatch).toContainText(shortcut!);

  // Typing a digit in a field of the page types it; it opens nothing.
  await field(page, '房号').click();
  await press('End');
  await page.keyboard.type('1');
  await expect(field(page, '房号')).toHaveValue('16021');
  await expect(page.locator('form[data-step]')).toHaveCount(0);

  // The shortcut works with the focus anywhere on the page, a text field included.
  await press(shortcut!);
  const form = page.locator('form[data-step="dispatch"]');
  await expect(form).toBeVisible();
  await expect(field(page, '责任部门')).toBeFocused();
  await expect(field(page, '责任部门')).toHaveValue('工程部');
  await press('Enter'); // the department complained about stays
  await expect(field(page, '处理人')).toBeFocused();
  await typeToPick(page, '处理人', '李', '李强（工程部）');
  await press('Enter');
  await expect(field(page, '处理人')).toHaveValue('李强（工程部）');
  await press('Control+Enter');
  await expect(form).toHaveCount(0);

  await expect(page.getByTestId('process-record')).toContainText('工程部（李强）');
  await expect(page.getByTestId('process')).toContainText('已派单');
  expect(tabs).toBe(0);
});
