/**
 * The register and the monthly report as real PDFs: data read from a real SQLite file after a few
 * complaints were walked through the procedure, rendered with the bundled font, and checked with
 * poppler — the values are there in Chinese, fonts are embedded subsets, the register is A4
 * landscape and the report portrait, a 500-row register repeats its header and numbers its pages,
 * and nothing is drawn within 10 mm of the paper's edge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ComplaintDetail, MonthlyReport, RegisterPrintData, RegisterRow } from '../../src-preload/contract';
import { registerPrintInputSchema } from '../../src-preload/contract';
import { blankMonthlyReportDoc, blankRegisterDoc } from '../../src-main/pdf/blank-forms';
import type { FormHeader } from '../../src-main/pdf/layout';
import { monthlyReportDoc } from '../../src-main/pdf/monthly-report.doc';
import { complaintRegisterDoc } from '../../src-main/pdf/register.doc';
import { monthlyReportData, registerPrintData } from '../../src-main/services/reports.service';
import { openTestApp, type TestApp } from '../helpers/app';
import { expectA4, expectAllText, expectPrintable as expectPdfPrintable, renderTo as renderPdfTo, requirePoppler, run, squeeze, squeezed } from '../helpers/pdf';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, unpinClock, type Office } from './lifecycle-fixtures';

const REGISTER_FORM: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-003', formVersion: 'A/0', printVersion: '打印 2026-12-01 09:00', qr: 'WY-KF-JL-003|2026-11' };
const REPORT_FORM: FormHeader = { ...REGISTER_FORM, formCode: 'WY-KF-JL-006', qr: 'WY-KF-JL-006|2026-11' };
const HEADERS = ['序号', '编号', '受理时间', '投诉人', '房号', '联系电话', '方式', '类别', '投诉内容', '被投诉', '部门', '接待人', '等级', '处理结果', '回访情况', '状态/备注'];
const RARE_NAME = '欧阳堃喆';

let app: TestApp;
let office: Office;
let dir: string;
let register: RegisterPrintData;
let report: MonthlyReport;
const walked: ComplaintDetail[] = [];

const renderTo = (name: string, doc: TDocumentDefinitions) => renderPdfTo(dir, name, doc);
const expectPrintable = (path: string, name: string) => expectPdfPrintable(dir, path, name);

/** Four November complaints about 3栋: one major through two rounds, one invalid, one closed, one open. */
function walk(): void {
  const at = (now: string, d: ComplaintDetail, action: Parameters<typeof step>[2], extra: Record<string, unknown> = {}) => {
    setNow(app, now);
    return step(app, office, action, d, extra);
  };
  const receive = (receivedAt: string, overrides: Parameters<typeof create>[2]) => {
    setNow(app, receivedAt);
    return create(app, office, { receivedAt, requestedReplyAt: '', urgency: 'normal', ...overrides });
  };
  const result = (d: ComplaintDetail, when: string, measures: string, text: string) =>
    at(when, d, 'recordResult', { handlerId: office.handlerId, measures, result: text, completedAt: when });
  const followUp = (d: ComplaintDetail, when: string, satisfaction: string) =>
    at(when, d, 'followUp', { at: when, method: 'phone', visitorId: office.receiverId, personVisited: '业主本人', opinion: '', satisfaction });

  let d = receive('2026-11-02 09:12', { complainantName: RARE_NAME, severity: 'major', description: '外墙渗水导致室内墙面发霉' });
  d = at('2026-11-02 09:20', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-02 09:25', d, 'escalate', { level: 'director', reason: '业主要求赔偿，报主任' });
  d = at('2026-11-02 09:40', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-02 09:40' });
  d = result(d, '2026-11-03 15:00', '外墙打胶修补', '渗水减轻');
  d = followUp(d, '2026-11-04 10:00', 'unsatisfied');
  d = at('2026-11-04 10:05', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-04 10:20', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-04 10:20' });
  d = result(d, '2026-11-05 15:00', '重做外墙防水层', '闭水试验无渗漏');
  d = followUp(d, '2026-11-06 10:00', 'satisfied');
  walked.push(at('2026-11-06 11:00', d, 'summarize', { summary: '外墙防水老化', improvement: '雨季前巡查外墙' }));

  d = receive('2026-11-10 08:30', { complainantName: '李娜', channel: 'visit', description: '要求物业赔偿自家装修损坏', phone: '13900001111' });
  d = at('2026-11-10 09:00', d, 'markInvalid', { reason: '属业主自家装修造成' });
  walked.push(at('2026-11-10 09:30', d, 'notifyInvalid', { at: '2026-11-10 09:30', method: 'phone' }));

  d = receive('2026-11-12 14:00', { complainantName: '王芳', unit: '1单元', room: '502', description: '楼道灯不亮', phone: '13700002222' });
  d = at('2026-11-12 14:10', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-12 14:20', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-12 14:20' });
  d = result(d, '2026-11-12 16:00', '更换楼道灯泡', '已恢复照明');
  walked.push(followUp(d, '2026-11-13 10:00', 'basically_satisfied'));

  walked.push(receive('2026-11-28 19:45', { complainantName: '赵强', unit: '3单元', room: '101', description: '夜间施工噪音扰民', categoryId: office.hygiene, phone: '' }));
}

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-report-pdf-'));
  walk();
  setNow(app, '2026-12-01 09:00');
  register = registerPrintData(app.ctx, registerPrintInputSchema.parse({ from: '2026-11-01', to: '2026-11-30' }));
  report = monthlyReportData(app.ctx, { month: '2026-11' });
  unpinClock(app);
});
afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('投诉记录表 from the database', () => {
  it('prints every complaint of the period with its values, the totals and signatures, on A4 landscape inside the margins', async () => {
    const { path, missing } = await renderTo('register', complaintRegisterDoc(REGISTER_FORM, register));
    expect(missing).toEqual([]);
    expect(expectA4(path, 'landscape')).toBe(1);
    const [major, invalid, closed, open] = walked.map((d) => d.complaint);
    expectAllText(path, [
      '阳光花园服务中心',
      '投 诉 记 录 表',
      '期间：2026-11-01 至 2026-11-30',
      '表单编号：WY-KF-JL-003',
      ...HEADERS,
      major!.number,
      RARE_NAME,
      '2026-11-02 09:12',
      '3栋2单元1602',
      '138****5678',
      '外墙渗水导致室内墙面发霉',
      '第1轮：渗水减轻',
      '第2轮：闭水试验无渗漏',
      '11-04 电话 不满意',
      '11-06 电话 满意',
      '已上报服务中心主任',
      invalid!.number,
      '来访',
      '无效原因：属业主自家装修造成',
      closed!.number,
      '3栋1单元502',
      '已恢复照明',
      '11-13 电话 基本满意',
      open!.number,
      '夜间施工噪音扰民',
      '环境卫生',
      '已登记',
      '本期共 4 件：有效 3，无效 1；重大 1；按时办结 2；回访 2（100%）；满意 1，基本满意 1，不满意 0',
      '记录人：',
      '客服主管：',
      '主任：',
      '____年__月__日',
      '第 1 页 / 共 1 页',
      '打印 2026-12-01 09:00',
    ], 'raw');
    const text = squeezed(path);
    expect(text).not.toMatch(/undefined|null|NaN/);
    expect(text).not.toContain('13812345678');
    expectPrintable(path, 'register');
  });
});

describe('月度投诉统计报表 from the database', () => {
  it('prints the summary, tables, rates, the major complaint, recurring problems and signatures, A4 portrait inside the margins', async () => {
    const { path, missing } = await renderTo('monthly', monthlyReportDoc(REPORT_FORM, report));
    expect(missing).toEqual([]);
    expect(expectA4(path, 'portrait')).toBeGreaterThanOrEqual(1);
    const major = walked[0]!.complaint;
    expectAllText(path, [
      '月 度 投 诉 统 计 报 表',
      '月份：2026 年 11 月（2026-11-01 至 2026-11-30）',
      '表单编号：WY-KF-JL-006',
      '本月共 4 件：有效 3，无效 1；重大 1；按时办结 2；回访 2（100%）；满意 1，基本满意 1，不满意 0',
      '投诉类别',
      '工程质量 3 75% 2 0',
      '环境卫生 1 25% 0 0',
      '责任部门',
      '工程部',
      '受理渠道',
      '员工反馈/巡查',
      '投诉等级',
      '重大 1 25% 1 0',
      '及时率 · 处理完成',
      '回访率（目标 100%）',
      '100%（2/2）',
      '满意率',
      '重复投诉率',
      major.number,
      '外墙渗水导致室内墙面发霉',
      '第1轮（工程部）：外墙打胶修补',
      '闭水试验无渗漏；回访：满意；状态：已办结',
      '总结：外墙防水老化',
      '改进：雨季前巡查外墙',
      '同一楼栋',
      '3栋',
      `${major.number}：外墙打胶修补`,
      '编　制',
      '审　核',
      '主　任',
      '____年__月__日',
      '第 1 页 / 共',
    ], 'raw');
    const text = squeezed(path);
    expect(text).not.toMatch(/undefined|null|NaN/);
    // Complainants' names and phones stay at the office.
    expect(text).not.toContain(RARE_NAME);
    expect(text).not.toContain('138****5678');
    expectPrintable(path, 'monthly');
  });
});

/** A register row as the desk writes them, some long, one with a Latin name and a long landline. */
function syntheticRow(i: number): RegisterRow {
  const day = String(1 + (i % 30)).padStart(2, '0');
  return {
    seq: i,
    complaintId: `row-${i}`,
    number: `YGHA-202611${day}-${String(i).padStart(3, '0')}`,
    receivedAt: `2026-11-${day} ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    complainantName: i % 50 === 0 ? 'Christopherson' : ['张伟', '李娜', RARE_NAME, '王芳'][i % 4]!,
    room: `${1 + (i % 12)}栋${1 + (i % 3)}单元${1000 + i}`,
    phone: i % 25 === 0 ? '0571-****6666-1234\n微信 zhangwei88' : '138****5678',
    channel: ['来电', '来访', '网络/微信', '员工反馈/巡查'][i % 4]!,
    category: ['工程质量', '环境卫生', '收费'][i % 3]!,
    description: '楼上漏水，卫生间天花板持续滴水，已影响照明。'.repeat(1 + (i % 3)),
    department: i % 2 ? '工程部' : '秩序维护部 / 保安队长',
    receiver: '周晓雯',
    severity: ['轻微', '一般', '重要', '重大'][i % 4]!,
    result: i % 3 ? '已修复，天花板不再滴水' : '第1轮：已修复\n第2轮：闭水试验 48 小时无渗漏',
    followUp: i % 3 ? '11-05 电话 满意' : '11-03 电话 不满意\n11-05 上门 满意',
    status: '已办结',
    notes: i % 7 ? '' : '已上报主任、公司',
    remark: i % 7 ? '已办结' : '已办结；已上报主任、公司',
  };
}

describe('a 500-row register', () => {
  it('paginates with the header row and page x / y on every page, the totals at the end, inside the margins', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => syntheticRow(i + 1));
    const data: RegisterPrintData = { ...register, rows, totals: { ...register.totals, total: 500 } };
    const start = performance.now();
    const { path, missing } = await renderTo('register-500', complaintRegisterDoc(REGISTER_FORM, data));
    const ms = performance.now() - start;
    console.log(`500-row register: ${ms.toFixed(0)} ms to render`);
    expect(missing).toEqual([]);
    const pages = expectA4(path, 'landscape');
    expect(pages).toBeGreaterThan(5);
    // pdftotext ends every page with a form feed: one call, split per page.
    const texts = run('pdftotext', ['-raw', path, '-']).split('\f').map(squeeze);
    for (let page = 1; page <= pages; page++) {
      const text = texts[page - 1]!;
      expect(HEADERS.filter((h) => !text.includes(h)), `page ${page}`).toEqual([]);
      expect(text, `page ${page}`).toContain(`第${page}页/共${pages}页`);
      if (page > 1) expect(text, `page ${page}`).toContain('投诉记录表（续）');
    }
    // Every row is there, in order: first and last numbers, and the totals and signatures after the last row.
    const all = squeezed(path, 'raw');
    expect(all).toContain('YGHA-20261102-001');
    expect(all).toContain('YGHA-20261121-500');
    expect(texts[pages - 1]).toContain('本期共500件');
    expect(texts[pages - 1]).toContain('主任：');
    expectPrintable(path, 'register-500');
  }, 120_000);
});

describe('blank forms', () => {
  it('the blank register: one landscape page of empty rows, the period and totals to fill in', async () => {
    const { path, missing } = await renderTo('blank-register', blankRegisterDoc({ ...REGISTER_FORM, printVersion: '', qr: '' }));
    expect(missing).toEqual([]);
    expect(expectA4(path, 'landscape')).toBe(1);
    expectAllText(path, ['投 诉 记 录 表', '期间：____年__月__日 至 ____年__月__日', ...HEADERS, '本期共 ____ 件', '记录人：', '____年__月__日', '第 1 页 / 共 1 页']);
    expect(squeezed(path)).not.toMatch(/YGHA|张伟|undefined|null|■/);
    expectPrintable(path, 'blank-register');
  });

  it('the blank monthly report: two portrait pages, every table open to fill in', async () => {
    const { path, missing } = await renderTo('blank-monthly', blankMonthlyReportDoc({ ...REPORT_FORM, printVersion: '', qr: '' }));
    expect(missing).toEqual([]);
    expect(expectA4(path, 'portrait')).toBe(2);
    expectAllText(path, ['月 度 投 诉 统 计 报 表', '月份：____ 年 __ 月', '本月共 ____ 件', '投诉类别', '员工反馈/巡查', '及时率 · 答复', '及时率 · 首次响应', '及时率 · 明确答复', '四、重大投诉', '六、签字', '第 2 页 / 共 2 页']);
    expect(squeezed(path)).not.toMatch(/YGHA|undefined|null|%（/);
    expectPrintable(path, 'blank-monthly');
  });
});
