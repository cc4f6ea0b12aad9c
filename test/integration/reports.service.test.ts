/**
 * The register print and the monthly report from a real database: complaints walked through the
 * procedure with the test clock across October and November 2026, then every figure checked
 * against numbers worked out by hand (see the definitions in src-preload/contract/report.schema.ts)
 * and, for the deadlines, against the states the complaint screens show.
 *
 * 2026-11-01 is a Sunday. Working days used below: Nov 2–6, 9–13, 16–20, 23–27, 30; Dec 1.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintCreateInput, ComplaintDetail, MonthlyReport, RegisterPrintInput } from '../../src-preload/contract';
import { monthlyReportInputSchema, registerPrintInputSchema } from '../../src-preload/contract';
import { monthlyReportData, registerPrintData } from '../../src-main/services/reports.service';
import { openTestApp, phoneComplaint, setUpOffice } from '../helpers/app';
import { create, refresh, setNow, step, useOffice } from './lifecycle-fixtures';

const env = useOffice();
const AS_OF = '2026-12-01 09:00';

/** A complaint received at `receivedAt` (the clock is set just after it), with no requested reply time. */
function receive(receivedAt: string, overrides: Partial<ComplaintCreateInput>): ComplaintDetail {
  setNow(env.app, receivedAt);
  return create(env.app, env.office, { receivedAt, requestedReplyAt: '', urgency: 'normal', ...overrides });
}

/** One step with the clock at `now`. */
function at(now: string, d: ComplaintDetail, action: Parameters<typeof step>[2], extra: Record<string, unknown> = {}, actorId?: string): ComplaintDetail {
  setNow(env.app, now);
  return step(env.app, env.office, action, d, extra, actorId);
}

const c: Record<string, ComplaintDetail> = {};

beforeAll(() => {
  const { office } = env;
  const handled = (d: ComplaintDetail, now: string, completedAt: string, measures: string, result: string) =>
    at(now, d, 'recordResult', { handlerId: office.handlerId, measures, result, completedAt });
  const followUp = (d: ComplaintDetail, when: string, satisfaction: string) =>
    at(when, d, 'followUp', { at: when, method: 'phone', visitorId: office.receiverId, personVisited: '业主本人', opinion: '', satisfaction });

  // October: one complaint handled in time; one taken in at the last minute of the month and never touched.
  let d = receive('2026-10-10 09:00', { description: '十月：卫生间漏水', phone: '13800000001' });
  d = at('2026-10-10 09:10', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-10-10 09:20', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-10-10 09:20' });
  d = handled(d, '2026-10-12 10:00', '2026-10-12 10:00', '更换水管', '已修复');
  c.O1 = followUp(d, '2026-10-13 10:00', 'satisfied');
  c.O2 = receive('2026-10-31 23:59', { description: '十月末：垃圾未清运', categoryId: office.hygiene, building: '5栋', unit: '1单元', room: '101', phone: '13800000002' });

  // N1, the first minute of November: the same room and category as O1 three weeks before (a repeat). All in time.
  d = receive('2026-11-01 00:00', { description: '楼上漏水，卫生间天花板滴水', phone: '13800000011' });
  d = at('2026-11-01 00:10', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-01 00:20', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-01 00:20' });
  d = handled(d, '2026-11-02 10:00', '2026-11-02 10:00', '更换破损水管', '已修复，不再滴水');
  c.N1 = followUp(d, '2026-11-03 10:00', 'satisfied');

  // N2, major: dispatched 20 minutes after intake (10 allowed), reported in time, first round finished
  // late (due Nov 10), unsatisfied; second round dispatched in time (5 minutes) and in time (due Nov 18), satisfied; summarised.
  d = receive('2026-11-05 10:00', { description: '外墙渗水导致室内墙面发霉', severity: 'major', unit: '1单元', room: '201', phone: '13800000012' });
  d = at('2026-11-05 10:30', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-05 10:30', d, 'escalate', { level: 'director', reason: '业主要求赔偿，报主任' });
  d = at('2026-11-05 10:40', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-05 10:40' });
  d = handled(d, '2026-11-12 10:00', '2026-11-12 10:00', '外墙打胶修补', '渗水减轻');
  d = followUp(d, '2026-11-13 10:00', 'unsatisfied');
  d = at('2026-11-13 10:05', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-13 10:20', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-13 10:20' });
  d = handled(d, '2026-11-16 16:00', '2026-11-16 15:00', '重做外墙防水层', '闭水试验无渗漏');
  d = followUp(d, '2026-11-17 10:00', 'satisfied');
  c.N2 = at('2026-11-17 11:00', d, 'summarize', { summary: '外墙防水老化', improvement: '雨季前巡查外墙' });

  // N3, important, by letter, about 秩序维护部 but handled by 工程部; reported in time; the follow-up proved impossible.
  d = receive('2026-11-10 09:00', { description: '地下车库顶板漏水滴到车上', channel: 'letter', severity: 'important', complainedDepartmentId: office.security, phone: '13800000011' });
  d = at('2026-11-10 09:20', d, 'dispatch', { departmentId: office.engineering });
  d = at('2026-11-10 09:30', d, 'escalate', { level: 'supervisor', reason: '重要投诉，报客服主管' });
  d = at('2026-11-10 09:40', d, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-10 09:40' });
  d = handled(d, '2026-11-10 15:00', '2026-11-10 15:00', '封堵顶板裂缝', '已不再滴水');
  c.N3 = at('2026-11-11 09:00', d, 'followUpImpossible', { reason: '业主出国，电话无人接听', supervisorId: env.office.supervisorId });

  // N4, a visit judged invalid; the complainant told in time.
  d = receive('2026-11-11 09:00', { description: '要求物业赔偿自家装修损坏', channel: 'visit', categoryId: office.hygiene, building: '7栋', unit: '', room: '', phone: '13800000014' });
  d = at('2026-11-11 09:30', d, 'markInvalid', { reason: '属业主自家装修造成' });
  c.N4 = at('2026-11-11 10:00', d, 'notifyInvalid', { at: '2026-11-11 10:00', method: 'phone' });

  // N5, never dispatched: everything overdue by Dec 1. N6, the last minute of November, minor, online, no department.
  c.N5 = receive('2026-11-20 09:00', { description: '物业费账单金额有误', categoryId: office.fees, complainedDepartmentId: office.cleaning, unit: '3单元', room: '301', phone: '13800000015' });
  c.N6 = receive('2026-11-30 23:59', { description: '小区路灯不亮', channel: 'online', severity: 'minor', categoryId: office.hygiene, complainedDepartmentId: '', building: '', unit: '', room: '', phone: '' });
  // December: outside both months.
  c.D1 = receive('2026-12-01 00:00', { description: '十二月：电梯异响', phone: '13800000016' });
  for (const k of Object.keys(c)) c[k] = refresh(env.app, c[k]!);
});

beforeEach(() => setNow(env.app, AS_OF));

const register = (input: Partial<RegisterPrintInput> = {}) =>
  registerPrintData(env.app.ctx, registerPrintInputSchema.parse({ from: '2026-11-01', to: '2026-11-30', ...input }));
const monthly = (month: string): MonthlyReport => monthlyReportData(env.app.ctx, monthlyReportInputSchema.parse({ month }));
const numbers = (...keys: string[]) => keys.map((k) => c[k]!.complaint.number);

describe('the walk', () => {
  it('left the complaints where the figures below assume', () => {
    expect(Object.fromEntries(Object.entries(c).map(([k, d]) => [k, d.complaint.status]))).toEqual({
      O1: 'closed',
      O2: 'registered',
      N1: 'closed',
      N2: 'closed',
      N3: 'closed',
      N4: 'closed',
      N5: 'registered',
      N6: 'registered',
      D1: 'registered',
    });
    expect(c.N2!.process.deadlines.filter((d) => d.kind === 'resolution').map((d) => [d.dueAt, d.state])).toEqual([
      ['2026-11-10 23:59', 'late'],
      ['2026-11-18 23:59', 'met'],
    ]);
  });
});

describe('月度投诉统计报表', () => {
  it('counts the month by received time, boundaries included, and totals as the register line does', () => {
    const r = monthly('2026-11');
    expect(r.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(r.officeName).toBe('阳光花园服务中心');
    expect(r.asOf).toBe(AS_OF);
    expect(r.totals).toEqual({
      total: 6,
      valid: 5,
      invalid: 1,
      major: 1,
      closedOnTime: 2, // N1, N3
      closedLate: 2, // N2 (first round), N5 (overdue)
      followUpOwed: 3, // N1, N2, N3
      followedUp: 2,
      followUpImpossible: 1,
      satisfied: 2, // N2's last word counts: 满意
      basicallySatisfied: 0,
      unsatisfied: 0,
    });
    expect(register().totals).toEqual(r.totals);
  });

  it('tables by category, responsible department, channel and severity: count, share, on time, late', () => {
    const r = monthly('2026-11');
    const rows = (t: MonthlyReport['byCategory']) => Object.fromEntries(t.filter((x) => x.count > 0).map((x) => [x.name, [x.count, x.onTime, x.late]]));
    expect(rows(r.byCategory)).toEqual({ 工程质量: [3, 2, 1], 环境卫生: [2, 0, 0], 收费: [1, 0, 1] });
    // N3 complained about 秩序维护部 but 工程部 handled it; N4 was never dispatched (the department complained about).
    expect(rows(r.byDepartment)).toEqual({ 工程部: [4, 2, 1], 环境部: [1, 0, 1], 未指定部门: [1, 0, 0] });
    expect(rows(r.byChannel)).toEqual({ 来电: [3, 1, 2], 来函: [1, 1, 0], 来访: [1, 0, 0], '网络/微信': [1, 0, 0] });
    expect(rows(r.bySeverity)).toEqual({ 轻微: [1, 0, 0], 一般: [3, 1, 1], 重要: [1, 1, 0], 重大: [1, 0, 1] });
    // Every category and channel is listed, zeros too, in the lists' order; shares add up to the whole.
    expect(r.byCategory.map((x) => x.name)).toEqual(['工程质量', '服务质量', '安全秩序', '环境卫生', '设施设备', '收费', '装修', '邻里纠纷', '其他']);
    expect(r.byChannel.map((x) => x.name)).toEqual(['来电', '来访', '来函', '网络/微信', '意见箱', '问卷调查', '员工反馈/巡查']);
    expect(r.byCategory.find((x) => x.name === '工程质量')!.share).toBeCloseTo(0.5);
    for (const table of [r.byCategory, r.byDepartment, r.byChannel, r.bySeverity]) {
      expect(table.reduce((s, x) => s + x.count, 0)).toBe(6);
      expect(table.reduce((s, x) => s + (x.share ?? 0), 0)).toBeCloseTo(1);
    }
  });

  it('on-time rate per stage: met by the due time, late after it or still open past it; cancelled stages left out', () => {
    const r = monthly('2026-11');
    const stages = Object.fromEntries(r.rates.onTime.map((s) => [s.stage, [s.current.count, s.current.of]]));
    expect(stages).toEqual({
      答复: [2, 4], // N1, N3 handled within 2 working days; N2's result late; N5 overdue; N6 not yet due; N4 cancelled
      首次响应: [3, 4], // N1, N2, N3 signed for within 24 hours; N5 overdue; N6 not yet due; N4 cancelled
      明确答复: [0, 1], // N2 (major): no result within 24 hours
      上报: [2, 2], // N2, N3
      派单: [3, 6], // N1, N3, N2 round 2 in time; N2 round 1 20 minutes late; N5, N6 overdue
      处理完成: [3, 5], // N1, N2 round 2, N3; N2 round 1 late, N5 overdue; N6 not yet due
      回访: [3, 3], // N1, N2 twice; N3's was cancelled as impossible
      无效告知: [1, 1],
    });
    // The same outcomes the complaint screens show, counted independently from each complaint's deadlines.
    const november = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6'].flatMap((k) => refresh(env.app, c[k]!).process.deadlines);
    for (const s of r.rates.onTime) {
      const of = november.filter((d) => d.kind === s.kind);
      expect([s.current.count, s.current.of], s.stage).toEqual([
        of.filter((d) => d.state === 'met').length,
        of.filter((d) => ['met', 'late', 'overdue'].includes(d.state)).length,
      ]);
    }
    expect(r.rates.onTime.find((s) => s.kind === 'dispatch')!.current.rate).toBeCloseTo(0.5);
  });

  it('follow-up, satisfaction and repeat rates, each with last month\'s', () => {
    const r = monthly('2026-11');
    expect(r.rates.followUp).toEqual({ current: { count: 2, of: 3, rate: 2 / 3 }, previous: { count: 1, of: 1, rate: 1 }, goal: 1 });
    expect(r.rates.satisfaction).toEqual({ current: { count: 2, of: 2, rate: 1 }, previous: { count: 1, of: 1, rate: 1 } });
    // N1 repeats O1 (same room and category, 22 days before, last month); N3 repeats N1 by phone.
    expect(r.rates.repeat).toEqual({ current: { count: 2, of: 6, rate: 2 / 6 }, previous: { count: 0, of: 2, rate: 0 } });
    // October's stages: O1 in time, O2 overdue at every stage. O2, never touched, became major when
    // its month was up (11-30 23:59): its report upward is overdue, its definite reply not yet due.
    const october = Object.fromEntries(r.rates.onTime.map((s) => [s.kind, [s.previous.count, s.previous.of]]));
    expect(october).toMatchObject({ dispatch: [1, 2], response: [1, 2], first_response: [1, 2], definite_reply: [0, 0], resolution: [1, 2], follow_up: [1, 1], report: [0, 1] });
    expect(r.rates.onTime.find((s) => s.kind === 'definite_reply')!.previous.rate).toBeNull();
  });

  it('lists the major complaints: what happened, what was done, the outcome and the summary', () => {
    const r = monthly('2026-11');
    expect(r.majors).toEqual([
      {
        number: c.N2!.complaint.number,
        receivedAt: '2026-11-05 10:00',
        room: '3栋1单元201',
        category: '工程质量',
        department: '工程部',
        description: '外墙渗水导致室内墙面发霉',
        measures: ['第1轮（工程部）：外墙打胶修补', '第2轮（工程部）：重做外墙防水层', '2026-11-05 10:30 上报服务中心主任'],
        outcome: '闭水试验无渗漏；回访：满意；状态：已办结',
        summary: '外墙防水老化',
        improvement: '雨季前巡查外墙',
      },
    ]);
  });

  it('finds recurring problems: the same building or category 3 times or more, valid complaints, with the measures taken', () => {
    const r = monthly('2026-11');
    expect(r.recurring).toEqual([
      {
        kind: 'building',
        name: '3栋',
        count: 4,
        numbers: numbers('N1', 'N2', 'N3', 'N5'),
        measures: [
          `${c.N1!.complaint.number}：更换破损水管`,
          `${c.N2!.complaint.number}：外墙打胶修补`,
          `${c.N2!.complaint.number} 第2轮：重做外墙防水层`,
          `${c.N3!.complaint.number}：封堵顶板裂缝`,
        ],
      },
      {
        kind: 'category',
        name: '工程质量',
        count: 3,
        numbers: numbers('N1', 'N2', 'N3'),
        measures: [`${c.N1!.complaint.number}：更换破损水管`, `${c.N2!.complaint.number}：外墙打胶修补`, `${c.N2!.complaint.number} 第2轮：重做外墙防水层`, `${c.N3!.complaint.number}：封堵顶板裂缝`],
      },
    ]);
    // 环境卫生 has N4 (invalid) and N6 only: not recurring.
    expect(r.recurring.map((p) => p.name)).not.toContain('环境卫生');
  });

  it('a month without complaints reads as zeros and empty lists, rates as nothing to count', () => {
    const r = monthly('2027-02');
    expect(r.period).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(r.totals.total).toBe(0);
    expect(r.byCategory.every((x) => x.count === 0 && x.share === null)).toBe(true);
    expect(r.byDepartment.map((x) => x.name)).not.toContain('未指定部门');
    expect(r.rates.followUp.current).toEqual({ count: 0, of: 0, rate: null });
    expect(r.majors).toEqual([]);
    expect(r.recurring).toEqual([]);
    // Last month across a year end: January 2027 compares with December 2026, where D1 repeats N3
    // (same room and category 21 days before, in another month).
    expect(monthly('2027-01').rates.repeat.previous).toEqual({ count: 1, of: 1, rate: 1 });
  });
});

describe('投诉记录表 for a period', () => {
  it('lists the period\'s complaints oldest first, both boundary days included', () => {
    const data = register();
    expect(data.rows.map((r) => r.number)).toEqual(numbers('N1', 'N2', 'N3', 'N4', 'N5', 'N6'));
    expect(data.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(data.filters).toBe('');
    expect(register({ from: '2026-10-31', to: '2026-11-01' }).rows.map((r) => r.number)).toEqual(numbers('O2', 'N1'));
    expect(register({ from: '2026-12-01', to: '2026-12-01' }).rows.map((r) => r.number)).toEqual(numbers('D1'));
  });

  it('prints every column as the paper has it', () => {
    const rows = Object.fromEntries(register().rows.map((r) => [r.number, r]));
    expect(rows[c.N2!.complaint.number]).toEqual({
      seq: 2,
      complaintId: c.N2!.complaint.id,
      number: c.N2!.complaint.number,
      receivedAt: '2026-11-05 10:00',
      complainantName: '张伟',
      room: '3栋1单元201',
      phone: '138****0012',
      channel: '来电',
      category: '工程质量',
      description: '外墙渗水导致室内墙面发霉',
      department: '工程部',
      receiver: '周晓雯',
      severity: '重大',
      result: '第1轮：渗水减轻\n第2轮：闭水试验无渗漏',
      followUp: '11-13 电话 不满意\n11-17 电话 满意',
      status: '已办结',
      notes: '已上报服务中心主任',
      remark: '已办结；已上报服务中心主任',
    });
    expect(rows[c.N3!.complaint.number]).toMatchObject({ channel: '来函', department: '秩序维护部', severity: '重要', followUp: '无法回访：业主出国，电话无人接听', remark: '已办结；已上报客服主管' });
    expect(rows[c.N4!.complaint.number]).toMatchObject({ channel: '来访', room: '7栋', result: '', followUp: '', status: '已办结', notes: '无效原因：属业主自家装修造成', remark: '已办结；无效原因：属业主自家装修造成' });
    expect(rows[c.N6!.complaint.number]).toMatchObject({ room: '', phone: '', department: '', result: '', followUp: '', remark: '已登记', severity: '轻微', channel: '网络/微信' });
  });

  it('masks phone numbers unless the desk asks for its own copy', () => {
    expect(register().rows[0]!.phone).toBe('138****0011');
    expect(register({ maskPhone: false }).rows[0]!.phone).toBe('13800000011');
  });

  it('applies the register\'s filters and names them', () => {
    const { office } = env;
    const pick = (input: Partial<RegisterPrintInput>) => register(input).rows.map((r) => r.number);
    expect(pick({ status: ['registered'] })).toEqual(numbers('N5', 'N6'));
    expect(pick({ departmentId: office.security })).toEqual(numbers('N3'));
    expect(pick({ categoryId: office.hygiene })).toEqual(numbers('N4', 'N6'));
    expect(pick({ channel: 'letter' })).toEqual(numbers('N3'));
    expect(pick({ severity: 'major' })).toEqual(numbers('N2'));
    expect(pick({ text: '漏水' })).toEqual(numbers('N1', 'N3'));
    expect(pick({ text: '车库顶板' })).toEqual(numbers('N3'));
    const filtered = register({ status: ['registered', 'closed'], departmentId: office.engineering, channel: 'phone', severity: 'ordinary', categoryId: office.quality, text: '漏水' });
    expect(filtered.filters).toBe('状态：已登记、已办结；被投诉部门：工程部；类别：工程质量；方式：来电；等级：一般；关键词：“漏水”');
    expect(filtered.rows.map((r) => r.number)).toEqual(numbers('N1'));
    // The totals line counts only what is listed.
    expect(filtered.totals).toMatchObject({ total: 1, valid: 1, closedOnTime: 1, followedUp: 1, satisfied: 1 });
  });

  it('refuses a bad period in Chinese, naming the field', () => {
    const issues = (input: unknown) => registerPrintInputSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ to: '2026-11-30' })).toEqual(['from: 请填写开始日期']);
    expect(issues({ from: '2026-11-30', to: '2026-11-01' })).toEqual(['to: 结束日期不能早于开始日期']);
    expect(issues({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['from: 开始日期不是有效日期']);
    expect(issues({ from: '2026-11-01', to: '2026-11-30', channel: 'fax' })?.[0]).toMatch(/^channel: 请选择受理渠道/);
    expect(monthlyReportInputSchema.safeParse({ month: '2026-13' }).error?.issues[0]?.message).toBe('月份格式应为 YYYY-MM，例如 2026-11');
    expect(monthlyReportInputSchema.safeParse({}).error?.issues[0]?.message).toBe('请选择月份');
  });
});

describe('speed', () => {
  it('reads a 600-complaint month in a few milliseconds of SQL', () => {
    const app = openTestApp();
    try {
      const ids = setUpOffice(app);
      const insert = app.ctx.db.transaction(() => {
        for (let i = 0; i < 600; i++) {
          const day = String(1 + (i % 30)).padStart(2, '0');
          const minute = String(i % 60).padStart(2, '0');
          app.ok('complaints:create', phoneComplaint(ids, { receivedAt: `2026-11-${day} 08:${minute}`, requestedReplyAt: '', building: `${1 + (i % 12)}栋`, phone: `138${String(i).padStart(8, '0')}` }));
        }
      });
      insert();
      const time = (f: () => unknown) => {
        f(); // statements compiled, pages cached
        const start = performance.now();
        f();
        return performance.now() - start;
      };
      const registerMs = time(() => expect(registerPrintData(app.ctx, registerPrintInputSchema.parse({ from: '2026-11-01', to: '2026-11-30' })).rows).toHaveLength(600));
      const monthlyMs = time(() => expect(monthlyReportData(app.ctx, { month: '2026-11' }).totals.total).toBe(600));
      console.log(`600 complaints: register data ${registerMs.toFixed(1)} ms, monthly report ${monthlyMs.toFixed(1)} ms`);
      // Generous bounds for slow CI machines; locally both take a few ms.
      expect(registerMs).toBeLessThan(250);
      expect(monthlyMs).toBeLessThan(250);
    } finally {
      app.close();
    }
  });
});
