import type { Db } from './connection';
import { stmt } from './statements';
import type { DeadlineKind, Duration } from '../../src-preload/contract';

export interface DeadlineRow {
  id: string;
  complaintId: string;
  kind: DeadlineKind;
  round: number;
  startedAt: string;
  dueAt: string;
  rule: Duration | null;
  policyVersion: number;
  pausedMinutes: number;
  completedAt: string;
  cancelledAt: string;
}

const SELECT = `SELECT id, complaint_id AS complaintId, kind, round, started_at AS startedAt, due_at AS dueAt, rule,
  policy_version AS policyVersion, paused_minutes AS pausedMinutes, completed_at AS completedAt, cancelled_at AS cancelledAt
  FROM complaint_deadlines`;

const toRow = (r: Omit<DeadlineRow, 'rule'> & { rule: string | null }): DeadlineRow => ({ ...r, rule: r.rule ? (JSON.parse(r.rule) as Duration) : null });

export function insertDeadline(db: Db, d: DeadlineRow): void {
  stmt(db, 
    `INSERT INTO complaint_deadlines (id, complaint_id, kind, round, started_at, due_at, rule, policy_version, paused_minutes, completed_at, cancelled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.complaintId, d.kind, d.round, d.startedAt, d.dueAt, d.rule ? JSON.stringify(d.rule) : null, d.policyVersion, d.pausedMinutes, d.completedAt, d.cancelledAt);
}

export function listDeadlines(db: Db, complaintId: string): DeadlineRow[] {
  return (stmt(db, `${SELECT} WHERE complaint_id = ? ORDER BY round, started_at, kind`).all(complaintId) as Parameters<typeof toRow>[0][]).map(toRow);
}

/** An open deadline as the board and the alerts read it: whose, which, and when it falls due. */
export interface OpenDeadlineDue {
  id: string;
  complaintId: string;
  kind: DeadlineKind;
  dueAt: string;
}

/** Every open deadline (not met, not cancelled), soonest first, with only the columns the board and the alerts read. */
export function listOpenDeadlinesDue(db: Db): OpenDeadlineDue[] {
  return stmt(
    db,
    `SELECT id, complaint_id AS complaintId, kind, due_at AS dueAt
     FROM complaint_deadlines WHERE completed_at = '' AND cancelled_at = '' ORDER BY due_at`,
  ).all() as OpenDeadlineDue[];
}

/**
 * Open deadlines whose rule counts working days, of this database's own complaints (office code
 * bound first): the ones a calendar edit can move. A merged office's deadlines count on that
 * office's calendar; they arrive with their due times and only that office's exports change them.
 */
const OPEN_WORKING_DAYS = `completed_at = '' AND cancelled_at = '' AND json_extract(rule, '$.unit') = 'working_days'
  AND EXISTS (SELECT 1 FROM complaints c WHERE c.id = complaint_id AND c.office_code = ?)`;

/**
 * Open working-day deadlines that share a start date, a number of days, the hold minutes added on
 * top and a due time. A working-day due time depends only on the first three, so a group is
 * counted once and moves as one.
 */
export interface WorkingDayGroup {
  /** YYYY-MM-DD: the office-local date the count starts after. */
  startDate: string;
  /** The rule's number of working days. */
  days: number;
  pausedMinutes: number;
  dueAt: string;
}

export function listOpenWorkingDayGroups(db: Db, officeCode: string): WorkingDayGroup[] {
  return stmt(
    db,
    `SELECT DISTINCT substr(started_at, 1, 10) AS startDate, json_extract(rule, '$.amount') AS days, paused_minutes AS pausedMinutes, due_at AS dueAt
     FROM complaint_deadlines WHERE ${OPEN_WORKING_DAYS}`,
  ).all(officeCode) as WorkingDayGroup[];
}

/** Give every deadline of the group (of this office's complaints) a new due time; returns how many moved. */
export function moveWorkingDayGroup(db: Db, officeCode: string, group: WorkingDayGroup, dueAt: string): number {
  return stmt(
    db,
    `UPDATE complaint_deadlines SET due_at = ?
     WHERE ${OPEN_WORKING_DAYS} AND due_at = ? AND substr(started_at, 1, 10) = ? AND json_extract(rule, '$.amount') = ? AND paused_minutes = ?`,
  ).run(dueAt, officeCode, group.dueAt, group.startDate, group.days, group.pausedMinutes).changes;
}

/**
 * Mark the open deadlines of these kinds met at `at` (a step was done). With `startedBy`, only those
 * that had started by then: an answer given before a complaint became major is not its 明确答复.
 */
export function completeDeadlines(db: Db, complaintId: string, kinds: DeadlineKind[], at: string, startedBy?: string): void {
  stmt(db, 
    `UPDATE complaint_deadlines SET completed_at = ? WHERE complaint_id = ? AND completed_at = '' AND cancelled_at = ''
     AND kind IN (${kinds.map(() => '?').join(', ')})${startedBy === undefined ? '' : ' AND started_at <= ?'}`,
  ).run(at, complaintId, ...kinds, ...(startedBy === undefined ? [] : [startedBy]));
}

/** Cancel every open deadline (an invalid complaint: only the notice is still owed). */
export function cancelOpenDeadlines(db: Db, complaintId: string, at: string, exceptKinds: DeadlineKind[] = []): void {
  stmt(db, 
    `UPDATE complaint_deadlines SET cancelled_at = ? WHERE complaint_id = ? AND completed_at = '' AND cancelled_at = ''
     AND kind NOT IN (${exceptKinds.map(() => '?').join(', ') || "''"})`,
  ).run(at, complaintId, ...exceptKinds);
}

export function hasDeadline(db: Db, complaintId: string, kind: DeadlineKind, round: number): boolean {
  return stmt(db, 'SELECT 1 FROM complaint_deadlines WHERE complaint_id = ? AND kind = ? AND round = ?').get(complaintId, kind, round) !== undefined;
}

export function setDueAt(db: Db, id: string, dueAt: string, pausedMinutes: number): void {
  stmt(db, 'UPDATE complaint_deadlines SET due_at = ?, paused_minutes = ? WHERE id = ?').run(dueAt, pausedMinutes, id);
}
