import { toWallTime } from '../../../src-preload/contract/wall-time';

/** `3栋2单元1602`: the room as offices write it. */
export const roomLabel = (r: { building: string; unit: string; room: string }) => `${r.building}${r.unit}${r.room}`;

/** `2026-11-22 10:54` from an ISO instant, in the office's time zone. */
export const formatInstant = (iso: string, timeZone: string) => toWallTime(new Date(iso), timeZone);

/** `2 天 3 小时`: a span of minutes as people say it (days, hours, minutes; largest two parts). */
export function formatDuration(minutes: number, units: { days: string; hours: string; minutes: string }): string {
  const total = Math.abs(Math.round(minutes));
  const parts: [number, string][] = [
    [Math.floor(total / 1440), units.days],
    [Math.floor((total % 1440) / 60), units.hours],
    [total % 60, units.minutes],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  return (shown.length ? shown : [[0, units.minutes] as [number, string]]).map(([n, unit]) => unit.replace('{n}', String(n))).join(' ');
}

/** `2026-10` when it is November: the month head office asks for at the start of the next (PROCEDURES §8). */
export function lastMonth(today = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** First and last day of the month of `YYYY-MM-DD…`: the register's default period. */
export function monthRange(wallDate: string): { from: string; to: string } {
  const [year, month] = wallDate.slice(0, 7).split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ym = wallDate.slice(0, 7);
  return { from: `${ym}-01`, to: `${ym}-${String(lastDay).padStart(2, '0')}` };
}
