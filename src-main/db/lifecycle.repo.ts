import type { Db } from './connection';
import { stmt } from './statements';
import type { CompensationKind, ComplaintStatus, ContactMethod, EscalationLevel, FollowUpView, HandlingRoundView, RedispatchView, ReplyView } from '../../src-preload/contract';

/** The lifecycle columns of a complaint (migration 0020). */
export interface LifecycleColumns {
  status: ComplaintStatus;
  round: number;
  heldFromStatus: ComplaintStatus | '';
  summary: string;
  improvement: string;
  invalidNoticedAt: string;
  invalidNoticeMethod: ContactMethod | '';
  closedAt: string;
}

export function getLifecycleColumns(db: Db, complaintId: string): LifecycleColumns | undefined {
  return stmt(db, 
      `SELECT status, round, held_from_status AS heldFromStatus, summary, improvement,
              invalid_noticed_at AS invalidNoticedAt, invalid_notice_method AS invalidNoticeMethod, closed_at AS closedAt
       FROM complaints WHERE id = ?`,
    )
    .get(complaintId) as LifecycleColumns | undefined;
}

const LIFECYCLE_COLUMN: Record<keyof LifecycleColumns, string> = {
  status: 'status',
  round: 'round',
  heldFromStatus: 'held_from_status',
  summary: 'summary',
  improvement: 'improvement',
  invalidNoticedAt: 'invalid_noticed_at',
  invalidNoticeMethod: 'invalid_notice_method',
  closedAt: 'closed_at',
};

/** Write lifecycle columns if the complaint is still at `version`; false when someone saved first. */
export function updateLifecycleColumns(db: Db, id: string, version: number, changes: Partial<LifecycleColumns>, at: string): boolean {
  const keys = Object.keys(changes) as (keyof LifecycleColumns)[];
  const sets = keys.map((k) => `${LIFECYCLE_COLUMN[k]} = ?`);
  return (
    stmt(db, `UPDATE complaints SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`)
      .run(...keys.map((k) => changes[k]), at, id, version).changes === 1
  );
}

/** A round as stored: the view the screens get, plus the ids behind the names. */
export interface HandlingRound extends HandlingRoundView {
  id: string;
  handlerId: string;
}

export function listRounds(db: Db, complaintId: string): HandlingRound[] {
  const rows = stmt(db, 
      `SELECT r.*, d.name AS department_name, COALESCE(s.name, '') AS handler_name
       FROM handling_rounds r JOIN departments d ON d.id = r.department_id LEFT JOIN staff s ON s.id = r.handler_id
       WHERE r.complaint_id = ? ORDER BY r.round`,
    )
    .all(complaintId) as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: r.id as string,
    round: r.round as number,
    departmentId: r.department_id as string,
    departmentName: r.department_name as string,
    handlerId: (r.handler_id as string | null) ?? '',
    handlerName: r.handler_name as string,
    dispatchedAt: r.dispatched_at as string,
    dispatchedBy: r.dispatched_by as string,
    signedBy: r.signed_by as string,
    signedAt: r.signed_at as string,
    measures: r.measures as string,
    result: r.result as string,
    completedBy: r.completed_by as string,
    completedAt: r.completed_at as string,
    compensationKind: r.compensation_kind as CompensationKind,
    compensationAmount: (r.compensation_cents as number) / 100,
  }));
}

/**
 * 派单 of a round: its row of the 投诉处理记录表. One per round, written once; a later move to another
 * department is a 转派 (insertRedispatch + updateRound), never a silent replacement.
 */
export function insertRound(
  db: Db,
  r: { id: string; complaintId: string; round: number; departmentId: string; handlerId: string; dispatchedAt: string; dispatchedBy: string },
): void {
  stmt(db, 
    `INSERT INTO handling_rounds (id, complaint_id, round, department_id, handler_id, dispatched_at, dispatched_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.complaintId, r.round, r.departmentId, r.handlerId || null, r.dispatchedAt, r.dispatchedBy);
}

export function updateRound(db: Db, complaintId: string, round: number, changes: Record<string, string | number | null>): void {
  const keys = Object.keys(changes);
  stmt(db, `UPDATE handling_rounds SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE complaint_id = ? AND round = ?`).run(
    ...keys.map((k) => changes[k]),
    complaintId,
    round,
  );
}

/** A 转派 as stored: the view plus the ids behind the names. */
export interface Redispatch {
  id: string;
  complaintId: string;
  round: number;
  at: string;
  actor: string;
  reason: string;
  fromDepartmentId: string;
  toDepartmentId: string;
  toHandlerId: string;
  fromSignedBy: string;
  fromSignedAt: string;
}

export function insertRedispatch(db: Db, r: Redispatch): void {
  stmt(db,
    `INSERT INTO redispatches (id, complaint_id, round, at, actor, reason, from_department_id, to_department_id, to_handler_id, from_signed_by, from_signed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.complaintId, r.round, r.at, r.actor, r.reason, r.fromDepartmentId, r.toDepartmentId, r.toHandlerId || null, r.fromSignedBy, r.fromSignedAt);
}

/** A complaint's 转派, oldest first, with the departments' and handler's names. */
export function listRedispatches(db: Db, complaintId: string): RedispatchView[] {
  return stmt(db,
    `SELECT r.round, r.at, r.actor, r.reason, f.name AS fromDepartmentName, t.name AS toDepartmentName,
            COALESCE(s.name, '') AS toHandlerName, r.from_signed_by AS fromSignedBy, r.from_signed_at AS fromSignedAt
     FROM redispatches r JOIN departments f ON f.id = r.from_department_id JOIN departments t ON t.id = r.to_department_id
       LEFT JOIN staff s ON s.id = r.to_handler_id
     WHERE r.complaint_id = ? ORDER BY r.round, r.at, r.id`,
  ).all(complaintId) as RedispatchView[];
}

/** A 答复 as stored. */
export interface Reply extends ReplyView {
  id: string;
  complaintId: string;
}

export function insertReply(db: Db, r: Reply): void {
  stmt(db, 'INSERT INTO replies (id, complaint_id, round, at, method, replier, content) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    r.id,
    r.complaintId,
    r.round,
    r.at,
    r.method,
    r.replier,
    r.content,
  );
}

/** A complaint's 答复, in the order they were given. */
export function listReplies(db: Db, complaintId: string): ReplyView[] {
  return stmt(db, 'SELECT round, at, method, replier, content FROM replies WHERE complaint_id = ? ORDER BY at, id').all(complaintId) as ReplyView[];
}

export interface FollowUp extends FollowUpView {
  id: string;
}

export function insertFollowUp(db: Db, complaintId: string, f: FollowUp): void {
  stmt(db, 
    `INSERT INTO follow_ups (id, complaint_id, round, at, method, visitor, person_visited, opinion, satisfaction, impossible_reason, approved_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.id, complaintId, f.round, f.at, f.method, f.visitor, f.personVisited, f.opinion, f.satisfaction, f.impossibleReason, f.approvedBy);
}

export function listFollowUps(db: Db, complaintId: string): FollowUp[] {
  return stmt(db, 
      `SELECT id, round, at, method, visitor, person_visited AS personVisited, opinion, satisfaction,
              impossible_reason AS impossibleReason, approved_by AS approvedBy
       FROM follow_ups WHERE complaint_id = ? ORDER BY round, at`,
    )
    .all(complaintId) as FollowUp[];
}

export interface Escalation {
  id: string;
  at: string;
  level: EscalationLevel;
  reason: string;
  actor: string;
}

export function insertEscalation(db: Db, complaintId: string, e: Escalation): void {
  stmt(db, 'INSERT INTO escalations (id, complaint_id, at, level, reason, actor) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.id,
    complaintId,
    e.at,
    e.level,
    e.reason,
    e.actor,
  );
}

export function listEscalations(db: Db, complaintId: string): Escalation[] {
  return stmt(db, 'SELECT id, at, level, reason, actor FROM escalations WHERE complaint_id = ? ORDER BY at, id').all(complaintId) as Escalation[];
}

export interface Hold {
  id: string;
  fromAt: string;
  expectedDate: string;
  reason: string;
  resumedAt: string;
  heldMinutes: number;
}

export function insertHold(db: Db, complaintId: string, h: Hold): void {
  stmt(db, 'INSERT INTO holds (id, complaint_id, from_at, expected_date, reason, resumed_at, held_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    h.id,
    complaintId,
    h.fromAt,
    h.expectedDate,
    h.reason,
    h.resumedAt,
    h.heldMinutes,
  );
}

export function listHolds(db: Db, complaintId: string): Hold[] {
  return stmt(db, 
      `SELECT id, from_at AS fromAt, expected_date AS expectedDate, reason, resumed_at AS resumedAt, held_minutes AS heldMinutes
       FROM holds WHERE complaint_id = ? ORDER BY from_at, id`,
    )
    .all(complaintId) as Hold[];
}

export function closeHold(db: Db, holdId: string, resumedAt: string, heldMinutes: number): void {
  stmt(db, 'UPDATE holds SET resumed_at = ?, held_minutes = ? WHERE id = ?').run(resumedAt, heldMinutes, holdId);
}
