/**
 * addWorkingDays counts on day numbers; this checks it day by day against the rule written out on
 * date strings (isWorkingDay and addCalendarDays, one day at a time), over every start date of
 * 2024–2027 and several calendars: the bundled schedules, only 2026, none, and edited ones.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, buildCalendar, isWorkingDay, type CalendarDay, type WorkCalendar } from '../../src-main/domain/calendar';
import { BUNDLED_CALENDAR_YEARS } from '../../src-main/domain/calendar-data';

/** The rule as the procedure states it, one date string at a time. */
function countByStrings(calendar: WorkCalendar, fromDate: string, days: number): { date: string; warnings: string[] } {
  const missing = new Set<number>();
  let date = fromDate;
  let counted = 0;
  while (counted < days) {
    date = addCalendarDays(date, 1);
    const year = Number(date.slice(0, 4));
    if (!calendar.yearsWithData.has(year)) missing.add(year);
    if (isWorkingDay(calendar, date)) counted += 1;
  }
  return { date, warnings: [...missing].map((y) => `${y} 年的法定节假日安排尚未录入，已按周末计算（请在“设置 → 工作日历”中导入）`) };
}

const bundledDays = BUNDLED_CALENDAR_YEARS.flatMap((y) => y.days);
const edited: CalendarDay[] = [
  ...bundledDays,
  { date: '2026-11-23', kind: 'holiday', name: '基准测试假日' },
  { date: '2026-11-28', kind: 'workday', name: '调休上班' },
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
];
const CALENDARS: [string, WorkCalendar][] = [
  ['bundled', buildCalendar(bundledDays)],
  ['only 2026', buildCalendar(BUNDLED_CALENDAR_YEARS.filter((y) => y.year === 2026).flatMap((y) => y.days))],
  ['none', buildCalendar([])],
  ['edited', buildCalendar(edited)],
];

describe('addWorkingDays agrees with counting date by date', () => {
  it.each(CALENDARS)('%s calendar, every start date 2024-12-01 … 2027-01-31, 0–5, 10 and 30 days (366 from every 11th)', (_name, calendar) => {
    let mismatches = 0;
    let i = 0;
    for (let from = '2024-12-01'; from <= '2027-01-31'; from = addCalendarDays(from, 1), i++) {
      for (const days of i % 11 === 0 ? [0, 1, 2, 3, 4, 5, 10, 30, 366] : [0, 1, 2, 3, 4, 5, 10, 30]) {
        const expected = countByStrings(calendar, from, days);
        const actual = addWorkingDays(calendar, from, days);
        if (actual.date !== expected.date || actual.warnings.join('|') !== expected.warnings.join('|')) {
          mismatches++;
          expect(actual, `${from} + ${days}`).toEqual(expected);
        }
      }
    }
    expect(mismatches).toBe(0);
  });

  it('an edit is seen by a calendar built after it (a built calendar is never changed in place)', () => {
    const before = buildCalendar(bundledDays);
    expect(addWorkingDays(before, '2026-11-20', 1).date).toBe('2026-11-23');
    const after = buildCalendar([...bundledDays, { date: '2026-11-23', kind: 'holiday', name: '假日' }]);
    expect(addWorkingDays(after, '2026-11-20', 1).date).toBe('2026-11-24');
    expect(addWorkingDays(before, '2026-11-20', 1).date).toBe('2026-11-23');
  });

  it('dates before 1970 count with the right weekdays', () => {
    const none = buildCalendar([]);
    // Fri 1969-12-26 + 1 is Mon 1969-12-29; Wed 1969-12-31 + 2 is Fri 1970-01-02.
    expect(addWorkingDays(none, '1969-12-26', 1).date).toBe('1969-12-29');
    expect(addWorkingDays(none, '1969-12-31', 2).date).toBe('1970-01-02');
    expect(addWorkingDays(none, '1969-12-31', 2)).toEqual(countByStrings(none, '1969-12-31', 2));
  });

  it('still refuses an impossible start date', () => {
    expect(() => addWorkingDays(buildCalendar([]), '2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(buildCalendar([]), '2026-02-30', 0)).toThrow(RangeError);
  });
});
