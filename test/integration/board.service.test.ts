/**
 * The deadline board (已逾期 / 今日到期 / 48小时内 / 正常) and the deadline alerts, at a pinned "now"
 * of Wed 2026-11-04 10:00, with complaints built so that their next deadlines land in each column.
 * Every due time and minute count below is worked out by hand from the default policy.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import type { Board, BoardCard, BoardColumn, ComplaintDetail } from '../../src-preload/contract';
import { complaintIn, create, refresh, setNow, step, useOffice } from './lifecycle-fixtures';

const NOW = '2026-11-04 10:00';


const cards = (board: Board): (BoardCard & { column: BoardColumn })[] =>
  (Object.entries(board.columns) as [BoardColumn, BoardCard[]][]).flatMap(([column, list]) => list.map((c) => ({ ...c, column })));

const findCard = (board: Board, d: ComplaintDetail) => cards(board).filter((c) => c.complaintId === d.complaint.id);

/** Counts per department as the board's cards give them. */
function countsOf(board: Board) {
  const out: Record<string, Record<BoardColumn, number>> = {};
  for (const c of cards(board)) {
    out[c.departmentName] ??= { overdue: 0, today: 0, within48h: 0, normal: 0, held: 0 };
    out[c.departmentName]![c.column]++;
  }
  return out;
}
const byDepartment = (board: Board) => Object.fromEntries(board.byDepartment.map((d) => [d.departmentName, d.counts]));

describe('the board’s columns', () => {
  const env = useOffice();
  let built: Record<'overdue' | 'today' | 'within48h' | 'normal' | 'held' | 'closed' | 'closedInvalid', ComplaintDetail>;

  beforeAll(() => {
    const { app, office } = env;
    const go = (d: ComplaintDetail, action: Parameters<typeof step>[2], extra: Record<string, unknown>) => step(app, office, action, d, extra);
    setNow(app, '2026-11-04 09:05');

    // 已逾期: registered Wed 08:30, not dispatched; the 1-hour dispatch deadline passed at 09:30.
    const overdue = create(app, office, { receivedAt: '2026-11-04 08:30', urgency: 'normal', requestedReplyAt: '' });

    // 今日到期: urgent, received 09:00, complained about 工程部 but dispatched to 环境部 at 09:05;
    // its 2-hour reply is due at 11:00 today.
    let today = create(app, office, { receivedAt: '2026-11-04 09:00', urgency: 'urgent', requestedReplyAt: '', complainantName: '李娜', building: '5栋', unit: '1单元', room: '302' });
    today = go(today, 'dispatch', { departmentId: office.cleaning });

    // 48小时内: 轻微, received 07:00, dispatched and signed; resolved within 1 working day → Thu 23:59.
    let within48h = create(app, office, {
      receivedAt: '2026-11-04 07:00',
      severity: 'minor',
      urgency: 'normal',
      requestedReplyAt: '',
      complainedDepartmentId: office.cleaning,
      categoryId: office.hygiene,
      complainantName: '王强',
      building: '1栋',
      unit: '1单元',
      room: '101',
    });
    within48h = go(within48h, 'dispatch', { departmentId: office.cleaning });
    within48h = go(within48h, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-04 09:05' });

    // 正常: handled Wed 09:00; follow-up within 3 working days → Thu, Fri, Mon Nov 9 23:59.
    let normal = create(app, office, { receivedAt: '2026-11-03 08:00', urgency: 'normal', requestedReplyAt: '', complainedDepartmentId: office.security, complainantName: '陈静', building: '2栋', unit: '3单元', room: '801' });
    normal = go(normal, 'dispatch', { departmentId: office.security });
    normal = go(normal, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-03 09:00' });
    normal = go(normal, 'recordResult', { handlerId: office.handlerId, measures: '加强夜间巡逻', result: '已处理', completedAt: '2026-11-04 09:00' });

    // On hold, its resolution (3 working days from Wed Oct 28 → Mon Nov 2 23:59) long past; the owner
    // asked for a reply (答复) by Nov 20.
    let held = create(app, office, { receivedAt: '2026-10-28 08:00', urgency: 'normal', requestedReplyAt: '2026-11-20 18:00', complainantName: '刘洋', building: '6栋', unit: '2单元', room: '1203' });
    held = go(held, 'dispatch', { departmentId: office.engineering });
    held = go(held, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-04 09:05' });
    held = go(held, 'hold', { reason: '等待业主出差回来', expectedDate: '2026-11-06' });

    // Closed: an ordinary complaint followed up, and an invalid one notified.
    const closed = complaintIn(app, office, 'closed', '2026-11-04 09:00', { receivedAt: '2026-11-04 08:00', requestedReplyAt: '' });
    let closedInvalid = create(app, office, { receivedAt: '2026-11-04 08:00', requestedReplyAt: '' });
    closedInvalid = go(closedInvalid, 'markInvalid', { reason: '重复投诉' });
    closedInvalid = go(closedInvalid, 'notifyInvalid', { at: '2026-11-04 09:05', method: 'phone' });

    built = { overdue, today, within48h, normal, held, closed, closedInvalid };
  });
  beforeEach(() => setNow(env.app, NOW));

  it('puts each open complaint under its next deadline', () => {
    const board = env.app.ok('board:get', {});
    expect(board.now).toBe(NOW);
    const card = (d: ComplaintDetail) => {
      const found = findCard(board, d);
      expect(found, d.complaint.number).toHaveLength(1);
      return found[0]!;
    };
    expect(card(built.overdue)).toMatchObject({
      column: 'overdue',
      number: 'YGHA-20261104-001',
      complainantName: '张伟',
      room: '3栋2单元1602',
      departmentName: '工程部',
      severity: 'ordinary',
      status: 'registered',
      nextKind: 'dispatch',
      dueAt: '2026-11-04 09:30',
      minutes: -30,
      step: 'dispatch',
      onHold: false,
    });
    expect(card(built.within48h)).toMatchObject({
      column: 'within48h',
      number: built.within48h.complaint.number,
      room: '1栋1单元101',
      departmentName: '环境部',
      severity: 'minor',
      status: 'in_progress',
      nextKind: 'resolution',
      dueAt: '2026-11-05 23:59',
      minutes: 1440 + 13 * 60 + 59,
      step: 'recordResult',
      onHold: false,
    });
    expect(card(built.normal)).toMatchObject({
      column: 'normal',
      room: '2栋3单元801',
      departmentName: '秩序维护部',
      status: 'handled',
      nextKind: 'follow_up',
      dueAt: '2026-11-09 23:59',
      minutes: 5 * 1440 + 13 * 60 + 59,
      step: 'followUp',
      onHold: false,
    });
    // The held complaint sits under 挂起中. Its next running deadline is the reply the owner asked
    // for (the reply keeps running while held: it is owed to the complainant, not the handling's).
    expect(card(built.held)).toMatchObject({
      column: 'held',
      room: '6栋2单元1203',
      departmentName: '工程部',
      status: 'on_hold',
      nextKind: 'response',
      dueAt: '2026-11-20 18:00',
      minutes: 16 * 1440 + 8 * 60,
      // The card opens the complaint at what that deadline needs: the 答复 (issue 13 point 6).
      step: 'reply',
      onHold: true,
      hold: { since: '2026-11-04 09:05', expectedDate: '2026-11-06', pastExpectedDays: 0 },
    });
    // Its overdue resolution is paused: the time stands where it was when the hold began (09:05,
    // 1 day 9 h 6 min after the due time), not where it would be now.
    const resolution = refresh(env.app, built.held).process.deadlines.find((x) => x.kind === 'resolution')!;
    expect(resolution).toMatchObject({ dueAt: '2026-11-02 23:59', state: 'paused', minutes: -(1440 + 9 * 60 + 6) });
    expect(board.columns.overdue.some((c) => c.onHold)).toBe(false);
  });

  it('shows a dispatched complaint under the responsible department, its 答复 due next and 答复 as the step', () => {
    const board = env.app.ok('board:get', {});
    expect(findCard(board, built.today)).toEqual([
      expect.objectContaining({
        column: 'today',
        room: '5栋1单元302',
        complainantName: '李娜',
        // Complained about 工程部, dispatched to 环境部: the board shows who must act.
        departmentName: '环境部',
        status: 'dispatched',
        nextKind: 'response',
        dueAt: '2026-11-04 11:00',
        minutes: 60,
        // Its next deadline is the reply owed to the complainant, which 签收 does not meet: the
        // card opens the 答复 form (issue 13 point 6), not 签收.
        step: 'reply',
        onHold: false,
      }),
    ]);
  });

  it('never shows closed complaints', () => {
    const board = env.app.ok('board:get', {});
    expect(findCard(board, built.closed)).toEqual([]);
    expect(findCard(board, built.closedInvalid)).toEqual([]);
    expect(cards(board).every((c) => c.status !== 'closed')).toBe(true);
    expect(cards(board)).toHaveLength(5);
  });

  it('counts per department match the cards', () => {
    const board = env.app.ok('board:get', {});
    expect(byDepartment(board)).toEqual(countsOf(board));
    expect(byDepartment(board)).toEqual({
      工程部: { overdue: 1, today: 0, within48h: 0, normal: 0, held: 1 },
      环境部: { overdue: 0, today: 1, within48h: 1, normal: 0, held: 0 },
      秩序维护部: { overdue: 0, today: 0, within48h: 0, normal: 1, held: 0 },
    });
  });

  it('filters by severity', () => {
    const board = env.app.ok('board:get', { severity: 'minor' });
    expect(cards(board).map((c) => c.complaintId)).toEqual([built.within48h.complaint.id]);
    expect(byDepartment(board)).toEqual({ 环境部: { overdue: 0, today: 0, within48h: 1, normal: 0, held: 0 } });
    expect(cards(env.app.ok('board:get', { severity: 'major' }))).toEqual([]);
  });

  it('filters by department; the counts match the cards', () => {
    for (const [departmentId, expected] of [
      [env.office.cleaning, [built.today, built.within48h]],
      [env.office.security, [built.normal]],
      [env.office.customerService, []],
    ] as const) {
      const board = env.app.ok('board:get', { departmentId });
      expect(cards(board).map((c) => c.complaintId).sort()).toEqual(expected.map((d) => d.complaint.id).sort());
      expect(byDepartment(board)).toEqual(countsOf(board));
    }
  });

  it('filtering by a department shows only cards of that department', () => {
    // The dispatched complaint was complained about 工程部 but is 环境部's to handle now.
    const board = env.app.ok('board:get', { departmentId: env.office.engineering });
    expect(cards(board).map((c) => c.departmentName)).toEqual(cards(board).map(() => '工程部'));
    expect(cards(board).map((c) => c.complaintId).sort()).toEqual([built.overdue.complaint.id, built.held.complaint.id].sort());
    expect(Object.keys(byDepartment(board))).toEqual(['工程部']);
  });

  it('deadlines:alerts lists the open deadlines overdue or due within 60 minutes', () => {
    const alerts = (at: string) => {
      setNow(env.app, at);
      return env.app
        .ok('deadlines:alerts', {})
        .map((a) => [a.number, a.kind, a.dueAt, a.overdue])
        .sort();
    };
    const n = (d: ComplaintDetail) => d.complaint.number;
    // 09:59: the dispatch deadline of 09:30 is overdue; the 11:00 reply is 61 minutes away.
    expect(alerts('2026-11-04 09:59')).toEqual([[n(built.overdue), 'dispatch', '2026-11-04 09:30', true]]);
    // 10:00: the reply is due in 60 minutes. The held complaint's resolution is paused.
    expect(alerts(NOW)).toEqual(
      [
        [n(built.overdue), 'dispatch', '2026-11-04 09:30', true],
        [n(built.today), 'response', '2026-11-04 11:00', false],
      ].sort(),
    );
  });
});

describe('a closed complaint with a deadline left open', () => {
  const env = useOffice();
  let d: ComplaintDetail;

  beforeAll(() => {
    setNow(env.app, '2026-11-04 09:05');
    // 重要: it owes a report upward (09:00) that nobody recorded; it is followed up and closed anyway.
    d = complaintIn(env.app, env.office, 'closed', '2026-11-04 09:00', { receivedAt: '2026-11-04 08:00', severity: 'important', requestedReplyAt: '' });
  });
  beforeEach(() => setNow(env.app, NOW));

  it('does not appear on the board', () => {
    expect(refresh(env.app, d).complaint.status).toBe('closed');
    expect(findCard(env.app.ok('board:get', {}), d)).toEqual([]);
  });

  it('is not in the alerts', () => {
    expect(env.app.ok('deadlines:alerts', {}).filter((a) => a.complaintId === d.complaint.id)).toEqual([]);
  });
});

describe('alerts for a complaint with two deadlines overdue', () => {
  const env = useOffice();

  it('lists each open deadline, with its own id', () => {
    setNow(env.app, NOW);
    // 重要, received 08:00: the report upward and the dispatch were both due at 09:00.
    const d = create(env.app, env.office, { receivedAt: '2026-11-04 08:00', severity: 'important', urgency: 'normal', requestedReplyAt: '' });
    const expected = refresh(env.app, d)
      .process.deadlines.filter((x) => x.completedAt === '' && x.minutes <= 60)
      .map((x) => ({ deadlineId: x.id, complaintId: d.complaint.id, number: d.complaint.number, kind: x.kind, dueAt: x.dueAt, overdue: x.minutes < 0 }));
    // Worked out by hand: report 09:00 and dispatch 09:00, both 60 minutes overdue.
    expect(expected.map((a) => [a.kind, a.dueAt, a.overdue]).sort()).toEqual([
      ['dispatch', '2026-11-04 09:00', true],
      ['report', '2026-11-04 09:00', true],
    ]);
    const alerts = env.app.ok('deadlines:alerts', {});
    expect([...alerts].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual(expected.sort((a, b) => a.kind.localeCompare(b.kind)));
  });
});

describe('the board’s rows are remembered only while the database is unchanged', () => {
  const env = useOffice();
  let d: ComplaintDetail;
  const nameOnBoard = () => findCard(env.app.ok('board:get', {}), d).map((c) => c.complainantName);

  beforeAll(() => {
    setNow(env.app, '2026-11-04 09:05');
    d = create(env.app, env.office, { receivedAt: '2026-11-04 08:30', urgency: 'normal', requestedReplyAt: '', complainantName: '张伟' });
  });
  beforeEach(() => setNow(env.app, NOW));

  it('a write by another connection (another process) is seen at once', () => {
    expect(nameOnBoard()).toEqual(['张伟']);
    const other = new Database(join(env.app.dataDir, DATABASE_FILE));
    try {
      other.prepare('UPDATE complaints SET complainant_name = ? WHERE id = ?').run('王芳', d.complaint.id);
      expect(nameOnBoard()).toEqual(['王芳']);
      other.prepare(`UPDATE complaint_deadlines SET due_at = '2026-11-04 10:30' WHERE complaint_id = ? AND kind = 'dispatch'`).run(d.complaint.id);
      expect(findCard(env.app.ok('board:get', {}), d)).toEqual([expect.objectContaining({ nextKind: 'dispatch', dueAt: '2026-11-04 10:30', minutes: 30 })]);
      expect(env.app.ok('deadlines:alerts', {}).filter((a) => a.complaintId === d.complaint.id).map((a) => [a.kind, a.dueAt, a.overdue])).toEqual([
        ['dispatch', '2026-11-04 10:30', false],
      ]);
    } finally {
      other.close();
    }
  });

  it('a write on the app’s own connection is seen at once', () => {
    env.app.ctx.db.prepare('UPDATE complaints SET complainant_name = ? WHERE id = ?').run('李娜', d.complaint.id);
    expect(nameOnBoard()).toEqual(['李娜']);
  });

  it('a write rolled back is not remembered', () => {
    expect(nameOnBoard()).toEqual(['李娜']);
    const rollback = new Error('rollback');
    expect(() =>
      env.app.ctx.db.transaction(() => {
        env.app.ctx.db.prepare('UPDATE complaints SET complainant_name = ? WHERE id = ?').run('陈静', d.complaint.id);
        expect(nameOnBoard()).toEqual(['陈静']);
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(nameOnBoard()).toEqual(['李娜']);
  });

  it('“now” is never remembered: the same rows move between columns as the clock runs', () => {
    const dueAt = findCard(env.app.ok('board:get', {}), d)[0]!.dueAt;
    setNow(env.app, '2026-11-04 10:29');
    expect(findCard(env.app.ok('board:get', {}), d)).toEqual([expect.objectContaining({ dueAt, minutes: 1 })]);
    setNow(env.app, '2026-11-04 10:31');
    expect(findCard(env.app.ok('board:get', {}), d)).toEqual([expect.objectContaining({ dueAt, minutes: -1 })]);
    expect(env.app.ok('board:get', {}).columns.overdue.map((c) => c.complaintId)).toEqual([d.complaint.id]);
  });
});

describe('holds (issue 13 point 5)', () => {
  const env = useOffice();

  it('a paused deadline keeps its time left while held, the board flags a hold past its expected date, and resuming counts on from there', () => {
    const { app, office } = env;
    setNow(app, '2026-11-04 09:00');
    let held = create(app, office, { receivedAt: '2026-11-04 08:00', urgency: 'normal', requestedReplyAt: '', complainantName: '孙丽', building: '8栋', unit: '1单元', room: '502' });
    held = step(app, office, 'dispatch', held, { departmentId: office.engineering });
    held = step(app, office, 'signFor', held, { signerId: office.handlerId, signedAt: '2026-11-04 09:00' });
    const resolution = () => refresh(app, held).process.deadlines.find((d) => d.kind === 'resolution')!;
    const due = resolution().dueAt;
    setNow(app, '2026-11-04 10:00');
    held = step(app, office, 'hold', held, { reason: '等待配件到货', expectedDate: '2026-11-06' });
    const leftAtHold = resolution().minutes;
    expect(resolution().state).toBe('paused');

    // Nine days past the expected resume date (and past the original due time): nothing has moved.
    setNow(app, '2026-11-15 16:00');
    expect(resolution()).toMatchObject({ state: 'paused', minutes: leftAtHold, dueAt: due });
    const board = app.ok('board:get', {});
    const card = findCard(board, held)[0]!;
    // The card shows the deadline still running while held: the reply owed to the complainant (the
    // paused resolution is not the next one while anything else is open), counted to now.
    expect(card).toMatchObject({ nextKind: 'response', minutes: -(8 * 1440 + 16 * 60 + 1) }); // due Fri 11-06 23:59
    expect(card).toMatchObject({ column: 'held', hold: { since: '2026-11-04 10:00', expectedDate: '2026-11-06', pastExpectedDays: 9 } });
    expect(board.columns.normal.some((c) => c.complaintId === held.complaint.id)).toBe(false);

    // Resumed: the due time moves by the time held, and the time left is what it was at the hold.
    held = step(app, office, 'resume', held, {});
    expect(resolution().state).not.toBe('paused');
    expect(resolution().minutes).toBe(leftAtHold);
  });
});
