import { z } from './zod';
import { dateOnlySchema, requiredText } from './common.schema';

/** procedure §6: a statutory day off, or a weekend day worked in exchange (调休上班). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;

export const calendarDaySchema = z.object({
  date: dateOnlySchema('日期'),
  kind: z.enum(CALENDAR_DAY_KINDS, { error: '类型必须是 holiday（放假）或 workday（调休上班）' }),
  name: requiredText('名称', 20),
});

const calendarYearSchema = z
  .object({
    year: z
      .number({ error: '年份必须是数字' })
      .int('年份必须是整数')
      .min(2000, '年份必须在 2000 到 2100 之间')
      .max(2100, '年份必须在 2000 到 2100 之间'),
    /** The notice the schedule was copied from; may be empty for a hand-entered year. */
    source: z.string({ error: '来源必须是文字' }).trim().max(200, '来源不能超过 200 个字'),
    // A year with no days would import nothing yet look imported: refuse it.
    days: z.array(calendarDaySchema, { error: '日期列表格式不正确' }).min(1, '每个年份至少要有一个日期'),
  })
  .superRefine((y, ctx) => {
    y.days.forEach((day, i) => {
      if (!day.date.startsWith(`${y.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `日期 ${day.date} 不在 ${y.year} 年内` });
      }
    });
  });

/** The JSON file of 设置 → 工作日历 (import and export): whole years, each replacing that year's schedule. */
export const calendarFileSchema = z
  .object({
    format: z.literal('complaint-desk-calendar', { error: '这不是工作日历文件' }),
    version: z.literal(1, { error: '工作日历文件版本不受支持（应为 1）' }),
    years: z.array(calendarYearSchema, { error: '文件中缺少年份列表' }).min(1, '文件中至少要有一个年份'),
  })
  .superRefine((file, ctx) => {
    // A date twice (or a year twice) would leave it to chance which entry wins.
    const seenYears = new Set<number>();
    const seenDates = new Set<string>();
    file.years.forEach((y, yi) => {
      if (seenYears.has(y.year)) {
        ctx.addIssue({ code: 'custom', path: ['years', yi, 'year'], message: `${y.year} 年在文件中出现了两次` });
      }
      seenYears.add(y.year);
      y.days.forEach((day, di) => {
        if (seenDates.has(day.date)) {
          ctx.addIssue({ code: 'custom', path: ['years', yi, 'days', di, 'date'], message: `日期 ${day.date} 在文件中出现了两次` });
        }
        seenDates.add(day.date);
      });
    });
  });
export type CalendarFile = z.infer<typeof calendarFileSchema>;

const DAYS_MESSAGE = '天数必须是 0 到 366 的整数';

/** `calendar:addWorkingDays`: the service takes the office-local date of `from` and counts from it. */
export const addWorkingDaysSchema = z.object({
  from: z.iso.datetime({ offset: true, error: '起始时间格式不正确' }),
  days: z.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(0, DAYS_MESSAGE).max(366, DAYS_MESSAGE),
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
