/**
 * No table row is split across pages (issue 13 point 9), on the real PDFs read back page by page
 * with poppler: a November register of long rows (A4 landscape) and a monthly report whose major
 * complaints are long. At every page break the next page starts with a complaint's number; a
 * complaint's text is on one page, unless the row is taller than a whole page — then it continues
 * on the next page as a （续） row repeating the number, and nothing of it is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MajorComplaint, MonthlyReport, Ratio, RegisterPrintData, RegisterRow, ReportTotals } from '../../src-preload/contract';
import type { FormHeader } from '../../src-main/pdf/layout';
import { monthlyReportDoc } from '../../src-main/pdf/monthly-report.doc';
import { complaintRegisterDoc } from '../../src-main/pdf/register.doc';
import { expectA4, expectPrintable, renderTo, requirePoppler, run, squeeze } from '../helpers/pdf';

const FORM: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-003', formVersion: 'A/0', printVersion: '打印 2026-12-01 09:00', qr: 'WY-KF-JL-003|2026-11' };
const REGISTER_HEADER = squeeze('序号编号受理时间投诉人房号联系电话方式类别投诉内容被投诉部门接待人等级处理结果回访情况状态/备注');
const MAJORS_HEADER = squeeze('编号 / 房号事件经过处理措施处理结果总结与改进');
/** A complaint number, with （续） on the later parts of a row taller than a page. */
const NUMBER = /YGHA-202611\d\d-\d{3}(（续）)?/g;

let dir: string;
beforeAll(() => {
  requirePoppler();
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-row-breaks-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const TEXT = '楼上漏水，卫生间天花板持续滴水，已影响照明。物业维修工上门查看后说要等楼上业主回来才能查，';
/** `n` characters of desk text between markers naming the row, so each part can be traced. */
const marked = (i: number, what: string, n: number) => `【${i}${what}】${TEXT.repeat(Math.ceil(n / TEXT.length)).slice(0, n)}【${i}${what}完】`;

const number = (i: number) => `YGHA-202611${String(1 + (i % 28)).padStart(2, '0')}-${String(i).padStart(3, '0')}`;

/**
 * Characters of description per row: short, several tall (row 10 just fits a page, its invalid
 * reason as tall as its description), and two taller than a page (about 430 characters fill one).
 */
const LENGTHS = [40, 180, 320, 60, 380, 250, 1400, 90, 300, 420, 30, 2600, 200, 350, 120, 400, 260, 80, 390, 150, 310];
/** Rows that must be cut: taller than a whole page (about 440 characters of description fill one). */
const TALLER_THAN_A_PAGE = LENGTHS.flatMap((n, i) => (n > 1000 ? [i + 1] : []));

function longRow(i: number, n: number): RegisterRow {
  const invalid = i % 5 === 0;
  return {
    seq: i,
    complaintId: `row-${i}`,
    number: number(i),
    receivedAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
    complainantName: ['张伟', '李娜', '欧阳堃喆', '王芳'][i % 4]!,
    room: `${1 + (i % 12)}栋${1 + (i % 3)}单元${1000 + i}`,
    phone: '138****5678',
    channel: '来电',
    category: '工程质量',
    description: marked(i, '内容', n),
    department: '工程部',
    receiver: '周晓雯',
    severity: '一般',
    result: invalid ? '' : marked(i, '结果', Math.floor(n / 2)),
    followUp: invalid ? '' : '11-05 电话 满意',
    status: invalid ? '已办结' : '处理中',
    notes: '',
    remark: invalid ? `无效；无效原因：${marked(i, '原因', Math.floor(n / 3))}` : '处理中',
  };
}

const TOTALS: ReportTotals = {
  total: LENGTHS.length,
  valid: LENGTHS.length,
  invalid: 0,
  major: 0,
  closedOnTime: 0,
  closedLate: 0,
  followUpOwed: 0,
  followedUp: 0,
  followUpImpossible: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  unsatisfied: 0,
};

/** One page's text in drawing order (cells whole, one after the other), white space removed. */
const pages = (path: string) => run('pdftotext', ['-raw', path, '-']).split('\f').slice(0, -1).map(squeeze);

interface Part {
  page: number;
  number: string;
  continued: boolean;
  /** The part's text: from its number to the next number or the end of the table on the page. */
  text: string;
}

/**
 * The table's rows on every page after the header row, cut at each complaint number. Each page's
 * table must start with a row: nothing but its 序号 (or nothing) before the first number.
 */
function partsByPage(texts: string[], header: string, end: RegExp, beforeNumber: (page: string) => void): Part[] {
  const parts: Part[] = [];
  texts.forEach((page, p) => {
    const at = page.indexOf(header);
    if (at < 0) return;
    let table = page.slice(at + header.length);
    const stop = end.exec(table);
    if (stop) table = table.slice(0, stop.index);
    const matches = [...table.matchAll(NUMBER)];
    if (matches.length === 0) return;
    beforeNumber(table.slice(0, matches[0]!.index));
    matches.forEach((m, k) => {
      const to = k + 1 < matches.length ? matches[k + 1]!.index : table.length;
      parts.push({ page: p + 1, number: m[0].replace('（续）', ''), continued: !!m[1], text: table.slice(m.index, to) });
    });
  });
  return parts;
}

/** `needle`'s characters in order in `haystack` (other text may come between them). */
function inOrder(haystack: string, needle: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = haystack.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/**
 * The row of `number` as printed: all on one page, or (taller than a page) a first part and （续）
 * parts each at the top of the following pages; and every value of it there, in order.
 */
function expectWholeOrContinued(parts: Part[], num: string, values: string[], mayContinue: boolean, markers: string[]): void {
  const own = parts.filter((p) => p.number === num);
  expect(own.length, num).toBeGreaterThan(0);
  expect(own[0]!.continued, `${num} starts with its own row, not a （续） one`).toBe(false);
  own.slice(1).forEach((part, k) => {
    expect(part.continued, `${num} part ${k + 2} is marked （续）`).toBe(true);
    expect(part.page, `${num} part ${k + 2} is on the page after part ${k + 1}`).toBe(own[k]!.page + 1);
    expect(parts.find((p) => p.page === part.page), `${num} part ${k + 2} starts page ${part.page}`).toBe(part);
  });
  if (!mayContinue) expect(own.map((p) => p.page), `${num} is on one page`).toHaveLength(1);
  else expect(own.length, `${num} is taller than a page`).toBeGreaterThan(1);
  const all = own.map((p) => p.text).join('');
  for (const v of values) expect(inOrder(all, squeeze(v)), `${num}: ${v.slice(0, 20)}…`).toBe(true);
  // A row that fits has its text, first marker to last, on its one page.
  if (!mayContinue) for (const m of markers) expect(own[0]!.text, num).toContain(m);
}

describe('投诉记录表 with long rows', () => {
  it('never splits a row at a page break: each page starts with a complaint number, only a row taller than a page continues as （续）', async () => {
    const rows = LENGTHS.map((n, i) => longRow(i + 1, n));
    const data: RegisterPrintData = { officeName: '阳光花园服务中心', period: { from: '2026-11-01', to: '2026-11-30' }, filters: '', asOf: '2026-12-01 09:00', rows, totals: TOTALS };
    const { path, missing } = await renderTo(dir, 'register-long-rows', complaintRegisterDoc(FORM, data));
    expect(missing).toEqual([]);
    const count = expectA4(path, 'landscape');
    expect(count).toBeGreaterThan(8);
    const texts = pages(path);
    expect(texts).toHaveLength(count);
    // Every page has the header row, and under it a row's 序号 and number first.
    const parts = partsByPage(texts, REGISTER_HEADER, /本期共/, (before) => expect(before).toMatch(/^\d*$/));
    expect(new Set(parts.map((p) => p.page)).size, 'the table runs over every page').toBe(count);
    for (const r of rows) {
      const values = [r.receivedAt, r.complainantName, r.room, r.description, r.result, r.followUp, r.remark].filter(Boolean);
      const markers = [`【${r.seq}内容】`, `【${r.seq}内容完】`];
      expectWholeOrContinued(parts, r.number, values, TALLER_THAN_A_PAGE.includes(r.seq), markers);
    }
    // The row taller than two pages starts on a fresh page and continues over three.
    expect(parts.filter((p) => p.number === number(12)).length).toBeGreaterThanOrEqual(3);
    // After the last row: the totals and the signatures.
    expect(texts.at(-1)).toContain(`本期共${LENGTHS.length}件`);
    expectPrintable(dir, path, 'register-long-rows');
  }, 60_000);
});

const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of > 0 ? count / of : null });

function major(i: number, n: number): MajorComplaint {
  return {
    number: number(i),
    receivedAt: '2026-11-05 10:00',
    room: `3栋1单元${200 + i}`,
    category: '工程质量',
    department: '工程部',
    description: marked(i, '经过', n),
    measures: [`第1轮（工程部）：${marked(i, '措施', Math.floor(n / 2))}`, '2026-11-05 10:30 上报主任'],
    outcome: `闭水试验无渗漏；回访：满意；状态：已办结`,
    summary: '外墙防水老化',
    improvement: '雨季前巡查外墙',
  };
}

describe('月度投诉统计报表 with long major complaints', () => {
  it('keeps each major complaint on one page, continuing only the one taller than a page as （续）', async () => {
    // A '*' column of the majors table holds about 10 characters a line at 9 pt: 360 fill most of a page.
    const lengths = [200, 360, 120, 2000, 300, 80];
    const report: MonthlyReport = {
      officeName: '阳光花园服务中心',
      officeCode: '',
      byOffice: [],
      month: '2026-11',
      period: { from: '2026-11-01', to: '2026-11-30' },
      asOf: '2026-12-01 09:00',
      totals: { ...TOTALS, total: 6, valid: 6, major: 6 },
      byCategory: [{ name: '工程质量', count: 6, share: 1, onTime: 6, late: 0 }],
      byDepartment: [{ name: '工程部', count: 6, share: 1, onTime: 6, late: 0 }],
      byChannel: [{ name: '来电', count: 6, share: 1, onTime: 6, late: 0 }],
      bySeverity: [{ name: '重大', count: 6, share: 1, onTime: 6, late: 0 }],
      rates: {
        onTime: [{ kind: 'response', stage: '首次答复', current: ratio(6, 6), previous: ratio(2, 2) }],
        followUp: { current: ratio(6, 6), previous: ratio(2, 2), goal: 1 },
        satisfaction: { current: ratio(6, 6), previous: ratio(2, 2) },
        repeat: { current: ratio(0, 6), previous: ratio(0, 2) },
      },
      majors: lengths.map((n, i) => major(i + 1, n)),
      recurring: [],
    };
    const { path, missing } = await renderTo(dir, 'monthly-long-majors', monthlyReportDoc({ ...FORM, formCode: 'WY-KF-JL-006' }, report));
    expect(missing).toEqual([]);
    const count = expectA4(path, 'portrait');
    const texts = pages(path);
    const parts = partsByPage(texts, MAJORS_HEADER, /五、重复发生的问题/, (before) => expect(before).toBe(''));
    expect(new Set(parts.map((p) => p.page)).size).toBeGreaterThan(3);
    expect(parts.at(-1)!.page).toBeLessThanOrEqual(count);
    for (const m of report.majors) {
      const i = Number(m.number.slice(-3));
      expectWholeOrContinued(parts, m.number, [m.room, m.description, m.measures.join(''), m.outcome], lengths[i - 1]! > 1000, [`【${i}经过】`, `【${i}经过完】`]);
    }
    expectPrintable(dir, path, 'monthly-long-majors');
  }, 60_000);
});
