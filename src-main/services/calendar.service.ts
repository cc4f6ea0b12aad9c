import type { CalendarFile } from '../../src-preload/contract';
import { toWallTime } from '../../src-preload/contract';
import { buildCalendar, addWorkingDays, missingNextYear, type CalendarDay, type WorkCalendar } from '../domain/calendar';
import { deleteCalendarDay, ensureCalendarYear, listCalendarDays, listCalendarYears, replaceCalendarYear, upsertCalendarDay } from '../db/calendar.repo';
import { invalid } from '../lib/app-error';
import { now } from '../lib/clock';
import type { ServiceContext } from './context';
import { getSettings } from './settings.service';

const calendars = new WeakMap<ServiceContext['db'], WorkCalendar>();

/**
 * The office's working-day calendar: the bundled official schedules plus the office's own edits.
 * Built once per connection and rebuilt after an edit through this service (every intake needs it).
 * An edit made by another process (web mode beside the app) is seen after that process restarts.
 */
export function loadCalendar(ctx: ServiceContext): WorkCalendar {
  let calendar = calendars.get(ctx.db);
  if (!calendar) {
    calendar = buildCalendar(listCalendarDays(ctx.db));
    calendars.set(ctx.db, calendar);
  }
  return calendar;
}

/** Forget the built calendar; the next use reads the table again. */
export const calendarChanged = (ctx: ServiceContext) => calendars.delete(ctx.db);

export interface CalendarOverview {
  years: { year: number; source: string }[];
  days: CalendarDay[];
  /** From 1 November: next year's schedule is missing (the banner). */
  missingYear: number | null;
}

export function calendarOverview(ctx: ServiceContext): CalendarOverview {
  const today = toWallTime(now(), getSettings(ctx).timeZone).slice(0, 10);
  const days = listCalendarDays(ctx.db);
  return { years: listCalendarYears(ctx.db), days, missingYear: missingNextYear(buildCalendar(days), today) };
}

/** Add or change one day (a holiday, or a make-up workday). */
export function saveCalendarDay(ctx: ServiceContext, day: CalendarDay): CalendarOverview {
  ctx.db.transaction(() => {
    ensureCalendarYear(ctx.db, Number(day.date.slice(0, 4)));
    upsertCalendarDay(ctx.db, day);
  })();
  calendarChanged(ctx);
  return calendarOverview(ctx);
}

export function removeCalendarDay(ctx: ServiceContext, date: string): CalendarOverview {
  if (!deleteCalendarDay(ctx.db, date)) throw invalid('date', 'calendar.noSuchDay', { date });
  calendarChanged(ctx);
  return calendarOverview(ctx);
}

/** Import a calendar file: each year in it replaces that year's schedule, all in one transaction. */
export function importCalendar(ctx: ServiceContext, file: CalendarFile): CalendarOverview {
  ctx.db.transaction(() => {
    for (const year of file.years) replaceCalendarYear(ctx.db, year.year, year.source, year.days);
  })();
  calendarChanged(ctx);
  return calendarOverview(ctx);
}

export function exportCalendar(ctx: ServiceContext): CalendarFile {
  const days = listCalendarDays(ctx.db);
  return {
    format: 'complaint-desk-calendar',
    version: 1,
    years: listCalendarYears(ctx.db).map(({ year, source }) => ({ year, source, days: days.filter((d) => d.date.startsWith(`${year}-`)) })),
  };
}

/** The settings calculator: `from` (an instant) in the office's zone, plus N working days. */
export function addWorkingDaysFrom(ctx: ServiceContext, fromIso: string, days: number): { date: string; warnings: string[] } {
  const fromDate = toWallTime(new Date(fromIso), getSettings(ctx).timeZone).slice(0, 10);
  return addWorkingDays(loadCalendar(ctx), fromDate, days);
}
