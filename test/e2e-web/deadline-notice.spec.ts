import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, setClock, setUpOffice, type WebApp } from './fixtures';

/**
 * Issue 13 point 14: one compact deadline notice in the shell (counts and a link to the board)
 * that never covers the page, comes after the page in the Tab order, and once dismissed stays
 * dismissed until a deadline's state changes.
 */

// The desk PCs: 1366 × 768.
test.use({ viewport: { width: 1366, height: 768 } });

interface Entry { id: string; name: string }

async function newComplaint(app: WebApp, receivedAt: string, name: string): Promise<string> {
  const staff = await app.call<Entry[]>('staff:list');
  const categories = await app.call<Entry[]>('categories:list');
  const created = await app.call<{ id: string }>('complaints:create', {
    receivedAt, channel: 'phone', receiverId: staff[0]!.id, complainantName: name,
    description: '楼上漏水', categoryId: categories[0]!.id, severity: 'ordinary', urgency: 'normal',
  });
  return created.id;
}

/** What a click at the middle of `target` (scrolled into the middle of the window) lands on is `target` itself. */
async function expectUncovered(target: Locator) {
  const hitsItself = await target.evaluate((el) => {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && el.contains(hit);
  });
  expect(hitsItself, await target.innerText()).toBe(true);
}

/** Tab from the top of the page until `target` has the focus; every stop on the way, by where it is. */
async function tabUntil(page: Page, target: Locator, limit = 40): Promise<{ inNotice: boolean; text: string }[]> {
  const stops: { inNotice: boolean; text: string }[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
    stops.push(
      await page.evaluate(() => {
        const active = document.activeElement;
        return { inNotice: active?.closest('[data-testid="deadline-alerts"]') != null, text: (active?.getAttribute('aria-label') ?? active?.textContent ?? '').slice(0, 30) };
      }),
    );
  }
  throw new Error(`no focus on the target after ${limit} Tab presses: ${JSON.stringify(stops)}`);
}

test('one compact notice counts the overdue and due-soon deadlines, covers nothing, comes after the page, and stays dismissed until a state changes', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  await setUpOffice(webApp);
  // Eight complaints whose one-hour dispatch ran out at 08:00-ish, one due at 09:40.
  const names = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨明', '赵磊', '黄丽'];
  for (const [i, name] of names.entries()) await newComplaint(webApp, `2026-11-02 07:0${i}`, name);
  const soonId = await newComplaint(webApp, '2026-11-02 08:40', '孙丽');

  await openApp(page, webApp, '#/register');
  const notice = page.getByTestId('deadline-alerts');
  await expect(notice).toContainText('8 个时限已逾期');
  await expect(notice).toContainText('1 个时限即将到期');
  await expect(notice.getByRole('link', { name: '查看时限看板' })).toHaveAttribute('href', '#/board');

  // The register's 等级 and 状态 columns, every row, and the print button are what a click hits.
  const rows = page.getByTestId('register-table').locator('tbody tr');
  await expect(rows).toHaveCount(9);
  for (let i = 0; i < 9; i++) {
    await expectUncovered(rows.nth(i).locator('td').nth(-2));
    await expectUncovered(rows.nth(i).locator('td').nth(-1));
  }
  await page.getByRole('button', { name: '打印登记簿' }).click({ trial: true, timeout: 3000 });

  // Tab from the top of the page reaches 搜索 without a stop in the notice.
  await openApp(page, webApp, '#/register');
  await expect(notice).toBeVisible();
  const stops = await tabUntil(page, page.getByRole('textbox', { name: '搜索' }));
  expect(stops.filter((s) => s.inNotice), JSON.stringify(stops)).toEqual([]);

  // On a complaint page, the print buttons take clicks.
  await openApp(page, webApp, `#/complaints/${soonId}`);
  await expect(notice).toBeVisible();
  const printButton = page.getByTestId('print-panel').getByRole('button', { name: '投诉记录表', exact: true });
  await expectUncovered(printButton);
  await printButton.click({ trial: true, timeout: 3000 });

  // Dismissed: gone, and still gone after a reload (the same deadlines, in the same states).
  await notice.getByRole('button', { name: '知道了' }).click();
  await expect(notice).toHaveCount(0);
  await openApp(page, webApp, '#/register');
  const bar = page.getByTestId('deadline-notice-bar');
  await expect(bar).toHaveAttribute('data-overdue', '8');
  await expect(bar).toHaveAttribute('data-soon', '1');
  await expect(notice).toHaveCount(0);

  // 孙丽's dispatch runs out at 09:40: a state that was not dismissed, so the notice is back.
  await setClock(webApp, '2026-11-02 09:45');
  await expect(notice).toContainText('9 个时限已逾期');
  await expect(bar).toHaveAttribute('data-soon', '0');
});
