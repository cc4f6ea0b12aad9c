/**
 * Procedure §5: a valid complaint not resolved within one calendar month (一个月内) of receipt becomes
 * major. Every expected time is read off a calendar by hand.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, autoMajorAt, autoMajorReceivedBefore, daysInMonth, isAutoMajorDue, fullMonthsInWords } from '../../src-main/domain/auto-major';

describe('one calendar month from receipt', () => {
  it.each([
    // The examples.
    ['2026-09-15 10:00', '2026-10-15 10:00'],
    ['2026-01-31 10:00', '2026-02-28 10:00'],
    // Leap years: 2028 has a 29 February, 2100 does not (a century not divisible by 400), 2000 does.
    ['2028-01-31 10:00', '2028-02-29 10:00'],
    ['2028-01-29 08:30', '2028-02-29 08:30'],
    ['2100-01-31 10:00', '2100-02-28 10:00'],
    ['2000-01-30 10:00', '2000-02-29 10:00'],
    // A month of 31 days after one of 30, and the other way round.
    ['2026-03-31 23:59', '2026-04-30 23:59'],
    ['2026-04-30 00:00', '2026-05-30 00:00'],
    ['2026-08-31 12:00', '2026-09-30 12:00'],
    // Across the year end.
    ['2026-12-31 23:59', '2027-01-31 23:59'],
    ['2026-12-15 00:00', '2027-01-15 00:00'],
    // The first of a month, at midnight.
    ['2026-02-01 00:00', '2026-03-01 00:00'],
  ])('received %s → major from %s', (receivedAt, expected) => {
    expect(autoMajorAt(receivedAt, 1)).toBe(expected);
  });

  it('is not 30 days: February is shorter, most months are longer', () => {
    // 28 days: received 1 Feb 2026 is major from 1 Mar, two days before the 30-day count.
    expect(autoMajorAt('2026-02-01 09:00', 1)).toBe('2026-03-01 09:00');
    // 31 days: received 15 Jan is major from 15 Feb, a day after the 30-day count (14 Feb).
    expect(autoMajorAt('2026-01-15 09:00', 1)).toBe('2026-02-15 09:00');
  });

  it('several months, clamped to the last day of the month it lands in', () => {
    expect(addCalendarMonths('2026-08-31 10:00', 6)).toBe('2027-02-28 10:00');
    expect(addCalendarMonths('2027-08-31 10:00', 6)).toBe('2028-02-29 10:00');
    expect(addCalendarMonths('2026-01-31 10:00', 12)).toBe('2027-01-31 10:00');
    expect(addCalendarMonths('2026-05-31 10:00', -1)).toBe('2026-04-30 10:00');
    expect(addCalendarMonths('2026-01-15 10:00', -1)).toBe('2025-12-15 10:00');
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('refuses what is not a wall time', () => {
    expect(() => autoMajorAt('2026-09-15T10:00', 1)).toThrow(RangeError);
    expect(() => autoMajorAt('2026/09/15 10:00', 1)).toThrow(RangeError);
  });

  it('says the span in words for the timeline', () => {
    expect(fullMonthsInWords(1)).toBe('满一个月');
    expect(fullMonthsInWords(2)).toBe('满 2 个月');
  });
});

describe('due at a given moment', () => {
  it('from the minute the month is up, not a minute before', () => {
    expect(isAutoMajorDue('2026-09-15 10:00', '2026-10-15 09:59', 1)).toBe(false);
    expect(isAutoMajorDue('2026-09-15 10:00', '2026-10-15 10:00', 1)).toBe(true);
    expect(isAutoMajorDue('2026-01-31 10:00', '2026-02-28 09:59', 1)).toBe(false);
    expect(isAutoMajorDue('2026-01-31 10:00', '2026-02-28 10:00', 1)).toBe(true);
  });

  it('at a month end, later receipts can fall due before earlier ones (no single cutoff)', () => {
    // At 28 Feb 10:00: 31 Jan 10:00 is due (clamped to 28 Feb 10:00); 30 Jan 23:00 is not (28 Feb 23:00).
    expect(isAutoMajorDue('2026-01-31 10:00', '2026-02-28 10:00', 1)).toBe(true);
    expect(isAutoMajorDue('2026-01-30 23:00', '2026-02-28 10:00', 1)).toBe(false);
  });

  it('the pre-selection bound lets through every complaint that is due, and only a month more', () => {
    expect(autoMajorReceivedBefore('2026-10-15 10:00', 1)).toBe('2026-10-01 00:00');
    expect(autoMajorReceivedBefore('2026-01-10 10:00', 1)).toBe('2026-01-01 00:00');
    expect(autoMajorReceivedBefore('2026-01-10 10:00', 2)).toBe('2025-12-01 00:00');
    expect(autoMajorReceivedBefore('2026-03-01 00:00', 12)).toBe('2025-04-01 00:00');
    // Exhaustively, every hour of receipt across two years (leap 2028 included), against several
    // moments, month ends among them: whatever is due is before the bound.
    const nows = ['2028-02-29 10:00', '2028-03-01 00:00', '2027-02-28 23:59', '2027-12-31 23:59', '2028-04-30 12:00', '2027-07-15 08:00'];
    const wrong: string[] = [];
    for (const months of [1, 2, 3]) {
      for (const now of nows) {
        const bound = autoMajorReceivedBefore(now, months);
        const monthBefore = addCalendarMonths(bound, -1);
        for (let t = Date.UTC(2026, 11, 1); t < Date.UTC(2028, 4, 1); t += 3_600_000) {
          const receivedAt = new Date(t).toISOString().slice(0, 16).replace('T', ' ');
          const due = isAutoMajorDue(receivedAt, now, months);
          if (due && receivedAt >= bound) wrong.push(`${receivedAt} is due at ${now} (${months}) but not before ${bound}`);
          // Before the month the bound closes, everything is due: the bound lets through at most a month more.
          if (!due && receivedAt < monthBefore) wrong.push(`${receivedAt} is not due at ${now} (${months})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
