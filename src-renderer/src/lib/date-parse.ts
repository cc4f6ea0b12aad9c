import { isRealWallTime } from '../../../src-preload/contract/wall-time';

/**
 * What reception types into a date or date-time field, read the way a person means it (issue 13
 * point 18). The forms keep the paper's `YYYY-MM-DD` / `YYYY-MM-DD HH:mm`; these parsers are the
 * one place that turns `20261221`, `2026/12/21`, `2026-12-21` or `2026年12月21日` (and a time after
 * it: `202612211030`, `20261221 1030`, `2026/12/21 10:30`) into that form. Anything else — a day
 * that does not exist (`2026-02-30`), a 13th month, a partial entry still being typed — is refused
 * (null), so a half-typed `2026122` never becomes some date in year 61221.
 */

// Full-width digits and separators (an IME left in full-width mode) read as their ASCII forms.
const normalise = (text: string): string => text.normalize('NFKC').trim();

const pad2 = (n: string): string => n.padStart(2, '0');

// The date part: 8 digits, or year / month / day with `-`, `/` or `.` (1- or 2-digit month and day), or 年月日.
const DATE_PART = String.raw`(\d{4})(\d{2})(\d{2})|(\d{4})([-/.])(\d{1,2})\5(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日?`;
const DATE_ONLY = new RegExp(`^(?:${DATE_PART})$`);
// The time part: `1030`, `10:30` or `9:30`, after a space or `T`; glued to 8 digits only as `HHmm` (`202612211030`).
const DATE_TIME = new RegExp(String.raw`^(?:${DATE_PART})(?:\s*[T\s]\s*(\d{1,2}):(\d{2})|\s*[T\s]\s*(\d{2})(\d{2}))$`);
const COMPACT_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/;

function datePartOf(groups: (string | undefined)[]): string | null {
  const [y1, m1, d1, y2, , m2, d2, y3, m3, d3] = groups;
  const y = y1 ?? y2 ?? y3;
  const m = m1 ?? m2 ?? m3;
  const d = d1 ?? d2 ?? d3;
  if (y === undefined || m === undefined || d === undefined) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** `YYYY-MM-DD` for a typed date, or null when it is not a real calendar date. */
export function parseTypedDate(text: string): string | null {
  const match = DATE_ONLY.exec(normalise(text));
  if (!match) return null;
  const date = datePartOf(match.slice(1));
  return date !== null && isRealWallTime(`${date} 00:00`) ? date : null;
}

/** `YYYY-MM-DD HH:mm` for a typed date and time, or null when either is not real (a date alone is refused: the time matters). */
export function parseTypedDateTime(text: string): string | null {
  const value = normalise(text);
  const compact = COMPACT_DATE_TIME.exec(value);
  let wall: string;
  if (compact) {
    const [, y, mo, d, h, mi] = compact;
    wall = `${y}-${mo}-${d} ${h}:${mi}`;
  } else {
    const match = DATE_TIME.exec(value);
    if (!match) return null;
    const date = datePartOf(match.slice(1, 11));
    const [h1, mi1, h2, mi2] = match.slice(11);
    const h = h1 ?? h2;
    const mi = mi1 ?? mi2;
    if (date === null || h === undefined || mi === undefined) return null;
    wall = `${date} ${pad2(h)}:${mi}`;
  }
  return isRealWallTime(wall) ? wall : null;
}
