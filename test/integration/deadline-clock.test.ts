/**
 * Issue 13 point 4: a page left open re-derives where deadlines stand on its own clock tick
 * (contract/deadline-clock.ts) instead of asking main again. This holds it to main: the board and
 * a complaint's deadlines read at 09:05, re-derived for a later "now", are exactly what main
 * answers when asked at that "now" — columns, minutes, states, department counts, hold lateness.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boardAt, deadlineViewAt, type Board, type ComplaintDetail } from '../../src-preload/contract';
import { create, refresh, setNow, step, useOffice } from './lifecycle-fixtures';

const READ_AT = '2026-11-04 09:05';
/** Later "nows": the dispatch running out, the end of the day, the next days, past the hold's expected date. */
const LATER = ['2026-11-04 09:40', '2026-11-04 10:31', '2026-11-04 23:59', '2026-11-05 00:00', '2026-11-05 16:00', '2026-11-06 09:00', '2026-11-09 10:00', '2026-11-12 08:00'];
const TIME_ZONE = 'Asia/Shanghai';

describe('re-deriving at a later now agrees with main', () => {
  const env = useOffice();
  let complaints: ComplaintDetail[];
  let board: Board;
  let warningRatio: number;

  beforeAll(() => {
    const { app, office } = env;
    const go = (d: ComplaintDetail, action: Parameters<typeof step>[2], extra: Record<string, unknown>) => step(app, office, action, d, extra);
    setNow(app, READ_AT);
    // Due in 25 minutes (dispatch), urgent (2-hour reply), dispatched and signed (resolution in
    // days), handled (follow-up), and held (its resolution paused, expected back on Friday).
    const registered = create(app, office, { receivedAt: '2026-11-04 08:40', urgency: 'normal', requestedReplyAt: '' });
    let urgent = create(app, office, { receivedAt: '2026-11-04 09:00', urgency: 'urgent', requestedReplyAt: '', complainantName: '李娜' });
    urgent = go(urgent, 'dispatch', { departmentId: office.cleaning });
    let signed = create(app, office, { receivedAt: '2026-11-04 07:00', severity: 'minor', requestedReplyAt: '', complainantName: '王强' });
    signed = go(signed, 'dispatch', { departmentId: office.cleaning });
    signed = go(signed, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-04 09:05' });
    let handled = create(app, office, { receivedAt: '2026-11-03 08:00', requestedReplyAt: '', complainantName: '陈静' });
    handled = go(handled, 'dispatch', { departmentId: office.security });
    handled = go(handled, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-03 09:00' });
    handled = go(handled, 'recordResult', { handlerId: office.handlerId, measures: '加强巡逻', result: '已处理', completedAt: '2026-11-04 09:00' });
    let held = create(app, office, { receivedAt: '2026-10-28 08:00', requestedReplyAt: '2026-11-20 18:00', complainantName: '刘洋' });
    held = go(held, 'dispatch', { departmentId: office.engineering });
    held = go(held, 'signFor', { signerId: office.handlerId, signedAt: '2026-11-04 09:05' });
    held = go(held, 'hold', { reason: '等待业主出差回来', expectedDate: '2026-11-06' });

    complaints = [registered, urgent, signed, handled, held].map((d) => refresh(app, d));
    board = app.ok('board:get', {});
    warningRatio = app.ok('deadlines:getPolicy', {}).policy.warningRatio;
  });

  it.each(LATER)('the board read at 09:05 and re-derived at %s is the board main builds then', (later) => {
    setNow(env.app, later);
    expect(boardAt(board, later, TIME_ZONE)).toEqual(env.app.ok('board:get', {}));
  });

  it.each(LATER)('each complaint’s deadlines read at 09:05 and re-derived at %s are main’s then', (later) => {
    setNow(env.app, later);
    for (const d of complaints) {
      const now = refresh(env.app, d).process.deadlines;
      expect(d.process.deadlines.map((x) => deadlineViewAt(x, later, warningRatio, TIME_ZONE)), d.complaint.complainantName).toEqual(now);
    }
  });

  it('the states do move: due → soon → overdue, and the held card is flagged past its expected date', () => {
    const dispatch = complaints[0]!.process.deadlines.find((x) => x.kind === 'dispatch')!;
    expect(dispatch).toMatchObject({ dueAt: '2026-11-04 09:40', state: 'due', minutes: 35 });
    expect(deadlineViewAt(dispatch, '2026-11-04 09:35', warningRatio, TIME_ZONE)).toMatchObject({ state: 'soon', minutes: 5 });
    expect(deadlineViewAt(dispatch, '2026-11-04 10:31', warningRatio, TIME_ZONE)).toMatchObject({ state: 'overdue', minutes: -51 });
    const later = boardAt(board, '2026-11-09 10:00', TIME_ZONE);
    expect(later.columns.held.map((c) => [c.complainantName, c.hold?.pastExpectedDays])).toEqual([['刘洋', 3]]);
  });
});
