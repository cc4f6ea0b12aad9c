/**
 * Issue 13 point 5 in the browser: a held complaint's paused resolution deadline keeps the time it
 * had left when the hold began, the board shows it under 挂起中 (not 正常) and flags a hold nine
 * days past its expected resume date, and the complaint's page says so too.
 */
import { test, expect, openApp, setClock, setUpOffice } from './fixtures';

interface Entry { id: string; name: string }
interface Detail { complaint: { id: string; number: string; version: number } }

test('a held complaint: time left frozen, under 挂起中 on the board, flagged once past its expected resume date', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-04 09:00');
  await setUpOffice(webApp);
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const engineering = departments.find((d) => d.name === '工程部')!.id;
  const actorId = staff[0]!.id;
  const created = await webApp.call<{ id: string }>('complaints:create', {
    receivedAt: '2026-11-04 08:00', channel: 'phone', receiverId: actorId, complainantName: '孙丽', building: '8栋', unit: '1单元', room: '502',
    description: '地下车库入口道闸坏了', categoryId: categories.find((c) => c.name === '设施设备')!.id, complainedDepartmentId: engineering,
    severity: 'ordinary', urgency: 'normal', requestedReplyAt: '',
  });
  let d = await webApp.call<Detail>('complaints:get', { id: created.id });
  const stepOn = async (action: string, extra: Record<string, unknown>) => {
    d = await webApp.call<Detail>(`lifecycle:${action}`, { id: d.complaint.id, version: d.complaint.version, actorId, ...extra });
  };
  await stepOn('dispatch', { departmentId: engineering });
  await stepOn('signFor', { signerId: actorId, signedAt: '2026-11-04 09:00' });
  await setClock(webApp, '2026-11-04 10:00');
  await stepOn('hold', { reason: '等待道闸厂家配件到货', expectedDate: '2026-11-06' });

  await openApp(page, webApp, `#/complaints/${d.complaint.id}`);
  const resolution = page.getByTestId('deadlines').locator('[data-kind="resolution"]');
  await expect(resolution).toHaveAttribute('data-state', 'paused');
  const frozen = (await resolution.textContent()) ?? '';
  expect(frozen).toContain('剩');

  // Eleven days later, nine past the expected resume date: the time left has not moved.
  await setClock(webApp, '2026-11-15 16:00');
  await openApp(page, webApp, `#/complaints/${d.complaint.id}`);
  await expect(resolution).toHaveAttribute('data-state', 'paused');
  await expect(resolution).toHaveText(frozen);
  await expect(page.getByTestId('process-record')).toContainText('已超过预计恢复日期 9 天');

  await openApp(page, webApp, '#/board');
  const held = page.locator('[data-column="held"]');
  await expect(held.getByTestId('count-held')).toHaveText('1');
  const card = held.locator('[data-testid="board-card"]', { hasText: d.complaint.number });
  await expect(card).toContainText('预计 2026-11-06 恢复');
  await expect(card.getByTestId('hold-past-expected')).toHaveText('已超过预计恢复日期 9 天');
  await expect(page.locator('[data-column="normal"]').locator('[data-testid="board-card"]')).toHaveCount(0);
});
