import type { DeadlineKind, Severity, Urgency } from '../../src-preload/contract/enums';
import type { DeadlinePolicy, DeadlineState, Duration } from '../../src-preload/contract/deadline.schema';
import { addMinutesToWall, minutesBetween } from '../../src-preload/contract/wall-time';
import { addWorkingDays, type WorkCalendar } from './calendar';

const hours = (amount: number): Duration => ({ unit: 'hours', amount });
const workingDays = (amount: number): Duration => ({ unit: 'working_days', amount });

/**
 * Defaults from PROCEDURES.md §5 (every number is a setting):
 * - reply: any complaint within 24 h; urgent ones within 2 h; a named reply time rules if earlier;
 *   not urgent: 2 working days (a customer-service plan), so the 24 h standard is what binds.
 * - report upward within 1 h for 重要 and 重大 (重大: the director at once). §5 lists 1 h for 一般 too,
 *   "if reception cannot solve it"; offices switch it on in settings where they read it as a rule.
 * - resolved within 1 working day (轻微) or 3 (一般/重要/重大).
 * - 处理记录表 to the department within 10 minutes for 重大 (§4), within the hour otherwise.
 * - follow-up within 3 working days of handling; an invalid complaint's notice within 1 working day.
 */
/** The stages as main's own texts name them (notifications, the monthly report). */
export const DEADLINE_KIND_NAMES: Record<DeadlineKind, string> = {
  response: '首次答复',
  report: '上报',
  dispatch: '派单',
  resolution: '处理完成',
  follow_up: '回访',
  invalid_notice: '无效告知',
};

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  severities: {
    minor: { response: hours(24), report: null, resolution: workingDays(1) },
    ordinary: { response: hours(24), report: null, resolution: workingDays(3) },
    important: { response: hours(24), report: hours(1), resolution: workingDays(3) },
    major: { response: hours(24), report: hours(1), resolution: workingDays(3) },
  },
  urgency: { urgent: { response: hours(2) }, normal: { response: workingDays(2) } },
  dispatch: { major: { unit: 'minutes', amount: 10 }, other: hours(1) },
  followUp: workingDays(3),
  invalidNotice: workingDays(1),
  warningRatio: 0.8,
  autoMajorDays: 30,
};

export interface DueResult {
  dueAt: string;
  warnings: string[];
}

/**
 * When a deadline of `rule` started at `start` falls due. Hours run on the clock (the desk is staffed
 * around the clock); working days count the official calendar and end at 23:59 of the last one.
 */
export function dueAfter(start: string, rule: Duration, calendar: WorkCalendar, timeZone: string): DueResult {
  if (rule.unit === 'minutes') return { dueAt: addMinutesToWall(start, rule.amount, timeZone), warnings: [] };
  if (rule.unit === 'hours') return { dueAt: addMinutesToWall(start, rule.amount * 60, timeZone), warnings: [] };
  const { date, warnings } = addWorkingDays(calendar, start.slice(0, 10), rule.amount);
  return { dueAt: `${date} 23:59`, warnings };
}

/** A deadline about to be created: when it started, when it is due, and the rule (null: a fixed time). */
export interface PlannedDeadline {
  kind: DeadlineKind;
  round: number;
  startedAt: string;
  dueAt: string;
  rule: Duration | null;
}

export interface IntakeFacts {
  receivedAt: string;
  severity: Severity;
  urgency: Urgency;
  requestedReplyAt: string;
}

const planned = (kind: DeadlineKind, round: number, startedAt: string, rule: Duration, ctx: DueContext, warnings: string[]): PlannedDeadline => {
  const due = dueAfter(startedAt, rule, ctx.calendar, ctx.timeZone);
  warnings.push(...due.warnings);
  return { kind, round, startedAt, dueAt: due.dueAt, rule };
};

export interface DueContext {
  policy: DeadlinePolicy;
  calendar: WorkCalendar;
  timeZone: string;
}

/** The deadlines a complaint gets at intake: reply, report upward (if any), dispatch, resolution. */
export function intakeDeadlines(facts: IntakeFacts, ctx: DueContext): { deadlines: PlannedDeadline[]; warnings: string[] } {
  const warnings: string[] = [];
  const rules = ctx.policy.severities[facts.severity];
  const start = facts.receivedAt;

  // The reply is due at the earliest of: the severity's time, the urgency's time, the complainant's own.
  const candidates = [rules.response, ctx.policy.urgency[facts.urgency].response]
    .filter((r): r is Duration => r !== null)
    .map((rule) => planned('response', 1, start, rule, ctx, warnings));
  if (facts.requestedReplyAt) candidates.push({ kind: 'response', round: 1, startedAt: start, dueAt: facts.requestedReplyAt, rule: null });
  const response = candidates.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));

  const deadlines = [response];
  if (rules.report) deadlines.push(planned('report', 1, start, rules.report, ctx, warnings));
  deadlines.push(planned('dispatch', 1, start, facts.severity === 'major' ? ctx.policy.dispatch.major : ctx.policy.dispatch.other, ctx, warnings));
  deadlines.push(resolutionDeadline(start, facts.severity, 1, ctx, warnings));
  return { deadlines, warnings: [...new Set(warnings)] };
}

export const resolutionDeadline = (start: string, severity: Severity, round: number, ctx: DueContext, warnings: string[] = []) =>
  planned('resolution', round, start, ctx.policy.severities[severity].resolution, ctx, warnings);

export const followUpDeadline = (handledAt: string, round: number, ctx: DueContext) => planned('follow_up', round, handledAt, ctx.policy.followUp, ctx, []);

export const invalidNoticeDeadline = (markedAt: string, ctx: DueContext) => planned('invalid_notice', 1, markedAt, ctx.policy.invalidNotice, ctx, []);

export const reportDeadline = (start: string, severity: Severity, ctx: DueContext) => {
  const rule = ctx.policy.severities[severity].report;
  return rule ? planned('report', 1, start, rule, ctx, []) : null;
};

export interface DeadlineFacts {
  startedAt: string;
  dueAt: string;
  completedAt: string;
  cancelledAt: string;
  /** Paused (the complaint is on hold and this deadline's clock stops). */
  paused: boolean;
}

/**
 * Where a deadline stands at `now`: met / late (done, after the due time) / due / soon (at least
 * `warningRatio` of the allowed time gone) / overdue / paused / cancelled, and by how many minutes.
 */
export function deadlineState(d: DeadlineFacts, now: string, warningRatio: number, timeZone: string): { state: DeadlineState; minutes: number } {
  if (d.cancelledAt) return { state: 'cancelled', minutes: 0 };
  if (d.completedAt) {
    const late = minutesBetween(d.dueAt, d.completedAt, timeZone);
    return late > 0 ? { state: 'late', minutes: late } : { state: 'met', minutes: 0 };
  }
  const left = minutesBetween(now, d.dueAt, timeZone);
  if (d.paused) return { state: 'paused', minutes: left };
  if (left < 0) return { state: 'overdue', minutes: left };
  const allowed = Math.max(1, minutesBetween(d.startedAt, d.dueAt, timeZone));
  return { state: allowed - left >= warningRatio * allowed ? 'soon' : 'due', minutes: left };
}
