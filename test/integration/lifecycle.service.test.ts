/**
 * The complaint procedure (PROCEDURES.md §3–§5) through the real dispatcher on a real SQLite file:
 * every step, every refusal (which must leave every table as it was), invalid complaints,
 * escalation, major complaints, holds and the automatic upgrade to major after one calendar month.
 * Expected values are worked out by hand from the procedure and the default deadline policy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintDetail, ComplaintEvent, ComplaintStatus, LifecycleAction } from '../../src-preload/contract';
import { ulid } from '../../src-main/lib/ulid';
import { openTestApp, type TestApp } from '../helpers/app';
import { snapshotAll, snapshotTableNames } from '../helpers/db-snapshot-all';
import {
  CHINESE,
  allowTestClock,
  complaintIn,
  create,
  deadline,
  refresh,
  setNow,
  setUpLifecycleOffice,
  step,
  stepInput,
  unpinClock,
  validInput,
  type Office,
} from './lifecycle-fixtures';

let app: TestApp;
let office: Office;

beforeAll(() => {
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
});
afterEach(() => unpinClock(app));
afterAll(() => app.close());

const lastEvent = (d: ComplaintDetail): ComplaintEvent => d.events.at(-1)!;
const statusChange = (before: ComplaintStatus, after: ComplaintStatus) => [{ field: 'status', before, after }];
const sorted = (a: readonly string[]) => [...a].sort();

/** Call a step that must be refused: the error, and proof that no row of any table changed. */
function refused(channel: `lifecycle:${LifecycleAction}`, input: unknown) {
  const before = snapshotAll(app.ctx.db);
  const result = app.call(channel, input);
  expect(snapshotAll(app.ctx.db)).toEqual(before);
  if (result.ok) throw new Error(`${channel} was accepted`);
  expect(result.error.message).toMatch(CHINESE);
  return result.error;
}

describe('the snapshot helper', () => {
  it('covers the tables of migration 0020', () => {
    const names = snapshotTableNames(app.ctx.db);
    for (const table of ['complaints', 'complaint_events', 'handling_rounds', 'follow_ups', 'escalations', 'holds', 'complaint_deadlines', 'calendar_days', 'calendar_years', 'settings']) {
      expect(names).toContain(table);
    }
    expect(names.some((n) => n.startsWith('sqlite_') || n.startsWith('complaints_fts_'))).toBe(false);
  });
});

describe('a full walk through the procedure', () => {
  it('dispatch → sign → result → unsatisfied follow-up → second round dispatched to another department and signed for → satisfied follow-up → closed', () => {
    setNow(app, '2026-11-02 09:20');
    // Received 09:12, 一般, urgent, the owner wants a reply by 18:00.
    let d = create(app, office);
    expect(d.complaint.status).toBe('registered');
    expect(d.process.round).toBe(0);
    expect(d.process.rounds).toEqual([]);
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['dispatch', 'reply', 'markInvalid', 'escalate']));

    // 派单 to 工程部 at 09:20 (the 10:12 dispatch deadline is met).
    d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
    expect(d.complaint.status).toBe('dispatched');
    expect(d.process.round).toBe(1);
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['redispatch', 'signFor', 'reply', 'markInvalid', 'escalate', 'hold']));
    expect(lastEvent(d)).toMatchObject({ kind: 'step', actorName: '周晓雯', note: '派单 · 派单：工程部', changes: statusChange('registered', 'dispatched') });
    expect(d.process.rounds).toEqual([
      expect.objectContaining({ round: 1, departmentName: '工程部', handlerName: '', dispatchedAt: '2026-11-02 09:20', dispatchedBy: '周晓雯', signedBy: '', signedAt: '', measures: '', result: '' }),
    ]);
    expect(deadline(d, 'dispatch')).toMatchObject({ completedAt: '2026-11-02 09:20', state: 'met', minutes: 0 });

    // 签收 by 李强 at 09:35, entered at 09:40: the first response (24 h) is met at 09:35; the reply,
    // owed by the 18:00 the owner named (not the urgent 2 hours), waits for the result.
    setNow(app, '2026-11-02 09:40');
    d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 09:35' });
    expect(d.complaint.status).toBe('in_progress');
    expect(d.process.round).toBe(1);
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['recordResult', 'redispatch', 'reply', 'markInvalid', 'escalate', 'hold']));
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '签收 · 签收：李强，2026-11-02 09:35', changes: statusChange('dispatched', 'in_progress') });
    expect(d.process.rounds[0]).toMatchObject({ signedBy: '李强', signedAt: '2026-11-02 09:35' });
    expect(deadline(d, 'first_response')).toMatchObject({ dueAt: '2026-11-03 09:12', completedAt: '2026-11-02 09:35', state: 'met' });
    expect(deadline(d, 'response')).toMatchObject({ dueAt: '2026-11-02 18:00', completedAt: '' });

    // 处理结果, with a management-fee waiver of 150.50 yuan.
    setNow(app, '2026-11-02 15:00');
    d = step(app, office, 'recordResult', d, {
      handlerId: office.handlerId,
      measures: '上门检查楼上卫生间，更换破损水管',
      result: '已修复，天花板不再滴水',
      completedAt: '2026-11-02 14:30',
      compensationKind: 'management_fee_waiver',
      compensationAmount: 150.5,
    });
    expect(d.complaint.status).toBe('handled');
    // The result is the answer the owner is owed: the reply is met at 14:30, before the 18:00 named.
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 14:30', state: 'met' });
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['followUp', 'followUpImpossible', 'reply', 'escalate']));
    expect(lastEvent(d)).toMatchObject({
      kind: 'step',
      note: '登记处理结果 · 处理完成（李强，2026-11-02 14:30）：已修复，天花板不再滴水',
      changes: statusChange('in_progress', 'handled'),
    });
    expect(d.process.rounds[0]).toMatchObject({
      handlerName: '李强',
      measures: '上门检查楼上卫生间，更换破损水管',
      result: '已修复，天花板不再滴水',
      completedBy: '李强',
      completedAt: '2026-11-02 14:30',
      compensationKind: 'management_fee_waiver',
      compensationAmount: 150.5,
    });
    expect(deadline(d, 'resolution')).toMatchObject({ dueAt: '2026-11-05 23:59', completedAt: '2026-11-02 14:30', state: 'met' });
    // 回访 within 3 working days of handling: Nov 3, 4, 5.
    expect(deadline(d, 'follow_up')).toMatchObject({ startedAt: '2026-11-02 14:30', dueAt: '2026-11-05 23:59', state: 'due' });

    // 回访: not satisfied → round 2, waiting for its 派单, with a dispatch and a resolution deadline.
    setNow(app, '2026-11-03 10:00');
    d = step(app, office, 'followUp', d, {
      at: '2026-11-03 09:50',
      method: 'phone',
      visitorId: office.receiverId,
      personVisited: '张伟',
      opinion: '晚上又开始滴水',
      satisfaction: 'unsatisfied',
    });
    expect(d.complaint.status).toBe('returned');
    expect(d.process.round).toBe(2);
    expect(d.process.allowedActions[0]).toBe('dispatch');
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['dispatch', 'reply', 'markInvalid', 'escalate']));
    expect(lastEvent(d)).toMatchObject({
      kind: 'step',
      note: '回访 · 回访（周晓雯）：不满意，退回重新处理（第 2 轮，待派单）',
      changes: statusChange('handled', 'returned'),
    });
    expect(d.process.followUps).toEqual([
      expect.objectContaining({ round: 1, at: '2026-11-03 09:50', method: 'phone', visitor: '周晓雯', personVisited: '张伟', opinion: '晚上又开始滴水', satisfaction: 'unsatisfied', impossibleReason: '', approvedBy: '' }),
    ]);
    // Nothing is dispatched for round 2 until someone does it: no row, nothing signed.
    expect(d.process.rounds).toHaveLength(1);
    expect(deadline(d, 'follow_up')).toMatchObject({ completedAt: '2026-11-03 09:50', state: 'met' });
    // Round 2's dispatch, as at intake for an ordinary complaint: within the hour of the follow-up.
    expect(deadline(d, 'dispatch', 2)).toMatchObject({ startedAt: '2026-11-03 09:50', dueAt: '2026-11-03 10:50', state: 'due', completedAt: '' });
    // Round 2's resolution: 3 working days from Nov 3 → Nov 4, 5, 6.
    expect(deadline(d, 'resolution', 2)).toMatchObject({ startedAt: '2026-11-03 09:50', dueAt: '2026-11-06 23:59', state: 'due', completedAt: '' });

    // 派单 of round 2 to another department (环境部), at 10:20: its dispatch deadline is met.
    const cleaner = app.ok('staff:save', { name: '陈洁', departmentId: office.cleaning, role: 'handler' });
    setNow(app, '2026-11-03 10:20');
    d = step(app, office, 'dispatch', d, { departmentId: office.cleaning, handlerId: cleaner.id });
    expect(d.complaint.status).toBe('dispatched');
    expect(d.process.round).toBe(2);
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '派单 · 派单：环境部（处理人 陈洁）（第 2 轮）', changes: statusChange('returned', 'dispatched') });
    expect(d.process.rounds.map((r) => [r.round, r.departmentName])).toEqual([
      [1, '工程部'],
      [2, '环境部'],
    ]);
    expect(d.process.rounds[1]).toMatchObject({ handlerName: '陈洁', dispatchedAt: '2026-11-03 10:20', dispatchedBy: '周晓雯', signedBy: '', signedAt: '' });
    expect(deadline(d, 'dispatch', 2)).toMatchObject({ completedAt: '2026-11-03 10:20', state: 'met' });
    // Round 1's signature stays round 1's.
    expect(d.process.rounds[0]).toMatchObject({ signedBy: '李强', signedAt: '2026-11-02 09:35' });

    // 签收 of round 2 by 环境部: not before the follow-up that opened the round.
    setNow(app, '2026-11-03 10:45');
    const early = refused('lifecycle:signFor', stepInput(d, office.receiverId, { signerId: cleaner.id, signedAt: '2026-11-03 09:40' }));
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'signedAt', message: '签收时间不能早于 2026-11-03 09:50' });
    d = step(app, office, 'signFor', d, { signerId: cleaner.id, signedAt: '2026-11-03 10:40' });
    expect(d.complaint.status).toBe('in_progress');
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '签收 · 签收：陈洁，2026-11-03 10:40', changes: statusChange('dispatched', 'in_progress') });
    expect(d.process.rounds[1]).toMatchObject({ signedBy: '陈洁', signedAt: '2026-11-03 10:40' });

    // Round 2 result, with 200 yuan cash.
    setNow(app, '2026-11-04 16:00');
    d = step(app, office, 'recordResult', d, {
      handlerId: cleaner.id,
      measures: '重做楼上卫生间防水层',
      result: '闭水试验 48 小时无渗漏',
      completedAt: '2026-11-04 15:30',
      compensationKind: 'cash',
      compensationAmount: 200,
    });
    expect(d.complaint.status).toBe('handled');
    expect(d.process.round).toBe(2);
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '登记处理结果 · 处理完成（陈洁，2026-11-04 15:30）：闭水试验 48 小时无渗漏', changes: statusChange('in_progress', 'handled') });
    expect(d.process.rounds[0]).toMatchObject({ result: '已修复，天花板不再滴水', compensationAmount: 150.5 });
    expect(d.process.rounds[1]).toMatchObject({ measures: '重做楼上卫生间防水层', result: '闭水试验 48 小时无渗漏', completedAt: '2026-11-04 15:30', compensationKind: 'cash', compensationAmount: 200 });
    expect(deadline(d, 'resolution', 2)).toMatchObject({ completedAt: '2026-11-04 15:30', state: 'met' });
    // Nov 5, 6, 9 (the weekend does not count).
    expect(deadline(d, 'follow_up', 2)).toMatchObject({ dueAt: '2026-11-09 23:59', state: 'due' });

    // Satisfied: closed.
    setNow(app, '2026-11-05 10:00');
    d = step(app, office, 'followUp', d, { at: '2026-11-05 09:45', method: 'visit', visitorId: office.receiverId, personVisited: '张伟', satisfaction: 'satisfied' });
    expect(d.complaint.status).toBe('closed');
    expect(d.process.round).toBe(2);
    expect(d.process.allowedActions).toEqual([]);
    expect(d.process.closedAt).toBe('2026-11-05 10:00');
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '回访 · 回访（周晓雯）：满意', changes: statusChange('handled', 'closed') });
    expect(d.process.followUps.map((f) => [f.round, f.satisfaction, f.method])).toEqual([
      [1, 'unsatisfied', 'phone'],
      [2, 'satisfied', 'visit'],
    ]);
    expect(deadline(d, 'follow_up', 2)).toMatchObject({ completedAt: '2026-11-05 09:45', state: 'met' });
    // Every deadline of a closed ordinary complaint is done.
    expect(d.process.deadlines.every((x) => x.completedAt !== '')).toBe(true);
    expect(d.events.map((e) => e.kind)).toEqual(['created', 'step', 'step', 'step', 'step', 'step', 'step', 'step', 'step']);
    expect(d.events.slice(1).every((e) => CHINESE.test(e.note))).toBe(true);
  });
});

describe('转派: another department within a round', () => {
  let cleanerId: string;
  beforeAll(() => {
    cleanerId = app.ok('staff:save', { name: '孙丽', departmentId: office.cleaning, role: 'handler' }).id;
  });

  it('moves the round to the new department with its reason, on the timeline before → after; the new department signs for it', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'in_progress', '2026-11-02 11:00');
    const resolutionBefore = deadline(d, 'resolution');
    expect(d.process.rounds[0]).toMatchObject({ departmentName: '工程部', signedBy: '李强', signedAt: '2026-11-02 11:00' });

    setNow(app, '2026-11-02 12:30');
    d = step(app, office, 'redispatch', d, { departmentId: office.cleaning, handlerId: cleanerId, reason: '现场查明是公共区域保洁问题' }, office.supervisorId);
    expect(d.complaint.status).toBe('dispatched');
    expect(d.process.round).toBe(1);
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['redispatch', 'signFor', 'reply', 'markInvalid', 'escalate', 'hold']));
    expect(lastEvent(d)).toMatchObject({
      kind: 'step',
      actorName: '王敏',
      note: '转派 · 转派：工程部 → 环境部（处理人 孙丽），原因：现场查明是公共区域保洁问题',
      changes: [
        { field: 'status', before: 'in_progress', after: 'dispatched' },
        { field: 'responsibleDepartment', before: '工程部', after: '环境部' },
      ],
    });
    // The round names the department that has it now, and waits for its 签收; 工程部's is kept with the 转派.
    expect(d.process.rounds).toHaveLength(1);
    expect(d.process.rounds[0]).toMatchObject({ round: 1, departmentName: '环境部', handlerName: '孙丽', dispatchedAt: '2026-11-02 12:00', signedBy: '', signedAt: '' });
    expect(d.process.redispatches).toEqual([
      {
        round: 1,
        at: '2026-11-02 12:30',
        actor: '王敏',
        reason: '现场查明是公共区域保洁问题',
        fromDepartmentName: '工程部',
        toDepartmentName: '环境部',
        toHandlerName: '孙丽',
        fromSignedBy: '李强',
        fromSignedAt: '2026-11-02 11:00',
      },
    ]);
    // The complainant's clock runs on: the same resolution deadline, nothing new.
    expect(deadline(d, 'resolution')).toMatchObject({ startedAt: resolutionBefore.startedAt, dueAt: resolutionBefore.dueAt, completedAt: '' });
    expect(d.process.deadlines.filter((x) => x.kind === 'dispatch')).toHaveLength(1);

    setNow(app, '2026-11-02 13:00');
    d = step(app, office, 'signFor', d, { signerId: cleanerId, signedAt: '2026-11-02 12:50' });
    expect(d.complaint.status).toBe('in_progress');
    expect(d.process.rounds[0]).toMatchObject({ departmentName: '环境部', signedBy: '孙丽', signedAt: '2026-11-02 12:50' });
    expect(d.process.redispatches[0]).toMatchObject({ fromSignedBy: '李强' });
  });

  it('in round 2, is recorded against round 2', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'returned', '2026-11-02 11:00');
    d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
    d = step(app, office, 'redispatch', d, { departmentId: office.security, reason: '涉及车库闸机，归秩序维护部' });
    expect(d.process.rounds.map((r) => [r.round, r.departmentName])).toEqual([
      [1, '工程部'],
      [2, '秩序维护部'],
    ]);
    expect(d.process.redispatches).toEqual([expect.objectContaining({ round: 2, fromDepartmentName: '工程部', toDepartmentName: '秩序维护部', fromSignedBy: '', fromSignedAt: '' })]);
  });

  it('is refused, changing nothing, without a reason (naming the field), without a department, to the same department, or before 派单', () => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, 'dispatched', '2026-11-02 11:00');
    for (const reason of ['', '   ']) {
      expect(refused('lifecycle:redispatch', stepInput(d, office.receiverId, { departmentId: office.cleaning, reason }))).toMatchObject({
        code: 'VALIDATION',
        field: 'reason',
        message: '请填写转派原因',
      });
    }
    expect(refused('lifecycle:redispatch', stepInput(d, office.receiverId, { departmentId: office.cleaning }))).toMatchObject({ field: 'reason', message: '请填写转派原因' });
    expect(refused('lifecycle:redispatch', stepInput(d, office.receiverId, { departmentId: '', reason: '不归工程部' }))).toMatchObject({ field: 'departmentId', message: '请选择转派部门' });
    const same = refused('lifecycle:redispatch', stepInput(d, office.receiverId, { departmentId: office.engineering, reason: '不归工程部' }));
    expect(same).toMatchObject({ code: 'VALIDATION', field: 'departmentId', message: '本轮已在工程部，转派请选择另一个部门' });
    expect(refresh(app, d).process.redispatches).toEqual([]);

    for (const status of ['registered', 'returned', 'handled'] as const) {
      const early = complaintIn(app, office, status, '2026-11-02 11:00');
      const error = refused('lifecycle:redispatch', stepInput(early, office.receiverId, validInput('redispatch', office, '2026-11-02 11:30')));
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'status' });
      expect(error.message).toContain(status === 'registered' ? '已登记' : status === 'returned' ? '退回待派单' : '已处理');
    }
  });
});

describe('a step that is not allowed changes no row', () => {
  /** The steps allowed in each state, from the procedure (non-major, except 已回访 which only majors reach). */
  const ALLOWED: Record<ComplaintStatus, LifecycleAction[]> = {
    registered: ['dispatch', 'reply', 'markInvalid', 'escalate'],
    returned: ['dispatch', 'reply', 'markInvalid', 'escalate'],
    dispatched: ['redispatch', 'signFor', 'reply', 'markInvalid', 'escalate', 'hold'],
    in_progress: ['recordResult', 'redispatch', 'reply', 'markInvalid', 'escalate', 'hold'],
    on_hold: ['reply', 'escalate', 'resume'],
    handled: ['followUp', 'followUpImpossible', 'reply', 'escalate'],
    followed_up: ['reply', 'escalate', 'summarize'],
    invalid: ['notifyInvalid', 'escalate'],
    closed: [],
  };
  const LABEL: Record<ComplaintStatus, string> = {
    registered: '已登记',
    returned: '退回待派单',
    dispatched: '已派单',
    in_progress: '处理中',
    on_hold: '挂起',
    handled: '已处理',
    followed_up: '已回访（待总结）',
    invalid: '无效（待告知）',
    closed: '已办结',
  };
  const ACTIONS: LifecycleAction[] = ['dispatch', 'redispatch', 'signFor', 'recordResult', 'reply', 'followUp', 'followUpImpossible', 'markInvalid', 'notifyInvalid', 'escalate', 'summarize', 'hold', 'resume'];

  it.each(Object.keys(ALLOWED) as ComplaintStatus[])('in state %s', (status) => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, status, '2026-11-02 11:00');
    const major = status === 'followed_up';
    expect(d.complaint.status).toBe(status);
    expect(sorted(d.process.allowedActions)).toEqual(sorted(ALLOWED[status]));
    const notAllowed = ACTIONS.filter((a) => !ALLOWED[status].includes(a));
    expect(notAllowed.length).toBeGreaterThan(0);
    for (const action of notAllowed) {
      const error = refused(`lifecycle:${action}`, stepInput(d, office.receiverId, validInput(action, office, '2026-11-02 11:30', major)));
      expect(error, action).toMatchObject({ code: 'VALIDATION', field: 'status' });
      // 总结与改进 is allowed in open states, but only for major complaints.
      // 派单 again within a dispatched round: the way to another department is 转派.
      const why =
        action === 'summarize' && status !== 'invalid' && status !== 'closed'
          ? '只有重大投诉需要填写总结与改进'
          : action === 'dispatch' && (status === 'dispatched' || status === 'in_progress')
            ? `投诉当前为“${LABEL[status]}”，本轮已派单；要交给另一个部门，请用“转派”并写明原因`
            : `投诉当前为“${LABEL[status]}”，不能`;
      expect(error.message, action).toContain(why);
    }
    expect(refresh(app, d).complaint.version).toBe(d.complaint.version);
  });

  it('refuses a stale version with CONFLICT', () => {
    setNow(app, '2026-11-02 12:00');
    const seen = create(app, office);
    step(app, office, 'escalate', seen, validInput('escalate', office, '2026-11-02 11:00'));
    const error = refused('lifecycle:dispatch', stepInput(seen, office.receiverId, { departmentId: office.engineering }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('已被他人修改');
  });

  it('refuses an actor who is not in the staff list', () => {
    setNow(app, '2026-11-02 12:00');
    const d = create(app, office);
    const error = refused('lifecycle:dispatch', stepInput(d, ulid(), { departmentId: office.engineering }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'actorId' });
  });

  it('refuses a sign-for time in the future or before the complaint came in', () => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, 'dispatched', '2026-11-02 11:00');
    const future = refused('lifecycle:signFor', stepInput(d, office.receiverId, { signerId: office.handlerId, signedAt: '2026-11-02 12:01' }));
    expect(future).toMatchObject({ code: 'VALIDATION', field: 'signedAt' });
    expect(future.message).toContain('不能晚于现在');
    const early = refused('lifecycle:signFor', stepInput(d, office.receiverId, { signerId: office.handlerId, signedAt: '2026-11-02 09:11' }));
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'signedAt' });
    expect(early.message).toContain('不能早于 2026-11-02 09:12');
    // The boundaries themselves are accepted: received at 09:12, now 12:00.
    expect(step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 12:00' }).process.rounds[0]!.signedAt).toBe('2026-11-02 12:00');
  });

  it('refuses cash compensation of 0 yuan', () => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, 'in_progress', '2026-11-02 11:00');
    const error = refused('lifecycle:recordResult', stepInput(d, office.receiverId, { ...validInput('recordResult', office, '2026-11-02 11:30'), compensationKind: 'cash', compensationAmount: 0 }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'compensationAmount', message: '有补偿时请填写补偿金额' });
  });

  it('accepts “follow-up impossible” only with a supervisor’s or director’s sign-off', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'handled', '2026-11-02 11:00');
    const error = refused('lifecycle:followUpImpossible', stepInput(d, office.receiverId, { reason: '业主出国，电话无人接听', supervisorId: office.deptHeadId }));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'supervisorId' });
    expect(error.message).toContain('赵磊不是客服主管或服务中心主任');

    d = step(app, office, 'followUpImpossible', d, { reason: '业主出国，电话无人接听', supervisorId: office.supervisorId });
    expect(d.complaint.status).toBe('closed');
    expect(d.process.followUps).toEqual([
      expect.objectContaining({ round: 1, at: '2026-11-02 12:00', method: '', satisfaction: '', visitor: '周晓雯', impossibleReason: '业主出国，电话无人接听', approvedBy: '王敏' }),
    ]);
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '登记无法回访 · 无法回访：业主出国，电话无人接听（王敏审核）', changes: statusChange('handled', 'closed') });
    // The follow-up was not done: its deadline is cancelled, never "met".
    expect(deadline(d, 'follow_up')).toMatchObject({ state: 'cancelled' });
  });
});

describe('times written on the form follow the form’s order', () => {
  // Both times come from the paper form: the work cannot be finished before the department signed
  // for it, and the complainant cannot be visited about a result that did not exist yet.
  it('refuses a completion time before the sign-for time', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'dispatched', '2026-11-02 11:00');
    d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 11:00' });
    const error = refused('lifecycle:recordResult', stepInput(d, office.receiverId, validInput('recordResult', office, '2026-11-02 10:00')));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'completedAt' });
  });

  it('refuses a follow-up time before the handling was completed', () => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, 'handled', '2026-11-02 11:00');
    expect(d.process.rounds[0]!.completedAt).toBe('2026-11-02 11:00');
    const error = refused('lifecycle:followUp', stepInput(d, office.receiverId, validInput('followUp', office, '2026-11-02 10:00')));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'at' });
  });
});

describe('an invalid complaint', () => {
  it('needs a reason, cancels the open deadlines and is due a notice by the end of the next working day', () => {
    setNow(app, '2026-11-02 09:20');
    let d = create(app, office);
    for (const reason of ['', '   ']) {
      const error = refused('lifecycle:markInvalid', stepInput(d, office.receiverId, { reason }));
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'reason', message: '请填写无效原因' });
    }

    d = step(app, office, 'markInvalid', d, { reason: '属业主自家装修造成，非物业责任' });
    expect(d.complaint).toMatchObject({ status: 'invalid', validity: 'invalid', invalidReason: '属业主自家装修造成，非物业责任' });
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['notifyInvalid', 'escalate']));
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '判为无效 · 判为无效投诉：属业主自家装修造成，非物业责任' });
    expect(lastEvent(d).changes).toContainEqual({ field: 'status', before: 'registered', after: 'invalid' });
    for (const kind of ['response', 'dispatch', 'resolution'] as const) expect(deadline(d, kind).state, kind).toBe('cancelled');
    // Marked on Monday 09:20 → due at the end of Tuesday.
    expect(deadline(d, 'invalid_notice')).toMatchObject({ startedAt: '2026-11-02 09:20', dueAt: '2026-11-03 23:59', state: 'due', completedAt: '' });

    setNow(app, '2026-11-03 10:00');
    d = step(app, office, 'notifyInvalid', d, { at: '2026-11-03 09:30', method: 'phone' });
    expect(d.complaint.status).toBe('closed');
    expect(d.process).toMatchObject({ invalidNoticedAt: '2026-11-03 09:30', invalidNoticeMethod: 'phone', closedAt: '2026-11-03 10:00', allowedActions: [] });
    expect(deadline(d, 'invalid_notice')).toMatchObject({ completedAt: '2026-11-03 09:30', state: 'met' });
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '登记无效告知 · 已告知投诉人无效原因（电话，2026-11-03 09:30）', changes: statusChange('invalid', 'closed') });
  });

  it('marked on a Friday or before 国庆 is due on the next working day', () => {
    setNow(app, '2026-11-06 16:00');
    const friday = step(app, office, 'markInvalid', create(app, office, { receivedAt: '2026-11-06 15:00', requestedReplyAt: '' }), { reason: '重复投诉' });
    expect(deadline(friday, 'invalid_notice').dueAt).toBe('2026-11-09 23:59');

    setNow(app, '2026-09-30 15:00');
    const holiday = step(app, office, 'markInvalid', create(app, office, { receivedAt: '2026-09-30 14:00', requestedReplyAt: '' }), { reason: '重复投诉' });
    expect(deadline(holiday, 'invalid_notice').dueAt).toBe('2026-10-08 23:59');
  });
});

describe('escalation', () => {
  it('only 重要 and 重大 complaints owe a report upward at intake', () => {
    setNow(app, '2026-11-02 09:20');
    const kinds = (severity: 'minor' | 'ordinary' | 'important' | 'major') =>
      create(app, office, { severity }).process.deadlines.some((x) => x.kind === 'report');
    expect([kinds('minor'), kinds('ordinary'), kinds('important'), kinds('major')]).toEqual([false, false, true, true]);
  });

  it('records who reported to whom and meets the report deadline', () => {
    setNow(app, '2026-11-02 09:20');
    let d = create(app, office, { severity: 'important' });
    expect(deadline(d, 'report')).toMatchObject({ dueAt: '2026-11-02 10:12', state: 'due', completedAt: '' });

    setNow(app, '2026-11-02 09:40');
    d = step(app, office, 'escalate', d, { level: 'director', reason: '业主扬言找媒体曝光' });
    expect(d.complaint.status).toBe('registered');
    expect(d.process.escalations).toEqual([expect.objectContaining({ at: '2026-11-02 09:40', level: 'director', reason: '业主扬言找媒体曝光', actor: '周晓雯' })]);
    expect(deadline(d, 'report')).toMatchObject({ completedAt: '2026-11-02 09:40', state: 'met' });
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '上报 · 上报服务中心主任：业主扬言找媒体曝光', changes: [] });

    setNow(app, '2026-11-02 11:00');
    d = step(app, office, 'escalate', d, { level: 'company', reason: '可能引发群诉' }, office.supervisorId);
    expect(d.process.escalations.map((e) => [e.level, e.actor, e.at])).toEqual([
      ['director', '周晓雯', '2026-11-02 09:40'],
      ['company', '王敏', '2026-11-02 11:00'],
    ]);
    expect(lastEvent(d)).toMatchObject({ note: '上报 · 上报公司：可能引发群诉', actorName: '王敏' });
    // The report deadline stays met at the first report.
    expect(deadline(d, 'report')).toMatchObject({ completedAt: '2026-11-02 09:40', state: 'met' });
  });
});

describe('a major complaint', () => {
  it('waits in 已回访 after a satisfied follow-up until its 总结与改进', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'followed_up', '2026-11-02 11:00');
    expect(d.complaint).toMatchObject({ status: 'followed_up', severity: 'major' });
    expect(lastEvent(d).changes).toEqual(statusChange('handled', 'followed_up'));
    expect(d.process.closedAt).toBe('');
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['reply', 'escalate', 'summarize']));

    setNow(app, '2026-11-03 09:00');
    d = step(app, office, 'summarize', d, { summary: '楼上防水层老化导致渗漏，首次维修未根治', improvement: '每季度巡查楼栋防水，维修后闭水试验' });
    expect(d.complaint.status).toBe('closed');
    expect(d.process).toMatchObject({ summary: '楼上防水层老化导致渗漏，首次维修未根治', improvement: '每季度巡查楼栋防水，维修后闭水试验', closedAt: '2026-11-03 09:00', allowedActions: [] });
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '填写总结与改进 · 总结与改进：楼上防水层老化导致渗漏，首次维修未根治', changes: statusChange('followed_up', 'closed') });
  });

  it('summarised before the follow-up closes on a satisfied follow-up', () => {
    setNow(app, '2026-11-02 12:00');
    let d = complaintIn(app, office, 'handled', '2026-11-02 11:00', { severity: 'major' });
    d = step(app, office, 'summarize', d, validInput('summarize', office, '2026-11-02 11:00'));
    expect(d.complaint.status).toBe('handled');
    expect(lastEvent(d).changes).toEqual([]);
    d = step(app, office, 'followUp', d, validInput('followUp', office, '2026-11-02 11:30'));
    expect(d.complaint.status).toBe('closed');
  });

  it('summarize is refused for a complaint that is not major', () => {
    setNow(app, '2026-11-02 12:00');
    const d = create(app, office, { severity: 'important' });
    const error = refused('lifecycle:summarize', stepInput(d, office.receiverId, validInput('summarize', office, '2026-11-02 11:00')));
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'status' });
    expect(error.message).toContain('重大投诉');
  });
});

describe('hold and resume', () => {
  it('needs a reason and an expected date not before today', () => {
    setNow(app, '2026-11-02 12:00');
    const d = complaintIn(app, office, 'in_progress', '2026-11-02 11:00');
    expect(refused('lifecycle:hold', stepInput(d, office.receiverId, { reason: '', expectedDate: '2026-11-03' }))).toMatchObject({ code: 'VALIDATION', field: 'reason', message: '请填写挂起原因' });
    expect(refused('lifecycle:hold', stepInput(d, office.receiverId, { reason: '等待配件' }))).toMatchObject({ code: 'VALIDATION', field: 'expectedDate' });
    expect(refused('lifecycle:hold', stepInput(d, office.receiverId, { reason: '等待配件', expectedDate: '2026-11-01' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'expectedDate',
      message: '预计恢复日期不能早于今天',
    });
  });

  it('stops the resolution clock; resuming 3 hours later moves the due time by 180 minutes', () => {
    setNow(app, '2026-11-02 09:20');
    let d = create(app, office);
    d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
    d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 09:20' });
    expect(deadline(d, 'resolution')).toMatchObject({ dueAt: '2026-11-05 23:59', state: 'due' });

    d = step(app, office, 'hold', d, { reason: '等待业主在家', expectedDate: '2026-11-03' });
    expect(d.complaint.status).toBe('on_hold');
    expect(sorted(d.process.allowedActions)).toEqual(sorted(['reply', 'escalate', 'resume']));
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '挂起 · 挂起：等待业主在家（预计 2026-11-03 恢复），处理时限暂停计时', changes: statusChange('in_progress', 'on_hold') });
    expect(d.process.holds).toEqual([expect.objectContaining({ fromAt: '2026-11-02 09:20', expectedDate: '2026-11-03', reason: '等待业主在家', resumedAt: '', heldMinutes: 0 })]);
    expect(deadline(d, 'resolution')).toMatchObject({ dueAt: '2026-11-05 23:59', state: 'paused' });

    setNow(app, '2026-11-02 12:20');
    expect(deadline(refresh(app, d), 'resolution').state).toBe('paused');
    d = step(app, office, 'resume', refresh(app, d));
    expect(d.complaint.status).toBe('in_progress');
    expect(d.process.heldMinutes).toBe(180);
    expect(d.process.holds[0]).toMatchObject({ resumedAt: '2026-11-02 12:20', heldMinutes: 180 });
    // 23:59 + 180 minutes.
    expect(deadline(d, 'resolution')).toMatchObject({ dueAt: '2026-11-06 02:59', state: 'due' });
    expect(lastEvent(d)).toMatchObject({ kind: 'step', note: '恢复处理 · 恢复处理（挂起 3 小时，处理时限顺延）', changes: statusChange('on_hold', 'in_progress') });
    // Hour deadlines are not moved by a hold.
    expect(deadline(d, 'response').dueAt).toBe('2026-11-02 18:00');
    expect(deadline(d, 'first_response').dueAt).toBe('2026-11-03 09:12');
  });

  it('returns a held complaint to 已派单 when it was held there', () => {
    setNow(app, '2026-11-02 12:20');
    let d = complaintIn(app, office, 'dispatched', '2026-11-02 11:00');
    d = step(app, office, 'hold', d, { reason: '等待配件', expectedDate: '2026-11-02' });
    expect(d.complaint.status).toBe('on_hold');
    setNow(app, '2026-11-02 13:05');
    d = step(app, office, 'resume', d);
    expect(d.complaint.status).toBe('dispatched');
    expect(d.process.heldMinutes).toBe(45);
    expect(deadline(d, 'resolution').dueAt).toBe('2026-11-06 00:44');
  });
});

describe('automatic upgrade to major after one calendar month (own office)', () => {
  let office2: Office;
  let app2: TestApp;
  beforeAll(() => {
    app2 = openTestApp();
    office2 = setUpLifecycleOffice(app2);
  });
  afterEach(() => unpinClock(app2));
  afterAll(() => app2.close());

  it('upgrades only valid complaints still being handled, once', () => {
    setNow(app2, '2026-11-02 09:20');
    const at = '2026-10-20 10:00';
    const walk = (receivedAt: string, status: ComplaintStatus) =>
      complaintIn(app2, office2, status, status === 'registered' ? receivedAt : at, { receivedAt, requestedReplyAt: '', urgency: 'normal' });
    const old = walk('2026-10-02 09:00', 'in_progress'); // a month and 20 minutes
    const exactlyAMonth = walk('2026-10-02 09:20', 'registered'); // a month to the minute
    const almostAMonth = walk('2026-10-02 09:21', 'registered');
    const thirtyDays = walk('2026-10-03 09:20', 'registered'); // October has 31 days: 30 days is not yet a month
    const oldInvalid = walk('2026-10-02 09:00', 'invalid');
    const oldHandled = walk('2026-10-02 09:00', 'handled');

    // The scheduler's tick applies the time rules (the board only reads: reads-never-write.test.ts).
    expect(app2.ctx.scheduler.tick()).toBe(2);
    const now = (d: ComplaintDetail) => app2.ok('complaints:get', { id: d.complaint.id });
    const upgraded = now(old);
    expect(upgraded.complaint.severity).toBe('major');
    const autoEvents = upgraded.events.filter((e) => e.kind === 'auto_major');
    expect(autoEvents).toHaveLength(1);
    expect(autoEvents[0]).toMatchObject({ actorName: '系统', changes: [{ field: 'severity', before: 'ordinary', after: 'major' }] });
    expect(autoEvents[0]!.note).toBe('受理满一个月（2026-10-02 09:00 受理，2026-11-02 09:00 满期）仍未解决，按规定自动升级为重大投诉');
    // The major complaint's report upward within the hour, and its definite reply within 24 hours, from the upgrade.
    expect(deadline(upgraded, 'report')).toMatchObject({ startedAt: '2026-11-02 09:20', dueAt: '2026-11-02 10:20', state: 'due' });
    expect(deadline(upgraded, 'definite_reply')).toMatchObject({ startedAt: '2026-11-02 09:20', dueAt: '2026-11-03 09:20', state: 'due' });
    expect(upgraded.complaint.status).toBe('in_progress');
    expect(upgraded.process.allowedActions).toContain('summarize');

    expect(now(exactlyAMonth).complaint.severity).toBe('major');
    for (const d of [almostAMonth, thirtyDays, oldInvalid, oldHandled]) {
      const after = now(d);
      expect(after.complaint.severity, after.complaint.status).toBe('ordinary');
      expect(after.events.some((e) => e.kind === 'auto_major')).toBe(false);
      expect(after.process.deadlines.some((x) => x.kind === 'report')).toBe(false);
    }

    // A second tick does not upgrade again.
    const before = snapshotAll(app2.ctx.db);
    expect(app2.ctx.scheduler.tick()).toBe(0);
    expect(snapshotAll(app2.ctx.db)).toEqual(before);
    expect(now(old).events.filter((e) => e.kind === 'auto_major')).toHaveLength(1);
  });
});
