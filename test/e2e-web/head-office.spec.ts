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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { onePixelPng } from '../helpers/files';
import { test, expect, openApp, setClock, setUpOffice, WebApp } from './fixtures';

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

// ── Issue 13 points 12–13: a real office's export, with a signed print, imported at head office.

const PASSPHRASE = '阳光花园-2026-导出';

interface Job { state: string; error?: string }

/** Wait for an exchange job started through the API to finish; fails on anything but done. */
async function finished(app: WebApp, jobId: string): Promise<void> {
  await expect.poll(async () => (await app.call<Job>('exchange:job', { jobId })).state, { timeout: 30_000 }).not.toBe('running');
  const job = await app.call<Job>('exchange:job', { jobId });
  expect(job.error ?? '').toBe('');
  expect(job.state).toBe('done');
}

/**
 * Office YGHA: a complaint whose 投诉记录表 was printed and whose signed scan was uploaded (the
 * desk's own channels), exported to `stick`. Returns the complaint's id.
 */
async function officeExportWithSignedPrint(office: WebApp, stick: string): Promise<string> {
  await setUpOffice(office);
  await setClock(office, '2026-11-02 09:30');
  const staff = await office.call<Entry[]>('staff:list');
  const departments = await office.call<Entry[]>('departments:list');
  const categories = await office.call<Entry[]>('categories:list');
  const actorId = staff[0]!.id;
  const { id } = await office.call<{ id: string }>('complaints:create', {
    channel: 'phone',
    severity: 'ordinary',
    urgency: 'normal',
    receivedAt: '2026-11-02 09:12',
    complainantName: '欧阳堃',
    building: '3栋',
    unit: '2单元',
    room: '1602',
    description: '楼上漏水，卫生间天花板滴水',
    receiverId: actorId,
    categoryId: categories.find((c) => c.name === '工程质量')!.id,
    complainedDepartmentId: departments.find((d) => d.name === '工程部')!.id,
  });
  const { printId } = await office.call<{ printId: string }>('print:complaintForm', { complaintId: id, form: 'complaint_record', actorId });
  await setClock(office, '2026-11-02 16:45');
  await office.call('attachments:add', { complaintId: id, actorId, fileName: '签字件.png', dataBase64: onePixelPng([9, 9, 9]).toString('base64'), signedPrintId: printId });
  await office.call('attachments:add', { complaintId: id, actorId, fileName: '漏水照片.png', dataBase64: onePixelPng([200, 10, 10]).toString('base64') });
  const { jobId } = await office.call<{ jobId: string }>('exchange:export', { actorId, folder: stick, passphrase: PASSPHRASE });
  await finished(office, jobId);
  return id;
}

/** Head office HQZB on its own server and data dir, its clock pinned. */
async function startHeadOffice(): Promise<WebApp> {
  const hq = new WebApp(mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-hq-')));
  await hq.start();
  await hq.call('app:setup', { officeName: '集团客服总部', officeCode: 'HQZB', operatorName: '陈总' });
  await setClock(hq, '2026-11-05 12:00');
  return hq;
}

/** 数据交换 → 导入（总部）: every .cdx in `folder`, the passphrase, 开始导入; resolves when the summary is shown. */
async function importThroughPage(page: Page, hq: WebApp, folder: string) {
  await openApp(page, hq, '#/exchange');
  await page.getByRole('tab', { name: '导入（总部）' }).click();
  const form = page.getByRole('form', { name: '导入（总部）' });
  await form.getByLabel('文件夹路径').fill(folder);
  await form.getByRole('button', { name: '列出文件' }).click();
  await expect(form.getByTestId('import-files')).toContainText('.cdx');
  await form.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
  await form.getByRole('button', { name: '开始导入' }).click();
  const summary = form.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  return summary;
}

type Figures = [number, number, number, number];
const figuresIn = (text: string | null): Figures => {
  const numbers = (text ?? '').match(/\d+/g)?.map(Number) ?? [];
  return numbers.slice(-4) as Figures;
};

test('head office imports signed prints without refusal; after a re-import the summary line, its table and 导入记录 show the same figures', async ({ page, webApp: office }) => {
  const stick = mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-stick-'));
  let hq: WebApp | undefined;
  try {
    await officeExportWithSignedPrint(office, stick);
    hq = await startHeadOffice();

    let summary = await importThroughPage(page, hq, stick);
    await expect(summary.getByTestId('import-overall')).toContainText(/新增 [1-9]\d* 条，更新 0 条，未变 0 条，拒绝 0 条/);
    await expect(summary.getByTestId('import-refused-files')).toHaveCount(0);

    // The same file again.
    summary = await importThroughPage(page, hq, stick);
    const file = summary.getByTestId('import-file-summary');
    await expect(file.getByTestId('seen-before')).toHaveText('此文件已导入过，未作更改');
    const line = figuresIn(await summary.getByTestId('import-overall').textContent());
    const badges = (await Promise.all(['new', 'updated', 'unchanged', 'refused'].map((k) => file.getByTestId(`count-${k}`).textContent()))).map((t) => figuresIn(t)[0]);
    await file.getByRole('button', { name: '查看明细' }).click();
    const table = figuresIn((await file.getByTestId('import-table-totals').locator('th').allTextContents()).slice(1).join(' '));
    const perTable = await file.getByTestId('import-table-counts').locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => Number(c.textContent))).reduce((a, b) => a.map((x, i) => x + b[i]!), [0, 0, 0, 0]),
    );
    await page.getByRole('tab', { name: '导入记录' }).click();
    const history = page.getByTestId('import-history');
    await expect(history).toHaveAttribute('data-loaded', 'true');
    await expect(history.locator('tbody tr')).toHaveCount(2);
    const recorded = figuresIn(await history.getByTestId('history-totals').first().textContent());

    expect(line[0]).toBe(0);
    expect(line[2]).toBeGreaterThan(0); // every row of the file, unchanged
    expect(line[3]).toBe(0);
    expect(badges).toEqual(line);
    expect(table).toEqual(line);
    expect(perTable).toEqual(line);
    expect(recorded).toEqual(line);
  } finally {
    await hq?.kill();
    if (hq) rmSync(hq.dataDir, { recursive: true, force: true });
    rmSync(stick, { recursive: true, force: true });
  }
});

test('a merged complaint at head office: no attachment, step or edit controls; its forms print as head office’s copy', async ({ page, webApp: office }) => {
  const stick = mkdtempSync(join(tmpdir(), 'complaint-desk-e2e-stick-'));
  let hq: WebApp | undefined;
  try {
    const id = await officeExportWithSignedPrint(office, stick);
    hq = await startHeadOffice();
    await importThroughPage(page, hq, stick);

    await openApp(page, hq, `#/complaints/${id}`);
    await expect(page.getByTestId('other-office')).toContainText('本投诉属于服务中心 YGHA');
    const attachments = page.getByTestId('attachments');
    await expect(attachments).toContainText('漏水照片.png');
    await expect(attachments.getByRole('button')).toHaveCount(0); // neither 添加照片或扫描件 nor 移除
    const process = page.getByTestId('process');
    await expect(process).toContainText('由所属服务中心办理，这里只能查看');
    await expect(process.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0);

    const prints = page.getByTestId('print-panel');
    await expect(prints.getByTestId('office-copy-note')).toContainText('总部副本');
    await expect(prints.getByTestId('print-record')).toHaveCount(1);
    await expect(prints.getByTestId('print-record')).toContainText('已收回签字件');
    await expect(prints.getByRole('button', { name: '上传签字件' })).toHaveCount(0);
    await prints.getByRole('button', { name: '投诉记录表', exact: true }).click();
    const preview = page.getByRole('dialog');
    await expect(preview).toContainText('顾客投诉记录表_YGHA-20261102-001_总部副本.pdf');
    const src = await preview.getByTestId('print-frame').getAttribute('src');
    const response = await page.request.get(new URL(src!, hq.url).toString());
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await preview.getByRole('button', { name: '关闭' }).click();
    // The copy is not a print version: the office's one print is still all the history holds.
    await expect(prints.getByTestId('print-record')).toHaveCount(1);
  } finally {
    await hq?.kill();
    if (hq) rmSync(hq.dataDir, { recursive: true, force: true });
    rmSync(stick, { recursive: true, force: true });
  }
});
