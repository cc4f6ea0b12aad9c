/**
 * Deadlines (PROCEDURES.md §5–§6): what intake sets under the default policy, working days across
 * 国庆 2026, the preview, states as the clock moves, policy changes and calendar corrections.
 * Every expected time is worked out by hand from the policy table and the official calendar:
 * 2026-11-02 is a Monday; 国庆 2026 is Oct 1–7 off with Sat Oct 10 worked; Sun Sep 20 is worked.
 */
import { describe, expect, it } from 'vitest';
import type { DeadlinePolicy, Severity, Urgency } from '../../src-preload/contract';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { CHINESE, create, deadline, dueTimes, refresh, setNow, step, useOffice } from './lifecycle-fixtures';

/** A fresh office per describe block: the policy and the calendar are office-wide settings. */

/** Intake without a requested reply time, so only the policy decides. */
const plain = (receivedAt: string, severity: Severity, urgency: Urgency) => ({ receivedAt, severity, urgency, requestedReplyAt: '' });

describe('intake deadlines under the default policy', () => {
  const env = useOffice();

  // Received Monday 2026-11-02 09:12.
  // reply (答复): urgent 2 h → 11:12; not urgent 2 working days → Wed 23:59 (not the 24-hour standard);
  // first response (首次响应): 24 h → Tue 09:12, every severity; 重大: definite reply 24 h → Tue 09:12;
  // report upward: 1 h for 重要/重大 only; dispatch: 10 min for 重大, 1 h otherwise;
  // resolution: 轻微 1 working day (Tue), others 3 (Tue, Wed, Thu).
  const first = { first_response: '2026-11-03 09:12' };
  const CASES: [Severity, Urgency, Record<string, string>][] = [
    ['minor', 'urgent', { response: '2026-11-02 11:12', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-03 23:59' }],
    ['minor', 'normal', { response: '2026-11-04 23:59', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-03 23:59' }],
    ['ordinary', 'urgent', { response: '2026-11-02 11:12', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59' }],
    ['ordinary', 'normal', { response: '2026-11-04 23:59', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59' }],
    ['important', 'urgent', { response: '2026-11-02 11:12', ...first, report: '2026-11-02 10:12', dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59' }],
    ['important', 'normal', { response: '2026-11-04 23:59', ...first, report: '2026-11-02 10:12', dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59' }],
    ['major', 'urgent', { response: '2026-11-02 11:12', ...first, definite_reply: '2026-11-03 09:12', report: '2026-11-02 10:12', dispatch: '2026-11-02 09:22', resolution: '2026-11-05 23:59' }],
    ['major', 'normal', { response: '2026-11-04 23:59', ...first, definite_reply: '2026-11-03 09:12', report: '2026-11-02 10:12', dispatch: '2026-11-02 09:22', resolution: '2026-11-05 23:59' }],
  ];

  it.each(CASES)('%s, %s', (severity, urgency, expected) => {
    setNow(env.app, '2026-11-02 09:20');
    const d = create(env.app, env.office, plain('2026-11-02 09:12', severity, urgency));
    expect(dueTimes(d)).toEqual(expected);
    for (const x of d.process.deadlines) {
      expect(x, x.kind).toMatchObject({ round: 1, startedAt: '2026-11-02 09:12', completedAt: '', policyVersion: 1 });
    }
    // The preview promises exactly what intake then sets.
    const preview = env.app.ok('deadlines:preview', plain('2026-11-02 09:12', severity, urgency));
    expect(Object.fromEntries(preview.deadlines.map((x) => [x.kind, x.dueAt]))).toEqual(expected);
    expect(preview.warnings).toEqual([]);
  });

  it('a reply time the complainant named rules, earlier or later than the policy’s', () => {
    setNow(env.app, '2026-11-02 09:20');
    const earlier = create(env.app, env.office, { ...plain('2026-11-02 09:12', 'ordinary', 'normal'), requestedReplyAt: '2026-11-02 15:00' });
    expect(deadline(earlier, 'response').dueAt).toBe('2026-11-02 15:00');
    const earlierThan2h = create(env.app, env.office, { ...plain('2026-11-02 09:12', 'ordinary', 'urgent'), requestedReplyAt: '2026-11-02 10:00' });
    expect(deadline(earlierThan2h, 'response').dueAt).toBe('2026-11-02 10:00');
    // 在顾客要求回复的时间内回复: a later time is what was promised, not the 2 hours.
    const later = create(env.app, env.office, { ...plain('2026-11-02 09:12', 'ordinary', 'urgent'), requestedReplyAt: '2026-11-02 18:00' });
    expect(deadline(later, 'response').dueAt).toBe('2026-11-02 18:00');
    const laterThan2Days = create(env.app, env.office, { ...plain('2026-11-02 09:12', 'minor', 'normal'), requestedReplyAt: '2026-11-06 09:00' });
    expect(deadline(laterThan2Days, 'response').dueAt).toBe('2026-11-06 09:00');
    // The first response keeps its 24 hours whatever was named.
    expect(deadline(laterThan2Days, 'first_response').dueAt).toBe('2026-11-03 09:12');
    // The preview agrees.
    const preview = env.app.ok('deadlines:preview', { ...plain('2026-11-02 09:12', 'ordinary', 'normal'), requestedReplyAt: '2026-11-02 15:00' });
    expect(preview.deadlines.find((x) => x.kind === 'response')!.dueAt).toBe('2026-11-02 15:00');
  });

  it('working days skip 国庆 2026 and count the make-up Saturday', () => {
    setNow(env.app, '2026-11-02 09:20');
    // 23:59 on Wed Sep 30: Oct 1–7 are off; Thu Oct 8, Fri Oct 9, Sat Oct 10 (worked) count.
    // The reply's 2 working days: Thu Oct 8, Fri Oct 9.
    const ordinary = create(env.app, env.office, plain('2026-09-30 23:59', 'ordinary', 'normal'));
    expect(dueTimes(ordinary)).toEqual({ response: '2026-10-09 23:59', first_response: '2026-10-01 23:59', dispatch: '2026-10-01 00:59', resolution: '2026-10-10 23:59' });
    const minor = create(env.app, env.office, plain('2026-09-30 23:59', 'minor', 'normal'));
    expect(deadline(minor, 'resolution').dueAt).toBe('2026-10-08 23:59');
    // Received on Sat Sep 19: Sun Sep 20 is a make-up workday, so 1 working day ends on it.
    const weekend = create(env.app, env.office, plain('2026-09-19 10:00', 'minor', 'normal'));
    expect(deadline(weekend, 'resolution').dueAt).toBe('2026-09-20 23:59');
    // Received during the holiday (Oct 3): the next working day is Oct 8.
    const during = create(env.app, env.office, plain('2026-10-03 10:00', 'ordinary', 'urgent'));
    expect(dueTimes(during)).toEqual({ response: '2026-10-03 12:00', first_response: '2026-10-04 10:00', dispatch: '2026-10-03 11:00', resolution: '2026-10-10 23:59' });
  });

  it('the preview changes nothing and warns when the count runs into 2027, which has no schedule', () => {
    setNow(env.app, '2026-11-02 09:20');
    const before = snapshotAll(env.app.ctx.db);
    // Wed Dec 30: Thu Dec 31, Fri Jan 1 2027 (no 2027 schedule: an ordinary Friday), Mon Jan 4.
    const preview = env.app.ok('deadlines:preview', plain('2026-12-30 10:00', 'ordinary', 'normal'));
    expect(snapshotAll(env.app.ctx.db)).toEqual(before);
    expect(Object.fromEntries(preview.deadlines.map((x) => [x.kind, x.dueAt]))).toEqual({
      response: '2027-01-01 23:59',
      first_response: '2026-12-31 10:00',
      dispatch: '2026-12-30 11:00',
      resolution: '2027-01-04 23:59',
    });
    expect(preview.warnings).toHaveLength(1);
    expect(preview.warnings[0]).toContain('2027 年的法定节假日安排尚未录入');
    // Intake gives the same times.
    expect(dueTimes(create(env.app, env.office, plain('2026-12-30 10:00', 'ordinary', 'normal')))).toEqual(
      Object.fromEntries(preview.deadlines.map((x) => [x.kind, x.dueAt])),
    );
  });

  it('the preview refuses a malformed time in Chinese', () => {
    const result = env.app.call('deadlines:preview', plain('2026-02-30 10:00', 'ordinary', 'normal'));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedAt' } });
    if (!result.ok) expect(result.error.message).toMatch(CHINESE);
  });
});

describe('deadline states as the clock moves', () => {
  const env = useOffice();

  it('due → soon (80% of the time gone) → overdue; then met or late', () => {
    // Dispatch deadline: received 09:12, due 10:12 (60 minutes; "soon" from 48 minutes in, 10:00).
    setNow(env.app, '2026-11-02 09:20');
    const late = create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'normal'));
    const onTime = create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'normal'));
    const state = (d: typeof late) => {
      const x = deadline(refresh(env.app, d), 'dispatch');
      return [x.state, x.minutes];
    };
    expect(state(late)).toEqual(['due', 52]);
    // Resolution: Thu Nov 5 23:59 is 3 days 14 h 39 min away.
    expect(deadline(late, 'resolution')).toMatchObject({ state: 'due', minutes: 3 * 1440 + 14 * 60 + 39 });

    setNow(env.app, '2026-11-02 09:59');
    expect(state(late)).toEqual(['due', 13]);
    setNow(env.app, '2026-11-02 10:00');
    expect(state(late)).toEqual(['soon', 12]);

    setNow(env.app, '2026-11-02 10:05');
    const met = step(env.app, env.office, 'dispatch', refresh(env.app, onTime), { departmentId: env.office.engineering });
    expect(deadline(met, 'dispatch')).toMatchObject({ state: 'met', minutes: 0, completedAt: '2026-11-02 10:05' });

    setNow(env.app, '2026-11-02 10:12');
    expect(state(late)).toEqual(['soon', 0]);
    setNow(env.app, '2026-11-02 10:13');
    expect(state(late)).toEqual(['overdue', -1]);
    setNow(env.app, '2026-11-02 11:00');
    expect(state(late)).toEqual(['overdue', -48]);

    setNow(env.app, '2026-11-02 10:30');
    const done = step(env.app, env.office, 'dispatch', refresh(env.app, late), { departmentId: env.office.engineering });
    expect(deadline(done, 'dispatch')).toMatchObject({ state: 'late', minutes: 18, completedAt: '2026-11-02 10:30' });
    // Done is done: the state no longer depends on the clock.
    setNow(env.app, '2026-11-09 10:30');
    expect(state(late)).toEqual(['late', 18]);
    expect(state(onTime)).toEqual(['met', 0]);
  });

  it('the first response is met or late by the sign-for time, the reply by the result’s', () => {
    setNow(env.app, '2026-11-03 14:00');
    const make = () => step(env.app, env.office, 'dispatch', create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'urgent')), { departmentId: env.office.engineering });
    const result = (completedAt: string) => ({ handlerId: env.office.handlerId, measures: '上门疏通', result: '已疏通', completedAt });
    // Signed for within the 24 hours; the urgent reply (11:12) still open: signing tells the complainant nothing.
    let early = step(env.app, env.office, 'signFor', make(), { signerId: env.office.handlerId, signedAt: '2026-11-02 10:00' });
    expect(deadline(early, 'first_response')).toMatchObject({ state: 'met', minutes: 0, completedAt: '2026-11-02 10:00' });
    expect(deadline(early, 'response')).toMatchObject({ completedAt: '', state: 'overdue' });
    early = step(env.app, env.office, 'recordResult', early, result('2026-11-02 11:12'));
    expect(deadline(early, 'response')).toMatchObject({ state: 'met', minutes: 0, completedAt: '2026-11-02 11:12' });

    let tardy = step(env.app, env.office, 'signFor', make(), { signerId: env.office.handlerId, signedAt: '2026-11-03 10:12' });
    expect(deadline(tardy, 'first_response')).toMatchObject({ state: 'late', minutes: 60, completedAt: '2026-11-03 10:12' });
    tardy = step(env.app, env.office, 'recordResult', tardy, result('2026-11-03 13:40'));
    expect(deadline(tardy, 'response')).toMatchObject({ state: 'late', minutes: 26 * 60 + 28, completedAt: '2026-11-03 13:40' });
  });
});

describe('changing the deadline policy', () => {
  const env = useOffice();

  it('bumps the version, leaves existing deadlines alone and applies to new complaints', () => {
    setNow(env.app, '2026-11-02 09:20');
    const { policy, version } = env.app.ok('deadlines:getPolicy', {});
    expect(version).toBe(1);
    expect(policy.severities.ordinary.resolution).toEqual({ unit: 'working_days', amount: 3 });
    expect(policy.dispatch.major).toEqual({ unit: 'minutes', amount: 10 });
    expect(policy.warningRatio).toBe(0.8);
    expect(policy.autoMajorMonths).toBe(1);
    expect(policy.reply).toEqual({ urgent: { unit: 'hours', amount: 2 }, normal: { unit: 'working_days', amount: 2 } });
    expect(policy.severities.ordinary.firstResponse).toEqual({ unit: 'hours', amount: 24 });
    expect(policy.definiteReply).toEqual({ unit: 'hours', amount: 24 });

    const existing = create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'normal'));
    const next: DeadlinePolicy = structuredClone(policy);
    next.severities.ordinary.resolution = { unit: 'working_days', amount: 5 };
    const saved = env.app.ok('deadlines:updatePolicy', { policy: next });
    expect(saved.version).toBe(2);
    expect(env.app.ok('deadlines:getPolicy', {})).toEqual({ policy: next, version: 2 });

    const kept = refresh(env.app, existing);
    expect(deadline(kept, 'resolution')).toMatchObject({ dueAt: '2026-11-05 23:59', policyVersion: 1 });
    expect(kept.process.deadlines.every((x) => x.policyVersion === 1)).toBe(true);

    // 5 working days from Mon Nov 2: Tue, Wed, Thu, Fri, Mon Nov 9.
    const fresh = create(env.app, env.office, plain('2026-11-02 09:30', 'ordinary', 'normal'));
    expect(deadline(fresh, 'resolution')).toMatchObject({ dueAt: '2026-11-09 23:59', policyVersion: 2 });
    expect(fresh.process.deadlines.every((x) => x.policyVersion === 2)).toBe(true);
    // The preview uses the policy in force too.
    expect(env.app.ok('deadlines:preview', plain('2026-11-02 09:30', 'ordinary', 'normal')).deadlines.find((x) => x.kind === 'resolution')!.dueAt).toBe('2026-11-09 23:59');

    // A calendar correction recounts each deadline by the rule it was set under, not today's policy.
    env.app.ok('calendar:saveDay', { date: '2026-11-04', kind: 'holiday', name: '测试假日' });
    expect(deadline(refresh(env.app, existing), 'resolution')).toMatchObject({ dueAt: '2026-11-06 23:59', policyVersion: 1 });
    expect(deadline(refresh(env.app, fresh), 'resolution')).toMatchObject({ dueAt: '2026-11-10 23:59', policyVersion: 2 });
    env.app.ok('calendar:removeDay', { date: '2026-11-04' });
  });

  const BAD_POLICIES: [label: string, spoil: (p: DeadlinePolicy) => void, field: string, message: string | null][] = [
    ['a warning ratio of 2', (p) => void (p.warningRatio = 2), 'policy.warningRatio', '预警比例应在 10%–99% 之间'],
    ['a resolution of 0 working days', (p) => void (p.severities.ordinary.resolution.amount = 0), 'policy.severities.ordinary.resolution.amount', '时限至少为 1'],
    ['1.5 hours', (p) => void (p.dispatch.other = { unit: 'hours', amount: 1.5 }), 'policy.dispatch.other.amount', '时限必须是整数'],
    ['a unit of weeks', (p) => void (p.followUp = { unit: 'weeks' as never, amount: 1 }), 'policy.followUp.unit', '时限单位无效'],
    ['auto-major after 0 months', (p) => void (p.autoMajorMonths = 0), 'policy.autoMajorMonths', '自动升级月数应在 1–12 之间'],
    ['auto-major after 1.5 months', (p) => void (p.autoMajorMonths = 1.5), 'policy.autoMajorMonths', '自动升级月数必须是整数'],
    ['no reply time for urgent complaints', (p) => void ((p.reply as { urgent: unknown }).urgent = null), 'policy.reply.urgent', null],
  ];
  it.each(BAD_POLICIES)('refuses %s in Chinese and changes nothing', (_label, spoil, field, message) => {
    const current = env.app.ok('deadlines:getPolicy', {});
    const bad = structuredClone(current.policy);
    spoil(bad);
    const before = snapshotAll(env.app.ctx.db);
    const result = env.app.call('deadlines:updatePolicy', { policy: bad });
    expect(snapshotAll(env.app.ctx.db)).toEqual(before);
    expect(env.app.ok('deadlines:getPolicy', {})).toEqual(current);
    if (result.ok) throw new Error('accepted');
    expect(result.error).toMatchObject({ code: 'VALIDATION', field });
    expect(result.error.message).toMatch(CHINESE);
    if (message) expect(result.error.message).toBe(message);
  });
});

describe('calendar edits recount open working-day deadlines', () => {
  const env = useOffice();

  it('a holiday added on Wed Nov 4 moves the resolution a day later, and back when removed', () => {
    setNow(env.app, '2026-11-02 09:30');
    const ordinary = create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'normal'));
    const minor = create(env.app, env.office, plain('2026-11-02 09:12', 'minor', 'urgent'));
    // Handled at 09:25: its resolution is met; its follow-up (3 working days) is open.
    let handled = create(env.app, env.office, plain('2026-11-02 09:12', 'important', 'normal'));
    handled = step(env.app, env.office, 'dispatch', handled, { departmentId: env.office.engineering });
    handled = step(env.app, env.office, 'signFor', handled, { signerId: env.office.handlerId, signedAt: '2026-11-02 09:20' });
    handled = step(env.app, env.office, 'recordResult', handled, { handlerId: env.office.handlerId, measures: '疏通下水管', result: '已疏通', completedAt: '2026-11-02 09:25' });
    // Held 180 minutes: its resolution carries the hold on top of the working-day count.
    let held = create(env.app, env.office, plain('2026-11-02 09:12', 'ordinary', 'normal'));
    held = step(env.app, env.office, 'dispatch', held, { departmentId: env.office.engineering });
    held = step(env.app, env.office, 'hold', held, { reason: '等待配件', expectedDate: '2026-11-03' });
    setNow(env.app, '2026-11-02 12:30');
    held = step(env.app, env.office, 'resume', held);

    const first = { first_response: '2026-11-03 09:12' };
    const expectedBefore = {
      ordinary: { response: '2026-11-04 23:59', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59' },
      minor: { response: '2026-11-02 11:12', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-03 23:59' },
      handled: { response: '2026-11-04 23:59', ...first, report: '2026-11-02 10:12', dispatch: '2026-11-02 10:12', resolution: '2026-11-05 23:59', follow_up: '2026-11-05 23:59' },
      held: { response: '2026-11-04 23:59', ...first, dispatch: '2026-11-02 10:12', resolution: '2026-11-06 02:59' },
    };
    const all = () => ({
      ordinary: dueTimes(refresh(env.app, ordinary)),
      minor: dueTimes(refresh(env.app, minor)),
      handled: dueTimes(refresh(env.app, handled)),
      held: dueTimes(refresh(env.app, held)),
    });
    expect(all()).toEqual(expectedBefore);
    const versions = () => refresh(env.app, ordinary).process.deadlines.map((x) => x.policyVersion);

    const overview = env.app.ok('calendar:saveDay', { date: '2026-11-04', kind: 'holiday', name: '测试假日' });
    expect(overview.days).toContainEqual({ date: '2026-11-04', kind: 'holiday', name: '测试假日' });
    expect(all()).toEqual({
      // Tue Nov 3, (Wed off), Thu Nov 5, Fri Nov 6; the open reply's 2 working days end on Thu.
      ordinary: { ...expectedBefore.ordinary, response: '2026-11-05 23:59', resolution: '2026-11-06 23:59' },
      // 1 working day ends on Tue: unchanged.
      minor: expectedBefore.minor,
      // The met resolution and reply stay as they were; the open follow-up moves.
      handled: { ...expectedBefore.handled, follow_up: '2026-11-06 23:59' },
      held: { ...expectedBefore.held, response: '2026-11-05 23:59', resolution: '2026-11-07 02:59' },
    });
    expect(versions().every((v) => v === 1)).toBe(true);
    expect(deadline(refresh(env.app, handled), 'resolution').completedAt).toBe('2026-11-02 09:25');

    env.app.ok('calendar:removeDay', { date: '2026-11-04' });
    expect(all()).toEqual(expectedBefore);
  });

  it('a make-up workday on Sat Nov 7 pulls a deadline earlier', () => {
    setNow(env.app, '2026-11-04 10:00');
    // Received Wed Nov 4: Thu 5, Fri 6, Mon 9 — or Thu, Fri, Sat 7 once Saturday is worked.
    const d = create(env.app, env.office, plain('2026-11-04 09:00', 'ordinary', 'normal'));
    expect(deadline(d, 'resolution').dueAt).toBe('2026-11-09 23:59');
    env.app.ok('calendar:saveDay', { date: '2026-11-07', kind: 'workday', name: '测试调休上班' });
    expect(deadline(refresh(env.app, d), 'resolution').dueAt).toBe('2026-11-07 23:59');
    env.app.ok('calendar:removeDay', { date: '2026-11-07' });
    expect(deadline(refresh(env.app, d), 'resolution').dueAt).toBe('2026-11-09 23:59');
  });

  it('deadlines counted alike are all set right, whatever due time each had', () => {
    setNow(env.app, '2026-11-04 10:00');
    // Both received Wed Nov 4 (different times): resolution Thu 5, Fri 6, Mon 9 23:59.
    const a = create(env.app, env.office, plain('2026-11-04 08:00', 'ordinary', 'normal'));
    const b = create(env.app, env.office, plain('2026-11-04 09:40', 'ordinary', 'normal'));
    // One of them holds a due time that no count gives (written by hand, or by an older version).
    env.app.ctx.db
      .prepare(`UPDATE complaint_deadlines SET due_at = '2026-11-20 23:59' WHERE complaint_id = ? AND kind = 'resolution'`)
      .run(b.complaint.id);
    env.app.ok('calendar:saveDay', { date: '2026-11-06', kind: 'holiday', name: '测试假日' });
    // Thu 5, (Fri off), Mon 9, Tue 10.
    expect(deadline(refresh(env.app, a), 'resolution').dueAt).toBe('2026-11-10 23:59');
    expect(deadline(refresh(env.app, b), 'resolution').dueAt).toBe('2026-11-10 23:59');
    env.app.ok('calendar:removeDay', { date: '2026-11-06' });
    expect(deadline(refresh(env.app, a), 'resolution').dueAt).toBe('2026-11-09 23:59');
    expect(deadline(refresh(env.app, b), 'resolution').dueAt).toBe('2026-11-09 23:59');
  });

  it('the board, read before the edit, shows the recounted due time at once', () => {
    setNow(env.app, '2026-11-04 10:00');
    // 轻微, dispatched and signed for: its next deadline is the resolution, 1 working day → Thu Nov 5.
    let d = create(env.app, env.office, plain('2026-11-04 09:00', 'minor', 'normal'));
    d = step(env.app, env.office, 'dispatch', d, { departmentId: env.office.engineering });
    d = step(env.app, env.office, 'signFor', d, { signerId: env.office.handlerId, signedAt: '2026-11-04 09:30' });
    const card = () => {
      const board = env.app.ok('board:get', {});
      return Object.values(board.columns)
        .flat()
        .filter((c) => c.complaintId === d.complaint.id)
        .map((c) => [c.nextKind, c.dueAt]);
    };
    expect(card()).toEqual([['resolution', '2026-11-05 23:59']]);
    env.app.ok('calendar:saveDay', { date: '2026-11-05', kind: 'holiday', name: '测试假日' });
    expect(card()).toEqual([['resolution', '2026-11-06 23:59']]);
    env.app.ok('calendar:removeDay', { date: '2026-11-05' });
    expect(card()).toEqual([['resolution', '2026-11-05 23:59']]);
  });
});
