import type { Database } from 'better-sqlite3';

/**
 * 答复 (issue 13 point 6): the answers given to the complainant — when, how, by whom, what was said —
 * one row each, as often as they happen. The first completes the complaint's 答复 deadline (and a
 * major complaint's 明确答复) at its recorded time; until now only the handling result did, so a
 * desk that answered on time read as late.
 *
 * Existing data: nothing to convert. Replies made before this version were never recorded, so the
 * deadlines the result completed keep the result's time: that is what the record shows.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE replies (
      id           TEXT PRIMARY KEY,
      complaint_id TEXT NOT NULL REFERENCES complaints(id),
      round        INTEGER NOT NULL,              -- the handling round it was given in (1 before the first 派单)
      at           TEXT NOT NULL,                 -- wall time, office zone, as the desk recorded it
      method       TEXT NOT NULL,                 -- contact method (phone, visit, message, letter)
      replier      TEXT NOT NULL,                 -- who answered, by name, as printed
      content      TEXT NOT NULL                  -- what the complainant was told
    ) STRICT;
    CREATE INDEX replies_complaint ON replies (complaint_id, at);
  `);
}
