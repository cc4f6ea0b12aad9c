/**
 * Procedure §5 on a real database: a valid complaint not resolved within one calendar month of
 * receipt (一个月内) becomes major — not after 30 days. The clock is pinned; moving it runs the
 * scheduler's tick (clock:set), as a minute passing would in the app.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintDetail } from '../../src-preload/contract';
import { create, deadline, refresh, setNow, useOffice } from './lifecycle-fixtures';

const env = useOffice();

/** An ordinary, not urgent complaint received at `receivedAt`, entered five minutes later. */
function receivedAt(at: string): ComplaintDetail {
  const [date, time] = at.split(' ');
  const [h, m] = time!.split(':').map(Number);
  const minutes = h! * 60 + m! + 5;
  setNow(env.app, `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  return create(env.app, env.office, { receivedAt: at, severity: 'ordinary', urgency: 'normal', requestedReplyAt: '' });
}

/** The severity after moving the clock to `wall` (which runs the time rules). */
function severityAt(d: ComplaintDetail, wall: string) {
  setNow(env.app, wall);
  return refresh(env.app, d).complaint.severity;
}

describe('one calendar month, not 30 days', () => {
  it('received 09-15 10:00 → major from 10-15 10:00, not a minute before', () => {
    const d = receivedAt('2026-09-15 10:00');
    expect(severityAt(d, '2026-10-15 09:59')).toBe('ordinary');
    expect(severityAt(d, '2026-10-15 10:00')).toBe('major');
    const after = refresh(env.app, d);
    const events = after.events.filter((e) => e.kind === 'auto_major');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorName: '系统',
      changes: [{ field: 'severity', before: 'ordinary', after: 'major' }],
      note: '受理满一个月（2026-09-15 10:00 受理，2026-10-15 10:00 满期）仍未解决，按规定自动升级为重大投诉',
    });
    // The major complaint's own stages start at the upgrade: report within the hour, definite reply within 24 h.
    expect(deadline(after, 'report')).toMatchObject({ startedAt: '2026-10-15 10:00', dueAt: '2026-10-15 11:00' });
    expect(deadline(after, 'definite_reply')).toMatchObject({ startedAt: '2026-10-15 10:00', dueAt: '2026-10-16 10:00' });
  });

  it('received 03-15: 30 days (04-14) is not yet a month; 04-15 is', () => {
    const d = receivedAt('2026-03-15 10:00');
    expect(severityAt(d, '2026-04-14 10:00')).toBe('ordinary');
    expect(severityAt(d, '2026-04-15 09:59')).toBe('ordinary');
    expect(severityAt(d, '2026-04-15 10:00')).toBe('major');
  });

  it('received 01-31 → the last day of February, same time (before 30 days are up)', () => {
    const d = receivedAt('2026-01-31 10:00');
    expect(severityAt(d, '2026-02-28 09:59')).toBe('ordinary');
    expect(severityAt(d, '2026-02-28 10:00')).toBe('major');
  });

  it('in a leap year, 01-31 → 02-29', () => {
    const d = receivedAt('2028-01-31 10:00');
    expect(severityAt(d, '2028-02-28 23:59')).toBe('ordinary');
    expect(severityAt(d, '2028-02-29 09:59')).toBe('ordinary');
    expect(severityAt(d, '2028-02-29 10:00')).toBe('major');
  });

  it('at a month end a later receipt can come due first: 01-31 10:00 at 02-28 10:00, 01-30 23:00 only at 23:00', () => {
    const lateInDay = receivedAt('2027-01-30 23:00');
    const lastDay = receivedAt('2027-01-31 10:00');
    setNow(env.app, '2027-02-28 10:00');
    expect(refresh(env.app, lastDay).complaint.severity).toBe('major');
    expect(refresh(env.app, lateInDay).complaint.severity).toBe('ordinary');
    expect(severityAt(lateInDay, '2027-02-28 22:59')).toBe('ordinary');
    expect(severityAt(lateInDay, '2027-02-28 23:00')).toBe('major');
  });

  it('counts the months the policy sets', () => {
    const { policy } = env.app.ok('deadlines:getPolicy', {});
    setNow(env.app, '2026-04-30 09:00');
    env.app.ok('deadlines:updatePolicy', { policy: { ...policy, autoMajorMonths: 2 } });
    try {
      const d = receivedAt('2026-04-30 10:00');
      expect(severityAt(d, '2026-05-30 10:00')).toBe('ordinary');
      expect(severityAt(d, '2026-06-30 09:59')).toBe('ordinary');
      expect(severityAt(d, '2026-06-30 10:00')).toBe('major');
      expect(refresh(env.app, d).events.find((e) => e.kind === 'auto_major')!.note).toContain('受理满 2 个月');
    } finally {
      env.app.ok('deadlines:updatePolicy', { policy });
    }
  });
});
