import type { Page } from '@playwright/test';
import { test, expect, field, listOf, openApp, setClock, setUpOffice, type WebApp } from './fixtures';

/**
 * English mode (issue 13 point 19), as head office's English reader sees it on a 1366×768 screen:
 * validation and main's refusals in English, naming the field; timeline notes in English; no
 * full-width punctuation or 元 in what the app itself says; status badges shown whole.
 *
 * The records are typed in Chinese as a desk would, but without full-width punctuation or 元, so
 * that any found on screen comes from the app, not from the data.
 */

interface Entry { id: string; name: string }
interface Detail { complaint: { id: string; version: number; status: string } }

const FULL_WIDTH = /[，。：；、！？（）【】「」]|元/;

async function seed(app: WebApp) {
  await setUpOffice(app);
  const staff = await app.call<Entry[]>('staff:list');
  const departments = await app.call<Entry[]>('departments:list');
  const categories = await app.call<Entry[]>('categories:list');
  const id = (list: Entry[], name: string) => list.find((e) => e.name === name)!.id;
  const engineering = id(departments, '工程部');
  const handler = await app.call<Entry>('staff:save', { name: '李强', departmentId: engineering, role: 'handler' });
  const receiverId = staff[0]!.id;
  const create = (complainantName: string, description: string, extra: Record<string, unknown> = {}) =>
    app.call<{ id: string; number: string }>('complaints:create', {
      receivedAt: '2026-11-02 08:00',
      channel: 'phone',
      receiverId,
      complainantName,
      building: '3栋',
      room: '1602',
      description,
      categoryId: id(categories, '工程质量'),
      complainedDepartmentId: engineering,
      ...extra,
    });
  // Each step answers the complaint as it now is: the next one goes against its version.
  let version = 1;
  const step = async (action: string, complaintId: string, input: Record<string, unknown>) => {
    const detail = await app.call<Detail>(`lifecycle:${action}`, { id: complaintId, version, actorId: receiverId, ...input });
    version = detail.complaint.version;
  };

  await create('张伟', '楼上漏水');
  const dispatched = await create('王芳', '电梯停运');
  version = 1;
  await step('dispatch', dispatched.id, { departmentId: engineering, handlerId: '' });
  // A major complaint followed up and waiting for its summary: the longest status label.
  const summaryDue = await create('刘洋', '外墙脱落', { severity: 'major' });
  version = 1;
  await step('dispatch', summaryDue.id, { departmentId: engineering, handlerId: '' });
  await step('signFor', summaryDue.id, { signerId: handler.id, signedAt: '2026-11-02 08:10' });
  await step('recordResult', summaryDue.id, { handlerId: handler.id, measures: '加固外墙', result: '已修复', completedAt: '2026-11-02 08:20', compensationKind: 'cash', compensationAmount: 200 });
  await step('followUp', summaryDue.id, { at: '2026-11-02 08:30', method: 'phone', visitorId: receiverId, personVisited: '刘洋', satisfaction: 'satisfied' });
  const invalid = await create('赵敏', '噪音扰民');
  version = 1;
  await step('markInvalid', invalid.id, { reason: '属业主自家装修' });
  return { dispatched, summaryDue, handler };
}

/** Pick from a list by its label: a native select, or a list picked by typing (Enter takes the first match). */
async function pick(page: Page, label: string, option: string, typed: string) {
  const control = field(page, label).first();
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') return control.selectOption({ label: option });
  await control.fill(typed);
  // The list of this field (the header's operator list offers the same staff).
  await expect(listOf(page, label).getByRole('option', { name: option })).toBeVisible();
  await page.keyboard.press('Enter');
}

/** Nothing the app says on this page uses Chinese punctuation or 元. */
async function expectNoFullWidthText(page: Page) {
  const text = await page.locator('body').innerText();
  const found = text.split('\n').filter((line) => FULL_WIDTH.test(line));
  expect(found).toEqual([]);
}

/** Every status badge on the page shows its whole label (none cut to `REGISTER…`). */
async function expectBadgesWhole(page: Page, expected: number) {
  const labels = page.locator('[data-testid="status-badge"] .mantine-Badge-label');
  await expect(labels).toHaveCount(expected);
  const cut = await labels.evaluateAll((spans) =>
    spans.filter((s) => s.scrollWidth > s.clientWidth || s.scrollHeight > s.clientHeight + 1).map((s) => s.textContent),
  );
  expect(cut).toEqual([]);
}

test.use({ viewport: { width: 1366, height: 768 } });

test('in English, refusals, notes and badges are English and whole at 1366×768', async ({ page, webApp }) => {
  await setClock(webApp, '2026-11-02 09:00');
  const { dispatched, summaryDue } = await seed(webApp);

  await openApp(page, webApp);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: '中文' })).toBeVisible();

  // Intake: a missing required field and a bad phone are refused in English, naming the field.
  await field(page, 'Complainant').fill('');
  await field(page, 'Phone').fill('12345');
  await field(page, 'What happened').fill('楼道灯不亮');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Enter complainant name', { exact: true })).toBeVisible();
  await expect(page.getByText('Phone number is not valid (a mobile has 11 digits; a landline looks like 0571-88886666)', { exact: true })).toBeVisible();
  await expectNoFullWidthText(page);

  // The register: every status badge whole, nothing full-width.
  await openApp(page, webApp, '#/register');
  await expect(page.getByTestId('register-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('register-table')).toContainText('Followed up (summary due)');
  await expectBadgesWhole(page, 4);
  await expectNoFullWidthText(page);

  // The complaint page: the timeline in English; a refusal from main in English, naming the field.
  await openApp(page, webApp, `#/complaints/${dispatched.id}`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('Dispatch · dispatched to 工程部');
  await expect(timeline).toContainText('Status: Registered → Dispatched');
  await expectBadgesWhole(page, 2);
  await page.getByRole('button', { name: /^Sign for/ }).click();
  const form = page.locator('form[data-step="signFor"]');
  await pick(page, 'Signed by', '李强 (工程部)', '李强');
  await field(page, 'Signed at').fill('2026-11-02 10:30');
  await page.keyboard.press('Control+Enter');
  await expect(form).toContainText('Signed at cannot be later than now (2026-11-02 09:00)');
  await expectNoFullWidthText(page);
  await page.keyboard.press('Escape');

  // A major complaint through to its follow-up: every step's note in English, compensation in yuan.
  await openApp(page, webApp, `#/complaints/${summaryDue.id}`);
  await expect(timeline).toContainText('Sign for · signed for by 李强, 2026-11-02 08:10');
  await expect(timeline).toContainText('Record result · handled (李强, 2026-11-02 08:20): 已修复');
  await expect(timeline).toContainText('Follow up · follow-up (周晓雯): Satisfied');
  await expect(page.getByTestId('process-record')).toContainText('Cash 200 yuan');
  await expectBadgesWhole(page, 2);
  await expectNoFullWidthText(page);
});
