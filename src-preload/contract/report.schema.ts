import { z } from './zod';
import { dateOnlySchema } from './common.schema';
import { keyed } from './error-texts';
import type { Term } from './terms';
import { complaintListSchema } from './complaint.schema';
import type { DeadlineKind } from './enums';

/**
 * The register print and the monthly report (FORMS.md 投诉记录表 / 月度投诉统计报表, PROCEDURES §8).
 *
 * Definitions, the same for the register's totals line and the monthly report:
 * - The period's complaints are those *received* in it (受理时间, a wall time in the office's zone,
 *   so a complaint taken at 2026-11-30 23:59 belongs to November whatever the computer's zone).
 * - Invalid complaints (无效) count in 共N件, in 无效, and in the tables' 件数 and 占比; they have no
 *   handling, so they are never 按时 or 超时, never owe a follow-up and are not recurring problems.
 *   Their own stage (告知投诉人, invalid_notice) has its on-time rate like every other stage.
 * - A deadline is on time when it was completed at or before its due time (completed_at <= due_at).
 *   It is late when completed after it, or still open once its due time has passed (a stage that
 *   missed its time is late whatever happens next). Open and not yet due: not counted yet.
 *   Cancelled deadlines (the complaint was judged invalid, a follow-up proved impossible) and the
 *   handling clock of a complaint on hold do not count.
 * - A complaint is 按时办结 when it is valid and every handling round's deadline (resolution) was met
 *   on time, none still open; 超时 when any of them is late (as above). Other complaints (in time
 *   but not finished, invalid) are neither.
 * - 应回访: valid complaints whose handling has finished (a round with a result). 已回访: those with a
 *   follow-up that reached the complainant. A follow-up recorded as impossible stays owed (it was not
 *   done) and is counted on its own as 无法回访.
 * - Satisfaction is the complaint's last word: the latest follow-up's answer (an unsatisfied first
 *   round followed by a satisfied second counts as 满意). 满意率 = (满意 + 基本满意) ÷ 已回访.
 * - 重复投诉: a complaint whose room (楼栋+单元+房号) or phone matches a complaint of the same category
 *   received in the 30 days before it (that one may be in the previous month). 重复投诉率 = 重复 ÷ 共N件.
 * - The department of a complaint in the report's tables is the one responsible for it: the latest
 *   handling round's department, before dispatch the department complained about.
 * - Statuses and open deadlines are read as they are when the report is made (`asOf`).
 * - Head office (a database holding several offices' records, issue 5): every figure is for one
 *   office (`officeCode`) or for all of them. The all-offices report adds one row per office
 *   (`byOffice`); its tables by category and department add up the offices' rows of the same name
 *   (each office has its own 工程部); repeats and recurring problems are found within each office
 *   (rooms, phones and buildings belong to one estate).
 */

/** A required date: its own message when missing, the field's name in every message. */
const requiredDate = (label: Term) =>
  z
    .string(keyed('field.required', { field: label }))
    .trim()
    .min(1, keyed('field.required', { field: label }))
    .pipe(dateOnlySchema(label));

/** The register's own filters (see complaintListSchema), reused so both read the same. */
const listFilters = complaintListSchema.shape;

/** The 投诉记录表 print for a period (受理日期 from … to, both days included), with the register's filters. */
export const registerPrintInputSchema = z
  .object({
    from: requiredDate('开始日期'),
    to: requiredDate('结束日期'),
    status: listFilters.status,
    departmentId: listFilters.departmentId,
    categoryId: listFilters.categoryId,
    channel: listFilters.channel,
    severity: listFilters.severity,
    text: listFilters.text,
    officeCode: listFilters.officeCode,
    /** 138****5678 unless the desk prints its own copy (PROCEDURES §8: residents' numbers are protected). */
    maskPhone: z.boolean(keyed('field.flag', { field: '隐藏电话号码' })).default(true),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], ...keyed('range.endBeforeStart') });
export type RegisterPrintInput = z.input<typeof registerPrintInputSchema>;
export type RegisterPrintQuery = z.output<typeof registerPrintInputSchema>;

/** The 月度投诉统计报表 of one calendar month. */
export const monthlyReportInputSchema = z.object({
  month: z
    .string(keyed('field.choose', { field: '月份' }))
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, keyed('field.monthFormat', { field: '月份' })),
  /** One office's report; absent or '': the report of every office in the database. */
  officeCode: complaintListSchema.shape.officeCode,
});
export type MonthlyReportInput = z.input<typeof monthlyReportInputSchema>;

/** 本期共 N 件：有效 V，无效 I；重大 M；按时办结 T；回访 F（rate）；满意 S，基本满意 B，不满意 U — as counts. */
export interface ReportTotals {
  total: number;
  valid: number;
  invalid: number;
  /** 重大, as the complaint stands now (automatic upgrades after a month included). */
  major: number;
  closedOnTime: number;
  closedLate: number;
  /** 应回访 / 已回访 / 无法回访 (see the definitions above). */
  followUpOwed: number;
  followedUp: number;
  followUpImpossible: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** One line of the register, every value as printed ('' when there is none). */
export interface RegisterRow {
  /** 序号, from 1 in the printed order (受理时间). */
  seq: number;
  complaintId: string;
  /** 编号 */
  number: string;
  /** 受理时间 */
  receivedAt: string;
  complainantName: string;
  /** 房号: 楼栋单元房号 */
  room: string;
  /** 联系电话, masked by default, then any other contact. */
  phone: string;
  /** 方式 */
  channel: string;
  /** 类别 */
  category: string;
  /** 投诉内容 (事件经过) */
  description: string;
  /** 被投诉部门 (/ 被投诉人) */
  department: string;
  /** 接待人 */
  receiver: string;
  /** 等级 */
  severity: string;
  /** 处理结果: each round's result, `第n轮：` when there were several. */
  result: string;
  /** 回访情况: `11-05 电话 满意` per follow-up, or why none was possible. */
  followUp: string;
  /** 状态: the status alone (the Excel export gives it its own column, to filter on). */
  status: string;
  /** 备注: an invalid complaint's reason, reports upward ('' when neither). */
  notes: string;
  /** 状态/备注 as printed: the status, then the notes. */
  remark: string;
}

export interface RegisterPrintData {
  /** The office printed in the header: the one filtered on, or 全部服务中心 at head office. */
  officeName: string;
  /** 期间, both days inclusive. */
  period: { from: string; to: string };
  /** The active filters in words (状态：已派单；部门：工程部…), '' when none. */
  filters: string;
  /** When the data were read (wall time): statuses and open deadlines are as of then. */
  asOf: string;
  rows: RegisterRow[];
  totals: ReportTotals;
}

/** A count out of a base; `rate` is count ÷ of, null when there is nothing to count (printed —). */
export interface Ratio {
  count: number;
  of: number;
  rate: number | null;
}

/** A rate this month, with last month's beside it (FORMS.md). */
export interface RateLine {
  current: Ratio;
  previous: Ratio;
}

/** One row of a table by category, department, channel or severity. */
export interface BreakdownRow {
  name: string;
  count: number;
  /** Share of the month's complaints (0–1), null in a month without any. */
  share: number | null;
  /** Complaints 按时办结 / 超时 (see the definitions above). */
  onTime: number;
  late: number;
}

export interface StageRate extends RateLine {
  kind: DeadlineKind;
  /** The stage as printed: 答复, 首次响应, 明确答复, 上报, 派单, 处理完成, 回访, 无效告知. */
  stage: string;
}

export interface MonthlyRates {
  /** 及时率 per stage: on-time deadlines ÷ on-time and late ones. */
  onTime: StageRate[];
  /** 回访率: 已回访 ÷ 应回访; the procedure's goal is 100%. */
  followUp: RateLine & { goal: number };
  /** 满意率: (满意 + 基本满意) ÷ 已回访. */
  satisfaction: RateLine;
  /** 重复投诉率: repeats ÷ the month's complaints. */
  repeat: RateLine;
}

/** A major complaint of the month: what happened, what was done, the outcome, the summary. */
export interface MajorComplaint {
  number: string;
  receivedAt: string;
  room: string;
  category: string;
  department: string;
  /** 事件经过 */
  description: string;
  /** 处理措施: each round's measures, then each report upward. */
  measures: string[];
  /** 处理结果: the latest result, the last follow-up's answer and the status. */
  outcome: string;
  /** 总结与改进 ('' until written). */
  summary: string;
  improvement: string;
}

/** The same building, or the same category, with 3 or more valid complaints in the month. */
export interface RecurringProblem {
  /** All-offices report only: whose problem, `名称（代码）`. */
  office?: string;
  kind: 'building' | 'category';
  /** The building (3栋) or the category's name. */
  name: string;
  count: number;
  numbers: string[];
  /** 已采取的措施: the handling rounds' measures, `编号：措施`. */
  measures: string[];
}

/** One office's line in the all-offices report (issue 5: one row per office). */
export interface OfficeReportRow {
  officeCode: string;
  officeName: string;
  totals: ReportTotals;
  /** Received in the month and 已办结 by `asOf`. */
  closed: number;
  /** 按时办结率: 按时办结 ÷ (按时办结 + 超时). */
  onTime: Ratio;
  /** 回访率: 已回访 ÷ 应回访. */
  followUp: Ratio;
  /** 满意率: (满意 + 基本满意) ÷ 已回访. */
  satisfaction: Ratio;
}

export interface MonthlyReport {
  /** The office printed in the header: the one asked for, or 全部服务中心 at head office. */
  officeName: string;
  /** The office asked for; '' for every office. */
  officeCode: string;
  /** One row per office, in the order of `offices:list`; empty unless this is the all-offices report of several offices. */
  byOffice: OfficeReportRow[];
  /** YYYY-MM */
  month: string;
  period: { from: string; to: string };
  asOf: string;
  totals: ReportTotals;
  byCategory: BreakdownRow[];
  byDepartment: BreakdownRow[];
  byChannel: BreakdownRow[];
  bySeverity: BreakdownRow[];
  rates: MonthlyRates;
  majors: MajorComplaint[];
  recurring: RecurringProblem[];
}
