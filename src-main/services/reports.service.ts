/**
 * The register print (投诉记录表 for a period) and the monthly report (月度投诉统计报表), as data
 * ready to print. What each figure means is defined once, in src-preload/contract/report.schema.ts.
 */
import {
  CHANNELS,
  DEADLINE_KINDS,
  SEVERITIES,
  toWallTime,
  type BreakdownRow,
  type Channel,
  type DeadlineKind,
  type MajorComplaint,
  type MonthlyReport,
  type OfficeReportRow,
  type Ratio,
  type RecurringProblem,
  type RegisterPrintData,
  type RegisterPrintQuery,
  type RegisterRow,
  type ReportTotals,
} from '../../src-preload/contract';
import { listComplaints } from '../db/complaints.repo';
import { getEntry, type ListTable } from '../db/directory.repo';
import { listOfficeEntries } from '../db/office-directory.repo';
import {
  groupedCounts,
  majorRecords,
  recurringRecords,
  registerRecords,
  repeatCounts,
  stageCounts,
  type Dimension,
  type GroupCounts,
  type MajorRecord,
  type MonthRange,
  type RegisterRecord,
} from '../db/reports.repo';
import { DEADLINE_KIND_NAMES } from '../domain/deadlines';
import { STATUS_LABEL } from '../domain/lifecycle';
import { invalid } from '../lib/app-error';
import { now } from '../lib/clock';
import { maskPhone } from '../pdf/complaint-facts';
import { joinClauses } from '../pdf/doc-text';
import { CHANNEL_OPTIONS, CONTACT_OPTIONS, ESCALATION_OPTIONS, OTHER_CHANNEL_NAMES, SATISFACTION_OPTIONS, SEVERITY_OPTIONS, labelOf } from '../pdf/labels';
import type { ServiceContext } from './context';
import { getSettings } from './settings.service';
import { officeLabel, officeScope, type OfficeScope } from './office-scope';

/** A complaint repeats an earlier one of the same room or phone and category within this many days. */
export const REPEAT_WINDOW_DAYS = 30;
/** The same building or category this many times in a month is a recurring problem (issue #4). */
export const RECURRING_MIN = 3;
/** More rows than this is a multi-year print by mistake: pdfmake lays out some 5 ms a row, so it would keep the app busy for half a minute or more. */
export const REGISTER_MAX_ROWS = 5000;

/** How many rows one output of the register may hold, and what that output is called in the refusal (打印, 导出). */
export interface RegisterRowLimit {
  maxRows: number;
  action: '打印' | '导出';
}
const PRINT_LIMIT: RegisterRowLimit = { maxRows: REGISTER_MAX_ROWS, action: '打印' };


const channelName = (c: Channel) => labelOf(CHANNEL_OPTIONS, c) || (OTHER_CHANNEL_NAMES[c] ?? '');
const asOfNow = (ctx: ServiceContext) => toWallTime(now(), getSettings(ctx).timeZone);

const ZERO: ReportTotals = {
  total: 0,
  valid: 0,
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

/** The counts without the grouping columns (SQLite's SUM of no rows is NULL: read as 0). */
function totalsOf(g: GroupCounts | undefined): ReportTotals {
  return Object.fromEntries(Object.keys(ZERO).map((k) => [k, Number(g?.[k as keyof ReportTotals] ?? 0)])) as unknown as ReportTotals;
}

const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of > 0 ? count / of : null });
/** 回访率: 已回访 ÷ 应回访. */
const followUpRatio = (t: ReportTotals) => ratio(t.followedUp, t.followUpOwed);
/** 满意率: (满意 + 基本满意) ÷ 已回访. */
const satisfactionRatio = (t: ReportTotals) => ratio(t.satisfied + t.basicallySatisfied, t.followedUp);

// ------------------------------------------------------------------------------------------
// 投诉记录表 for a period
// ------------------------------------------------------------------------------------------

/** The active filters in words, as printed under the title. */
function describeFilters(ctx: ServiceContext, q: RegisterPrintQuery): string {
  const nameOf = (table: ListTable, id: string) => getEntry(ctx.db, table, id)?.name ?? '（已删除）';
  return [
    q.status?.length ? `状态：${q.status.map((s) => STATUS_LABEL[s]).join('、')}` : '',
    q.departmentId ? `被投诉部门：${nameOf('departments', q.departmentId)}` : '',
    q.categoryId ? `类别：${nameOf('categories', q.categoryId)}` : '',
    q.channel ? `方式：${channelName(q.channel)}` : '',
    q.severity ? `等级：${labelOf(SEVERITY_OPTIONS, q.severity)}` : '',
    q.text ? `关键词：“${q.text}”` : '',
  ]
    .filter(Boolean)
    .join('；');
}

function registerRow(r: RegisterRecord, seq: number, mask: boolean): RegisterRow {
  const followUps = r.followUps.map((f) =>
    f.impossible
      ? `无法回访：${f.impossible}`
      : [f.at.slice(5, 10), labelOf(CONTACT_OPTIONS, f.method), labelOf(SATISFACTION_OPTIONS, f.satisfaction)].filter(Boolean).join(' '),
  );
  const reported = [...new Set(r.escalations)].map((level) => labelOf(ESCALATION_OPTIONS, level));
  const status = STATUS_LABEL[r.status];
  // A reason typed with its own 。 must not print as 。；
  const notes = joinClauses([r.validity === 'invalid' ? `无效原因：${r.invalidReason}` : '', reported.length ? `已上报${reported.join('、')}` : ''], '；');
  return {
    seq,
    complaintId: r.id,
    number: r.number,
    receivedAt: r.receivedAt,
    complainantName: r.complainantName,
    room: r.room,
    phone: [mask ? maskPhone(r.phone) : r.phone, r.contactOther].filter(Boolean).join('\n'),
    channel: channelName(r.channel),
    category: r.category,
    description: r.description,
    department: [r.department, r.complainedPerson].filter(Boolean).join(' / '),
    receiver: r.receiver,
    severity: labelOf(SEVERITY_OPTIONS, r.severity),
    // Several rounds (an unsatisfied follow-up sends it back): each result, numbered.
    result: r.results.length > 1 ? r.results.map((x) => `第${x.round}轮：${x.result}`).join('\n') : (r.results[0]?.result ?? ''),
    followUp: followUps.join('\n'),
    status,
    notes,
    remark: [status, notes].filter(Boolean).join('；'),
  };
}

/**
 * The 投诉记录表 of the complaints received from `from` to `to` (both days included) that pass the
 * register's filters, exactly as the register screen selects them, oldest first, with the totals line.
 * The Excel export (register-xlsx.service.ts) reads the same data with its own, larger row limit.
 */
export function registerPrintData(ctx: ServiceContext, q: RegisterPrintQuery, limit: RegisterRowLimit = PRINT_LIMIT): RegisterPrintData {
  const { status, departmentId, categoryId, channel, severity, text } = q;
  const scope = officeScope(ctx, q.officeCode);
  // The register screen's own query, so the print lists exactly what the screen shows.
  const page = listComplaints(ctx.db, {
    status,
    departmentId,
    categoryId,
    channel,
    severity,
    text,
    officeCode: scope.officeCode,
    receivedFrom: q.from,
    receivedTo: q.to,
    page: 1,
    pageSize: limit.maxRows + 1,
    sort: 'receivedAt',
    direction: 'asc',
  });
  if (page.total > limit.maxRows) {
    throw invalid('to', 'register.tooManyRows', { total: page.total, job: limit.action, max: limit.maxRows });
  }
  const ids = page.items.map((i) => i.id);
  const asOf = asOfNow(ctx);
  const all = groupedCounts(ctx.db, { ids }, asOf).find((g) => g.dimension === 'all');
  return {
    officeName: scope.officeName,
    period: { from: q.from, to: q.to },
    filters: describeFilters(ctx, q),
    asOf,
    rows: registerRecords(ctx.db, ids).map((r, i) => registerRow(r, i + 1, q.maskPhone)),
    totals: totalsOf(all),
  };
}

// ------------------------------------------------------------------------------------------
// 月度投诉统计报表
// ------------------------------------------------------------------------------------------

/** 'YYYY-MM' moved by whole months. */
function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A month's complaints: received from its first day up to the next month's (wall times sort as they read), of one office or ('') all. */
const monthPick = (month: string, officeCode: string): MonthRange => ({ from: `${month}-01`, before: `${shiftMonth(month, 1)}-01`, officeCode });

interface TableKey {
  key: string;
  name: string;
  /** Listed even without complaints. */
  always: boolean;
}

/** Rows of one table: every listed key in its order (zeros too), then any other key that has complaints. */
function breakdown(groups: GroupCounts[], dimension: Dimension, keys: TableKey[], total: number): BreakdownRow[] {
  const counts = new Map(groups.filter((g) => g.dimension === dimension).map((g) => [g.key, g]));
  const listed = new Set(keys.map((k) => k.key));
  // A name missing from the directory read (it should not happen) still counts, so the table adds up.
  const others = [...counts.keys()].filter((key) => !listed.has(key)).sort().map((key) => ({ key, name: key, always: false }));
  const rows = [...keys, ...others].filter((k) => k.always || counts.has(k.key));
  return rows.map(({ key, name }) => {
    const t = totalsOf(counts.get(key));
    return { name, count: t.total, share: total > 0 ? t.total / total : null, onTime: t.closedOnTime, late: t.closedLate };
  });
}

/**
 * Departments or categories of the scope's directory, keyed by name (the counts are grouped by name,
 * see groupedCounts), in list order: active ones always, retired ones when they have complaints.
 * All offices: this office's list first, then names only other offices use; a name is active if
 * any office still uses it.
 */
function listKeys(ctx: ServiceContext, table: ListTable, scope: OfficeScope): TableKey[] {
  const keys = new Map<string, TableKey>();
  for (const e of listOfficeEntries(ctx.db, table, scope.directoryOffice)) {
    const known = keys.get(e.name);
    if (known) known.always ||= e.active;
    else keys.set(e.name, { key: e.name, name: e.name, always: e.active });
  }
  return [...keys.values()];
}

/** The figures behind the rates, for one month. */
function monthFigures(ctx: ServiceContext, month: string, asOf: string, officeCode: string) {
  const pick = monthPick(month, officeCode);
  const groups = groupedCounts(ctx.db, pick, asOf);
  const stages = new Map(stageCounts(ctx.db, pick, asOf).map((s) => [s.kind, s]));
  return { groups, totals: totalsOf(groups.find((g) => g.dimension === 'all')), stages, repeat: repeatCounts(ctx.db, pick, REPEAT_WINDOW_DAYS) };
}

function majorComplaint(r: MajorRecord): MajorComplaint {
  const last = [...r.rounds].reverse().find((x) => x.result);
  return {
    number: r.number,
    receivedAt: r.receivedAt,
    room: r.room,
    category: r.category,
    department: r.department,
    description: r.description,
    measures: [
      ...r.rounds.filter((x) => x.measures).map((x) => `第${x.round}轮（${x.department}）：${x.measures}`),
      ...r.escalations.map((e) => `${e.at} 上报${labelOf(ESCALATION_OPTIONS, e.level)}`),
    ],
    outcome: joinClauses([last?.result, r.satisfaction ? `回访：${labelOf(SATISFACTION_OPTIONS, r.satisfaction)}` : '', `状态：${STATUS_LABEL[r.status]}`], '；'),
    summary: r.summary,
    improvement: r.improvement,
  };
}

/** Recurring problems with their measures as printed: `编号：措施`, later rounds named; whose, in the all-offices report. */
function recurringProblems(ctx: ServiceContext, month: string, scope: OfficeScope): RecurringProblem[] {
  const names = new Map(scope.offices.map((o) => [o.code, officeLabel(o)]));
  return recurringRecords(ctx.db, monthPick(month, scope.officeCode), RECURRING_MIN).map(({ officeCode, ...r }) => ({
    ...(scope.allOfSeveral && { office: names.get(officeCode) ?? officeCode }),
    ...r,
    measures: r.measures.map((m) => `${m.number}${m.round > 1 ? ` 第${m.round}轮` : ''}：${m.measures}`),
  }));
}

/**
 * The all-offices report's line per office, in the order of `offices:list`; an office code with
 * complaints but no longer listed (the desk's code was changed in 设置) gets a line of its own, so
 * the lines always add up to the consolidated figures.
 */
function officeRows(groups: GroupCounts[], scope: OfficeScope): OfficeReportRow[] {
  const counts = new Map(groups.filter((g) => g.dimension === 'office').map((g) => [g.key, g]));
  const listed = new Set(scope.offices.map((o) => o.code));
  const unlisted = [...counts.keys()].filter((code) => !listed.has(code)).sort().map((code) => ({ code, name: '' }));
  return [...scope.offices, ...unlisted].map((o) => {
    const t = totalsOf(counts.get(o.code));
    return {
      officeCode: o.code,
      officeName: o.name,
      totals: t,
      closed: Number(counts.get(o.code)?.closed ?? 0),
      onTime: ratio(t.closedOnTime, t.closedOnTime + t.closedLate),
      followUp: followUpRatio(t),
      satisfaction: satisfactionRatio(t),
    };
  });
}

/**
 * The 月度投诉统计报表 of `month` (YYYY-MM), each rate beside last month's: of one office, or of
 * every office in the database, with one line per office when there are several.
 */
export function monthlyReportData(ctx: ServiceContext, { month, officeCode }: { month: string; officeCode?: string }): MonthlyReport {
  const asOf = asOfNow(ctx);
  const scope = officeScope(ctx, officeCode);
  const current = monthFigures(ctx, month, asOf, scope.officeCode);
  const previous = monthFigures(ctx, shiftMonth(month, -1), asOf, scope.officeCode);
  const { total } = current.totals;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const line = (of: (f: typeof current) => Ratio) => ({ current: of(current), previous: of(previous) });
  const onTime = (kind: DeadlineKind) => (f: typeof current) => {
    const s = f.stages.get(kind);
    return ratio(Number(s?.onTime ?? 0), Number(s?.onTime ?? 0) + Number(s?.late ?? 0));
  };

  return {
    officeName: scope.officeName,
    officeCode: scope.officeCode,
    byOffice: scope.allOfSeveral ? officeRows(current.groups, scope) : [],
    month,
    period: { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` },
    asOf,
    totals: current.totals,
    // Across offices these tables add up the rows of the same name (see groupedCounts).
    byCategory: breakdown(current.groups, 'category', listKeys(ctx, 'categories', scope), total),
    byDepartment: breakdown(current.groups, 'department', [...listKeys(ctx, 'departments', scope), { key: '', name: '未指定部门', always: false }], total),
    byChannel: breakdown(current.groups, 'channel', CHANNELS.map((c) => ({ key: c, name: channelName(c), always: true })), total),
    bySeverity: breakdown(current.groups, 'severity', SEVERITIES.map((s) => ({ key: s, name: labelOf(SEVERITY_OPTIONS, s), always: true })), total),
    rates: {
      onTime: DEADLINE_KINDS.map((kind) => ({ kind, stage: DEADLINE_KIND_NAMES[kind], ...line(onTime(kind)) })),
      followUp: { ...line((f) => followUpRatio(f.totals)), goal: 1 },
      satisfaction: line((f) => satisfactionRatio(f.totals)),
      repeat: line((f) => ratio(f.repeat.repeats, f.repeat.total)),
    },
    majors: majorRecords(ctx.db, monthPick(month, scope.officeCode)).map(majorComplaint),
    recurring: recurringProblems(ctx, month, scope),
  };
}
