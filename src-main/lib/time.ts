/** `20261122` from `2026-11-22 10:54`: the day part of a complaint number. */
export function compactDay(wallTime: string): string {
  return wallTime.slice(0, 10).replaceAll('-', '');
}
