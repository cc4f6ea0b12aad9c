import type { Database } from 'better-sqlite3';

/**
 * 转派 (issue 13 point 8): within a handling round, the department that has the 投诉处理记录表 hands
 * it to another, with a reason. The round's row (handling_rounds) then names the new department and
 * waits for its 签收; this table keeps what it replaced — from which department to which, when, by
 * whom, why, and who had signed for it at the first department — so the form can print every move.
 *
 * Existing data: nothing to convert. A complaint sent back by an unsatisfied follow-up under the
 * previous version already has its next round's row (the same department, dispatched at the
 * follow-up, not signed for); that is what happened, so it stays as it is and carries on from 处理中.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE redispatches (
      id                 TEXT PRIMARY KEY,
      complaint_id       TEXT NOT NULL REFERENCES complaints(id),
      round              INTEGER NOT NULL,
      at                 TEXT NOT NULL,                 -- wall time, office zone
      actor              TEXT NOT NULL,                 -- who recorded it, by name, as printed
      reason             TEXT NOT NULL,
      from_department_id TEXT NOT NULL REFERENCES departments(id),
      to_department_id   TEXT NOT NULL REFERENCES departments(id),
      to_handler_id      TEXT REFERENCES staff(id),
      from_signed_by     TEXT NOT NULL DEFAULT '',      -- the first department's 签收, if it had signed
      from_signed_at     TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX redispatches_complaint ON redispatches (complaint_id, round, at);
  `);
}
