/**
 * Head-office views (issue 5 point 4): one database holding three offices' complaints; the
 * register, the deadline board, the monthly report and the register PDF for one office or for all.
 *
 * The merge (issue 5) is being written, so the other offices' records are made here the way the
 * merge leaves them: an `offices` row per office, directory rows carrying the office's code
 * (migration 0050), and complaints taken in through the real `complaints:create` and walked
 * through the real lifecycle steps while the desk's office code (`settings:update`) is
 * temporarily the other office's — the number prefix and `complaints.office_code` come from it.
 *
 * Offices and complaints (the clock pinned; November 2026 unless said; figures worked out by hand):
 *   YGHA 阳光花园服务中心 (this database's own)
 *     Y1 11-02 工程质量, dispatched to 工程部, handled and followed up in time: 满意 → 已办结
 *     Y2 11-10 环境卫生 about 工程部, never touched: open, every deadline overdue by Dec 1
 *   DFYA 东方雅苑服务中心 (merged)
 *     D1 11-03 工程质量, handled in time, 满意 → 已办结
 *     D2 11-04 收费 about 环境部, judged invalid and the complainant told → 已办结
 *     D3 11-20 工程质量 about 工程部, major, never touched: open, overdue
 *   HQXB 和谐小区服务中心 (merged)
 *     H0 10-28 收费, never touched (October: in the register and on the board, not in November's report)
 *     H1 11-05 环境卫生, dispatched to 工程部, handled in time, 基本满意 → 已办结
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCreateInput, ComplaintDetail, ComplaintListQuery, MonthlyReport } from '../../src-preload/contract';
import { ulid } from '../../src-main/lib/ulid';
import { monthlyReportData } from '../../src-main/services/reports.service';
import { findPrintFile } from '../../src-main/services/print-store';
import { openTestApp, type TestApp } from '../helpers/app';
import { requirePoppler, squeezed } from '../helpers/pdf';
import { allowTestClock, complaintIn, setNow, setUpLifecycleOffice, step, unpinClock, type Office } from './lifecycle-fixtures';

const AS_OF = '2026-12-01 09:00';
let app: TestApp;
const c: Record<string, ComplaintDetail> = {};
const offices: Record<'YGHA' | 'DFYA' | 'HQXB', Office> = {} as never;

/**
 * Another office as the merge records it: its `offices` row and its own directory (departments,
 * categories, the staff the steps need), each row marked with the office's code.
 */
function mergedOffice(code: string, name: string): Office {
  const db = app.ctx.db;
  const at = '2026-10-01T00:00:00.000Z';
  db.prepare('INSERT INTO offices (code, name, time_zone, last_exported_at, last_imported_at) VALUES (?, ?, ?, ?, ?)').run(code, name, 'Asia/Shanghai', at, at);
  const entry = (table: 'departments' | 'categories', entryName: string, order: number) => {
    const id = ulid();
    db.prepare(`INSERT INTO ${table} (id, name, sort_order, active, created_at, updated_at, office_code) VALUES (?, ?, ?, 1, ?, ?, ?)`).run(id, entryName, order, at, at, code);
    return id;
  };
  const person = (personName: string, departmentId: string, role: string) => {
    const id = ulid();
    db.prepare('INSERT INTO staff (id, name, department_id, role, phone, active, created_at, updated_at, office_code) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)').run(
      id,
      personName,
      departmentId,
      role,
      '',
      at,
      at,
      code,
    );
    return id;
  };
  const customerService = entry('departments', '客服中心', 1);
  const engineering = entry('departments', '工程部', 2);
  const cleaning = entry('departments', '环境部', 3);
  const security = entry('departments', '秩序维护部', 4);
  const quality = entry('categories', '工程质量', 1);
  const hygiene = entry('categories', '环境卫生', 2);
  const fees = entry('categories', '收费', 3);
  return {
    receiverId: person(`${name.slice(0, 2)}前台`, customerService, 'reception'),
    receptionName: `${name.slice(0, 2)}前台`,
    customerService,
    engineering,
    cleaning,
    security,
    quality,
    hygiene,
    fees,
    handlerId: person(`${name.slice(0, 2)}维修工`, engineering, 'handler'),
    supervisorId: person(`${name.slice(0, 2)}主管`, customerService, 'supervisor'),
    deptHeadId: person(`${name.slice(0, 2)}经理`, engineering, 'department_head'),
  };
}

/** Take complaints in as office `code`: the desk's code decides the number and office_code. */
function asOffice(code: string, work: () => void): void {
  app.ok('settings:update', { officeCode: code });
  try {
    work();
  } finally {
    app.ok('settings:update', { officeCode: 'YGHA' });
  }
}

/** A complaint received at 09:00 on `day`, walked to `status` at 09:05 (every step in time). */
function walk(key: string, office: Office, day: string, status: Parameters<typeof complaintIn>[2], overrides: Partial<ComplaintCreateInput> = {}) {
  setNow(app, `${day} 09:05`);
  c[key] = complaintIn(app, office, status, `${day} 09:05`, { receivedAt: `${day} 09:00`, requestedReplyAt: '', urgency: 'normal', ...overrides });
}

beforeAll(() => {
  allowTestClock();
  app = openTestApp();
  offices.YGHA = setUpLifecycleOffice(app);
  offices.DFYA = mergedOffice('DFYA', '东方雅苑服务中心');
  offices.HQXB = mergedOffice('HQXB', '和谐小区服务中心');
  const { YGHA, DFYA, HQXB } = offices;

  walk('Y1', YGHA, '2026-11-02', 'closed', { description: '阳光花园：卫生间天花板漏水' });
  walk('Y2', YGHA, '2026-11-10', 'registered', { description: '阳光花园：垃圾桶满溢无人清运', categoryId: YGHA.hygiene, complainedDepartmentId: YGHA.engineering });
  asOffice('DFYA', () => {
    walk('D1', DFYA, '2026-11-03', 'closed', { description: '东方雅苑：外墙渗水', categoryId: DFYA.quality, complainedDepartmentId: DFYA.engineering });
    walk('D2', DFYA, '2026-11-04', 'invalid', { description: '东方雅苑：要求退还装修押金', categoryId: DFYA.fees, complainedDepartmentId: DFYA.cleaning });
    c.D2 = step(app, DFYA, 'notifyInvalid', c.D2!, { at: '2026-11-04 09:05', method: 'phone' }, DFYA.receiverId);
    walk('D3', DFYA, '2026-11-20', 'registered', { description: '东方雅苑：地下车库顶板漏水', categoryId: DFYA.quality, complainedDepartmentId: DFYA.engineering, severity: 'major' });
  });
  asOffice('HQXB', () => {
    walk('H0', HQXB, '2026-10-28', 'registered', { description: '和谐小区：物业费账单有误', categoryId: HQXB.fees, complainedDepartmentId: '' });
    walk('H1', HQXB, '2026-11-05', 'handled', { description: '和谐小区：楼道灯不亮', categoryId: HQXB.hygiene, complainedDepartmentId: HQXB.cleaning });
    c.H1 = step(app, HQXB, 'followUp', c.H1!, { at: '2026-11-05 09:05', method: 'phone', visitorId: HQXB.receiverId, personVisited: '业主本人', opinion: '', satisfaction: 'basically_satisfied' }, HQXB.receiverId);
  });
  setNow(app, AS_OF);
});
afterAll(() => {
  unpinClock(app);
  app.close();
});

const numbers = (...keys: string[]) => keys.map((k) => c[k]!.complaint.number);
const list = (query: ComplaintListQuery) => app.ok('complaints:list', query);

describe('the set-up', () => {
  it('left three offices in one database, each complaint numbered and marked with its own office', () => {
    expect(app.ok('offices:list').map((o) => [o.code, o.name, o.local, o.complaintCount])).toEqual([
      ['YGHA', '阳光花园服务中心', true, 2],
      ['DFYA', '东方雅苑服务中心', false, 3],
      ['HQXB', '和谐小区服务中心', false, 2],
    ]);
    expect(Object.fromEntries(Object.entries(c).map(([k, d]) => [k, [d.complaint.number.slice(0, 4), d.complaint.officeCode, d.complaint.status]]))).toEqual({
      Y1: ['YGHA', 'YGHA', 'closed'],
      Y2: ['YGHA', 'YGHA', 'registered'],
      D1: ['DFYA', 'DFYA', 'closed'],
      D2: ['DFYA', 'DFYA', 'closed'],
      D3: ['DFYA', 'DFYA', 'registered'],
      H0: ['HQXB', 'HQXB', 'registered'],
      H1: ['HQXB', 'HQXB', 'closed'],
    });
    // The intake and settings screens still see only this office's directory.
    expect(app.ok('departments:list', {}).filter((d) => d.name === '工程部')).toEqual([expect.objectContaining({ id: offices.YGHA.engineering })]);
    expect(app.ok('settings:get').officeCode).toBe('YGHA');
  });
});

describe('register (complaints:list) by office', () => {
  it('lists only the chosen office\'s complaints, with their office code; the offices add up to all', () => {
    const all = list({});
    expect(all.total).toBe(7);
    const byOffice = Object.fromEntries(
      (['YGHA', 'DFYA', 'HQXB'] as const).map((code) => {
        const page = list({ officeCode: code });
        expect(page.items.every((r) => r.officeCode === code && r.number.startsWith(`${code}-`)), code).toBe(true);
        expect(page.total).toBe(page.items.length);
        return [code, page.items.map((r) => r.number)];
      }),
    );
    // Newest first, as the register always lists.
    expect(byOffice).toEqual({ YGHA: numbers('Y2', 'Y1'), DFYA: numbers('D3', 'D2', 'D1'), HQXB: numbers('H1', 'H0') });
    expect(Object.values(byOffice).flat().sort()).toEqual(all.items.map((r) => r.number).sort());
    // '' is every office, like no filter; a lower-case code is the same office.
    expect(list({ officeCode: '' }).total).toBe(7);
    expect(list({ officeCode: 'dfya' }).total).toBe(3);
    expect(list({ officeCode: 'ZZZZ' }).total).toBe(0);
  });

  it('combines the office with the other filters and the text search', () => {
    const dfya = app.ok('offices:directory', { officeCode: 'DFYA' });
    const dfyaEngineering = dfya.departments.find((d) => d.name === '工程部')!.id;
    expect(list({ officeCode: 'DFYA', departmentId: dfyaEngineering }).items.map((r) => r.number)).toEqual(numbers('D3', 'D1'));
    expect(list({ officeCode: 'DFYA', status: ['registered'] }).items.map((r) => r.number)).toEqual(numbers('D3'));
    expect(list({ officeCode: 'YGHA', receivedFrom: '2026-11-01', receivedTo: '2026-11-30' }).items.map((r) => r.number)).toEqual(numbers('Y2', 'Y1'));
    // 漏水 (two characters, bigram index) and 顶板漏水 (trigram index): Y1 and D3 overall, one per office.
    expect(list({ text: '漏水' }).items.map((r) => r.number)).toEqual(numbers('D3', 'Y1'));
    expect(list({ officeCode: 'YGHA', text: '漏水' }).items.map((r) => r.number)).toEqual(numbers('Y1'));
    expect(list({ officeCode: 'DFYA', text: '顶板漏水' }).items.map((r) => r.number)).toEqual(numbers('D3'));
    expect(list({ officeCode: 'HQXB', text: '漏水' }).total).toBe(0);
  });

  it('offers each office\'s own departments and categories as filter choices', () => {
    const names = (code: string) => {
      const d = app.ok('offices:directory', { officeCode: code });
      return { departments: d.departments.map((x) => x.name), categories: d.categories.map((x) => x.name) };
    };
    expect(names('DFYA')).toEqual({ departments: ['客服中心', '工程部', '环境部', '秩序维护部'], categories: ['工程质量', '环境卫生', '收费'] });
    // This office's directory is its own rows (office_code ''), the same as the settings screen lists.
    expect(app.ok('offices:directory', { officeCode: 'YGHA' }).departments.map((d) => d.id)).toEqual(app.ok('departments:list', { includeInactive: true }).map((d) => d.id));
    const ids = (code: string) => app.ok('offices:directory', { officeCode: code }).departments.map((d) => d.id);
    expect(ids('DFYA').filter((id) => ids('HQXB').includes(id))).toEqual([]);
    const unknown = app.call('offices:directory', { officeCode: 'ZZZZ' });
    expect(unknown.ok ? null : unknown.error).toEqual({
      code: 'VALIDATION',
      key: 'office.unknown',
      params: { code: 'ZZZZ' },
      message: '本机没有代码为 ZZZZ 的服务中心的记录',
      field: 'officeCode',
    });
  });
});

describe('deadline board by office', () => {
  const cards = (officeCode?: string) => {
    const board = app.ok('board:get', officeCode === undefined ? {} : { officeCode });
    return Object.values(board.columns).flat().map((card) => card.number).sort();
  };

  it('shows only the chosen office\'s open complaints, and every office\'s for all', () => {
    // Asked in turn on one connection: the remembered rows must never leak one office's board into another's.
    expect(cards('HQXB')).toEqual(numbers('H0'));
    expect(cards('DFYA')).toEqual(numbers('D3'));
    expect(cards('YGHA')).toEqual(numbers('Y2'));
    expect(cards()).toEqual(numbers('D3', 'H0', 'Y2').sort());
    expect(cards('HQXB')).toEqual(numbers('H0'));
  });

  it('counts by department name across offices (each office has its own 工程部)', () => {
    const board = app.ok('board:get', {});
    // Y2 (阳光花园's 工程部) and D3 (东方雅苑's 工程部) are overdue; H0 names no department.
    expect(board.byDepartment.map((r) => [r.departmentName, r.counts.overdue])).toEqual([
      ['工程部', 2],
      ['', 1],
    ]);
    expect(app.ok('board:get', { officeCode: 'DFYA' }).byDepartment.map((r) => [r.departmentName, r.counts.overdue])).toEqual([['工程部', 1]]);
  });
});

describe('monthly report by office, and for all offices', () => {
  /** The data behind print:monthlyReport (its PDF is checked below). */
  const report = (officeCode?: string) => monthlyReportData(app.ctx, { month: '2026-11', ...(officeCode !== undefined && { officeCode }) });

  it('all offices: one row per office, with figures worked out by hand, adding up to the consolidated ones', () => {
    const r = report();
    expect(r.officeName).toBe('全部服务中心');
    expect(r.officeCode).toBe('');
    const rows = r.byOffice.map((o) => ({
      office: `${o.officeName}（${o.officeCode}）`,
      received: o.totals.total,
      valid: o.totals.valid,
      invalid: o.totals.invalid,
      major: o.totals.major,
      closed: o.closed,
      onTime: [o.onTime.count, o.onTime.of],
      followUp: [o.followUp.count, o.followUp.of],
      satisfaction: [o.satisfaction.count, o.satisfaction.of],
    }));
    expect(rows).toEqual([
      // Y1 in time; Y2 overdue (late). Y1 followed up: 满意.
      { office: '阳光花园服务中心（YGHA）', received: 2, valid: 2, invalid: 0, major: 0, closed: 1, onTime: [1, 2], followUp: [1, 1], satisfaction: [1, 1] },
      // D1 in time; D2 invalid (neither); D3 major, overdue (late).
      { office: '东方雅苑服务中心（DFYA）', received: 3, valid: 2, invalid: 1, major: 1, closed: 2, onTime: [1, 2], followUp: [1, 1], satisfaction: [1, 1] },
      // H1 in time, 基本满意; H0 is October's.
      { office: '和谐小区服务中心（HQXB）', received: 1, valid: 1, invalid: 0, major: 0, closed: 1, onTime: [1, 1], followUp: [1, 1], satisfaction: [1, 1] },
    ]);
    expect(r.totals).toEqual({
      total: 6,
      valid: 5,
      invalid: 1,
      major: 1,
      closedOnTime: 3,
      closedLate: 2,
      followUpOwed: 3,
      followedUp: 3,
      followUpImpossible: 0,
      satisfied: 2,
      basicallySatisfied: 1,
      unsatisfied: 0,
    });
    for (const key of Object.keys(r.totals) as (keyof typeof r.totals)[]) {
      expect(r.byOffice.reduce((s, o) => s + o.totals[key], 0), key).toBe(r.totals[key]);
    }
  });

  it('all offices: categories and departments add up by name across offices', () => {
    const r = report();
    const counted = (t: MonthlyReport['byCategory']) => Object.fromEntries(t.filter((x) => x.count > 0).map((x) => [x.name, [x.count, x.onTime, x.late]]));
    // 工程质量: Y1, D1 (in time), D3 (late); 环境卫生: Y2 (late), H1 (in time); 收费: D2 (invalid).
    expect(counted(r.byCategory)).toEqual({ 工程质量: [3, 2, 1], 环境卫生: [2, 1, 1], 收费: [1, 0, 0] });
    // Responsible department: Y1, D1, H1 dispatched to their 工程部; Y2, D3 complained about theirs; D2 about 环境部.
    expect(counted(r.byDepartment)).toEqual({ 工程部: [5, 3, 2], 环境部: [1, 0, 0] });
    expect(r.byCategory.filter((x) => x.name === '工程质量')).toHaveLength(1);
    expect(r.byDepartment.filter((x) => x.name === '工程部')).toHaveLength(1);
    // The follow-up and satisfaction rates of the whole, last month's beside them (H0 only in October: nothing owed).
    expect(r.rates.followUp.current).toEqual({ count: 3, of: 3, rate: 1 });
    expect(r.rates.satisfaction.current).toEqual({ count: 3, of: 3, rate: 1 });
    expect(r.majors.map((x) => x.number)).toEqual(numbers('D3'));
    // Every complaint here has the same room and phone. D3 repeats D1 (same office, category, room);
    // Y1 and D1 share the category's name but are two estates' rooms: not a repeat.
    expect(r.rates.repeat.current).toEqual({ count: 1, of: 6, rate: 1 / 6 });
    // Five valid complaints in a 3栋, but two, two and one per estate: no building recurs.
    expect(r.recurring).toEqual([]);
  });

  it('one office: only its figures, its own lists, no per-office table', () => {
    const r = report('DFYA');
    expect(r.officeName).toBe('东方雅苑服务中心');
    expect(r.officeCode).toBe('DFYA');
    expect(r.byOffice).toEqual([]);
    expect(r.totals).toMatchObject({ total: 3, valid: 2, invalid: 1, major: 1, closedOnTime: 1, closedLate: 1, followUpOwed: 1, followedUp: 1, satisfied: 1 });
    expect(r.byCategory.map((x) => [x.name, x.count])).toEqual([
      ['工程质量', 2],
      ['环境卫生', 0],
      ['收费', 1],
    ]);
    const ygha = report('YGHA');
    expect(ygha.officeName).toBe('阳光花园服务中心');
    expect(ygha.totals).toMatchObject({ total: 2, closedOnTime: 1, closedLate: 1 });
    expect(ygha.majors).toEqual([]);
  });
});

describe('PDFs name the office they are for', () => {
  beforeAll(() => requirePoppler());
  /** What pdftotext reads off the PDF main rendered, white space removed; raw: cell by cell, as drawn. */
  const textOf = (printId: string) => squeezed(findPrintFile(app.dataDir, printId)!.path, 'raw');

  it('register of one office: its name in the header, only its complaints', async () => {
    const pdf = await app.invokeOk('print:register', { from: '2026-11-01', to: '2026-11-30', officeCode: 'DFYA' });
    expect(pdf.fileName).toBe('投诉记录表_DFYA_2026-11-01~2026-11-30.pdf');
    const text = textOf(pdf.printId);
    expect(text).toContain('东方雅苑服务中心投诉记录表');
    expect(text).not.toContain('阳光花园服务中心');
    for (const n of numbers('D1', 'D2', 'D3')) expect(text).toContain(n);
    for (const n of numbers('Y1', 'Y2', 'H1')) expect(text).not.toContain(n);
    expect(text).toContain('本期共3件');
  });

  it('register of all offices: 全部服务中心 in the header, every office\'s complaints', async () => {
    const pdf = await app.invokeOk('print:register', { from: '2026-11-01', to: '2026-11-30' });
    const text = textOf(pdf.printId);
    expect(text).toContain('全部服务中心投诉记录表');
    for (const n of numbers('Y1', 'Y2', 'D1', 'D2', 'D3', 'H1')) expect(text).toContain(n);
    expect(text).toContain('本期共6件');
  });

  it('monthly report of all offices: a line per office and the 合计 line', async () => {
    const pdf = await app.invokeOk('print:monthlyReport', { month: '2026-11' });
    const text = textOf(pdf.printId);
    expect(text).toContain('全部服务中心月度投诉统计报表');
    // 服务中心 | 受理 有效 无效 重大 已办结 | 按时办结率 | 回访率 | 满意率, one line per office, then 合计.
    expect(text).toContain('各服务中心情况服务中心受理有效无效重大已办结按时办结率回访率满意率');
    expect(text).toContain('阳光花园服务中心（YGHA）22001' + '50%（1/2）100%（1/1）100%（1/1）');
    expect(text).toContain('东方雅苑服务中心（DFYA）32112' + '50%（1/2）100%（1/1）100%（1/1）');
    expect(text).toContain('和谐小区服务中心（HQXB）11001' + '100%（1/1）100%（1/1）100%（1/1）');
    expect(text).toContain('合计65114' + '60%（3/5）100%（3/3）100%（3/3）');
    // The consolidated tables add the offices' 工程部 rows up into one.
    expect(text).toContain('工程部583.3%32');
  });

  it('monthly report of one office: its name, no per-office table', async () => {
    const pdf = await app.invokeOk('print:monthlyReport', { month: '2026-11', officeCode: 'HQXB' });
    expect(pdf.fileName).toBe('月度投诉统计报表_HQXB_2026-11.pdf');
    const text = textOf(pdf.printId);
    expect(text).toContain('和谐小区服务中心月度投诉统计报表');
    expect(text).not.toContain('各服务中心情况');
    expect(text).toContain('本月共1件');
  });

  it('refuses an office this database has no records of, in Chinese', async () => {
    const refused = await app.invoke('print:monthlyReport', { month: '2026-11', officeCode: 'ZZZZ' });
    expect(refused.ok ? null : refused.error.message).toBe('本机没有代码为 ZZZZ 的服务中心的记录');
  });
});
