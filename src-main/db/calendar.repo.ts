import type { Db } from './connection';
import { stmt } from './statements';
import type { CalendarDay } from '../domain/calendar';

export function listCalendarDays(db: Db): CalendarDay[] {
  return stmt(db, 'SELECT date, kind, name FROM calendar_days ORDER BY date').all() as CalendarDay[];
}

export function listCalendarYears(db: Db): { year: number; source: string }[] {
  return stmt(db, 'SELECT year, source FROM calendar_years ORDER BY year').all() as { year: number; source: string }[];
}

export function upsertCalendarDay(db: Db, day: CalendarDay): void {
  stmt(db, 'INSERT INTO calendar_days (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name').run(
    day.date,
    day.kind,
    day.name,
  );
}

/** Remove a day; a year left with no days leaves the list of years too (an empty year cannot be exported). */
export function deleteCalendarDay(db: Db, date: string): boolean {
  if (stmt(db, 'DELETE FROM calendar_days WHERE date = ?').run(date).changes !== 1) return false;
  const year = date.slice(0, 4);
  if (!stmt(db, "SELECT 1 FROM calendar_days WHERE date LIKE ? || '-%' LIMIT 1").get(year)) {
    stmt(db, 'DELETE FROM calendar_years WHERE year = ?').run(Number(year));
  }
  return true;
}

/** Replace one year's schedule (an import): its days and its source line. */
export function replaceCalendarYear(db: Db, year: number, source: string, days: readonly CalendarDay[]): void {
  stmt(db, "DELETE FROM calendar_days WHERE date LIKE ? || '-%'").run(String(year));
  for (const day of days) upsertCalendarDay(db, day);
  stmt(db, 'INSERT INTO calendar_years (year, source) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET source = excluded.source').run(year, source);
}

export function ensureCalendarYear(db: Db, year: number): void {
  stmt(db, "INSERT INTO calendar_years (year, source) VALUES (?, '手工录入') ON CONFLICT (year) DO NOTHING").run(year);
}
