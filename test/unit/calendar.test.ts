import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  missingNextYear,
  weekdayOf,
} from '../../src-main/domain/calendar';
import { BUNDLED_CALENDAR_YEARS } from '../../src-main/domain/calendar-data';
import { addWorkingDaysSchema, calendarFileSchema } from '../../src-preload/contract/calendar.schema';

// Spec test: every expected date below is read off the State Council notices by hand, not computed.
const calendar = buildCalendar(BUNDLED_CALENDAR_YEARS.flatMap((y) => y.days));
const next = (from: string, days: number) => addWorkingDays(calendar, from, days);
const nextDate = (from: string, days: number) => next(from, days).date;

describe('date arithmetic', () => {
  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows the day of the week', () => {
    expect(weekdayOf('2026-09-30')).toBe(3); // Wednesday
    expect(weekdayOf('2026-10-10')).toBe(6); // Saturday
    expect(weekdayOf('2026-09-20')).toBe(0); // Sunday
  });

  it('refuses impossible dates', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekdayOf('2026/10/01')).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('a holiday on a weekday is off', () => expect(isWorkingDay(calendar, '2026-10-01')).toBe(false)); // Thu, 国庆
  it('a make-up weekend day is worked', () => expect(isWorkingDay(calendar, '2026-10-10')).toBe(true)); // Sat, 调休
  it('an ordinary weekend is off', () => {
    expect(isWorkingDay(calendar, '2026-11-07')).toBe(false); // Sat
    expect(isWorkingDay(calendar, '2026-11-08')).toBe(false); // Sun
  });
  it('an ordinary weekday is worked', () => expect(isWorkingDay(calendar, '2026-11-04')).toBe(true)); // Wed
});

describe('addWorkingDays: a plain week', () => {
  it('Mon + 1 is Tue', () => expect(nextDate('2026-11-02', 1)).toBe('2026-11-03'));
  it('Fri + 1 is the next Mon', () => expect(nextDate('2026-11-06', 1)).toBe('2026-11-09'));
  it('from a Sat or Sun, counting begins on Mon', () => {
    expect(nextDate('2026-11-07', 1)).toBe('2026-11-09');
    expect(nextDate('2026-11-08', 1)).toBe('2026-11-09');
    expect(nextDate('2026-11-07', 3)).toBe('2026-11-11');
  });
  it('days = 0 returns the same date, even a holiday', () => {
    expect(next('2026-11-04', 0)).toEqual({ date: '2026-11-04', warnings: [] });
    expect(next('2026-10-01', 0)).toEqual({ date: '2026-10-01', warnings: [] });
  });
  it('refuses negative, fractional or too many days', () => {
    expect(() => next('2026-11-04', -1)).toThrow(RangeError);
    expect(() => next('2026-11-04', 1.5)).toThrow(RangeError);
    expect(() => next('2026-11-04', 367)).toThrow(RangeError);
    expect(() => next('2026-11-04', Number.NaN)).toThrow(RangeError);
  });
});

describe('addWorkingDays: 2026 国庆节 (Oct 1–7 off; Sun Sep 20 and Sat Oct 10 worked)', () => {
  it('Wed Sep 30 + 1 is Thu Oct 8', () => expect(nextDate('2026-09-30', 1)).toBe('2026-10-08'));
  it('Wed Sep 30 + 3 is the make-up Sat Oct 10 (Oct 8 = 1, Oct 9 = 2, Oct 10 = 3)', () =>
    expect(nextDate('2026-09-30', 3)).toBe('2026-10-10'));
  it('Sat Sep 19 + 1 is the make-up Sun Sep 20', () => expect(nextDate('2026-09-19', 1)).toBe('2026-09-20'));
  it('a complaint at 23:59 on the last day before the holiday: its date + 1 is Oct 8', () => {
    // The service passes the office-local date of '2026-09-30 23:59'; the time of day plays no part.
    expect(next('2026-09-30', 1)).toEqual({ date: '2026-10-08', warnings: [] });
  });
});

describe('addWorkingDays: 2026 春节 (Feb 15–23 off; Sat Feb 14 and Sat Feb 28 worked)', () => {
  it('Fri Feb 13 + 1 is the make-up Sat Feb 14', () => expect(nextDate('2026-02-13', 1)).toBe('2026-02-14'));
  it('Sat Feb 14 + 1 is Tue Feb 24', () => expect(nextDate('2026-02-14', 1)).toBe('2026-02-24'));
  it('Fri Feb 27 + 1 is the make-up Sat Feb 28', () => expect(nextDate('2026-02-27', 1)).toBe('2026-02-28'));
});

describe('addWorkingDays: 2025', () => {
  it('Fri Jan 24 + 1 is the make-up Sun Jan 26', () => expect(nextDate('2025-01-24', 1)).toBe('2025-01-26'));
  it('Tue Sep 30 + 1 is Thu Oct 9 (国庆节、中秋节 Oct 1–8 off)', () => expect(nextDate('2025-09-30', 1)).toBe('2025-10-09'));
  it('Fri Oct 10 + 1 is the make-up Sat Oct 11', () => expect(nextDate('2025-10-10', 1)).toBe('2025-10-11'));
});

describe('addWorkingDays: a year without data', () => {
  const warning2027 = '2027 年的法定节假日安排尚未录入，已按周末计算（请在“设置 → 工作日历”中导入）';

  it('counts weekdays of 2027 as working days and warns once about 2027', () => {
    // Dec 31 (Thu) = 1, Jan 1 2027 (Fri, no data so a working day) = 2, Mon Jan 4 = 3.
    expect(next('2026-12-30', 3)).toEqual({ date: '2027-01-04', warnings: [warning2027] });
  });

  it('warns about a year the count only passed through, once per year, in year order', () => {
    const only2026 = buildCalendar(BUNDLED_CALENDAR_YEARS.filter((y) => y.year === 2026).flatMap((y) => y.days));
    // 2025-12-31 (Wed, no data) = 1, then 2026 data: Jan 1–3 off, Sun Jan 4 worked = 2.
    const result = addWorkingDays(only2026, '2025-12-30', 2);
    expect(result.date).toBe('2026-01-04');
    expect(result.warnings).toEqual(['2025 年的法定节假日安排尚未录入，已按周末计算（请在“设置 → 工作日历”中导入）']);
    // 300 working days from late 2025 run through 2025, 2026 and into 2027.
    const long = addWorkingDays(only2026, '2025-12-30', 300);
    expect(long.warnings.map((w) => w.slice(0, 4))).toEqual(['2025', '2027']);
  });

  it('does not warn about the start date’s year when the count leaves it at once', () => {
    // Start Dec 31 2024 (no data) is excluded; Jan 2 2025 is the first working day (Jan 1 元旦).
    expect(next('2024-12-31', 1)).toEqual({ date: '2025-01-02', warnings: [] });
  });

  it('a computation entirely within 2026 has no warning', () => {
    expect(next('2026-06-01', 20).warnings).toEqual([]);
  });
});

describe('missingNextYear', () => {
  it('stays quiet until 31 October', () => expect(missingNextYear(calendar, '2026-10-31')).toBeNull());
  it('from 1 November on, names next year when it has no data', () => {
    expect(missingNextYear(calendar, '2026-11-01')).toBe(2027);
    expect(missingNextYear(calendar, '2026-12-31')).toBe(2027);
  });
  it('stays quiet once next year has an entry', () => {
    const with2027 = buildCalendar([
      ...BUNDLED_CALENDAR_YEARS.flatMap((y) => y.days),
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]);
    expect(missingNextYear(with2027, '2026-11-01')).toBeNull();
  });
  it('is quiet in mid-year', () => expect(missingNextYear(calendar, '2026-06-01')).toBeNull());
});

describe('calendarFileSchema', () => {
  const bundledFile = () => ({
    format: 'complaint-desk-calendar',
    version: 1,
    years: BUNDLED_CALENDAR_YEARS.map((y) => ({ year: y.year, source: y.source, days: y.days.map((d) => ({ ...d })) })),
  });
  const messages = (input: unknown): string[] => {
    const result = calendarFileSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };
  const with2026Day = (day: Record<string, unknown>) => {
    const file = bundledFile();
    (file.years[1]!.days as unknown[]).push(day);
    return file;
  };

  it('accepts an export of the bundled data', () => {
    const result = calendarFileSchema.safeParse(bundledFile());
    expect(result.success).toBe(true);
    expect(result.data?.years.map((y) => y.days.length)).toEqual([33, 39]);
  });

  it('accepts an empty source', () => {
    const file = bundledFile();
    file.years[0]!.source = '';
    expect(calendarFileSchema.safeParse(file).success).toBe(true);
  });

  it('refuses a day outside its year, naming the date', () => {
    expect(messages(with2026Day({ date: '2027-01-01', kind: 'holiday', name: '元旦' }))).toEqual([
      '日期 2027-01-01 不在 2026 年内',
    ]);
  });

  it('refuses a date listed twice, naming the date', () => {
    expect(messages(with2026Day({ date: '2026-10-01', kind: 'holiday', name: '国庆节' }))).toEqual([
      '日期 2026-10-01 在文件中出现了两次',
    ]);
  });

  it('refuses an impossible date', () => {
    expect(messages(with2026Day({ date: '2026-02-30', kind: 'holiday', name: '春节' }))).toEqual(['日期不是有效日期']);
  });

  it('refuses an unknown kind', () => {
    expect(messages(with2026Day({ date: '2026-11-02', kind: 'halfday', name: '半天' }))).toEqual([
      '类型必须是 holiday（放假）或 workday（调休上班）',
    ]);
  });

  it('refuses an empty or over-long name', () => {
    expect(messages(with2026Day({ date: '2026-11-02', kind: 'holiday', name: '  ' }))).toEqual(['请填写名称']);
    expect(messages(with2026Day({ date: '2026-11-02', kind: 'holiday', name: '节'.repeat(21) }))).toEqual([
      '名称不能超过 20 个字',
    ]);
  });

  it('refuses a file with no years, or another format', () => {
    expect(messages({ format: 'complaint-desk-calendar', version: 1, years: [] })).toEqual(['文件中至少要有一个年份']);
    expect(messages({ ...bundledFile(), format: 'something-else' })).toEqual(['这不是工作日历文件']);
  });
});

describe('addWorkingDaysSchema', () => {
  const DAYS_MESSAGE = '天数必须是 0 到 366 的整数';
  const messages = (input: unknown): string[] => {
    const result = addWorkingDaysSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('accepts a China-time instant and a whole number of days', () => {
    expect(addWorkingDaysSchema.safeParse({ from: '2026-09-30T23:59:00+08:00', days: 1 }).success).toBe(true);
    expect(addWorkingDaysSchema.safeParse({ from: '2026-09-30T15:59:00Z', days: 0 }).success).toBe(true);
  });

  it('refuses fractional, negative or too many days', () => {
    expect(messages({ from: '2026-09-30T23:59:00+08:00', days: 1.5 })).toEqual([DAYS_MESSAGE]);
    expect(messages({ from: '2026-09-30T23:59:00+08:00', days: -1 })).toEqual([DAYS_MESSAGE]);
    expect(messages({ from: '2026-09-30T23:59:00+08:00', days: 400 })).toEqual([DAYS_MESSAGE]);
  });

  it('refuses a start that is not an ISO date-time', () => {
    expect(messages({ from: '2026-09-30 23:59', days: 1 })).toEqual(['起始时间格式不正确']);
  });
});
