import type { Page } from '@playwright/test';
import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

/**
 * Issue 13 point 8: after an unsatisfied follow-up the next round is dispatched (to any department)
 * and signed for like the first, and a round can be handed to another department (转派) with a
 * reason — all from the complaint page, as a desk user works it.
 */

/** Reload the complaint page (its forms take their times from main's clock at load) and open a step. */
async function openStep(page: Page, app: WebApp, id: string, button: RegExp, step: string) {
  await openApp(page, app, `#/complaints/${id}`);
  await page.getByTestId('process').getByRole('button', { name: button }).click();
  await expect(page.locator(`form[data-step="${step}"]`)).toBeVisible();
}

async function submitStep(page: Page, step: string) {
  const form = page.locator(`form[data-step="${step}"]`);
  await page.keyboard.press('Control+Enter');
  await expect(form).toHaveCount(0);
}

test('round 2 after 不满意 is dispatched to another department, handed on by 转派 with its reason, signed for there, and closes on 满意', async ({ page, webApp }) => {
  // Ten steps, each on a freshly loaded page: about 50 s on a quiet machine, so more than the default minute.
  test.setTimeout(180_000);
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  const departments = await webApp.call<Entry[]>('departments:list');
  const dept = (name: string) => departments.find((d) => d.name === name)!.id;
  await webApp.call('staff:save', { name: '李强', departmentId: dept('工程部'), role: 'handler' });
  await webApp.call('staff:save', { name: '陈洁', departmentId: dept('环境部'), role: 'handler' });
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const complaint = await webApp.call<Entry & { number: string }>('complaints:create', {
    receivedAt: '2026-11-02 08:50', channel: 'phone', receiverId: staff.find((s) => s.name === '周晓雯')!.id, complainantName: '张伟',
    building: '3栋', unit: '2单元', room: '1602', description: '楼道积水，卫生间天花板滴水', categoryId: categories.find((c) => c.name === '工程质量')!.id,
    complainedDepartmentId: dept('工程部'), severity: 'ordinary', urgency: 'normal',
  });
  const process = page.getByTestId('process');
  const record = page.getByTestId('process-record');

  // Round 1: 派单 to 工程部, 签收, 处理结果.
  await setClock(webApp, '2026-11-02 09:10');
  await openStep(page, webApp, complaint.id, /^派单/, 'dispatch');
  await expect(field(page, '责任部门')).toHaveValue('工程部');
  await pick(page, '处理人', '李强（工程部）');
  await submitStep(page, 'dispatch');

  await setClock(webApp, '2026-11-02 09:30');
  await openStep(page, webApp, complaint.id, /^签收/, 'signFor');
  await pick(page, '签收人', '李强（工程部）');
  await submitStep(page, 'signFor');

  await setClock(webApp, '2026-11-03 15:00');
  await openStep(page, webApp, complaint.id, /^登记处理结果/, 'recordResult');
  await pick(page, '处理人', '李强（工程部）');
  await field(page, '处理措施').fill('检查楼上卫生间管道');
  await field(page, '处理结果').fill('未发现漏点，已清理积水');
  await submitStep(page, 'recordResult');

  // 不满意: round 2 waits for its 派单 — the first step offered, with its own dispatch deadline.
  await setClock(webApp, '2026-11-04 10:00');
  await openStep(page, webApp, complaint.id, /^回访/, 'followUp');
  await field(page, '意见').fill('还是滴水，楼道排水管堵了');
  await field(page, '满意度').selectOption({ label: '不满意' });
  await submitStep(page, 'followUp');
  await expect(process).toContainText('退回待派单');
  await expect(process).toContainText('第 2 轮');
  await expect(process.getByRole('button').first()).toHaveText(/^派单/);
  await expect(process.getByRole('button', { name: /^签收/ })).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText('不满意，退回重新处理（第 2 轮，待派单）');
  await expect(page.getByTestId('deadlines').locator('[data-kind="dispatch"]')).toHaveCount(2);

  // Round 2: 派单 to another department (秩序维护部) …
  await setClock(webApp, '2026-11-04 10:20');
  await openStep(page, webApp, complaint.id, /^派单/, 'dispatch');
  await pick(page, '责任部门', '秩序维护部');
  await submitStep(page, 'dispatch');
  await expect(process).toContainText('已派单');
  await expect(record).toContainText('秩序维护部');

  // … then 转派 to 环境部: the reason is required.
  await setClock(webApp, '2026-11-04 10:40');
  await openStep(page, webApp, complaint.id, /^转派/, 'redispatch');
  await pick(page, '转派部门', '环境部');
  await pick(page, '处理人', '陈洁（环境部）');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('form[data-step="redispatch"]')).toContainText('请填写转派原因');
  await field(page, '转派原因').fill('查明为楼道排水管堵塞，归环境部疏通');
  await submitStep(page, 'redispatch');
  await expect(page.getByTestId('timeline')).toContainText('转派：秩序维护部 → 环境部（处理人 陈洁），原因：查明为楼道排水管堵塞，归环境部疏通');
  await expect(page.getByTestId('timeline')).toContainText('责任部门：秩序维护部 → 环境部');
  await expect(record).toContainText('2026-11-04 10:40 秩序维护部 → 环境部（周晓雯）原因：查明为楼道排水管堵塞，归环境部疏通');

  // 环境部 signs for it.
  await setClock(webApp, '2026-11-04 11:00');
  await openStep(page, webApp, complaint.id, /^签收/, 'signFor');
  await pick(page, '签收人', '陈洁（环境部）');
  await expect(field(page, '签收时间')).toHaveValue('2026-11-04 11:00');
  await submitStep(page, 'signFor');
  await expect(record.locator('tr', { hasText: '第 2 轮 签收人' })).toContainText(/陈洁\s+2026-11-04 11:00/);
  await expect(record.locator('tr', { hasText: '第 2 轮 责任部门' })).toContainText('环境部（陈洁）');
  await expect(record.locator('tr', { hasText: '第 1 轮 签收人' })).toContainText(/李强\s+2026-11-02 09:30/);

  // Result and a satisfied follow-up close it.
  await setClock(webApp, '2026-11-05 16:00');
  await openStep(page, webApp, complaint.id, /^登记处理结果/, 'recordResult');
  await pick(page, '处理人', '陈洁（环境部）');
  await field(page, '处理措施').fill('疏通楼道排水管');
  await field(page, '处理结果').fill('排水通畅，不再滴水');
  await submitStep(page, 'recordResult');

  await setClock(webApp, '2026-11-06 10:00');
  await openStep(page, webApp, complaint.id, /^回访/, 'followUp');
  await field(page, '意见').fill('修好了');
  await field(page, '满意度').selectOption({ label: '满意' });
  await submitStep(page, 'followUp');
  await expect(process).toContainText('已办结');
  const deadlines = page.getByTestId('deadlines');
  await expect(deadlines.locator('[data-kind="dispatch"][data-state="met"]')).toHaveCount(2);
  await expect(deadlines.locator('[data-kind="resolution"]')).toHaveCount(2);
});
