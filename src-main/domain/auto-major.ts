import { WALL_TIME_PATTERN } from '../../src-preload/contract/wall-time';

/**
 * Procedure §5: "有效投诉在一个月内得不到合理解决" — a valid complaint not resolved within one month
 * becomes major. A month is the calendar month, counted on the office's wall clock: received
 * 09-15 10:00 → major from 10-15 10:00. A day the later month lacks is clamped to its last day:
 * received 01-31 10:00 → 02-28 10:00 (02-29 in a leap year), received 03-31 → 04-30.
 *
 * Wall times are the office's own (`YYYY-MM-DD HH:mm`, e.g. Asia/Shanghai, which keeps no daylight
 * saving), so a calendar month is plain date arithmetic on them: no instant, no zone. Written out
 * rather than taken from a date library because the inputs are these strings, not Dates.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month (`month` 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseWall(wall: string): [year: number, month: number, day: number, time: string] {
  const m = WALL_TIME_PATTERN.exec(wall);
  if (!m) throw new RangeError(`not a wall time: ${wall}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), `${m[4]}:${m[5]}`];
}

/** The year and month `months` after (negative: before) `year`-`month`. */
function shiftMonth(year: number, month: number, months: number): [number, number] {
  const index = year * 12 + (month - 1) + months;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/**
 * `wall` plus `months` calendar months, at the same time of day; a day the target month lacks
 * becomes its last day (01-31 + 1 → 02-28 or 02-29).
 */
export function addCalendarMonths(wall: string, months: number): string {
  const [year, month, day, time] = parseWall(wall);
  const [y, m] = shiftMonth(year, month, months);
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))} ${time}`;
}

/** When a complaint received at `receivedAt` becomes major if still unresolved. */
export const autoMajorAt = (receivedAt: string, months: number): string => addCalendarMonths(receivedAt, months);

/** Whether a complaint received at `receivedAt` is due for the upgrade at `now` (both wall times). */
export const isAutoMajorDue = (receivedAt: string, now: string, months: number): boolean => autoMajorAt(receivedAt, months) <= now;

/**
 * Every complaint due for the upgrade at `now` was received before this wall time (the first minute
 * of the month after the one `months` before `now`'s), for a cheap indexed pre-selection.
 * It is a bound, not the cutoff: with month-end clamping the rule is not a single cutoff on the
 * receipt time (at 02-28 10:00 a complaint of 01-31 10:00 is due, one of 01-30 23:00 is not yet),
 * so callers keep only those `isAutoMajorDue` accepts.
 */
export function autoMajorReceivedBefore(now: string, months: number): string {
  const [year, month] = parseWall(now);
  const [y, m] = shiftMonth(year, month, 1 - months);
  return `${pad(y, 4)}-${pad(m)}-01 00:00`;
}

/** "满一个月", "满 2 个月": the span as the timeline note says it. */
export const fullMonthsInWords = (months: number): string => (months === 1 ? '满一个月' : `满 ${months} 个月`);
