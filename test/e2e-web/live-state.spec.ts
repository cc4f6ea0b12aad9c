import { test, expect, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

/**
 * Issue 13 point 4: pages left open stay current — as time passes (a clock tick re-derives
 * remaining time, state and board columns without a refetch or a reload) and when data changes in
 * another window (every window polls main's change counters and refreshes what they touch).
 */

interface Entry { id: string; name: string }

async function newComplaint(app: WebApp, receivedAt: string, name = '张伟'): Promise<string> {
  const staff = await app.call<Entry[]>('staff:list');
  const categories = await app.call<Entry[]>('categories:list');
  const created = await app.call<{ id: string }>('complaints:create', {
    receivedAt, channel: 'phone', receiverId: staff[0]!.id, complainantName: name,
    description: '楼上漏水', categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal',
  });
  return created.id;
}

test('a complaint page left open turns 剩 1 小时 into overdue as the clock passes the deadline, without a reload', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const id = await newComplaint(webApp, '2026-11-02 09:00');
  await openApp(page, webApp, `#/complaints/${id}`);
  const dispatch = page.getByTestId('deadlines').locator('[data-kind="dispatch"]');
  await expect(dispatch).toHaveAttribute('data-state', 'due');
  await expect(dispatch).toContainText('剩 1 小时');
  await expect(dispatch).toContainText('进行中');

  // 20 minutes to go: into the warning share (80 % of the hour gone) → 即将到期.
  await setClock(webApp, '2026-11-02 09:50');
  await expect(dispatch).toHaveAttribute('data-state', 'soon');
  await expect(dispatch).toContainText('剩 10 分钟');

  // Three hours later, the same page (never reloaded) says what the notice says.
  await setClock(webApp, '2026-11-02 12:00');
  await expect(dispatch).toHaveAttribute('data-state', 'overdue');
  await expect(dispatch).toContainText('逾期 2 小时');
  await expect(dispatch).toContainText('已逾期');
  await expect(page.getByTestId('deadline-alerts')).toContainText('1 个时限已逾期');
});

test('a step saved in another window shows on the open complaint page without a reload', async ({ page, context, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const id = await newComplaint(webApp, '2026-11-02 09:00');
  await openApp(page, webApp, `#/complaints/${id}`);
  const process = page.getByTestId('process');
  await expect(process).toContainText('已登记');

  const other = await context.newPage();
  await openApp(other, webApp, `#/complaints/${id}?step=dispatch`);
  await pick(other, '责任部门', '工程部');
  await other.keyboard.press('Control+Enter');
  await expect(other.locator('form[data-step="dispatch"]')).toHaveCount(0);
  await expect(other.getByTestId('process')).toContainText('已派单');

  // The first window, untouched: its page now shows the dispatch, the record and the timeline.
  await expect(process).toContainText('已派单');
  await expect(page.getByTestId('process-record')).toContainText('工程部');
  await expect(page.getByTestId('deadlines').locator('[data-kind="dispatch"]')).toHaveAttribute('data-state', 'met');
  await expect(page.getByTestId('timeline')).toContainText('派单');
});

test('the board moves its cards between columns as the clock moves, and shows new complaints, without a reload', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  await newComplaint(webApp, '2026-11-02 09:00');
  await openApp(page, webApp, '#/board');
  const column = (name: string) => page.locator(`[data-column="${name}"]`);
  await expect(column('today').getByTestId('board-card')).toHaveCount(1);
  await expect(column('today').getByTestId('board-card')).toContainText('还剩 1 小时');
  await expect(page.getByTestId('count-today')).toHaveText('1');

  await setClock(webApp, '2026-11-02 10:30');
  await expect(column('overdue').getByTestId('board-card')).toHaveCount(1);
  await expect(column('overdue').getByTestId('board-card')).toContainText('已逾期 30 分钟');
  await expect(page.getByTestId('count-overdue')).toHaveText('1');
  await expect(page.getByTestId('count-today')).toHaveText('0');
  await expect(page.getByTestId('board-departments')).toContainText('1');

  // A complaint taken in another window appears on this board.
  await newComplaint(webApp, '2026-11-02 10:30', '李娜');
  await expect(column('today').getByTestId('board-card')).toHaveCount(1);
  await expect(column('today').getByTestId('board-card')).toContainText('李娜');
});
