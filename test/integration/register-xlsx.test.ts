/**
 * The register as an Excel file (issue 5, point 5), from a real database through the real
 * dispatcher and web server: the file is fetched by its URL as the browser would, read back with
 * ExcelJS, and compared with what the register screen (complaints:list) and the paper register
 * (registerPrintData) list for the same filters.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../src-main/http/server';
import { createHandlers, type DesktopShell } from '../../src-main/ipc/handlers';
import { registerPrintData } from '../../src-main/services/reports.service';
import { registerPrintInputSchema, type ComplaintCreateInput, type RegisterExport, type RegisterPrintInput } from '../../src-preload/contract';
import { openTestApp, startTestWebServer, type TestApp } from '../helpers/app';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, type Office } from './lifecycle-fixtures';

const HEADERS = ['序号', '投诉编号', '受理时间', '投诉人', '房号', '联系电话', '投诉方式', '类别', '投诉内容', '被投诉部门', '接待人', '等级', '状态', '处理结果', '回访情况', '备注'];
const col = (header: string) => HEADERS.indexOf(header) + 1;
/** Rare name characters, punctuation XML must escape, a line break, and text that looks like a formula. */
const TRICKY_TEXT = '=SUM(A1) 不是公式：业主“堃喆”说 <门禁> & 电梯\n第二行：犇淼玥珺赟';

let app: TestApp;
let office: Office;
let server: WebServer;
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

function receive(receivedAt: string, overrides: Partial<ComplaintCreateInput> = {}) {
  setNow(app, receivedAt);
  return create(app, office, { receivedAt, requestedReplyAt: '', ...overrides });
}

beforeAll(async () => {
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  server = await startTestWebServer(app);

  receive('2026-10-31 23:59', { description: '十月的投诉，不在十一月的登记里' });
  receive('2026-11-01 00:00', { complainantName: '欧阳堃', description: '楼上漏水，卫生间天花板持续滴水' });
  receive('2026-11-05 14:30', { complainantName: '李喆', categoryId: office.hygiene, complainedDepartmentId: office.cleaning, phone: '13900001111', description: TRICKY_TEXT });
  const invalid = receive('2026-11-20 18:00', { complainantName: '王芳', categoryId: office.fees, phone: '02155556666', description: '物业费账单金额有误' });
  setNow(app, '2026-11-20 18:30');
  step(app, office, 'markInvalid', invalid, { reason: '账单无误，已当面核对' });
  receive('2026-11-30 23:59', { complainantName: '赵磊', description: '小区路灯不亮' });
  receive('2026-12-01 00:00', { description: '十二月的投诉' });
  setNow(app, '2026-12-01 09:00');
});
afterAll(async () => {
  await server?.close();
  app?.close();
});

const exportXlsx = (input: Partial<RegisterPrintInput> = {}) => app.invokeOk('register:exportXlsx', { ...NOVEMBER, ...input });

/** The file as the browser downloads it, read back with ExcelJS. */
async function download(file: RegisterExport) {
  const response = await fetch(new URL(file.downloadUrl, server.url));
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('投诉登记');
  if (!sheet) throw new Error(`no sheet 投诉登记 in ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  const text = (row: number, column: number) => sheet.getRow(row).getCell(column).value;
  /** Data rows below the header (row 3), as arrays of cell values in column order. */
  const rows: unknown[][] = [];
  for (let r = 4; r <= sheet.rowCount; r++) rows.push(HEADERS.map((_, i) => text(r, i + 1)));
  return { response, sheet, text, rows, bytes };
}

/** What the register screen shows for the same filters: every page, oldest first (the file's order). */
function screenNumbers(filters: Record<string, unknown>) {
  const page = app.ok('complaints:list', { receivedFrom: NOVEMBER.from, receivedTo: NOVEMBER.to, pageSize: 200, sort: 'receivedAt', direction: 'asc', ...filters });
  return { total: page.total, numbers: page.items.map((i) => i.number) };
}

describe('导出 Excel', () => {
  it('writes the period’s complaints under a title and Chinese headers, frozen, with an autofilter', async () => {
    const file = await exportXlsx();
    expect(file.fileName).toBe('投诉登记_2026-11-01至2026-11-30.xlsx');
    expect(file.downloadUrl).toBe(`/files/prints/${file.fileId}?download=1`);

    const { response, sheet, text, rows } = await download(file);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('投诉登记_2026-11-01至2026-11-30.xlsx')}`);
    expect(response.headers.get('cache-control')).toBe('no-store');

    expect(text(1, 1)).toBe('阳光花园服务中心 投诉登记（2026-11-01 至 2026-11-30）');
    expect(text(2, 1)).toBe('筛选：无　导出时间：2026-12-01 09:00　共 4 件');
    expect(HEADERS.map((_, i) => text(3, i + 1))).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBe('A3:P7');
    expect(sheet.getColumn(col('投诉内容')).width).toBeGreaterThan(sheet.getColumn(col('序号')).width!);

    // Exactly the register screen's complaints for the same dates, boundaries included, oldest first.
    const screen = screenNumbers({});
    expect(file.rows).toBe(screen.total);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[col('投诉编号') - 1])).toEqual(screen.numbers);
    expect(rows.map((r) => r[col('序号') - 1])).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r[col('受理时间') - 1])).toEqual(['2026-11-01 00:00', '2026-11-05 14:30', '2026-11-20 18:00', '2026-11-30 23:59']);
    expect(rows.map((r) => r[col('投诉人') - 1])).toEqual(['欧阳堃', '李喆', '王芳', '赵磊']);
  });

  it('keeps Chinese text and every other value as the paper register prints it, phones masked', async () => {
    const { rows, bytes } = await download(await exportXlsx());
    const paper = registerPrintData(app.ctx, registerPrintInputSchema.parse(NOVEMBER)).rows;
    expect(rows).toEqual(
      paper.map((r) => [r.seq, r.number, r.receivedAt, r.complainantName, r.room, r.phone, r.channel, r.category, r.description, r.department, r.receiver, r.severity, r.status, r.result, r.followUp, r.notes]),
    );
    const li = rows[1]!;
    expect(li[col('投诉内容') - 1]).toBe(TRICKY_TEXT); // a string, not a formula; line break and rare characters kept
    expect(li[col('类别') - 1]).toBe('环境卫生');
    expect(li[col('被投诉部门') - 1]).toBe('环境部');
    expect(li[col('投诉方式') - 1]).toBe('来电');
    expect(li[col('联系电话') - 1]).toBe('139****1111');
    // Stored normalised at intake (02155556666 → 021-55556666), masked like the print.
    expect(rows[2]![col('联系电话') - 1]).toBe('021-****6666');
    expect(rows[0]![col('房号') - 1]).toBe('3栋2单元1602');
    // 状态 stands alone so Excel can filter on it; the invalid reason goes to 备注.
    expect(rows[2]![col('备注') - 1]).toBe('无效原因：账单无误，已当面核对');
    expect(rows[2]![col('状态') - 1]).not.toContain('无效原因');
    // No full number anywhere in the file (the zip is deflated, so look inside the sheet's cells).
    const everything = JSON.stringify(rows);
    for (const full of ['13812345678', '13900001111', '021-55556666', '55556666']) expect(everything).not.toContain(full);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('shows full phone numbers only when asked', async () => {
    const { rows } = await download(await exportXlsx({ maskPhone: false }));
    expect(rows.map((r) => r[col('联系电话') - 1])).toEqual(['13812345678', '13900001111', '021-55556666', '13812345678']);
  });

  it('narrows to the register’s filters, and names them in the second line', async () => {
    const byCategory = await exportXlsx({ categoryId: office.hygiene });
    const { rows, text } = await download(byCategory);
    expect(byCategory.rows).toBe(1);
    expect(rows.map((r) => r[col('投诉编号') - 1])).toEqual(screenNumbers({ categoryId: office.hygiene }).numbers);
    expect(text(2, 1)).toContain('类别：环境卫生');

    const bySearch = await download(await exportXlsx({ text: '路灯' }));
    expect(bySearch.rows.map((r) => r[col('投诉人') - 1])).toEqual(['赵磊']);

    const oneDay = await exportXlsx({ from: '2026-11-05', to: '2026-11-05' });
    expect(oneDay.fileName).toBe('投诉登记_2026-11-05至2026-11-05.xlsx');
    expect((await download(oneDay)).rows.map((r) => r[col('投诉人') - 1])).toEqual(['李喆']);
  });

  it('writes a header-only file when nothing matches', async () => {
    const empty = await exportXlsx({ text: '没有这样的投诉' });
    const { rows, text, sheet } = await download(empty);
    expect(empty.rows).toBe(0);
    expect(rows).toEqual([]);
    expect(text(3, 2)).toBe('投诉编号');
    expect(sheet.autoFilter).toBe('A3:P3');
  });

  it('refuses a reversed period with the form’s message, and writes nothing', async () => {
    const result = await app.invoke('register:exportXlsx', { from: '2026-11-30', to: '2026-11-01' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'VALIDATION', message: '结束日期不能早于开始日期', field: 'to' });
  });

  it('refuses more rows than one export holds, saying how many and what to do', () => {
    // The real limit (REGISTER_XLSX_MAX_ROWS) is 20,000; the same check with a small one.
    expect(() => registerPrintData(app.ctx, registerPrintInputSchema.parse(NOVEMBER), { maxRows: 3, action: '导出' })).toThrow(
      '所选期间共 4 件，超过一次导出的上限 3 件：请缩短期间或加筛选条件',
    );
  });

  it('is saved on the desktop through print:save, offered under its Chinese name', async () => {
    const file = await exportXlsx();
    const saved: { source: string; name: string }[] = [];
    // print:save needs only the save dialog, played here by a copy.
    const shell: Pick<DesktopShell, 'saveFile'> = {
      saveFile: (source, name) => {
        saved.push({ source, name });
        const target = join(app.dataDir, 'saved.xlsx');
        copyFileSync(source, target);
        return Promise.resolve(target);
      },
    };
    const handlers = createHandlers(app.ctx, { version: 'test', mode: 'electron', desktop: shell as DesktopShell });
    const { path } = await handlers['print:save']({ printId: file.fileId });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.source).toMatch(/[/\\]投诉登记_2026-11-01至2026-11-30\.xlsx$/);
    expect(saved[0]!.name).toBe(file.fileName);
    expect(readFileSync(path!).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
