import type { Database } from 'better-sqlite3';
import { BUNDLED_CALENDAR_YEARS } from '../../domain/calendar-data';

/**
 * The procedure after intake (PROCEDURES.md §4–§6): handling rounds (投诉处理记录表), follow-ups,
 * escalations, holds, every deadline with its outcome, and the working-day calendar.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE complaints ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE complaints ADD COLUMN held_from_status TEXT NOT NULL DEFAULT '';
    ALTER TABLE complaints ADD COLUMN summary TEXT NOT NULL DEFAULT '';            -- 总结 (major complaints)
    ALTER TABLE complaints ADD COLUMN improvement TEXT NOT NULL DEFAULT '';        -- 改进措施
    ALTER TABLE complaints ADD COLUMN invalid_noticed_at TEXT NOT NULL DEFAULT '';
    ALTER TABLE complaints ADD COLUMN invalid_notice_method TEXT NOT NULL DEFAULT '';
    ALTER TABLE complaints ADD COLUMN closed_at TEXT NOT NULL DEFAULT '';

    -- One 投诉处理记录表 block per round: dispatch, sign-for, measures and result.
    CREATE TABLE handling_rounds (
      id                  TEXT PRIMARY KEY,
      complaint_id        TEXT NOT NULL REFERENCES complaints(id),
      round               INTEGER NOT NULL,
      department_id       TEXT NOT NULL REFERENCES departments(id),
      handler_id          TEXT REFERENCES staff(id),
      dispatched_at       TEXT NOT NULL,
      dispatched_by       TEXT NOT NULL,
      signed_by           TEXT NOT NULL DEFAULT '',
      signed_at           TEXT NOT NULL DEFAULT '',
      measures            TEXT NOT NULL DEFAULT '',
      result              TEXT NOT NULL DEFAULT '',
      completed_by        TEXT NOT NULL DEFAULT '',
      completed_at        TEXT NOT NULL DEFAULT '',
      compensation_kind   TEXT NOT NULL DEFAULT 'none',
      compensation_cents  INTEGER NOT NULL DEFAULT 0,
      UNIQUE (complaint_id, round)
    ) STRICT;

    CREATE TABLE follow_ups (
      id                TEXT PRIMARY KEY,
      complaint_id      TEXT NOT NULL REFERENCES complaints(id),
      round             INTEGER NOT NULL,
      at                TEXT NOT NULL,
      method            TEXT NOT NULL DEFAULT '',
      visitor           TEXT NOT NULL,
      person_visited    TEXT NOT NULL DEFAULT '',
      opinion           TEXT NOT NULL DEFAULT '',
      satisfaction      TEXT NOT NULL DEFAULT '',   -- '' when impossible
      impossible_reason TEXT NOT NULL DEFAULT '',
      approved_by       TEXT NOT NULL DEFAULT ''    -- supervisor who signed off an impossible follow-up
    ) STRICT;
    CREATE INDEX follow_ups_complaint ON follow_ups (complaint_id, round);

    CREATE TABLE escalations (
      id           TEXT PRIMARY KEY,
      complaint_id TEXT NOT NULL REFERENCES complaints(id),
      at           TEXT NOT NULL,
      level        TEXT NOT NULL,
      reason       TEXT NOT NULL,
      actor        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX escalations_complaint ON escalations (complaint_id, at);

    CREATE TABLE holds (
      id            TEXT PRIMARY KEY,
      complaint_id  TEXT NOT NULL REFERENCES complaints(id),
      from_at       TEXT NOT NULL,
      expected_date TEXT NOT NULL,
      reason        TEXT NOT NULL,
      resumed_at    TEXT NOT NULL DEFAULT '',
      held_minutes  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX holds_complaint ON holds (complaint_id, from_at);

    -- Every deadline, with the rule it was set by, so the outcome of each stage is kept for statistics
    -- and a later policy change leaves it as it was. Wall times in the office's zone.
    CREATE TABLE complaint_deadlines (
      id             TEXT PRIMARY KEY,
      complaint_id   TEXT NOT NULL REFERENCES complaints(id),
      kind           TEXT NOT NULL,
      round          INTEGER NOT NULL,
      started_at     TEXT NOT NULL,
      due_at         TEXT NOT NULL,
      rule           TEXT,                          -- JSON Duration; NULL for a fixed time (a requested reply time)
      policy_version INTEGER NOT NULL,
      paused_minutes INTEGER NOT NULL DEFAULT 0,
      completed_at   TEXT NOT NULL DEFAULT '',
      cancelled_at   TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX complaint_deadlines_complaint ON complaint_deadlines (complaint_id, kind, round);
    -- The board reads only open deadlines: a partial index holding every column it reads answers
    -- that without touching the table (hundreds of thousands of closed deadlines at 100k complaints).
    CREATE INDEX complaint_deadlines_open ON complaint_deadlines
      (due_at, complaint_id, kind, round, started_at, rule, policy_version, paused_minutes, completed_at, cancelled_at, id)
      WHERE completed_at = '' AND cancelled_at = '';

    -- The official calendar: statutory holidays and make-up workdays (调休). Weekends are implicit.
    CREATE TABLE calendar_days (
      date TEXT PRIMARY KEY,        -- YYYY-MM-DD
      kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
      name TEXT NOT NULL
    ) STRICT;
    CREATE TABLE calendar_years (
      year   INTEGER PRIMARY KEY,
      source TEXT NOT NULL DEFAULT ''
    ) STRICT;
  `);
  const insertYear = db.prepare('INSERT INTO calendar_years (year, source) VALUES (?, ?)');
  const insertDay = db.prepare('INSERT INTO calendar_days (date, kind, name) VALUES (?, ?, ?)');
  for (const year of BUNDLED_CALENDAR_YEARS) {
    insertYear.run(year.year, year.source);
    for (const day of year.days) insertDay.run(day.date, day.kind, day.name);
  }
}
