/**
 * The working-day calendar (PROCEDURES.md §6) through the dispatcher: the bundled 2025 and 2026
 * schedules, the missing-year banner, the working-day calculator, file import and export, day
 * edits, and the test-only clock.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarFile } from '../../src-preload/contract';
import { type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { CHINESE, setNow, useOffice } from './lifecycle-fixtures';


/** Refused, in Chinese, with every table as it was. */
function refusedCalendarCall(app: TestApp, channel: 'calendar:import' | 'calendar:saveDay' | 'calendar:removeDay', input: unknown) {
  const before = snapshotAll(app.ctx.db);
  const result = app.call(channel, input);
  expect(snapshotAll(app.ctx.db)).toEqual(before);
  if (result.ok) throw new Error(`${channel} was accepted`);
  expect(result.error.message).toMatch(CHINESE);
  return result.error;
}

const file2027 = (days: CalendarFile['years'][number]['days']): CalendarFile => ({
  format: 'complaint-desk-calendar',
  version: 1,
  years: [{ year: 2027, source: '测试用 2027 年安排', days }],
});
const TEST_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' },
  { date: '2027-02-07', kind: 'holiday', name: '春节' },
  { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
] as const;

describe('the bundled calendar', () => {
  const env = useOffice();

  it('lists 2025 and 2026 with the notices they were copied from', () => {
    setNow(env.app, '2026-06-01 10:00');
    const overview = env.app.ok('calendar:get', {});
    expect(overview.years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(overview.years[0]!.source).toContain('国务院办公厅关于2025年部分节假日安排的通知');
    expect(overview.years[1]!.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(overview.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(overview.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect(overview.days).toContainEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' });
    expect(overview.days).toContainEqual({ date: '2025-01-26', kind: 'workday', name: '春节调休上班' });
    // 国庆 2026: Oct 1–7, every day listed.
    expect(overview.days.filter((d) => d.date.startsWith('2026-10-0') && d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    // Only the two bundled years.
    expect(overview.days.every((d) => d.date.startsWith('2025-') || d.date.startsWith('2026-'))).toBe(true);
    expect(overview.missingYear).toBeNull();
  });

  it('asks for 2027 from 1 November 2026 on (office time), not before', () => {
    setNow(env.app, '2026-10-31 23:59');
    expect(env.app.ok('calendar:get', {}).missingYear).toBeNull();
    // 2026-10-31T16:00Z is already 1 November in Shanghai.
    expect(env.app.ok('clock:set', { now: '2026-10-31T16:00:00Z' }).now).toBe('2026-11-01 00:00');
    expect(env.app.ok('calendar:get', {}).missingYear).toBe(2027);
    setNow(env.app, '2026-12-31 23:59');
    expect(env.app.ok('calendar:get', {}).missingYear).toBe(2027);
    // In November 2025 the 2026 schedule is on file.
    setNow(env.app, '2025-11-15 10:00');
    expect(env.app.ok('calendar:get', {}).missingYear).toBeNull();
  });
});

describe('calendar:addWorkingDays', () => {
  const env = useOffice();

  it('counts from the office-local date and skips 国庆', () => {
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-09-30T23:59:00+08:00', days: 1 })).toEqual({ date: '2026-10-08', warnings: [] });
    // 16:30 UTC on Sep 30 is 00:30 on Oct 1 in Shanghai: still Oct 8.
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-09-30T16:30:00Z', days: 1 })).toEqual({ date: '2026-10-08', warnings: [] });
    // Oct 8, 9, 10 (make-up Saturday).
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-09-30T10:00:00+08:00', days: 3 })).toEqual({ date: '2026-10-10', warnings: [] });
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-11-02T09:00:00+08:00', days: 0 })).toEqual({ date: '2026-11-02', warnings: [] });
  });

  it('warns when the count runs into a year with no schedule', () => {
    // Thu Dec 31, Fri Jan 1 2027 (no schedule: counted as a Friday), Mon Jan 4.
    const result = env.app.ok('calendar:addWorkingDays', { from: '2026-12-30T10:00:00+08:00', days: 3 });
    expect(result.date).toBe('2027-01-04');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('2027 年的法定节假日安排尚未录入');
  });

  it('refuses bad input in Chinese', () => {
    for (const input of [
      { from: '2026-09-30 23:59', days: 1 },
      { from: '2026-09-30T23:59:00+08:00', days: -1 },
      { from: '2026-09-30T23:59:00+08:00', days: 1.5 },
      { from: '2026-09-30T23:59:00+08:00', days: 367 },
    ]) {
      const result = env.app.call('calendar:addWorkingDays', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.message).toMatch(CHINESE);
      }
    }
  });
});

describe('import and export', () => {
  const env = useOffice();

  it('export → import leaves the calendar as it was', () => {
    setNow(env.app, '2026-11-02 09:00');
    const before = env.app.ok('calendar:get', {});
    const tables = snapshotAll(env.app.ctx.db);
    const file = env.app.ok('calendar:export', {});
    expect(file.format).toBe('complaint-desk-calendar');
    expect(file.version).toBe(1);
    expect(file.years.map((y) => [y.year, y.days.length > 0])).toEqual([
      [2025, true],
      [2026, true],
    ]);
    expect(env.app.ok('calendar:import', structuredClone(file))).toEqual(before);
    expect(env.app.ok('calendar:get', {})).toEqual(before);
    expect(snapshotAll(env.app.ctx.db)).toEqual(tables);
  });

  it('an invalid file is refused in Chinese and changes nothing', () => {
    const duplicate = refusedCalendarCall(env.app, 'calendar:import', file2027([...TEST_2027, { date: '2027-01-01', kind: 'holiday', name: '元旦' }]));
    expect(duplicate).toMatchObject({ code: 'VALIDATION', field: 'years.0.days.4.date', message: '日期 2027-01-01 在文件中出现了两次' });
    const outside = refusedCalendarCall(env.app, 'calendar:import', file2027([...TEST_2027, { date: '2028-01-01', kind: 'holiday', name: '元旦' }]));
    expect(outside).toMatchObject({ code: 'VALIDATION', field: 'years.0.days.4.date', message: '日期 2028-01-01 不在 2027 年内' });
    expect(refusedCalendarCall(env.app, 'calendar:import', { ...file2027([...TEST_2027]), format: 'ics' })).toMatchObject({ code: 'VALIDATION', message: '这不是工作日历文件' });
    expect(refusedCalendarCall(env.app, 'calendar:import', file2027([]))).toMatchObject({ code: 'VALIDATION', message: '每个年份至少要有一个日期' });
    expect(refusedCalendarCall(env.app, 'calendar:import', file2027([{ date: '2027-01-01', kind: 'off' as never, name: '元旦' }]))).toMatchObject({ code: 'VALIDATION', field: 'years.0.days.0.kind' });
    // A bad year inside an otherwise good file: the good year is not imported either.
    const mixed = { format: 'complaint-desk-calendar', version: 1, years: [file2027([...TEST_2027]).years[0], { year: 2028, source: '', days: [{ date: '2027-05-01', kind: 'holiday', name: '劳动节' }] }] };
    expect(refusedCalendarCall(env.app, 'calendar:import', mixed)).toMatchObject({ code: 'VALIDATION', field: 'years.1.days.0.date' });
  });

  it('importing 2027 clears the banner and the warnings', () => {
    setNow(env.app, '2026-11-02 09:00');
    expect(env.app.ok('calendar:get', {}).missingYear).toBe(2027);
    expect(env.app.ok('deadlines:preview', { receivedAt: '2026-12-30 10:00', severity: 'ordinary', urgency: 'normal' }).warnings).toHaveLength(1);

    const overview = env.app.ok('calendar:import', file2027([...TEST_2027]));
    expect(overview.missingYear).toBeNull();
    expect(overview.years).toContainEqual({ year: 2027, source: '测试用 2027 年安排' });
    expect(overview.days.filter((d) => d.date.startsWith('2027-'))).toEqual([...TEST_2027]);
    // Thu Dec 31, (Jan 1 off), Mon Jan 4, Tue Jan 5 — and no warning.
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-12-30T10:00:00+08:00', days: 3 })).toEqual({ date: '2027-01-05', warnings: [] });
    const preview = env.app.ok('deadlines:preview', { receivedAt: '2026-12-30 10:00', severity: 'ordinary', urgency: 'normal' });
    expect(preview.warnings).toEqual([]);
    expect(preview.deadlines.find((d) => d.kind === 'resolution')!.dueAt).toBe('2027-01-05 23:59');

    // Importing the year again replaces it: a day left out of the new file is gone.
    const replaced = env.app.ok('calendar:import', file2027([TEST_2027[0]]));
    expect(replaced.days.filter((d) => d.date.startsWith('2027-'))).toEqual([TEST_2027[0]]);
    // And the 2027 schedule survives an export → import round trip.
    const file = env.app.ok('calendar:export', {});
    expect(file.years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    const tables = snapshotAll(env.app.ctx.db);
    env.app.ok('calendar:import', file);
    expect(snapshotAll(env.app.ctx.db)).toEqual(tables);
  });
});

describe('editing single days', () => {
  const env = useOffice();

  it('saveDay adds or changes a day; removeDay takes it away', () => {
    setNow(env.app, '2026-11-02 09:00');
    const added = env.app.ok('calendar:saveDay', { date: '2026-11-04', kind: 'holiday', name: '测试假日' });
    expect(added.days).toContainEqual({ date: '2026-11-04', kind: 'holiday', name: '测试假日' });
    // Mon Nov 2 + 2 working days: Tue Nov 3, (Wed off), Thu Nov 5.
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-11-02T09:00:00+08:00', days: 2 }).date).toBe('2026-11-05');

    const changed = env.app.ok('calendar:saveDay', { date: '2026-11-04', kind: 'holiday', name: '停电放假' });
    expect(changed.days.filter((d) => d.date === '2026-11-04')).toEqual([{ date: '2026-11-04', kind: 'holiday', name: '停电放假' }]);

    const removed = env.app.ok('calendar:removeDay', { date: '2026-11-04' });
    expect(removed.days.some((d) => d.date === '2026-11-04')).toBe(false);
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-11-02T09:00:00+08:00', days: 2 }).date).toBe('2026-11-04');

    // A bundled make-up workday removed: Sat Oct 10 becomes an ordinary Saturday.
    env.app.ok('calendar:removeDay', { date: '2026-10-10' });
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-09-30T10:00:00+08:00', days: 3 }).date).toBe('2026-10-12');
    env.app.ok('calendar:saveDay', { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect(env.app.ok('calendar:addWorkingDays', { from: '2026-09-30T10:00:00+08:00', days: 3 }).date).toBe('2026-10-10');
  });

  it('removing a date that is not in the calendar is refused on field date', () => {
    const error = refusedCalendarCall(env.app, 'calendar:removeDay', { date: '2026-11-05' });
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'date', message: '日历中没有 2026-11-05' });
  });

  it('refuses malformed days in Chinese', () => {
    expect(refusedCalendarCall(env.app, 'calendar:saveDay', { date: '2026-02-30', kind: 'holiday', name: '假日' })).toMatchObject({ code: 'VALIDATION', field: 'date' });
    expect(refusedCalendarCall(env.app, 'calendar:saveDay', { date: '2026-11-04', kind: 'weekend', name: '假日' })).toMatchObject({ code: 'VALIDATION', field: 'kind' });
    expect(refusedCalendarCall(env.app, 'calendar:saveDay', { date: '2026-11-04', kind: 'holiday', name: ' ' })).toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect(refusedCalendarCall(env.app, 'calendar:removeDay', { date: '11/05/2026' })).toMatchObject({ code: 'VALIDATION', field: 'date' });
  });

  it('a day entered by hand in a new year, then removed, still exports a file that imports', () => {
    setNow(env.app, '2026-11-02 09:00');
    env.app.ok('calendar:saveDay', { date: '2028-05-01', kind: 'holiday', name: '劳动节' });
    env.app.ok('calendar:removeDay', { date: '2028-05-01' });
    const file = env.app.ok('calendar:export', {});
    const result = env.app.call('calendar:import', file);
    expect(result.ok ? null : result.error).toBeNull();
  });
});

describe('clock:set outside test mode', () => {
  const env = useOffice();

  it('is refused with FORBIDDEN', () => {
    const saved = process.env.COMPLAINT_DESK_TEST_CLOCK;
    process.env.COMPLAINT_DESK_TEST_CLOCK = '';
    try {
      const result = env.app.call('clock:set', { now: '2026-11-02T09:20:00+08:00' });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!result.ok) expect(result.error.message).toMatch(CHINESE);
      expect(env.app.call('clock:set', { now: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      if (saved === undefined) delete process.env.COMPLAINT_DESK_TEST_CLOCK;
      else process.env.COMPLAINT_DESK_TEST_CLOCK = saved;
    }
    // Back in test mode it works again.
    setNow(env.app, '2026-11-02 09:20');
  });
});
