import { noteOf, type ComplaintDetail, type KeyedText, type LifecycleAction, type LifecycleParsed, type NoteKey, type Staff, type Term } from '../../src-preload/contract';
import { stmt } from '../db/statements';
import { addMinutesToWall, minutesBetween } from '../../src-preload/contract';
import { getComplaint, updateComplaintFields } from '../db/complaints.repo';
import { getEntry, getStaff } from '../db/directory.repo';
import { insertEvent, keyedNote } from '../db/events.repo';
import {
  closeHold,
  getLifecycleColumns,
  insertEscalation,
  insertFollowUp,
  insertHold,
  insertRedispatch,
  insertReply,
  insertRound,
  listFollowUps,
  listHolds,
  listRounds,
  updateLifecycleColumns,
  updateRound,
  type LifecycleColumns,
} from '../db/lifecycle.repo';
import { cancelOpenDeadlines, completeDeadlines, listDeadlines, setDueAt } from '../db/deadlines.repo';
import { transition, type LifecycleSnapshot } from '../domain/lifecycle';
import { dispatchDeadline, followUpDeadline, invalidNoticeDeadline, resolutionDeadline } from '../domain/deadlines';
import { autoMajorAt, autoMajorReceivedBefore, isAutoMajorDue } from '../domain/auto-major';
import { AppError, invalid, notFound, refusal } from '../lib/app-error';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import { requireActor } from './actor';
import type { ServiceContext } from './context';
import { dueContext, saveDeadline, startMajorDeadlines, wallNow } from './deadlines.service';
import { getComplaintDetail } from './complaints.service';
import { getSettings } from './settings.service';
import { assertOwnComplaint } from './own-records';

/** What a step's effect function gets: the complaint as it was, who acts, and when. */
interface StepContext {
  ctx: ServiceContext;
  complaintId: string;
  receivedAt: string;
  snapshot: LifecycleSnapshot;
  actor: Staff;
  /** Wall time now, in the office's zone. */
  at: string;
}

/** A step's effect: rows written, lifecycle columns to set, and the timeline note. */
interface StepEffect {
  columns?: Partial<LifecycleColumns>;
  /** Complaint fields changed by the step (invalid: validity and reason; auto-major: severity). */
  fields?: Parameters<typeof updateComplaintFields>[3];
  /** Other before → after the timeline shows (转派: the responsible department, by name). */
  changes?: { field: string; before: string; after: string }[];
  /** The timeline's note (note-texts.ts), starting with the step's name. */
  note: KeyedText<NoteKey>;
}

function requireStaff(ctx: ServiceContext, id: string, field: string, label: Term): Staff {
  const staff = getStaff(ctx.db, id);
  if (!staff?.active) throw invalid(field, 'staff.notActive', { field: label });
  return staff;
}

/**
 * When the round under way began: intake for the first, the unsatisfied follow-up that opened it for
 * the next. Its 签收 and result cannot be earlier (the 派单 time is when it was entered, which may
 * come after the paper form was signed, so that is not the bound).
 */
function roundStart(s: StepContext): string {
  if (s.snapshot.round <= 1) return s.receivedAt;
  const opened = listFollowUps(s.ctx.db, s.complaintId).find((f) => f.round === s.snapshot.round - 1 && f.satisfaction === 'unsatisfied');
  return opened && opened.at > s.receivedAt ? opened.at : s.receivedAt;
}

/** A time written on the form: not before the complaint came in, not in the future. */
function checkRecordedTime(s: StepContext, value: string, field: string, label: Term, notBefore = s.receivedAt): void {
  if (value < notBefore) throw invalid(field, 'time.notBefore', { field: label, time: notBefore });
  if (value > s.at) throw invalid(field, 'time.inFuture', { field: label, now: s.at });
}

const EFFECTS: { [A in LifecycleAction]: (s: StepContext, input: LifecycleParsed<A>) => StepEffect } = {
  dispatch(s, input) {
    const department = getEntry(s.ctx.db, 'departments', input.departmentId);
    if (!department?.active) throw invalid('departmentId', 'dispatch.departmentInactive');
    const handler = input.handlerId ? requireStaff(s.ctx, input.handlerId, 'handlerId', '处理人') : null;
    const round = Math.max(1, s.snapshot.round);
    insertRound(s.ctx.db, { id: ulid(), complaintId: s.complaintId, round, departmentId: department.id, handlerId: handler?.id ?? '', dispatchedAt: s.at, dispatchedBy: s.actor.name });
    completeDeadlines(s.ctx.db, s.complaintId, ['dispatch'], s.at);
    const to = { action: 'dispatch', department: department.name };
    const note =
      round > 1
        ? handler
          ? noteOf('step.dispatchRoundWithHandler', { ...to, handler: handler.name, round })
          : noteOf('step.dispatchRound', { ...to, round })
        : handler
          ? noteOf('step.dispatchWithHandler', { ...to, handler: handler.name })
          : noteOf('step.dispatch', to);
    return { columns: { round }, note };
  },

  redispatch(s, input) {
    const current = listRounds(s.ctx.db, s.complaintId).find((r) => r.round === s.snapshot.round);
    if (!current) throw invalid('status', 'redispatch.roundNotDispatched', { round: s.snapshot.round });
    const department = getEntry(s.ctx.db, 'departments', input.departmentId);
    if (!department?.active) throw invalid('departmentId', 'redispatch.departmentInactive');
    if (department.id === current.departmentId) throw invalid('departmentId', 'redispatch.sameDepartment', { department: current.departmentName });
    const handler = input.handlerId ? requireStaff(s.ctx, input.handlerId, 'handlerId', '处理人') : null;
    insertRedispatch(s.ctx.db, {
      id: ulid(),
      complaintId: s.complaintId,
      round: s.snapshot.round,
      at: s.at,
      actor: s.actor.name,
      reason: input.reason,
      fromDepartmentId: current.departmentId,
      toDepartmentId: department.id,
      toHandlerId: handler?.id ?? '',
      fromSignedBy: current.signedBy,
      fromSignedAt: current.signedAt,
    });
    // The round's row names the department that has the form now; its 签收 is theirs to give (the
    // first department's is kept with the 转派). Deadlines stay: the complainant's clock runs on.
    updateRound(s.ctx.db, s.complaintId, s.snapshot.round, { department_id: department.id, handler_id: handler?.id ?? null, signed_by: '', signed_at: '' });
    return {
      changes: [{ field: 'responsibleDepartment', before: current.departmentName, after: department.name }],
      note: handler
        ? noteOf('step.redispatchWithHandler', { action: 'redispatch', from: current.departmentName, to: department.name, handler: handler.name, reason: input.reason })
        : noteOf('step.redispatch', { action: 'redispatch', from: current.departmentName, to: department.name, reason: input.reason }),
    };
  },

  signFor(s, input) {
    const signer = requireStaff(s.ctx, input.signerId, 'signerId', '签收人');
    checkRecordedTime(s, input.signedAt, 'signedAt', '签收时间', roundStart(s));
    updateRound(s.ctx.db, s.complaintId, s.snapshot.round, { signed_by: signer.name, signed_at: input.signedAt });
    // The department has taken it on "in the first time": the complaint's first response (首次响应).
    // Not the reply (答复): signing a form tells the complainant nothing.
    completeDeadlines(s.ctx.db, s.complaintId, ['first_response'], input.signedAt);
    return { note: noteOf('step.signFor', { action: 'signFor', signer: signer.name, at: input.signedAt }) };
  },

  recordResult(s, input) {
    const handler = requireStaff(s.ctx, input.handlerId, 'handlerId', '处理人');
    const current = listRounds(s.ctx.db, s.complaintId).find((r) => r.round === s.snapshot.round);
    const notBefore = [roundStart(s), current?.signedAt ?? ''].reduce((a, b) => (b > a ? b : a));
    checkRecordedTime(s, input.completedAt, 'completedAt', '完成时间', notBefore);
    updateRound(s.ctx.db, s.complaintId, s.snapshot.round, {
      handler_id: handler.id,
      measures: input.measures,
      result: input.result,
      completed_by: handler.name,
      completed_at: input.completedAt,
      compensation_kind: input.compensationKind,
      compensation_cents: Math.round(input.compensationAmount * 100),
    });
    // The result is the answer the complainant is owed (§1: reception tells them the result): it
    // completes the reply (答复) and a major complaint's definite reply (明确答复) with the handling.
    completeDeadlines(s.ctx.db, s.complaintId, ['first_response', 'response', 'definite_reply', 'resolution'], input.completedAt);
    const due = dueContext(s.ctx);
    saveDeadline(s.ctx, s.complaintId, followUpDeadline(input.completedAt, s.snapshot.round, due), due.policyVersion);
    return { note: noteOf('step.recordResult', { action: 'recordResult', handler: handler.name, at: input.completedAt, result: input.result }) };
  },

  reply(s, input) {
    checkRecordedTime(s, input.at, 'at', '答复时间');
    // Before the first 派单 the round is 0; the answer belongs to round 1, as the intake's deadlines do.
    insertReply(s.ctx.db, { id: ulid(), complaintId: s.complaintId, round: Math.max(1, s.snapshot.round), at: input.at, method: input.method, replier: s.actor.name, content: input.content });
    // §5: the answer owed to the complainant (答复) and a major complaint's definite reply (明确答复)
    // are met — or late — by when it was given, not by when the handling ends. Only open ones: a
    // later reply changes nothing, and one given before the complaint became major is not its 明确答复.
    completeDeadlines(s.ctx.db, s.complaintId, ['response', 'definite_reply'], input.at, input.at);
    return { note: noteOf('step.reply', { action: 'reply', replier: s.actor.name, method: input.method, at: input.at, content: input.content }) };
  },

  followUp(s, input) {
    const visitor = requireStaff(s.ctx, input.visitorId, 'visitorId', '回访人');
    const handled = listRounds(s.ctx.db, s.complaintId).find((r) => r.round === s.snapshot.round)?.completedAt ?? '';
    checkRecordedTime(s, input.at, 'at', '回访时间', handled > s.receivedAt ? handled : s.receivedAt);
    insertFollowUp(s.ctx.db, s.complaintId, {
      id: ulid(),
      round: s.snapshot.round,
      at: input.at,
      method: input.method,
      visitor: visitor.name,
      personVisited: input.personVisited,
      opinion: input.opinion,
      satisfaction: input.satisfaction,
      impossibleReason: '',
      approvedBy: '',
    });
    completeDeadlines(s.ctx.db, s.complaintId, ['follow_up'], input.at);
    if (input.satisfaction !== 'unsatisfied') return { note: noteOf('step.followUp', { action: 'followUp', visitor: visitor.name, satisfaction: input.satisfaction }) };
    // §5: unsatisfied → sent back for a new round. It is dispatched again (to whichever department
    // should have it now) and signed for like the first: a dispatch deadline as at intake, and a
    // fresh resolution deadline, both from the follow-up that opened the round.
    const round = s.snapshot.round + 1;
    const due = dueContext(s.ctx);
    const severity = getComplaint(s.ctx.db, s.complaintId)!.severity;
    saveDeadline(s.ctx, s.complaintId, dispatchDeadline(input.at, severity, round, due), due.policyVersion);
    saveDeadline(s.ctx, s.complaintId, resolutionDeadline(input.at, severity, round, due), due.policyVersion);
    return { note: noteOf('step.followUpUnsatisfied', { action: 'followUp', visitor: visitor.name, round }) };
  },

  followUpImpossible(s, input) {
    const supervisor = requireStaff(s.ctx, input.supervisorId, 'supervisorId', '审核主管');
    if (supervisor.role !== 'supervisor' && supervisor.role !== 'director') {
      throw invalid('supervisorId', 'followUp.notSupervisor', { name: supervisor.name });
    }
    insertFollowUp(s.ctx.db, s.complaintId, {
      id: ulid(),
      round: s.snapshot.round,
      at: s.at,
      method: '',
      visitor: s.actor.name,
      personVisited: '',
      opinion: '',
      satisfaction: '',
      impossibleReason: input.reason,
      approvedBy: supervisor.name,
    });
    // Not a follow-up done: the stage is cancelled, so it never counts as done on time.
    cancelOpenDeadlines(s.ctx.db, s.complaintId, s.at);
    return { note: noteOf('step.followUpImpossible', { action: 'followUpImpossible', reason: input.reason, supervisor: supervisor.name }) };
  },

  markInvalid(s, input) {
    cancelOpenDeadlines(s.ctx.db, s.complaintId, s.at);
    const due = dueContext(s.ctx);
    saveDeadline(s.ctx, s.complaintId, invalidNoticeDeadline(s.at, due), due.policyVersion);
    return { fields: { validity: 'invalid', invalidReason: input.reason }, note: noteOf('step.markInvalid', { action: 'markInvalid', reason: input.reason }) };
  },

  notifyInvalid(s, input) {
    checkRecordedTime(s, input.at, 'at', '告知时间');
    completeDeadlines(s.ctx.db, s.complaintId, ['invalid_notice'], input.at);
    return {
      columns: { invalidNoticedAt: input.at, invalidNoticeMethod: input.method },
      note: noteOf('step.notifyInvalid', { action: 'notifyInvalid', method: input.method, at: input.at }),
    };
  },

  escalate(s, input) {
    insertEscalation(s.ctx.db, s.complaintId, { id: ulid(), at: s.at, level: input.level, reason: input.reason, actor: s.actor.name });
    completeDeadlines(s.ctx.db, s.complaintId, ['report'], s.at);
    return { note: noteOf('step.escalate', { action: 'escalate', level: input.level, reason: input.reason }) };
  },

  summarize(_s, input) {
    return { columns: { summary: input.summary, improvement: input.improvement }, note: noteOf('step.summarize', { action: 'summarize', summary: input.summary }) };
  },

  hold(s, input) {
    if (input.expectedDate < s.at.slice(0, 10)) throw invalid('expectedDate', 'hold.expectedInPast');
    insertHold(s.ctx.db, s.complaintId, { id: ulid(), fromAt: s.at, expectedDate: input.expectedDate, reason: input.reason, resumedAt: '', heldMinutes: 0 });
    return { note: noteOf('step.hold', { action: 'hold', reason: input.reason, date: input.expectedDate }) };
  },

  resume(s) {
    const hold = listHolds(s.ctx.db, s.complaintId).find((h) => h.resumedAt === '');
    const { timeZone } = getSettings(s.ctx);
    const held = hold ? Math.max(0, minutesBetween(hold.fromAt, s.at, timeZone)) : 0;
    if (hold) closeHold(s.ctx.db, hold.id, s.at, held);
    // The resolution clock stood still while on hold: move its due time by the time held.
    for (const d of listDeadlines(s.ctx.db, s.complaintId)) {
      if (d.kind !== 'resolution' || d.completedAt || d.cancelledAt || held === 0) continue;
      setDueAt(s.ctx.db, d.id, addMinutesToWall(d.dueAt, held, timeZone), d.pausedMinutes + held);
    }
    return { note: noteOf('step.resume', { action: 'resume', held }) };
  },
};

/**
 * Run one step of the procedure: check the version and the state machine, write the step's rows,
 * the new status and a timeline event — all in one transaction, or nothing at all.
 */
export function runStep<A extends LifecycleAction>(ctx: ServiceContext, action: A, input: LifecycleParsed<A> & { id: string; version: number; actorId: string }): ComplaintDetail {
  ctx.db
    .transaction(() => {
      const complaint = getComplaint(ctx.db, input.id);
      const columns = getLifecycleColumns(ctx.db, input.id);
      if (!complaint || !columns) throw notFound('投诉');
      assertOwnComplaint(ctx, complaint);
      if (complaint.version !== input.version) throw refusal('CONFLICT', 'complaint.staleStep', { current: complaint.version });
      const actor = requireActor(ctx, input.actorId);
      const snapshot: LifecycleSnapshot = {
        status: columns.status,
        severity: complaint.severity,
        heldFromStatus: columns.heldFromStatus,
        hasSummary: columns.summary !== '',
        round: columns.round,
      };
      const outcome = transition(snapshot, action === 'followUp' ? { action: 'followUp', satisfaction: (input as LifecycleParsed<'followUp'>).satisfaction } : { action: action });
      if (!outcome.ok) throw new AppError('VALIDATION', outcome.refusal, 'status');
      const at = wallNow(ctx);
      const effect = (EFFECTS[action] as (s: StepContext, i: typeof input) => StepEffect)({ ctx, complaintId: input.id, receivedAt: complaint.receivedAt, snapshot, actor, at }, input);
      const next: Partial<LifecycleColumns> = {
        ...effect.columns,
        status: outcome.status,
        round: effect.columns?.round ?? outcome.round,
        heldFromStatus: outcome.heldFromStatus,
        ...(outcome.status === 'closed' && { closedAt: at }),
      };
      const iso = now().toISOString();
      if (effect.fields && !updateComplaintFields(ctx.db, input.id, input.version, effect.fields, iso)) {
        throw refusal('CONFLICT', 'complaint.changedStep');
      }
      const version = effect.fields ? input.version + 1 : input.version;
      if (!updateLifecycleColumns(ctx.db, input.id, version, next, iso)) throw refusal('CONFLICT', 'complaint.changedStep');
      const statusChange = outcome.status !== snapshot.status ? [{ field: 'status', before: snapshot.status, after: outcome.status }] : [];
      const stepChanges = effect.changes ?? [];
      const fieldChanges = Object.entries(effect.fields ?? {}).map(([field, after]) => ({
        field,
        before: String(complaint[field as keyof typeof complaint] ?? ''),
        after: String(after ?? ''),
      }));
      insertEvent(ctx.db, {
        id: ulid(),
        complaintId: input.id,
        at: iso,
        actorId: actor.id,
        actorName: actor.name,
        kind: 'step',
        changes: [...statusChange, ...stepChanges, ...fieldChanges],
        ...keyedNote(effect.note),
      });
    })
    .immediate();
  return getComplaintDetail(ctx, input.id);
}


/**
 * procedure §5: a valid complaint not resolved within one calendar month of receipt becomes major
 * (auto-major.ts: 09-15 10:00 → 10-15 10:00; 01-31 → the last day of February). Run by the
 * scheduler's tick on main's clock; each upgrade is an event and starts the major complaint's
 * report upward and its definite reply, from the upgrade.
 */
export function sweepAutoMajor(ctx: ServiceContext): number {
  const due = dueContext(ctx);
  const at = wallNow(ctx);
  const months = due.policy.autoMajorMonths;
  // An indexed pre-selection by receipt time, then the exact rule (month ends make it no single cutoff).
  const candidates = (
    stmt(
      ctx.db,
      `SELECT id, version, severity, received_at AS receivedAt FROM complaints
       WHERE status IN ('registered', 'returned', 'dispatched', 'in_progress', 'on_hold') AND validity = 'valid' AND severity != 'major' AND received_at < ?
         AND office_code = ?`, // other offices' complaints are theirs to upgrade (own-records.ts)
    ).all(autoMajorReceivedBefore(at, months), getSettings(ctx).officeCode) as { id: string; version: number; severity: string; receivedAt: string }[]
  ).filter((c) => isAutoMajorDue(c.receivedAt, at, months));
  if (candidates.length === 0) return 0;
  return ctx.db
    .transaction(() => {
      const iso = now().toISOString();
      let upgraded = 0;
      for (const c of candidates) {
        if (!updateComplaintFields(ctx.db, c.id, c.version, { severity: 'major' }, iso)) continue;
        upgraded++;
        startMajorDeadlines(ctx, c.id, at, due);
        insertEvent(ctx.db, {
          id: ulid(),
          complaintId: c.id,
          at: iso,
          actorId: null,
          actorName: '系统',
          kind: 'auto_major',
          changes: [{ field: 'severity', before: c.severity, after: 'major' }],
          ...keyedNote(
            months === 1
              ? noteOf('autoMajor.oneMonth', { receivedAt: c.receivedAt, dueAt: autoMajorAt(c.receivedAt, months) })
              : noteOf('autoMajor.months', { months, receivedAt: c.receivedAt, dueAt: autoMajorAt(c.receivedAt, months) }),
          ),
        });
      }
      return upgraded;
    })
    .immediate();
}
