import type { Page } from '@playwright/test';
import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

/** The board as the desk sees it after a reload: which column holds the complaint, and what its card says. */
async function boardCard(page: Page, app: WebApp, number: string) {
  await openApp(page, app, '#/board');
  await expect(page.locator('[data-page="board"][data-loaded="true"]')).toBeVisible();
  return page.locator('[data-testid="board-card"]', { hasText: number });
}

async function expectColumn(page: Page, app: WebApp, number: string, column: string, texts: string[]) {
  const card = await boardCard(page, app, number);
  await expect(page.locator(`[data-column="${column}"]`).locator('[data-testid="board-card"]', { hasText: number })).toBeVisible();
  for (const text of texts) await expect(card).toContainText(text);
  return card;
}

async function submitStep(page: Page, action: string) {
  const form = page.locator(`form[data-step="${action}"]`);
  await expect(form).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(form).toHaveCount(0);
}

test('one complaint from intake to a satisfied follow-up, through an unsatisfied one, with the board at each step', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const departments = await webApp.call<Entry[]>('departments:list');
  const engineering = departments.find((d) => d.name === '工程部')!.id;
  await webApp.call('staff:save', { name: '李强', departmentId: engineering, role: 'handler' });

  // Intake (Monday 09:00): the preview shows the deadlines before saving.
  await openApp(page, webApp);
  await field(page, '受理时间').fill('2026-11-02 09:00');
  await field(page, '投诉人').fill('张伟');
  await field(page, '楼栋').fill('3栋');
  await field(page, '单元').fill('2单元');
  await field(page, '房号').fill('1602');
  await field(page, '事件经过').fill('楼上漏水，卫生间天花板持续滴水');
  await pick(page, '投诉类别', '工程质量');
  await pick(page, '被投诉部门', '工程部');
  const preview = page.getByTestId('deadline-preview');
  await expect(preview.locator('[data-kind="dispatch"]')).toHaveText('派单：2026-11-02 10:00');
  await expect(preview.locator('[data-kind="resolution"]')).toHaveText('处理完成：2026-11-05 23:59');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261102-001');
  const number = 'YGHA-20261102-001';

  // 09:00: the dispatch is due within the hour → 今日到期, to do: 派单.
  await expectColumn(page, webApp, number, 'today', ['派单 2026-11-02 10:00', '还剩 1 小时', '待办：派单']);
  // 10:30 and still not dispatched → 已逾期.
  await setClock(webApp, '2026-11-02 10:30');
  const late = await expectColumn(page, webApp, number, 'overdue', ['已逾期 30 分钟', '待办：派单']);

  // The card opens the complaint at the step to do.
  await late.click();
  await pick(page, '处理人', '李强（工程部）');
  await expect(field(page, '责任部门')).toHaveValue('工程部');
  await submitStep(page, 'dispatch');
  await expect(page.getByTestId('process')).toContainText('已派单');

  // Next: the first response (24 h) → 48小时内, to do: 签收.
  const signCard = await expectColumn(page, webApp, number, 'within48h', ['首次响应 2026-11-03 09:00', '待办：签收']);
  await setClock(webApp, '2026-11-02 10:40');
  await signCard.click();
  await pick(page, '签收人', '李强（工程部）');
  await expect(field(page, '签收时间')).toHaveValue('2026-11-02 10:40');
  await submitStep(page, 'signFor');

  // In progress: the reply owed to the complainant (not urgent: 2 working days) is next: the card
  // opens the 答复 form, and the reply meets it by its own time (issue 13 point 6).
  const replyCard = await expectColumn(page, webApp, number, 'normal', ['答复 2026-11-04 23:59', '待办：答复']);
  await setClock(webApp, '2026-11-02 16:00');
  await replyCard.click();
  await field(page, '答复内容').fill('已电话告知业主：工程部已签收，两天内修好');
  await submitStep(page, 'reply');
  await expect(page.getByTestId('deadlines').locator('[data-kind="response"]')).toHaveAttribute('data-state', 'met');
  // Then the resolution.
  const resultCard = await expectColumn(page, webApp, number, 'normal', ['处理完成 2026-11-05 23:59', '待办：登记处理结果']);
  await setClock(webApp, '2026-11-04 15:00');
  await resultCard.click();
  // The completion time follows main's clock (set after the board loaded) before it is saved.
  await expect(field(page, '完成时间')).toHaveValue('2026-11-04 15:00');
  await pick(page, '处理人', '李强（工程部）');
  await field(page, '处理措施').fill('上门检查，更换楼上卫生间防水层');
  await field(page, '处理结果').fill('已修复，天花板不再滴水');
  await submitStep(page, 'recordResult');

  // Handled: the follow-up is due in 3 working days (Thu 5, Fri 6, Mon 9).
  const followCard = await expectColumn(page, webApp, number, 'normal', ['回访 2026-11-09 23:59', '待办：回访']);
  await setClock(webApp, '2026-11-05 10:00');
  await followCard.click();
  await field(page, '意见').fill('晚上还是有水渗下来');
  await field(page, '满意度').selectOption({ label: '不满意' });
  await submitStep(page, 'followUp');
  await expect(page.getByTestId('process')).toContainText('第 2 轮');
  await expect(page.getByTestId('timeline')).toContainText('不满意，退回重新处理（第 2 轮，待派单）');

  // Round 2 is dispatched and signed for like the first: 派单 within the hour of the follow-up.
  const redispatchCard = await expectColumn(page, webApp, number, 'today', ['派单 2026-11-05 11:00', '待办：派单']);
  await redispatchCard.click();
  await expect(field(page, '责任部门')).toHaveValue('工程部');
  await submitStep(page, 'dispatch');
  const sign2Card = await expectColumn(page, webApp, number, 'normal', ['处理完成 2026-11-10 23:59', '待办：签收']);
  await sign2Card.click();
  await pick(page, '签收人', '李强（工程部）');
  await submitStep(page, 'signFor');

  // Round 2: a new resolution deadline from the follow-up (Fri 6, Mon 9, Tue 10).
  await expectColumn(page, webApp, number, 'normal', ['处理完成 2026-11-10 23:59', '待办：登记处理结果']);
  await setClock(webApp, '2026-11-10 20:00');
  const round2 = await expectColumn(page, webApp, number, 'today', ['处理完成 2026-11-10 23:59', '还剩 3 小时 59 分钟']);
  await round2.click();
  await pick(page, '处理人', '李强（工程部）');
  await field(page, '处理措施').fill('重新做闭水试验，修补管道接口');
  await field(page, '处理结果').fill('闭水试验 48 小时无渗漏');
  await submitStep(page, 'recordResult');

  // A satisfied follow-up closes it and it leaves the board.
  const finalCard = await expectColumn(page, webApp, number, 'normal', ['回访 2026-11-13 23:59', '待办：回访']);
  await setClock(webApp, '2026-11-11 09:00');
  await finalCard.click();
  await field(page, '意见').fill('修好了，谢谢');
  await field(page, '满意度').selectOption({ label: '满意' });
  await submitStep(page, 'followUp');
  await expect(page.getByTestId('process')).toContainText('已办结');
  const deadlines = page.getByTestId('deadlines');
  await expect(deadlines.locator('[data-kind="dispatch"]').first()).toHaveAttribute('data-state', 'late');
  await expect(deadlines.locator('[data-kind="dispatch"]').last()).toHaveAttribute('data-state', 'met');
  await expect(deadlines.locator('[data-kind="response"]')).toHaveAttribute('data-state', 'met');
  await expect(deadlines.locator('[data-kind="resolution"][data-state="met"]')).toHaveCount(2);

  await openApp(page, webApp, '#/board');
  await expect(page.locator('[data-page="board"][data-loaded="true"]')).toBeVisible();
  await expect(page.locator('[data-testid="board-card"]')).toHaveCount(0);
});

test('a deadline that becomes overdue is announced in the page (web mode)', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  await webApp.call('complaints:create', {
    receivedAt: '2026-11-02 08:00', channel: 'phone', receiverId: staff[0]!.id, complainantName: '王芳',
    description: '电梯停运', categoryId: categories[0]!.id, severity: 'major', urgency: 'urgent',
  });
  await setClock(webApp, '2026-11-02 08:05');
  await openApp(page, webApp, '#/board');
  // One compact notice (counts, a link to the board); each deadline is named in its tooltip.
  const alerts = page.getByTestId('deadline-alerts');
  await expect(alerts).toContainText('2 个时限即将到期');
  await expect(alerts).toHaveAttribute('title', /YGHA-20261102-001 派单将于 2026-11-02 08:10 到期/);
  await setClock(webApp, '2026-11-02 08:20');
  await openApp(page, webApp, '#/board');
  await expect(alerts).toContainText('1 个时限已逾期');
  await expect(alerts).toHaveAttribute('title', /YGHA-20261102-001 派单已逾期/);
});
