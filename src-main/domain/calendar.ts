/**
 * The working-day calendar (procedure §6): weekends off, statutory holidays off, and the
 * make-up workdays (调休) that turn some weekend days into working days.
 *
 * Pure functions over plain 'YYYY-MM-DD' strings. Dates never become local-time Date objects:
 * a deadline is a date on the office wall, and the machine's time zone must not shift it by a day.
 * Internally a date is a UTC midnight, used only for day arithmetic and the day of the week; the
 * working-day count runs on day numbers (days since 1970-01-01), integers rather than strings.
 */

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  /** holiday: a day off (even if it is a weekday); workday: a weekend day worked (调休上班). */
  kind: 'holiday' | 'workday';
  /** e.g. 国庆节, 春节调休上班 */
  name: string;
}

export interface WorkCalendar {
  readonly days: ReadonlyMap<string, CalendarDay>;
  /** Years for which the official schedule has been entered; other years fall back to plain weekends. */
  readonly yearsWithData: ReadonlySet<number>;
}

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of the date's UTC midnight; a malformed or impossible date (2026-02-30) is a programming error. */
function toUtcMs(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`不是有效日期：${date}`);
  }
  return ms;
}

function fromUtcMs(ms: number): string {
  // toISOString is always UTC, so its first ten characters are the date we mean.
  return new Date(ms).toISOString().slice(0, 10);
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Later entries for the same date replace earlier ones (the last import wins). */
export function buildCalendar(days: readonly CalendarDay[]): WorkCalendar {
  const map = new Map<string, CalendarDay>();
  const years = new Set<number>();
  for (const day of days) {
    map.set(day.date, day);
    years.add(yearOf(day.date));
  }
  return { days: map, yearsWithData: years };
}

/** Plain date arithmetic: `days` may be negative. */
export function addCalendarDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** The calendar's entry decides first (holidays beat weekdays, 调休 beats weekends); otherwise Mon–Fri. */
export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  const entry = calendar.days.get(date);
  if (entry) return entry.kind === 'workday';
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

const missingYearWarning = (year: number): string =>
  `${year} 年的法定节假日安排尚未录入，已按周末计算（请在“设置 → 工作日历”中导入）`;

/**
 * The calendar's entries by day number (days since 1970-01-01): true for a make-up workday, false
 * for a holiday. Worked out once per calendar (a built calendar is never changed; an edit builds a
 * new one), so that counting working days is integer arithmetic rather than date strings.
 */
const entriesByDayNumber = new WeakMap<WorkCalendar, ReadonlyMap<number, boolean>>();

function workingByDayNumber(calendar: WorkCalendar): ReadonlyMap<number, boolean> {
  let entries = entriesByDayNumber.get(calendar);
  if (!entries) {
    const built = new Map<number, boolean>();
    for (const [date, day] of calendar.days) {
      const dayNumber = dayNumberOrNaN(date);
      // An entry under a malformed key can never match a real date, as with the string lookup.
      if (!Number.isNaN(dayNumber)) built.set(dayNumber, day.kind === 'workday');
    }
    entries = built;
    entriesByDayNumber.set(calendar, entries);
  }
  return entries;
}

function dayNumberOrNaN(date: string): number {
  try {
    return toUtcMs(date) / DAY_MS;
  } catch {
    return Number.NaN;
  }
}

/** Day number of 1 January of `year`. */
const firstDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

/**
 * The `days`-th working day after `fromDate`. The start day never counts, whatever it is: a
 * complaint received on a Saturday or at 23:59 before a holiday gets its first day on the next
 * working day. Each year the count passed through without an entered schedule earns one warning,
 * because its result is only a weekend-based guess.
 */
export function addWorkingDays(
  calendar: WorkCalendar,
  fromDate: string,
  days: number,
): { date: string; warnings: string[] } {
  if (!Number.isInteger(days) || days < 0 || days > 366) {
    throw new RangeError(`天数必须是 0 到 366 的整数：${days}`);
  }
  const start = toUtcMs(fromDate) / DAY_MS; // validates, even when days = 0
  if (days === 0) return { date: fromDate, warnings: [] };
  // Same rules as isWorkingDay, on day numbers: the entry decides first, otherwise Mon–Fri.
  const entries = workingByDayNumber(calendar);
  const missingYears: number[] = [];
  let year = yearOf(fromDate);
  let nextYearStarts = firstDayOfYear(year + 1);
  let yearChecked = false;
  let day = start;
  let counted = 0;
  while (counted < days) {
    day += 1;
    if (day >= nextYearStarts) {
      year += 1;
      nextYearStarts = firstDayOfYear(year + 1);
      yearChecked = false;
    }
    if (!yearChecked) {
      // Days are examined in order, so the years are collected in year order, each once.
      yearChecked = true;
      if (!calendar.yearsWithData.has(year)) missingYears.push(year);
    }
    const entry = entries.get(day);
    if (entry === undefined) {
      // 1970-01-01 (day 0) was a Thursday: 0 = Sunday … 6 = Saturday.
      const weekday = (((day + 4) % 7) + 7) % 7;
      if (weekday !== 0 && weekday !== 6) counted += 1;
    } else if (entry) {
      counted += 1;
    }
  }
  return { date: fromUtcMs(day * DAY_MS), warnings: missingYears.map(missingYearWarning) };
}

/** The State Council publishes next year's schedule in November/December (§6): nag from 1 November on. */
const NAG_FROM_MONTH = 11;

/** Next year, if `today` is on or after 1 November and next year has no schedule yet; else null. */
export function missingNextYear(calendar: WorkCalendar, today: string): number | null {
  toUtcMs(today);
  const month = Number(today.slice(5, 7));
  const nextYear = yearOf(today) + 1;
  return month >= NAG_FROM_MONTH && !calendar.yearsWithData.has(nextYear) ? nextYear : null;
}
