/**
 * 答复 (issue 13 point 6): the answer owed to the complainant is recorded as a step of its own —
 * when, how, who, what was said — and meets the 答复 deadline (and a major complaint's 明确答复) by
 * its recorded time, not by when the handling result comes in. A person's edit making a complaint
 * 重大 starts what the monthly rule's upgrade starts. Real SQLite file, main's clock pinned.
 *
 * Times by hand (default policy, PROCEDURES.md §5): received Mon 2026-11-02 09:12, not urgent, no
 * time named → 答复 within 2 working days: Tue 11-03, Wed 11-04 → due 2026-11-04 23:59.
 * 重大: 明确答复 24 h → Tue 11-03 09:12; report upward 1 h.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintDetail } from '../../src-preload/contract';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { CHINESE, complaintIn, create, deadline, refresh, setNow, step, stepInput, useOffice, validInput } from './lifecycle-fixtures';

const notUrgent = { receivedAt: '2026-11-02 09:12', urgency: 'normal', requestedReplyAt: '' } as const;
const said = '已电话告知业主：工程部明天上午九点上门查看漏水，请家中留人';

describe('答复: the reply to the complainant', () => {
  const env = useOffice();
  const reply = (d: ComplaintDetail, at: string, extra: Record<string, unknown> = {}) => step(env.app, env.office, 'reply', d, { at, method: 'phone', content: said, ...extra });

  it('a reply recorded on day 1 meets the 2-working-day 答复, though the result comes after its due time', () => {
    setNow(env.app, '2026-11-02 09:20');
    let d = create(env.app, env.office, notUrgent);
    expect(deadline(d, 'response')).toMatchObject({ dueAt: '2026-11-04 23:59', completedAt: '' });
    // Before it: the board sends the desk to the reply (答复 is the next deadline once dispatched and signed).
    d = step(env.app, env.office, 'dispatch', d, validInput('dispatch', env.office, '2026-11-02 09:20'));
    d = step(env.app, env.office, 'signFor', d, validInput('signFor', env.office, '2026-11-02 09:20'));
    const card = () => Object.values(env.app.ok('board:get', {}).columns).flat().find((c) => c.complaintId === d.complaint.id);
    expect(card()).toMatchObject({ nextKind: 'response', step: 'reply' });

    setNow(env.app, '2026-11-02 15:30');
    d = reply(d, '2026-11-02 15:00');
    expect(d.complaint.status).toBe('in_progress'); // no status change
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 15:00', state: 'met', minutes: 0 });
    expect(d.process.replies).toEqual([{ round: 1, at: '2026-11-02 15:00', method: 'phone', replier: '周晓雯', content: said }]);
    const event = d.events.at(-1)!;
    expect(event).toMatchObject({ kind: 'step', actorName: '周晓雯', changes: [] });
    expect(event.note).toBe(`答复 · 答复投诉人（周晓雯，电话，2026-11-02 15:00）：${said}`);
    expect(card()?.nextKind).not.toBe('response');

    // The result comes on Thu 11-05, past the reply's due time: the reply stays met, by its own time.
    setNow(env.app, '2026-11-05 10:00');
    d = step(env.app, env.office, 'recordResult', d, validInput('recordResult', env.office, '2026-11-05 09:50'));
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 15:00', state: 'met' });
    expect(deadline(d, 'resolution')).toMatchObject({ completedAt: '2026-11-05 09:50' });
  });

  it('may be recorded again in any open state; each is kept, the first one met the deadline', () => {
    setNow(env.app, '2026-11-02 10:00');
    let d = create(env.app, env.office, notUrgent);
    d = reply(d, '2026-11-02 09:40'); // 已登记
    setNow(env.app, '2026-11-05 10:00');
    d = reply(d, '2026-11-05 09:30', { method: 'visit', content: '上门告知维修进度' });
    expect(d.complaint.status).toBe('registered');
    expect(d.process.replies.map((r) => [r.at, r.method, r.content])).toEqual([
      ['2026-11-02 09:40', 'phone', said],
      ['2026-11-05 09:30', 'visit', '上门告知维修进度'],
    ]);
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 09:40', state: 'met' });
  });

  it('a major complaint’s 明确答复 (24 h) is met by the reply, and so is its 答复; late when it comes late', () => {
    setNow(env.app, '2026-11-02 09:20');
    let d = create(env.app, env.office, { ...notUrgent, severity: 'major' });
    expect(deadline(d, 'definite_reply')).toMatchObject({ dueAt: '2026-11-03 09:12', completedAt: '' });
    setNow(env.app, '2026-11-02 21:00');
    d = reply(d, '2026-11-02 20:30');
    expect(deadline(d, 'definite_reply')).toMatchObject({ completedAt: '2026-11-02 20:30', state: 'met' });
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 20:30', state: 'met' });

    setNow(env.app, '2026-11-02 09:20');
    let late = create(env.app, env.office, { ...notUrgent, severity: 'major' });
    setNow(env.app, '2026-11-03 12:00');
    late = reply(late, '2026-11-03 11:12');
    expect(deadline(late, 'definite_reply')).toMatchObject({ completedAt: '2026-11-03 11:12', state: 'late', minutes: 120 });
  });

  it('refuses a reply without what was said, naming the field in Chinese, and changes nothing', () => {
    setNow(env.app, '2026-11-02 10:00');
    const d = create(env.app, env.office, notUrgent);
    for (const content of ['', '   ']) {
      const before = snapshotAll(env.app.ctx.db);
      const result = env.app.call('lifecycle:reply', stepInput(d, env.office.receiverId, { at: '2026-11-02 09:50', method: 'phone', content }));
      expect(snapshotAll(env.app.ctx.db)).toEqual(before);
      if (result.ok) throw new Error('accepted');
      expect(result.error).toMatchObject({ field: 'content', message: '请填写答复内容' });
    }
    expect(deadline(refresh(env.app, d), 'response').completedAt).toBe('');
  });

  it('refuses a time before 受理时间 or in the future, a missing method, and a closed complaint', () => {
    setNow(env.app, '2026-11-02 10:00');
    const d = create(env.app, env.office, notUrgent);
    const refusedWith = (input: Record<string, unknown>, on: ComplaintDetail = d) => {
      const before = snapshotAll(env.app.ctx.db);
      const result = env.app.call('lifecycle:reply', stepInput(on, env.office.receiverId, { at: '2026-11-02 09:50', method: 'phone', content: said, ...input }));
      expect(snapshotAll(env.app.ctx.db)).toEqual(before);
      if (result.ok) throw new Error('accepted');
      expect(result.error.message).toMatch(CHINESE);
      return result.error;
    };
    expect(refusedWith({ at: '2026-11-02 09:00' })).toMatchObject({ field: 'at', message: '答复时间不能早于 2026-11-02 09:12' });
    expect(refusedWith({ at: '2026-11-02 10:30' })).toMatchObject({ field: 'at', message: '答复时间不能晚于现在（2026-11-02 10:00）' });
    expect(refusedWith({ method: '' })).toMatchObject({ field: 'method', message: '请选择答复方式' });
    const closed = complaintIn(env.app, env.office, 'closed', '2026-11-02 09:50', notUrgent);
    expect(closed.process.allowedActions).not.toContain('reply');
    expect(refusedWith({}, closed).message).toContain('已办结');
  });
});

describe('a person’s edit making a complaint 重大', () => {
  const env = useOffice();

  it('starts the report upward and the 明确答复 from the edit, as the monthly upgrade does', () => {
    setNow(env.app, '2026-11-02 09:20');
    const d = create(env.app, env.office, notUrgent);
    expect(d.process.deadlines.map((x) => x.kind).sort()).toEqual(['dispatch', 'first_response', 'resolution', 'response']);

    setNow(env.app, '2026-11-03 10:00');
    env.app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: env.office.receiverId, patch: { severity: 'major' } });
    const major = refresh(env.app, d);
    expect(major.complaint.severity).toBe('major');
    expect(deadline(major, 'report')).toMatchObject({ startedAt: '2026-11-03 10:00', dueAt: '2026-11-03 11:00', completedAt: '' });
    expect(deadline(major, 'definite_reply')).toMatchObject({ startedAt: '2026-11-03 10:00', dueAt: '2026-11-04 10:00', completedAt: '' });

    // An earlier reply was not the definite reply of a major complaint; the next one is.
    setNow(env.app, '2026-11-03 16:00');
    const replied = step(env.app, env.office, 'reply', major, { at: '2026-11-03 15:00', method: 'phone', content: said });
    expect(deadline(replied, 'definite_reply')).toMatchObject({ completedAt: '2026-11-03 15:00', state: 'met' });
  });

  it('an edit that leaves a major complaint major, or touches another field, adds nothing', () => {
    setNow(env.app, '2026-11-02 09:20');
    const d = create(env.app, env.office, { ...notUrgent, severity: 'major' });
    const kinds = d.process.deadlines.map((x) => x.kind).sort();
    env.app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: env.office.receiverId, patch: { description: '楼上漏水，已影响照明和插座' } });
    expect(refresh(env.app, d).process.deadlines.map((x) => x.kind).sort()).toEqual(kinds);
  });

  it('a reply given before the complaint became major does not count as its 明确答复', () => {
    setNow(env.app, '2026-11-02 10:00');
    let d = create(env.app, env.office, notUrgent);
    setNow(env.app, '2026-11-03 10:00');
    d = env.app.ok('complaints:get', { id: env.app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: env.office.receiverId, patch: { severity: 'major' } }).id });
    // Entered after the upgrade, but given the day before it.
    d = step(env.app, env.office, 'reply', d, { at: '2026-11-02 16:00', method: 'phone', content: said });
    expect(deadline(d, 'response')).toMatchObject({ completedAt: '2026-11-02 16:00', state: 'met' });
    expect(deadline(d, 'definite_reply').completedAt).toBe('');
  });
});
