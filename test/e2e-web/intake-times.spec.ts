import type { Locator, Page } from '@playwright/test';
import { test, expect, field, openApp, pick, setClock, setUpOffice, type WebApp } from './fixtures';

/**
 * Issue 13 point 3: a time default follows main's clock until the user edits that field, the
 * read-back shows the time that will be saved, and that time is saved — not the time the form or
 * the page was opened.
 */

interface Entry { id: string; name: string }
interface Detail {
  complaint: { id: string; version: number; receivedAt: string };
  process: { rounds: { signedAt: string; completedAt: string }[]; deadlines: { kind: string; dueAt: string; state: string }[] };
}

/** `data-now` on the body: main's clock as the renderer last heard it (its pulse, every ~2 s). */
const rendererClock = (page: Page) => page.locator('body');
/** A field of one form (a step dialog), by its visible label. */
const fieldIn = (form: Locator, label: string) => form.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

async function newComplaint(app: WebApp, receivedAt: string): Promise<string> {
  const staff = await app.call<Entry[]>('staff:list');
  const categories = await app.call<Entry[]>('categories:list');
  const created = await app.call<{ id: string }>('complaints:create', {
    receivedAt, channel: 'phone', receiverId: staff[0]!.id, complainantName: '张伟',
    description: '楼上漏水', categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal',
  });
  return created.id;
}

test('受理时间 follows main\'s clock until typed: a call at 10:30 on a form opened at 08:00 is saved at 10:30, and a typed time is kept', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 08:00');
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await expect(field(page, '受理时间')).toHaveValue('2026-11-02 08:00');

  // The form sits open; the call comes in at 10:30.
  await setClock(webApp, '2026-11-02 10:30');
  await field(page, '投诉人').fill('张伟');
  await field(page, '事件经过').fill('楼上漏水，卫生间天花板持续滴水');
  await pick(page, '投诉类别', '工程质量');
  await expect(field(page, '受理时间')).toHaveValue('2026-11-02 10:30');
  await page.keyboard.press('Control+Enter');
  const readBack = page.getByTestId('read-back');
  await expect(readBack.getByRole('row', { name: /受理时间/ })).toContainText('2026-11-02 10:30');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261102-001');

  const list = await webApp.call<{ items: { id: string; receivedAt: string }[] }>('complaints:list', {});
  expect(list.items[0]!.receivedAt).toBe('2026-11-02 10:30');
  const detail = await webApp.call<Detail>('complaints:get', { id: list.items[0]!.id });
  const dispatch = detail.process.deadlines.find((d) => d.kind === 'dispatch')!;
  // One hour from the call, not from when the form was opened: not born overdue.
  expect(dispatch.dueAt).toBe('2026-11-02 11:30');
  expect(dispatch.state).not.toBe('overdue');

  // The next caller: the receptionist types the time the call came in; the clock moving on leaves it.
  await expect(field(page, '受理时间')).toHaveValue('2026-11-02 10:30');
  await field(page, '受理时间').fill('2026-11-02 10:41');
  await setClock(webApp, '2026-11-02 10:52');
  await expect(rendererClock(page)).toHaveAttribute('data-now', '2026-11-02 10:52');
  await field(page, '投诉人').fill('李娜');
  await field(page, '事件经过').fill('电梯异响');
  await pick(page, '投诉类别', '工程质量');
  await expect(field(page, '受理时间')).toHaveValue('2026-11-02 10:41');
  await page.keyboard.press('Control+Enter');
  await expect(readBack.getByRole('row', { name: /受理时间/ })).toContainText('2026-11-02 10:41');
  await page.getByRole('button', { name: '投诉人已确认，保存' }).click();
  await expect(page.getByTestId('intake-saved')).toContainText('YGHA-20261102-002');
  const again = await webApp.call<{ items: { complainantName: string; receivedAt: string }[] }>('complaints:list', {});
  expect(again.items.find((c) => c.complainantName === '李娜')!.receivedAt).toBe('2026-11-02 10:41');
});

test('a step form\'s time follows main\'s clock until typed: 签收 opened at 07:55 and saved at 08:20 records 08:20', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 07:30');
  await setUpOffice(webApp);
  const id = await newComplaint(webApp, '2026-11-02 07:30');
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const before = await webApp.call<Detail>('complaints:get', { id });
  await webApp.call('lifecycle:dispatch', { id, version: before.complaint.version, actorId: staff[0]!.id, departmentId: departments.find((d) => d.name === '工程部')!.id });

  // The page (and the 签收 form) opened at 07:55; the department actually signs at 08:20.
  await setClock(webApp, '2026-11-02 07:55');
  await openApp(page, webApp, `#/complaints/${id}?step=signFor`);
  const signForm = page.locator('form[data-step="signFor"]');
  await expect(fieldIn(signForm, '签收时间')).toHaveValue('2026-11-02 07:55');
  await setClock(webApp, '2026-11-02 08:20');
  await expect(fieldIn(signForm, '签收时间')).toHaveValue('2026-11-02 08:20');
  await page.keyboard.press('Control+Enter');
  await expect(signForm).toHaveCount(0);
  const signed = await webApp.call<Detail>('complaints:get', { id });
  expect(signed.process.rounds[0]!.signedAt).toBe('2026-11-02 08:20');

  // 处理结果 with a typed 完成时间: kept as typed while the clock moves on.
  await setClock(webApp, '2026-11-02 08:30');
  await openApp(page, webApp, `#/complaints/${id}?step=recordResult`);
  const resultForm = page.locator('form[data-step="recordResult"]');
  await expect(fieldIn(resultForm, '完成时间')).toHaveValue('2026-11-02 08:30');
  await fieldIn(resultForm, '处理措施').fill('更换防水层');
  await fieldIn(resultForm, '处理结果').fill('不再漏水');
  await fieldIn(resultForm, '完成时间').fill('2026-11-02 08:25');
  await setClock(webApp, '2026-11-02 09:00');
  await expect(rendererClock(page)).toHaveAttribute('data-now', '2026-11-02 09:00');
  await expect(fieldIn(resultForm, '完成时间')).toHaveValue('2026-11-02 08:25');
  await page.keyboard.press('Control+Enter');
  await expect(resultForm).toHaveCount(0);
  const handled = await webApp.call<Detail>('complaints:get', { id });
  expect(handled.process.rounds[0]!.completedAt).toBe('2026-11-02 08:25');
});
