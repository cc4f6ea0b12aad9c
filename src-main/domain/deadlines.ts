import type { DeadlineKind, Severity, Urgency } from '../../src-preload/contract/enums';
import type { DeadlinePolicy, Duration } from '../../src-preload/contract/deadline.schema';
import { addMinutesToWall } from '../../src-preload/contract/wall-time';
import { ZH_LABELS, type EnumNames } from '../../src-preload/contract/labels';
import { addWorkingDays, type WorkCalendar } from './calendar';

const hours = (amount: number): Duration => ({ unit: 'hours', amount });
const workingDays = (amount: number): Duration => ({ unit: 'working_days', amount });

/**
 * Defaults from PROCEDURES.md §5 (every number is a setting):
 * - reply (答复, a customer-service plan): the time the complainant named rules, earlier or later;
 *   without one, urgent within 2 h and not urgent within 2 working days.
 * - first response (首次响应, another book's general standard): any complaint within 24 h. A stage of
 *   its own beside the reply — it never shortens it.
 * - a major complaint's definite reply to the complainant (明确答复) within 24 h, a stage of its own.
 * - report upward within 1 h for 重要 and 重大 (重大: the director at once). §5 lists 1 h for 一般 too,
 *   "if reception cannot solve it"; offices switch it on in settings where they read it as a rule.
 * - resolved within 1 working day (轻微) or 3 (一般/重要/重大).
 * - 处理记录表 to the department within 10 minutes for 重大 (§4), within the hour otherwise.
 * - follow-up within 3 working days of handling; an invalid complaint's notice within 1 working day.
 * - a valid complaint not resolved within one calendar month becomes major (auto-major.ts).
 */
/** The stages as main's own texts name them (notifications, the monthly report): the screen's names, from the one table (contract/labels.ts). */
export const DEADLINE_KIND_NAMES: EnumNames<DeadlineKind> = ZH_LABELS.deadlineKind;

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  severities: {
    minor: { firstResponse: hours(24), report: null, resolution: workingDays(1) },
    ordinary: { firstResponse: hours(24), report: null, resolution: workingDays(3) },
    important: { firstResponse: hours(24), report: hours(1), resolution: workingDays(3) },
    major: { firstResponse: hours(24), report: hours(1), resolution: workingDays(3) },
  },
  reply: { urgent: hours(2), normal: workingDays(2) },
  definiteReply: hours(24),
  dispatch: { major: { unit: 'minutes', amount: 10 }, other: hours(1) },
  followUp: workingDays(3),
  invalidNotice: workingDays(1),
  warningRatio: 0.8,
  autoMajorMonths: 1,
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

/**
 * The deadlines a complaint gets at intake: reply, first response (if on), a major complaint's
 * definite reply, report upward (if any), dispatch, resolution.
 */
export function intakeDeadlines(facts: IntakeFacts, ctx: DueContext): { deadlines: PlannedDeadline[]; warnings: string[] } {
  const warnings: string[] = [];
  const rules = ctx.policy.severities[facts.severity];
  const start = facts.receivedAt;

  const deadlines = [replyDeadline(facts, ctx, warnings)];
  if (rules.firstResponse) deadlines.push(planned('first_response', 1, start, rules.firstResponse, ctx, warnings));
  if (facts.severity === 'major') deadlines.push(definiteReplyDeadline(start, ctx, warnings));
  if (rules.report) deadlines.push(planned('report', 1, start, rules.report, ctx, warnings));
  deadlines.push(dispatchDeadline(start, facts.severity, 1, ctx, warnings));
  deadlines.push(resolutionDeadline(start, facts.severity, 1, ctx, warnings));
  return { deadlines, warnings: [...new Set(warnings)] };
}

/** The 处理记录表 to the department (§4): at intake for round 1, from the unsatisfied follow-up for the next. */
export const dispatchDeadline = (start: string, severity: Severity, round: number, ctx: DueContext, warnings: string[] = []) =>
  planned('dispatch', round, start, severity === 'major' ? ctx.policy.dispatch.major : ctx.policy.dispatch.other, ctx, warnings);

/**
 * The reply owed to the complainant (答复, §5): "在顾客要求回复的时间内回复" — a time they named rules,
 * whether earlier or later than the policy's; only without one does urgency decide.
 */
export function replyDeadline(facts: IntakeFacts, ctx: DueContext, warnings: string[] = []): PlannedDeadline {
  if (facts.requestedReplyAt) return { kind: 'response', round: 1, startedAt: facts.receivedAt, dueAt: facts.requestedReplyAt, rule: null };
  return planned('response', 1, facts.receivedAt, ctx.policy.reply[facts.urgency], ctx, warnings);
}

/** A major complaint's definite reply (明确答复, §5), from intake or from when it became major. */
export const definiteReplyDeadline = (start: string, ctx: DueContext, warnings: string[] = []) => planned('definite_reply', 1, start, ctx.policy.definiteReply, ctx, warnings);

export const resolutionDeadline = (start: string, severity: Severity, round: number, ctx: DueContext, warnings: string[] = []) =>
  planned('resolution', round, start, ctx.policy.severities[severity].resolution, ctx, warnings);

export const followUpDeadline = (handledAt: string, round: number, ctx: DueContext) => planned('follow_up', round, handledAt, ctx.policy.followUp, ctx, []);

export const invalidNoticeDeadline = (markedAt: string, ctx: DueContext) => planned('invalid_notice', 1, markedAt, ctx.policy.invalidNotice, ctx, []);

export const reportDeadline = (start: string, severity: Severity, ctx: DueContext) => {
  const rule = ctx.policy.severities[severity].report;
  return rule ? planned('report', 1, start, rule, ctx, []) : null;
};
