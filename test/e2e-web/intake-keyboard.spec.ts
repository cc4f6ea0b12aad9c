import { test, expect, field, openApp, setUpOffice, typeToPick } from './fixtures';

test('a phone complaint entered with the keyboard only appears in the register and in its detail', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await openApp(page, webApp);
  // Every key that is not text counts (Enter, arrows, Ctrl+…): before lists were picked by typing
  // (issue 13 point 20) this call took 24; picking by typing must not make it take more.
  let nonTextKeys = 0;
  const kb = {
    type: (text: string) => page.keyboard.type(text),
    press: (key: string) => ((nonTextKeys += 1), page.keyboard.press(key)),
  };
  const typeAndNext = async (text: string) => {
    await kb.type(text);
    await kb.press('Enter');
  };

  // The form opens with the focus on the first field: reception starts typing at once.
  await expect(field(page, '受理渠道')).toBeFocused();
  await kb.press('Enter'); // 来电 is the default channel
  await expect(field(page, '受理时间')).toBeFocused();
  await kb.press('Control+A');
  await typeAndNext('2026-11-02 09:12');
  await kb.press('Enter'); // receiver: the operator, preselected
  await typeAndNext('张伟');
  await typeAndNext('13812345678');
  await typeAndNext('3栋');
  await typeAndNext('2单元');
  await typeAndNext('1602');
  await kb.press('Enter'); // no other contact
  await typeAndNext('楼上漏水，卫生间天花板持续滴水');
  await typeAndNext('你们再不来修我就去住建局投诉！');
  await typeAndNext('今天之内上门维修');
  await typeAndNext('2026-11-02 18:00');
  await typeAndNext('2026-11-01 夜间');
  await typeAndNext('卫生间天花板');
  // Lists are picked by typing: 工程 highlights 工程质量, Enter takes it and moves on.
  await expect(field(page, '投诉类别')).toBeFocused();
  await typeToPick(page, '投诉类别', '工程', '工程质量');
  await kb.press('Enter');
  await expect(field(page, '被投诉部门')).toBeFocused();
  await typeToPick(page, '被投诉部门', '工程', '工程部');
  await kb.press('Enter');
  await expect(field(page, '被投诉人')).toBeFocused();
  await kb.press('Enter'); // no particular person
  await expect(field(page, '投诉性质')).toBeFocused();
  await kb.press('Control+Enter');

  // The read-back (重述投诉内容) before saving, then Enter confirms.
  const readBack = page.getByTestId('read-back');
  await expect(readBack).toContainText('张伟');
  await expect(readBack).toContainText('3栋2单元1602');
  await expect(readBack).toContainText('楼上漏水，卫生间天花板持续滴水');
  await expect(readBack).toContainText('工程质量');
  await expect(readBack).toContainText('工程部');
  await kb.press('Enter');
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261102-001');
  expect(nonTextKeys).toBeLessThanOrEqual(24);
  expect(nonTextKeys).toBe(21);
  // Ready for the next caller.
  await expect(field(page, '投诉人')).toHaveValue('');

  // The register lists it.
  await page.getByRole('link', { name: '投诉台账' }).click();
  const row = page.getByTestId('register-table').getByRole('row', { name: /YGHA-20261102-001/ });
  await expect(row).toContainText('2026-11-02 09:12');
  await expect(row).toContainText('张伟');
  await expect(row).toContainText('3栋2单元1602');
  await expect(row).toContainText('工程质量');
  await expect(row).toContainText('工程部');
  await expect(row).toContainText('已登记');

  // The detail holds every field as entered.
  await row.click();
  await expect(page.locator('[data-page="complaint"]')).toHaveAttribute('data-complaint-number', 'YGHA-20261102-001');
  await expect(field(page, '投诉人')).toHaveValue('张伟');
  await expect(field(page, '联系电话')).toHaveValue('13812345678');
  await expect(field(page, '事件经过')).toHaveValue('楼上漏水，卫生间天花板持续滴水');
  await expect(field(page, '业主原话')).toHaveValue('你们再不来修我就去住建局投诉！');
  await expect(field(page, '要求答复时间')).toHaveValue('2026-11-02 18:00');
  await expect(field(page, '事发地点')).toHaveValue('卫生间天花板');
  await expect(field(page, '投诉类别')).toHaveValue('工程质量');
  await expect(field(page, '被投诉部门')).toHaveValue('工程部');
  await expect(page.getByTestId('timeline')).toContainText('登记投诉 · 周晓雯');
});

test('missing required fields are reported at the field in Chinese, and nothing is saved', async ({ page, webApp }) => {
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('请填写投诉人姓名')).toBeVisible();
  await expect(page.getByText('请填写事件经过')).toBeVisible();
  await expect(page.getByText('请选择投诉类别')).toBeVisible();
  await field(page, '联系电话').fill('12345');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/联系电话格式不正确/)).toBeVisible();
  await expect(page.getByTestId('read-back')).toHaveCount(0);
  const list = await webApp.call<{ total: number }>('complaints:list', {});
  expect(list.total).toBe(0);
});
