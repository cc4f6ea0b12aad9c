/**
 * Wall-clock time in the office's time zone. Business times (received at, requested reply time)
 * are stored as `YYYY-MM-DD HH:mm` in that zone, as the paper forms write them; system
 * timestamps (created/updated, timeline) are ISO instants in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `2026-11-22 10:54` for the instant, as a clock on the office wall shows it. */
export function toWallTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** `20261122` from `2026-11-22 10:54`: the day part of a complaint number. */
export function compactDay(wallTime: string): string {
  return wallTime.slice(0, 10).replaceAll('-', '');
}
