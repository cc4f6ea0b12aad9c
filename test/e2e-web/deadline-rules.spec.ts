/**
 * Issue 13 points 6 and 7 in the browser, as the desk sees them.
 * 6: the intake preview shows the reply (答复) by the procedure's customer-service plan — the time
 *    the complainant named, else 2 hours urgent / 2 working days not — beside the 24-hour first
 *    response (首次响应) and a major complaint's definite reply (明确答复); each is a setting.
 * 7: a complaint received on 31 January becomes major on the last day of February, same time
 *    (one calendar month), not after 30 days.
 */
import { test, expect, field, openApp, setClock, setUpOffice } from './fixtures';

interface Entry { id: string; name: string }

test('the intake preview: reply by urgency or the named time, first response beside it, a major complaint’s definite reply; first response is a setting', async ({ page, webApp }) => {
  // Monday 2026-11-02 09:00: 2 working days are Tue 3 and Wed 4.
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  await openApp(page, webApp);
  await expect(field(page, '受理时间')).toHaveValue('2026-11-02 09:00');
  const preview = page.getByTestId('deadline-preview');
  const kind = (k: string) => preview.locator(`[data-kind="${k}"]`);

  // 一般, 不紧急, no time named: the reply is 2 working days away, not the 24 hours.
  await expect(kind('response')).toHaveText('答复：2026-11-04 23:59');
  await expect(kind('first_response')).toHaveText('首次响应：2026-11-03 09:00');
  await expect(kind('definite_reply')).toHaveCount(0);

  // 紧急: within 2 hours.
  await field(page, '紧急程度').selectOption({ label: '紧急' });
  await expect(kind('response')).toHaveText('答复：2026-11-02 11:00');
  // A time the complainant named rules, even later than the 2 hours.
  await field(page, '要求答复时间').fill('2026-11-02 17:00');
  await expect(kind('response')).toHaveText('答复：2026-11-02 17:00');
  await expect(kind('first_response')).toHaveText('首次响应：2026-11-03 09:00');

  // 重大: its definite reply within 24 hours, as a stage of its own.
  await field(page, '投诉等级').selectOption({ label: '重大' });
  await expect(kind('definite_reply')).toHaveText('明确答复：2026-11-03 09:00');
  await expect(kind('response')).toHaveText('答复：2026-11-02 17:00');

  // Settings → deadline policy: the first response switched off for 一般 complaints.
  await openApp(page, webApp, '#/settings');
  const policy = page.getByTestId('policy');
  await expect(policy.getByLabel('一般 首次响应 amount')).toHaveValue('24');
  await expect(policy.getByLabel('不紧急 答复（投诉人未指定答复时间时） unit')).toHaveValue('working_days');
  await policy.getByLabel('一般 首次响应 unit').selectOption({ label: '不设' });
  await policy.getByRole('button', { name: '保存' }).click();
  await expect(policy).toContainText('已保存（第 2 版）');

  await openApp(page, webApp);
  await expect(kind('response')).toHaveText('答复：2026-11-04 23:59');
  await expect(kind('first_response')).toHaveCount(0);
  await field(page, '投诉等级').selectOption({ label: '重要' });
  await expect(kind('first_response')).toHaveText('首次响应：2026-11-03 09:00');
});

test('received 01-31 10:00: still 一般 on 02-28 at 09:59, 重大 from 10:00 with the reason on the timeline', async ({ page, webApp }) => {
  await setClock(webApp, '2026-01-31 10:05');
  await setUpOffice(webApp);
  const staff = await webApp.call<Entry[]>('staff:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const created = await webApp.call<{ id: string }>('complaints:create', {
    receivedAt: '2026-01-31 10:00', channel: 'phone', receiverId: staff[0]!.id, complainantName: '王芳', building: '2栋', unit: '1单元', room: '702',
    description: '楼道灯长期不亮', categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal', requestedReplyAt: '',
  });
  const severity = () => field(page, '投诉等级').locator('option:checked');

  // A day before 30 days are up, and a minute before the month is.
  await setClock(webApp, '2026-02-28 09:59');
  await openApp(page, webApp, `#/complaints/${created.id}`);
  await expect(severity()).toHaveText('一般');
  await expect(page.getByTestId('timeline')).not.toContainText('自动升级');

  await setClock(webApp, '2026-02-28 10:00');
  await openApp(page, webApp, `#/complaints/${created.id}`);
  await expect(severity()).toHaveText('重大');
  await expect(page.getByTestId('timeline')).toContainText('受理满一个月（2026-01-31 10:00 受理，2026-02-28 10:00 满期）仍未解决，按规定自动升级为重大投诉');
  await expect(page.getByTestId('deadlines').locator('[data-kind="definite_reply"]')).toContainText('2026-03-01 10:00');
});
