import { z } from './zod';
import { dateOnlySchema, requiredText } from './common.schema';
import { keyed, keyedIssue } from './error-texts';

/** procedure §6: a statutory day off, or a weekend day worked in exchange (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;

export const calendarDaySchema = z.object({
  date: dateOnlySchema('日期'),
  kind: z.enum(CALENDAR_DAY_KINDS, keyed('calendar.kind')),
  name: requiredText('名称', 20),
});

const calendarYearSchema = z
  .object({
    year: z
      .number(keyed('field.notNumber', { field: '年份' }))
      .int(keyed('field.notInteger', { field: '年份' }))
      .min(2000, keyed('field.between', { field: '年份', min: 2000, max: 2100 }))
      .max(2100, keyed('field.between', { field: '年份', min: 2000, max: 2100 })),
    /** The notice the schedule was copied from; may be empty for a hand-entered year. */
    source: z.string(keyed('field.notText', { field: '来源' })).trim().max(200, keyed('field.tooLong', { field: '来源', max: 200 })),
    // A year with no days would import nothing yet look imported: refuse it.
    days: z.array(calendarDaySchema, keyed('calendar.daysFormat')).min(1, keyed('calendar.yearNeedsDays')),
  })
  .superRefine((y, ctx) => {
    y.days.forEach((day, i) => {
      if (!day.date.startsWith(`${y.year}-`)) {
        ctx.addIssue(keyedIssue(['days', i, 'date'], 'calendar.dayOutsideYear', { date: day.date, year: y.year }));
      }
    });
  });

/** The JSON file of 设置 → 工作日历 (import and export): whole years, each replacing that year's schedule. */
export const calendarFileSchema = z
  .object({
    format: z.literal('complaint-desk-calendar', keyed('calendar.notCalendarFile')),
    version: z.literal(1, keyed('calendar.versionUnsupported')),
    years: z.array(calendarYearSchema, keyed('calendar.missingYears')).min(1, keyed('calendar.needsYear')),
  })
  .superRefine((file, ctx) => {
    // A date twice (or a year twice) would leave it to chance which entry wins.
    const seenYears = new Set<number>();
    const seenDates = new Set<string>();
    file.years.forEach((y, yi) => {
      if (seenYears.has(y.year)) {
        ctx.addIssue(keyedIssue(['years', yi, 'year'], 'calendar.yearTwice', { year: y.year }));
      }
      seenYears.add(y.year);
      y.days.forEach((day, di) => {
        if (seenDates.has(day.date)) {
          ctx.addIssue(keyedIssue(['years', yi, 'days', di, 'date'], 'calendar.dayTwice', { date: day.date }));
        }
        seenDates.add(day.date);
      });
    });
  });
export type CalendarFile = z.infer<typeof calendarFileSchema>;

const DAYS_MESSAGE = keyed('calendar.daysRange');

/** `calendar:addWorkingDays`: the service takes the office-local date of `from` and counts from it. */
export const addWorkingDaysSchema = z.object({
  from: z.iso.datetime({ offset: true, ...keyed('field.badFormat', { field: '起始时间' }) }),
  days: z.number(DAYS_MESSAGE).int(DAYS_MESSAGE).min(0, DAYS_MESSAGE).max(366, DAYS_MESSAGE),
});
export type AddWorkingDaysInput = z.input<typeof addWorkingDaysSchema>;

export interface AddWorkingDaysResult {
  date: string;
  warnings: string[];
}

/** `calendar:get`: the years on file, every holiday and make-up workday, and the missing-year banner. */
export interface CalendarOverview {
  years: { year: number; source: string }[];
  days: { date: string; kind: (typeof CALENDAR_DAY_KINDS)[number]; name: string }[];
  /** From 1 November on: next year's schedule is not on file yet (show the banner). */
  missingYear: number | null;
}

export const calendarRemoveDaySchema = z.object({ date: dateOnlySchema('日期') });
