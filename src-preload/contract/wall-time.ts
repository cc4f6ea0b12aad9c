/**
 * Wall-clock time in the office's time zone, as the paper forms write it: `YYYY-MM-DD HH:mm`.
 * China has one time zone and no daylight saving, so local wall time sorts and compares correctly.
 */
export const WALL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
export const isRealWallTime = (value: string): boolean => {
  const m = WALL_TIME_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60;
};
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-22 10:54` for an instant, as a clock on the office wall shows it. */
const wallOfMinute = new Map<string, string>();

export function toWallTime(instant: Date, timeZone: string): string {
  // A wall time depends only on the minute: remember it (Intl formatting is the slow part).
  const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`;
  const known = wallOfMinute.get(key);
  if (known !== undefined) return known;
  const wall = formatWallTime(instant, timeZone);
  if (wallOfMinute.size > 100_000) wallOfMinute.clear();
  wallOfMinute.set(key, wall);
  return wall;
}

function formatWallTime(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const epochOfWall = new Map<string, number>();

/** Milliseconds since the epoch of a wall time in `timeZone` (the offset found with Intl; exact outside DST gaps). */
export function wallToEpochMs(wall: string, timeZone: string): number {
  // Deadlines share their times (the end of a working day, "now"): the board converts the same
  // strings thousands of times per refresh, so each conversion is remembered.
  const key = `${timeZone}|${wall}`;
  const known = epochOfWall.get(key);
  if (known !== undefined) return known;
  const ms = convertWallToEpochMs(wall, timeZone);
  if (epochOfWall.size > 100_000) epochOfWall.clear();
  epochOfWall.set(key, ms);
  return ms;
}

function convertWallToEpochMs(wall: string, timeZone: string): number {
  const m = WALL_TIME_PATTERN.exec(wall);
  if (!m) throw new RangeError(`not a wall time: ${wall}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asIfUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asIfUtc - offsetAt(asIfUtc, timeZone);
  return asIfUtc - offsetAt(first, timeZone);
}

const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant, remembered per quarter hour: offsets only change on
 * quarter-hour instants, and asking Intl is the slow part of deadline arithmetic (the board does
 * it thousands of times per refresh).
 */
function offsetAt(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = Date.parse(`${toWallTime(new Date(bucket), timeZone).replace(' ', 'T')}:00Z`) - bucket;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** A wall time moved by whole minutes on the clock (hour deadlines run around the clock). */
export const addMinutesToWall = (wall: string, minutes: number, timeZone: string): string =>
  toWallTime(new Date(wallToEpochMs(wall, timeZone) + minutes * 60_000), timeZone);

/** Whole minutes from `from` to `to` (negative when `to` is earlier). */
export const minutesBetween = (from: string, to: string, timeZone: string): number =>
  Math.round((wallToEpochMs(to, timeZone) - wallToEpochMs(from, timeZone)) / 60_000);
