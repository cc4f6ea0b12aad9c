import type { Database } from 'better-sqlite3';
import { TRIGRAM_TEXT } from '../search-backlog';

/**
 * Head office merges the exports of many offices into one database (issue 5).
 *
 * - The directory learns whose it is: `office_code` is '' for this database's own departments,
 *   categories and staff, and the sending office's code for rows merged from its export. Names are
 *   unique per office, not overall (every office has a 工程部), so departments and categories are
 *   rebuilt with UNIQUE (office_code, name) (SQLite cannot change a UNIQUE constraint in place:
 *   sqlite.org/lang_altertable.html "making other kinds of table schema changes"; migrate() turns
 *   foreign keys off around the rebuild and runs foreign_key_check before committing).
 * - `offices`: every office whose export was merged here, with the name it gave.
 * - `exchange_imports`: the import history (file fingerprint, office, time, counts, refusals).
 * - The search index can be written after a bulk merge instead of row by row inside it: while
 *   `search_switch.deferred` is 1 (only ever inside the merge's own transaction, so no other
 *   connection sees it) the trigram triggers stand still and the merge lists the complaints it
 *   wrote in `search_backlog`; search-backlog.ts indexes them after the commit, and at start-up
 *   if the app stopped before it had finished. At 100k complaints the search entries were half
 *   of the merge's time.
 */
export function up(db: Database): void {
  for (const table of ['departments', 'categories']) {
    db.exec(`
      CREATE TABLE ${table}_new (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        sort_order  INTEGER NOT NULL DEFAULT 0,
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        office_code TEXT NOT NULL DEFAULT '',   -- '' = this database's own office
        UNIQUE (office_code, name)
      ) STRICT;
      INSERT INTO ${table}_new (id, name, sort_order, active, created_at, updated_at)
        SELECT id, name, sort_order, active, created_at, updated_at FROM ${table};
      DROP TABLE ${table};
      ALTER TABLE ${table}_new RENAME TO ${table};
    `);
  }
  db.exec(`
    ALTER TABLE staff ADD COLUMN office_code TEXT NOT NULL DEFAULT '';

    CREATE TABLE offices (
      code             TEXT PRIMARY KEY,
      name             TEXT NOT NULL,
      time_zone        TEXT NOT NULL,
      last_exported_at TEXT NOT NULL,      -- ISO instant of the newest export merged
      last_imported_at TEXT NOT NULL       -- ISO instant of the newest merge
    ) STRICT;

    CREATE TABLE exchange_imports (
      id             TEXT PRIMARY KEY,
      fingerprint    TEXT NOT NULL,        -- identifies the .cdx file (cdx-format.ts)
      export_id      TEXT NOT NULL,
      file_name      TEXT NOT NULL,
      file_bytes     INTEGER NOT NULL,
      office_code    TEXT NOT NULL,
      office_name    TEXT NOT NULL,
      exported_at    TEXT NOT NULL,        -- ISO instant, from the manifest
      range_from     TEXT NOT NULL,
      range_to       TEXT NOT NULL,
      range_whole    INTEGER NOT NULL CHECK (range_whole IN (0, 1)),
      imported_at    TEXT NOT NULL,        -- ISO instant
      imported_by    TEXT NOT NULL,        -- the actor's name
      new_rows       INTEGER NOT NULL,
      updated_rows   INTEGER NOT NULL,
      unchanged_rows INTEGER NOT NULL,
      refused_rows   INTEGER NOT NULL,
      detail         TEXT NOT NULL         -- JSON: per-table counts and the refused rows with reasons
    ) STRICT;
    CREATE INDEX exchange_imports_time ON exchange_imports (imported_at);

    CREATE TABLE search_switch (
      id       INTEGER PRIMARY KEY CHECK (id = 1),
      deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))
    ) STRICT;
    INSERT INTO search_switch (id, deferred) VALUES (1, 0);
    CREATE TABLE search_backlog (complaint_rowid INTEGER PRIMARY KEY) STRICT;

    DROP TRIGGER complaints_fts_insert;
    CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints
    WHEN (SELECT deferred FROM search_switch WHERE id = 1) = 0 BEGIN
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid, ${TRIGRAM_TEXT('new')});
    END;
    DROP TRIGGER complaints_fts_update;
    CREATE TRIGGER complaints_fts_update AFTER UPDATE ON complaints
    WHEN (SELECT deferred FROM search_switch WHERE id = 1) = 0 BEGIN
      DELETE FROM complaints_fts WHERE rowid = old.rowid;
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid, ${TRIGRAM_TEXT('new')});
    END;
  `);
}
