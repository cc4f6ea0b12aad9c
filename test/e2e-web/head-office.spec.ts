/**
 * Head-office views in the browser (issue 5 point 4): with one office the register has no office
 * filter; once another office's records are in the database, the register offers 全部服务中心 and
 * each office, shows the office column, filters by it and offers that office's departments.
 *
 * The merge is not written yet: the other office is made as the merge leaves it (an `offices`
 * row and directory rows carrying its code, written to the database file beside the running
 * server), and its complaint is taken in through the API with the desk's code set to it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test, expect, openApp, setClock, setUpOffice, type WebApp } from './fixtures';

interface Entry { id: string; name: string }

const AT = '2026-10-01T00:00:00.000Z';

/** 东方雅苑服务中心 (DFYA) as merged: its offices row, 工程部, 工程质量 and a receptionist. */
function addMergedOffice(webApp: WebApp): { departmentId: string; categoryId: string; receiverId: string } {
  const db = new Database(join(webApp.dataDir, 'complaints.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const ids = { departmentId: '01JDFYA0000000000000000001', categoryId: '01JDFYA0000000000000000002', receiverId: '01JDFYA0000000000000000003' };
    db.transaction(() => {
      db.prepare("INSERT INTO offices (code, name, time_zone, last_exported_at, last_imported_at) VALUES ('DFYA', '东方雅苑服务中心', 'Asia/Shanghai', ?, ?)").run(AT, AT);
      db.prepare("INSERT INTO departments (id, name, sort_order, active, created_at, updated_at, office_code) VALUES (?, '工程部', 1, 1, ?, ?, 'DFYA')").run(ids.departmentId, AT, AT);
      db.prepare("INSERT INTO departments (id, name, sort_order, active, created_at, updated_at, office_code) VALUES ('01JDFYA0000000000000000004', '雅苑客服部', 2, 1, ?, ?, 'DFYA')").run(AT, AT);
      db.prepare("INSERT INTO categories (id, name, sort_order, active, created_at, updated_at, office_code) VALUES (?, '工程质量', 1, 1, ?, ?, 'DFYA')").run(ids.categoryId, AT, AT);
      db.prepare("INSERT INTO staff (id, name, department_id, role, phone, active, created_at, updated_at, office_code) VALUES (?, '雅苑前台', ?, 'reception', '', 1, ?, ?, 'DFYA')").run(
        ids.receiverId,
        ids.departmentId,
        AT,
        AT,
      );
    })();
    return ids;
  } finally {
    db.close();
  }
}

async function seed(webApp: WebApp) {
  await setUpOffice(webApp);
  await setClock(webApp, '2026-11-05 12:00');
  const staff = await webApp.call<Entry[]>('staff:list');
  const departments = await webApp.call<Entry[]>('departments:list');
  const categories = await webApp.call<Entry[]>('categories:list');
  const id = (list: Entry[], name: string) => list.find((e) => e.name === name)!.id;
  const base = { channel: 'phone', severity: 'ordinary', urgency: 'normal', building: '3栋', unit: '2单元', room: '1602' };
  for (const [receivedAt, complainantName, description] of [
    ['2026-11-02 09:12', '张伟', '楼上漏水，卫生间天花板滴水'],
    ['2026-11-03 20:40', '王芳', '夜间广场舞噪音扰民'],
  ] as const) {
    await webApp.call('complaints:create', {
      ...base,
      receivedAt,
      complainantName,
      description,
      receiverId: staff[0]!.id,
      categoryId: id(categories, '工程质量'),
      complainedDepartmentId: id(departments, '工程部'),
    });
  }
}

test('one office: no office filter; with a merged office: filter, column and that office\'s departments', async ({ page, webApp }) => {
  await seed(webApp);
  await openApp(page, webApp, '#/register');
  const rows = page.getByTestId('register-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('office-select')).toHaveCount(0);
  await expect(page.getByTestId('register-office')).toHaveCount(0);

  const dfya = addMergedOffice(webApp);
  await webApp.call('settings:update', { officeCode: 'DFYA' });
  await webApp.call('complaints:create', {
    channel: 'visit',
    severity: 'important',
    urgency: 'normal',
    receivedAt: '2026-11-04 10:00',
    complainantName: '李娜',
    description: '东方雅苑：地下车库顶板漏水',
    receiverId: dfya.receiverId,
    categoryId: dfya.categoryId,
    complainedDepartmentId: dfya.departmentId,
  });
  await webApp.call('settings:update', { officeCode: 'YGHA' });

  await openApp(page, webApp, '#/register');
  const office = page.getByTestId('office-select');
  await expect(office).toBeVisible();
  await expect(office.locator('option')).toHaveText(['全部服务中心', '阳光花园服务中心（YGHA）', '东方雅苑服务中心（DFYA）']);
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('register-total')).toHaveText('共 3 件');
  await expect(page.getByTestId('register-office')).toHaveText(['DFYA', 'YGHA', 'YGHA']);
  // All offices: each has its own 工程部, so the department filter waits for an office.
  await expect(page.getByLabel('部门')).toBeDisabled();

  await office.selectOption({ label: '东方雅苑服务中心（DFYA）' });
  await expect(page.getByTestId('register-total')).toHaveText('共 1 件');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('李娜');
  await expect(page.getByLabel('部门')).toBeEnabled();
  await expect(page.getByLabel('部门').locator('option')).toHaveText(['全部', '工程部', '雅苑客服部']);

  await office.selectOption({ label: '阳光花园服务中心（YGHA）' });
  await expect(page.getByTestId('register-total')).toHaveText('共 2 件');
  await expect(page.getByTestId('register-office')).toHaveText(['YGHA', 'YGHA']);
  await page.getByLabel('部门').selectOption({ label: '工程部' });
  await expect(rows).toHaveCount(2);

  // The board offers the same office filter.
  await openApp(page, webApp, '#/board');
  await expect(page.locator('[data-page="board"][data-loaded="true"]')).toBeVisible();
  await expect(page.getByTestId('board-card')).toHaveCount(3);
  await page.getByTestId('office-select').selectOption({ label: '东方雅苑服务中心（DFYA）' });
  await expect(page.getByTestId('board-card')).toHaveCount(1);
  await expect(page.getByTestId('board-card')).toHaveAttribute('data-number', /^DFYA-20261104-001$/);
});
