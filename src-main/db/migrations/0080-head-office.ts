import type { Database } from 'better-sqlite3';
import { toWallTime } from '../../../src-preload/contract/wall-time';

/**
 * Head office (issue 13 points 12–13).
 *
 * 1. Uploading a signed copy stored the print's `signed_at` as a UTC instant
 *    (`2026-11-02T01:30:00.000Z`), where form_prints keeps the office's wall time
 *    (`2026-11-02 09:30`, like `printed_at`), so head office refused every signed print of an
 *    export. The upload now writes wall time; the instants already stored are rewritten in the
 *    office's time zone (the setting, Asia/Shanghai by default). Only values shaped like an instant
 *    are touched: wall times and '' (not signed yet) stay. A merged office's rows never held an
 *    instant (the import refused them).
 * 2. `offices.form_codes`: the form control numbers an office prints its forms with (JSON, as its
 *    setting `formCodes`; '' until an export that carries them is merged), so head office's copy of
 *    that office's form carries the office's numbers, not head office's own.
 */
export function up(db: Database): void {
  const setting = db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").pluck().get() as string | undefined;
  const timeZone = setting === undefined ? 'Asia/Shanghai' : (JSON.parse(setting) as string);
  const instants = db
    .prepare("SELECT id, signed_at FROM form_prints WHERE signed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'")
    .all() as { id: string; signed_at: string }[];
  const rewrite = db.prepare('UPDATE form_prints SET signed_at = ? WHERE id = ?');
  for (const row of instants) {
    const instant = new Date(row.signed_at);
    // An unreadable value is left for the import to name, rather than guessed at.
    if (!Number.isNaN(instant.getTime())) rewrite.run(toWallTime(instant, timeZone), row.id);
  }

  db.exec("ALTER TABLE offices ADD COLUMN form_codes TEXT NOT NULL DEFAULT ''");
}
