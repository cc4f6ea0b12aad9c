import { stmt } from '../db/statements';
import type {
  Board,
  BoardCard,
  ComplaintStatus,
  BoardColumn,
  BoardHold,
  DeadlineAlert,
  DeadlinePolicy,
  DeadlinePolicySetting,
  DeadlinePreview,
  DeadlineKind,
  DeadlineView,
  LifecycleAction,
  Severity,
} from '../../src-preload/contract';
import { alertLevelAt, boardColumnAt, byHoldLateness, countByDepartment, deadlineStateAt, holdPastExpectedDays, toWallTime, wallToEpochMs } from '../../src-preload/contract';
import { readSettings, writeSetting } from '../db/settings.repo';
import {
  insertDeadline,
  listDeadlines,
  listOpenDeadlinesDue,
  listOpenWorkingDayGroups,
  moveWorkingDayGroup,
  type DeadlineRow,
  type OpenDeadlineDue,
} from '../db/deadlines.repo';
import {
  DEFAULT_DEADLINE_POLICY,
  definiteReplyDeadline,
  dueAfter,
  intakeDeadlines,
  reportDeadline,
  type DueContext,
  type IntakeFacts,
  type PlannedDeadline,
} from '../domain/deadlines';
import { primaryStep } from '../domain/lifecycle';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import type { ServiceContext } from './context';
import { loadCalendar } from './calendar.service';
import { getSettings } from './settings.service';

const POLICY_KEY = 'deadlinePolicy';

export function getDeadlinePolicy(ctx: ServiceContext): DeadlinePolicySetting {
  const stored = readSettings(ctx.db)[POLICY_KEY] as DeadlinePolicySetting | undefined;
  return stored ?? { policy: DEFAULT_DEADLINE_POLICY, version: 1 };
}

/** A new policy applies to deadlines created from now on; existing ones keep the version they were set under. */
export function updateDeadlinePolicy(ctx: ServiceContext, policy: DeadlinePolicy): DeadlinePolicySetting {
  return ctx.db
    .transaction(() => {
      const next = { policy, version: getDeadlinePolicy(ctx).version + 1 };
      writeSetting(ctx.db, POLICY_KEY, next);
      return next;
    })
    .immediate();
}

export function dueContext(ctx: ServiceContext): DueContext & { policyVersion: number } {
  const { policy, version } = getDeadlinePolicy(ctx);
  return { policy, policyVersion: version, calendar: loadCalendar(ctx), timeZone: getSettings(ctx).timeZone };
}

export const wallNow = (ctx: ServiceContext) => toWallTime(now(), getSettings(ctx).timeZone);

export function saveDeadline(ctx: ServiceContext, complaintId: string, d: PlannedDeadline, policyVersion: number): void {
  insertDeadline(ctx.db, { id: ulid(), complaintId, ...d, policyVersion, pausedMinutes: 0, completedAt: '', cancelledAt: '' });
}

/**
 * A complaint that has just become major (§5) owes what a major complaint owes from that moment: the
 * report upward and a definite reply to the complainant (明确答复). One place for both ways it
 * happens: the monthly rule (sweepAutoMajor) and a person's edit (updateComplaint).
 */
export function startMajorDeadlines(ctx: ServiceContext, complaintId: string, at: string, due: DueContext & { policyVersion: number } = dueContext(ctx)): void {
  const report = reportDeadline(at, 'major', due);
  if (report) saveDeadline(ctx, complaintId, report, due.policyVersion);
  saveDeadline(ctx, complaintId, definiteReplyDeadline(at, due), due.policyVersion);
}

/** The intake form's preview (deadlines:preview): what the complaint's deadlines will be if saved now. */
export function previewDeadlines(ctx: ServiceContext, facts: IntakeFacts): DeadlinePreview {
  const { deadlines, warnings } = intakeDeadlines(facts, dueContext(ctx));
  return { deadlines: deadlines.map(({ kind, dueAt }) => ({ kind, dueAt })), warnings };
}

function toView(d: DeadlineRow, nowWall: string, pausedSince: string, policy: DeadlinePolicy, timeZone: string): DeadlineView {
  // The contract's rule, so main and the renderer's clock tick agree.
  const { state, minutes } = deadlineStateAt({ ...d, paused: pausedSince !== '', pausedSince }, nowWall, policy.warningRatio, timeZone);
  return {
    id: d.id,
    kind: d.kind,
    round: d.round,
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    completedAt: d.completedAt,
    state,
    minutes,
    policyVersion: d.policyVersion,
  };
}

/**
 * A complaint's deadlines with where each stands now. On hold (since `heldSince`, '' when not held)
 * the resolution clock stands still: its time left stays what it was when the hold began.
 */
export function deadlineViews(ctx: ServiceContext, complaintId: string, heldSince: string): DeadlineView[] {
  const { policy } = getDeadlinePolicy(ctx);
  const { timeZone } = getSettings(ctx);
  const nowWall = wallNow(ctx);
  return listDeadlines(ctx.db, complaintId).map((d) => toView(d, nowWall, d.kind === 'resolution' ? heldSince : '', policy, timeZone));
}

/**
 * After a calendar edit, open working-day deadlines are counted again on the corrected calendar
 * (a calendar edit corrects a fact; a policy change only applies to new deadlines). Only this
 * office's own complaints: at head office, a merged office's deadlines stay as that office counted
 * them. Returns how many moved.
 */
export function recomputeOpenDeadlines(ctx: ServiceContext): number {
  const calendar = loadCalendar(ctx);
  const { timeZone, officeCode } = getSettings(ctx);
  return ctx.db
    .transaction(() => {
      // Deadlines that share a start date, a number of days and hold minutes fall due together:
      // each group is counted once and moved with one statement.
      let moved = 0;
      for (const g of listOpenWorkingDayGroups(ctx.db, officeCode)) {
        // Only the start's date counts (the start day itself never does), not its time of day.
        const base = dueAfter(`${g.startDate} 00:00`, { unit: 'working_days', amount: g.days }, calendar, timeZone).dueAt;
        // Keep any hold time already added on top of the counted due time.
        const due = g.pausedMinutes ? dueAfter(base, { unit: 'minutes', amount: g.pausedMinutes }, calendar, timeZone).dueAt : base;
        if (due !== g.dueAt) moved += moveWorkingDayGroup(ctx.db, officeCode, g, due);
      }
      return moved;
    })
    .immediate();
}

/** An open complaint as its board card shows it. */
interface OpenComplaintRow {
  id: string;
  office_code: string;
  number: string;
  complainant_name: string;
  building: string;
  unit: string;
  room: string;
  severity: Severity;
  status: ComplaintStatus;
  held_from_status: string;
  /** The open hold, if any: since when, and the day it was expected to resume. */
  held_since: string | null;
  hold_expected_date: string | null;
  has_summary: 0 | 1;
  round: number;
  department_id: string | null;
  department_name: string;
}

/**
 * What the board and the alerts read from the database: the open deadlines, soonest first, and the
 * complaints they belong to. Rows only: "now", the time zone and the policy are applied on every
 * call, never remembered.
 */
interface BoardRows {
  open: readonly OpenDeadlineDue[];
  complaints: ReadonlyMap<string, OpenComplaintRow>;
  /** Complaints with an open deadline other than resolution (shown by that one while on hold). */
  withOtherThanResolution: ReadonlySet<string>;
  /** The due times of `open` as instants in the zone last asked for (a pure function of both). */
  dueInstants?: { timeZone: string; ms: Float64Array };
}

/** Epoch milliseconds of each open deadline's due time in `timeZone`, worked out once per zone. */
function dueInstantsOf(rows: BoardRows, timeZone: string): Float64Array {
  if (rows.dueInstants?.timeZone !== timeZone) {
    rows.dueInstants = { timeZone, ms: Float64Array.from(rows.open, (d) => wallToEpochMs(d.dueAt, timeZone)) };
  }
  return rows.dueInstants.ms;
}

/** Whole minutes from `nowMs` to a due instant, as minutesBetween(now, dueAt) counts them. */
const minutesUntil = (nowMs: number, dueMs: number): number => Math.round((dueMs - nowMs) / 60_000);

/**
 * The board's rows, remembered per connection for as long as the database is unchanged: the board
 * is refreshed far more often than complaints change. `PRAGMA data_version` moves when another
 * connection (another process) commits; `total_changes()` counts every row this connection
 * inserts, updates or deletes, committed or not. Inside a transaction nothing is remembered or
 * reused: what it wrote may still be rolled back (a rollback does not lower total_changes).
 * The rows are every office's: the office, like the department and severity, is a filter applied
 * to them on each call (buildBoard), so one remembered read serves every office's board and the
 * key needs no office — a board for one office can never be served another office's rows.
 */
const boardRowsCache = new WeakMap<ServiceContext['db'], { dataVersion: number; changes: number; rows: BoardRows }>();

function readBoardRows(ctx: ServiceContext): BoardRows {
  if (ctx.db.inTransaction) return selectBoardRows(ctx);
  const { dataVersion, changes } = stmt(ctx.db, 'SELECT (SELECT data_version FROM pragma_data_version) AS dataVersion, total_changes() AS changes').get() as {
    dataVersion: number;
    changes: number;
  };
  const cached = boardRowsCache.get(ctx.db);
  if (cached && cached.dataVersion === dataVersion && cached.changes === changes) return cached.rows;
  const rows = selectBoardRows(ctx);
  boardRowsCache.set(ctx.db, { dataVersion, changes, rows });
  return rows;
}

function selectBoardRows(ctx: ServiceContext): BoardRows {
  const open = listOpenDeadlinesDue(ctx.db);
  const ids = new Set<string>();
  const withOtherThanResolution = new Set<string>();
  for (const d of open) {
    ids.add(d.complaintId);
    if (d.kind !== 'resolution') withOtherThanResolution.add(d.complaintId);
  }
  // The responsible department is the current round's; before dispatch, the one complained about.
  const select = stmt(
    ctx.db,
    `SELECT c.id, c.office_code, c.number, c.complainant_name, c.building, c.unit, c.room, c.severity, c.status, c.held_from_status, c.summary <> '' AS has_summary, c.round,
            h.from_at AS held_since, h.expected_date AS hold_expected_date,
            COALESCE(r.department_id, c.complained_department_id) AS department_id,
            COALESCE(rd.name, cd.name, '') AS department_name
     FROM complaints c
     LEFT JOIN handling_rounds r ON r.complaint_id = c.id AND r.round = c.round
     LEFT JOIN departments rd ON rd.id = r.department_id
     LEFT JOIN departments cd ON cd.id = c.complained_department_id
     LEFT JOIN holds h ON h.complaint_id = c.id AND h.resumed_at = ''
     WHERE c.id IN (SELECT value FROM json_each(?))`,
  );
  const complaints = new Map<string, OpenComplaintRow>();
  for (const row of select.all(JSON.stringify([...ids])) as OpenComplaintRow[]) complaints.set(row.id, row);
  return { open, complaints, withOtherThanResolution };
}

/**
 * The step that meets a deadline when it is not the status's own next step: the board's card opens
 * the complaint there (上报 for the report upward; 答复 for the reply and a major complaint's 明确答复).
 */
const STEP_FOR_KIND: Partial<Record<DeadlineKind, LifecycleAction>> = { report: 'escalate', response: 'reply', definite_reply: 'reply' };

/** A held card's hold: since when, when it was expected to resume, and how many days that is past. */
function holdOf(since: string, expectedDate: string, nowWall: string): BoardHold {
  return { since, expectedDate, pastExpectedDays: holdPastExpectedDays(expectedDate, nowWall) };
}

/**
 * The deadline board: every open complaint under its next deadline, in 已逾期 / 今日到期 / 48小时内 /
 * 正常. One indexed read of the open deadlines and one of their complaints (remembered until the
 * database changes); the rest is arithmetic.
 */
export function buildBoard(ctx: ServiceContext, filter: { departmentId?: string; severity?: Severity; officeCode?: string }): Board {
  const { timeZone } = getSettings(ctx);
  const nowWall = toWallTime(now(), timeZone);
  const rows = readBoardRows(ctx);
  const { open, complaints, withOtherThanResolution } = rows;
  const dueMs = dueInstantsOf(rows, timeZone);
  const nowMs = wallToEpochMs(nowWall, timeZone);

  const columns: Record<BoardColumn, BoardCard[]> = { overdue: [], today: [], within48h: [], normal: [], held: [] };
  const placed = new Set<string>();
  for (let i = 0; i < open.length; i++) {
    const d = open[i]!;
    // Open deadlines come soonest first, so the first one of a complaint that counts is its next.
    const c = complaints.get(d.complaintId);
    if (!c || placed.has(c.id) || c.status === 'closed') continue;
    if (filter.officeCode && c.office_code !== filter.officeCode) continue;
    if (filter.severity && c.severity !== filter.severity) continue;
    if (filter.departmentId && c.department_id !== filter.departmentId) continue;
    const onHold = c.status === 'on_hold';
    // On hold, the resolution clock stands still: another open deadline is the next one.
    if (onHold && d.kind === 'resolution' && withOtherThanResolution.has(c.id)) continue;
    placed.add(c.id);
    // An open deadline's minutes are the time left (negative: overdue); a paused one's stopped
    // when the hold began and stay as they were then.
    const paused = onHold && d.kind === 'resolution' && c.held_since !== null;
    const minutes = minutesUntil(paused ? wallToEpochMs(c.held_since!, timeZone) : nowMs, dueMs[i]!);
    // Held complaints have a column of their own (not 正常): nobody is working on them, and a
    // hold that outlived its expected resume date must be seen. The renderer re-derives the same
    // column on its clock tick with the same function (contract/deadline-clock.ts).
    const column = boardColumnAt(minutes, d.dueAt, nowWall, onHold);
    const step = primaryStep({
      status: c.status,
      severity: c.severity,
      heldFromStatus: c.held_from_status as ComplaintStatus | '',
      hasSummary: c.has_summary === 1,
      round: c.round,
    });
    columns[column].push({
      complaintId: c.id,
      number: c.number,
      complainantName: c.complainant_name,
      room: `${c.building}${c.unit}${c.room}`,
      departmentName: c.department_name,
      severity: c.severity,
      status: c.status,
      nextKind: d.kind,
      dueAt: d.dueAt,
      minutes,
      step: STEP_FOR_KIND[d.kind] ?? step,
      onHold,
      hold: onHold && c.held_since !== null ? holdOf(c.held_since, c.hold_expected_date ?? '', nowWall) : null,
    });
  }
  // The longest past its expected resume date first, then the soonest expected.
  columns.held.sort(byHoldLateness);
  return { now: nowWall, columns, byDepartment: countByDepartment(columns) };
}

/** Open deadlines overdue or due within the hour: what the desk is told about. */
export function deadlineAlerts(ctx: ServiceContext): DeadlineAlert[] {
  // Only this office's deadlines: merged offices' complaints are theirs to handle (own-records.ts).
  const { timeZone, officeCode } = getSettings(ctx);
  const nowWall = toWallTime(now(), timeZone);
  const rows = readBoardRows(ctx);
  const { open, complaints } = rows;
  const dueMs = dueInstantsOf(rows, timeZone);
  const nowMs = wallToEpochMs(nowWall, timeZone);
  const alerts: DeadlineAlert[] = [];
  for (let i = 0; i < open.length; i++) {
    const d = open[i]!;
    const minutes = minutesUntil(nowMs, dueMs[i]!);
    const level = alertLevelAt(minutes);
    if (level === null) break; // soonest first
    const c = complaints.get(d.complaintId);
    if (!c || c.office_code !== officeCode || c.status === 'closed' || (c.status === 'on_hold' && d.kind === 'resolution')) continue;
    alerts.push({ deadlineId: d.id, complaintId: d.complaintId, number: c.number, kind: d.kind, dueAt: d.dueAt, overdue: level === 'overdue' });
  }
  return alerts;
}
