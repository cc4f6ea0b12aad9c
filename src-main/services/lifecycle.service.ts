import type { ComplaintDetail, LifecycleAction, LifecycleParsed, Staff } from '../../src-preload/contract';
import { stmt } from '../db/statements';
import { addMinutesToWall, minutesBetween } from '../../src-preload/contract';
import { getComplaint, updateComplaintFields } from '../db/complaints.repo';
import { getEntry, getStaff } from '../db/directory.repo';
import { insertEvent } from '../db/events.repo';
import {
  closeHold,
  getLifecycleColumns,
  insertEscalation,
  insertFollowUp,
  insertHold,
  listHolds,
  listRounds,
  updateLifecycleColumns,
  updateRound,
  upsertDispatch,
  type LifecycleColumns,
} from '../db/lifecycle.repo';
import { cancelOpenDeadlines, completeDeadlines, listDeadlines, setDueAt } from '../db/deadlines.repo';
import { ACTION_LABEL, transition, type LifecycleSnapshot } from '../domain/lifecycle';
import { definiteReplyDeadline, followUpDeadline, invalidNoticeDeadline, reportDeadline, resolutionDeadline } from '../domain/deadlines';
import { autoMajorAt, autoMajorReceivedBefore, isAutoMajorDue, fullMonthsInWords } from '../domain/auto-major';
import { AppError, invalid, notFound } from '../lib/app-error';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import { requireActor } from './actor';
import type { ServiceContext } from './context';
import { dueContext, saveDeadline, wallNow } from './deadlines.service';
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
  note: string;
}

function requireStaff(ctx: ServiceContext, id: string, field: string, label: string): Staff {
  const staff = getStaff(ctx.db, id);
  if (!staff?.active) throw invalid(field, `${label}不在员工名录中（或已停用），请重新选择`);
  return staff;
}

/** A time written on the form: not before the complaint came in, not in the future. */
function checkRecordedTime(s: StepContext, value: string, field: string, label: string, notBefore = s.receivedAt): void {
  if (value < notBefore) throw invalid(field, `${label}不能早于 ${notBefore}`);
  if (value > s.at) throw invalid(field, `${label}不能晚于现在（${s.at}）`);
}

const EFFECTS: { [A in LifecycleAction]: (s: StepContext, input: LifecycleParsed<A>) => StepEffect } = {
  dispatch(s, input) {
    const department = getEntry(s.ctx.db, 'departments', input.departmentId);
    if (!department?.active) throw invalid('departmentId', '责任部门不存在或已停用，请重新选择');
    const handler = input.handlerId ? requireStaff(s.ctx, input.handlerId, 'handlerId', '处理人') : null;
    const round = Math.max(1, s.snapshot.round);
    upsertDispatch(s.ctx.db, { id: ulid(), complaintId: s.complaintId, round, departmentId: department.id, handlerId: handler?.id ?? '', dispatchedAt: s.at, dispatchedBy: s.actor.name });
    completeDeadlines(s.ctx.db, s.complaintId, ['dispatch'], s.at);
    return { columns: { round }, note: `派单：${department.name}${handler ? `（处理人 ${handler.name}）` : ''}` };
  },

  signFor(s, input) {
    const signer = requireStaff(s.ctx, input.signerId, 'signerId', '签收人');
    checkRecordedTime(s, input.signedAt, 'signedAt', '签收时间');
    updateRound(s.ctx.db, s.complaintId, s.snapshot.round, { signed_by: signer.name, signed_at: input.signedAt });
    // The department has taken it on "in the first time": the complaint's first response (首次响应).
    // Not the reply (答复): signing a form tells the complainant nothing.
    completeDeadlines(s.ctx.db, s.complaintId, ['first_response'], input.signedAt);
    return { note: `签收：${signer.name}，${input.signedAt}` };
  },

  recordResult(s, input) {
    const handler = requireStaff(s.ctx, input.handlerId, 'handlerId', '处理人');
    const current = listRounds(s.ctx.db, s.complaintId).find((r) => r.round === s.snapshot.round);
    const notBefore = [s.receivedAt, current?.signedAt ?? '', current && current.round > 1 ? current.dispatchedAt : ''].reduce((a, b) => (b > a ? b : a));
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
    return { note: `处理完成（${handler.name}，${input.completedAt}）：${input.result}` };
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
    const label = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }[input.satisfaction];
    if (input.satisfaction !== 'unsatisfied') return { note: `回访（${visitor.name}）：${label}` };
    // §5: unsatisfied → back to the handling unit as a new round, with a fresh resolution deadline.
    const previous = listRounds(s.ctx.db, s.complaintId).find((r) => r.round === s.snapshot.round);
    const round = s.snapshot.round + 1;
    if (previous) {
      upsertDispatch(s.ctx.db, { id: ulid(), complaintId: s.complaintId, round, departmentId: previous.departmentId, handlerId: previous.handlerId, dispatchedAt: input.at, dispatchedBy: s.actor.name });
    }
    const due = dueContext(s.ctx);
    const severity = getComplaint(s.ctx.db, s.complaintId)!.severity;
    saveDeadline(s.ctx, s.complaintId, resolutionDeadline(input.at, severity, round, due), due.policyVersion);
    return { note: `回访（${visitor.name}）：不满意，退回${previous?.departmentName ?? '责任部门'}重新处理（第 ${round} 轮）` };
  },

  followUpImpossible(s, input) {
    const supervisor = requireStaff(s.ctx, input.supervisorId, 'supervisorId', '审核主管');
    if (supervisor.role !== 'supervisor' && supervisor.role !== 'director') {
      throw invalid('supervisorId', `${supervisor.name}不是客服主管或主任，不能审核“无法回访”`);
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
    return { note: `无法回访：${input.reason}（${supervisor.name}审核）` };
  },

  markInvalid(s, input) {
    cancelOpenDeadlines(s.ctx.db, s.complaintId, s.at);
    const due = dueContext(s.ctx);
    saveDeadline(s.ctx, s.complaintId, invalidNoticeDeadline(s.at, due), due.policyVersion);
    return { fields: { validity: 'invalid', invalidReason: input.reason }, note: `判为无效投诉：${input.reason}` };
  },

  notifyInvalid(s, input) {
    checkRecordedTime(s, input.at, 'at', '告知时间');
    completeDeadlines(s.ctx.db, s.complaintId, ['invalid_notice'], input.at);
    const how = { phone: '电话', visit: '上门', message: '短信/微信', letter: '书面' }[input.method];
    return { columns: { invalidNoticedAt: input.at, invalidNoticeMethod: input.method }, note: `已告知投诉人无效原因（${how}，${input.at}）` };
  },

  escalate(s, input) {
    const to = { supervisor: '客服主管', director: '服务中心主任', company: '公司' }[input.level];
    insertEscalation(s.ctx.db, s.complaintId, { id: ulid(), at: s.at, level: input.level, reason: input.reason, actor: s.actor.name });
    completeDeadlines(s.ctx.db, s.complaintId, ['report'], s.at);
    return { note: `上报${to}：${input.reason}` };
  },

  summarize(_s, input) {
    return { columns: { summary: input.summary, improvement: input.improvement }, note: `总结与改进：${input.summary}` };
  },

  hold(s, input) {
    if (input.expectedDate < s.at.slice(0, 10)) throw invalid('expectedDate', '预计恢复日期不能早于今天');
    insertHold(s.ctx.db, s.complaintId, { id: ulid(), fromAt: s.at, expectedDate: input.expectedDate, reason: input.reason, resumedAt: '', heldMinutes: 0 });
    return { note: `挂起：${input.reason}（预计 ${input.expectedDate} 恢复），处理时限暂停计时` };
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
    return { note: `恢复处理（挂起 ${formatMinutes(held)}，处理时限顺延）` };
  },
};

export const formatMinutes = (minutes: number) => {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} 天` : '', h ? `${h} 小时` : '', m || (!d && !h) ? `${m} 分钟` : ''].filter(Boolean).join(' ');
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
      if (complaint.version !== input.version) {
        throw new AppError('CONFLICT', `该投诉已被他人修改（当前第 ${complaint.version} 版），请刷新后再操作`);
      }
      const actor = requireActor(ctx, input.actorId);
      const snapshot: LifecycleSnapshot = {
        status: columns.status,
        severity: complaint.severity,
        heldFromStatus: columns.heldFromStatus,
        hasSummary: columns.summary !== '',
        round: columns.round,
      };
      const outcome = transition(snapshot, action === 'followUp' ? { action: 'followUp', satisfaction: (input as LifecycleParsed<'followUp'>).satisfaction } : { action: action });
      if (!outcome.ok) throw new AppError('VALIDATION', outcome.message, 'status');
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
        throw new AppError('CONFLICT', '该投诉已被他人修改，请刷新后再操作');
      }
      const version = effect.fields ? input.version + 1 : input.version;
      if (!updateLifecycleColumns(ctx.db, input.id, version, next, iso)) throw new AppError('CONFLICT', '该投诉已被他人修改，请刷新后再操作');
      const statusChange = outcome.status !== snapshot.status ? [{ field: 'status', before: snapshot.status, after: outcome.status }] : [];
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
        changes: [...statusChange, ...fieldChanges],
        note: `${ACTION_LABEL[action]} · ${effect.note}`,
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
        const report = reportDeadline(at, 'major', due);
        if (report) saveDeadline(ctx, c.id, report, due.policyVersion);
        saveDeadline(ctx, c.id, definiteReplyDeadline(at, due), due.policyVersion);
        insertEvent(ctx.db, {
          id: ulid(),
          complaintId: c.id,
          at: iso,
          actorId: null,
          actorName: '系统',
          kind: 'auto_major',
          changes: [{ field: 'severity', before: c.severity, after: 'major' }],
          note: `受理${fullMonthsInWords(months)}（${c.receivedAt} 受理，${autoMajorAt(c.receivedAt, months)} 满期）仍未解决，按规定自动升级为重大投诉`,
        });
      }
      return upgraded;
    })
    .immediate();
}
