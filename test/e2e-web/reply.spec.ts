import { test, expect, field, openApp, setClock, setUpOffice } from './fixtures';

interface Entry { id: string; name: string }
interface Detail { complaint: { id: string; number: string; version: number } }

/**
 * Issue 13 point 6 in the browser: the desk records the answer given to the complainant (答复) on
 * the complaint page, and the 答复 deadline turns to 按时完成 at the time of the reply — without
 * waiting for the handling result.
 */
test('the desk records a 答复 on the complaint page and the 答复 deadline is met by it', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const engineering = departments.find((d) => d.name === '工程部')!.id;
  const actorId = staff.find((s) => s.name === '周晓雯')!.id;
  // Not urgent, no reply time named: 答复 due in 2 working days (Wed 2026-11-04 23:59).
  const created = await webApp.call<Entry>('complaints:create', {
    receivedAt: '2026-11-02 08:50', channel: 'phone', receiverId: actorId, complainantName: '张伟', building: '3栋', unit: '2单元', room: '1602',
    description: '楼上漏水，卫生间天花板滴水', categoryId: categories.find((c) => c.name === '工程质量')!.id, complainedDepartmentId: engineering,
    severity: 'ordinary', urgency: 'normal', requestedReplyAt: '',
  });
  let d = await webApp.call<Detail>('complaints:get', { id: created.id });
  const stepOn = async (action: string, extra: Record<string, unknown>) => {
    d = await webApp.call<Detail>(`lifecycle:${action}`, { id: d.complaint.id, version: d.complaint.version, actorId, ...extra });
  };
  await stepOn('dispatch', { departmentId: engineering });
  await stepOn('signFor', { signerId: actorId, signedAt: '2026-11-02 09:00' });

  // The board sends the desk to the reply: the card's next deadline is 答复, its step 答复.
  await setClock(webApp, '2026-11-02 15:00');
  await openApp(page, webApp, '#/board');
  const card = page.locator(`[data-testid="board-card"][data-number="${d.complaint.number}"]`);
  await expect(card).toContainText('答复 2026-11-04 23:59');
  await expect(card).toContainText('待办：答复');
  await card.click();
  const form = page.locator('form[data-step="reply"]');
  await expect(form).toBeVisible();
  const reply = page.getByTestId('deadlines').locator('[data-kind="response"]');
  await expect(reply).not.toHaveAttribute('data-state', 'met');
  // The time follows main's clock; the method starts at 电话; who is the operator.
  await expect(field(page, '答复时间')).toHaveValue('2026-11-02 15:00');
  // Saving without what was said is refused, naming the field.
  await page.keyboard.press('Control+Enter');
  await expect(form).toContainText('请填写答复内容');
  await field(page, '答复内容').fill('已电话告知业主：工程部明天上午九点上门查看');
  await page.keyboard.press('Control+Enter');
  await expect(form).toHaveCount(0);

  await expect(reply).toHaveAttribute('data-state', 'met');
  await expect(reply).toContainText('按时完成');
  await expect(page.getByTestId('process-record')).toContainText('2026-11-02 15:00 电话（周晓雯）：已电话告知业主：工程部明天上午九点上门查看');
  await expect(page.getByText('答复 · 答复投诉人（周晓雯，电话，2026-11-02 15:00）')).toBeVisible();
  // Still in the hands of 工程部: the reply changes no status.
  await expect(page.getByTestId('process').getByRole('button', { name: /^登记处理结果/ })).toBeVisible();
});
