import type { Database } from 'better-sqlite3';
import { ulid } from '../../lib/ulid';

/** procedure §1/§3 defaults; offices rename and extend them in settings. */
const DEFAULT_DEPARTMENTS = ['客服中心', '工程部', '秩序维护部', '环境部', '财务部'];
const DEFAULT_CATEGORIES = ['工程质量', '服务质量', '安全秩序', '环境卫生', '设施设备', '收费', '装修', '邻里纠纷', '其他'];

/**
 * The first schema: office settings, the directory (departments, categories, staff) and the
 * complaint register with its timeline, attachments and search index. STRICT tables; ULID keys
 * so that head office can merge many offices' databases without collisions.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL            -- JSON
    ) STRICT;

    CREATE TABLE departments (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE categories (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE staff (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      department_id TEXT NOT NULL REFERENCES departments(id),
      role          TEXT NOT NULL,
      phone         TEXT NOT NULL DEFAULT '',
      active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    ) STRICT;

    -- Gap-free daily sequence behind <office>-YYYYMMDD-NNN, bumped in the same transaction as the insert.
    CREATE TABLE complaint_day_counters (
      office_code TEXT NOT NULL,
      day         TEXT NOT NULL,     -- YYYYMMDD
      last_seq    INTEGER NOT NULL,
      PRIMARY KEY (office_code, day)
    ) STRICT;

    CREATE TABLE complaints (
      id                        TEXT PRIMARY KEY,
      office_code               TEXT NOT NULL,
      number                    TEXT NOT NULL,
      received_at               TEXT NOT NULL,  -- YYYY-MM-DD HH:mm, office time zone
      channel                   TEXT NOT NULL,
      receiver_id               TEXT NOT NULL REFERENCES staff(id),
      complainant_name          TEXT NOT NULL,
      building                  TEXT NOT NULL DEFAULT '',
      unit                      TEXT NOT NULL DEFAULT '',
      room                      TEXT NOT NULL DEFAULT '',
      phone                     TEXT NOT NULL DEFAULT '',
      contact_other             TEXT NOT NULL DEFAULT '',
      event_time                TEXT NOT NULL DEFAULT '',
      event_place               TEXT NOT NULL DEFAULT '',
      complained_department_id  TEXT REFERENCES departments(id),
      complained_person         TEXT NOT NULL DEFAULT '',
      category_id               TEXT NOT NULL REFERENCES categories(id),
      description               TEXT NOT NULL,
      owner_words               TEXT NOT NULL DEFAULT '',
      request                   TEXT NOT NULL DEFAULT '',
      requested_reply_at        TEXT NOT NULL DEFAULT '',
      validity                  TEXT NOT NULL CHECK (validity IN ('valid', 'invalid')),
      invalid_reason            TEXT NOT NULL DEFAULT '',
      severity                  TEXT NOT NULL CHECK (severity IN ('minor', 'ordinary', 'important', 'major')),
      urgency                   TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
      status                    TEXT NOT NULL,
      version                   INTEGER NOT NULL DEFAULT 1,
      created_at                TEXT NOT NULL,  -- ISO instant, UTC
      updated_at                TEXT NOT NULL,
      UNIQUE (office_code, number)
    ) STRICT;
    CREATE INDEX complaints_received ON complaints (received_at);
    CREATE INDEX complaints_status ON complaints (status, received_at);
    CREATE INDEX complaints_department ON complaints (complained_department_id, received_at);
    CREATE INDEX complaints_category ON complaints (category_id, received_at);
    CREATE INDEX complaints_channel ON complaints (channel, received_at);
    CREATE INDEX complaints_severity ON complaints (severity, received_at);

    CREATE TABLE complaint_events (
      id           TEXT PRIMARY KEY,
      complaint_id TEXT NOT NULL REFERENCES complaints(id),
      at           TEXT NOT NULL,     -- ISO instant, UTC
      actor_id     TEXT,
      actor_name   TEXT NOT NULL,     -- as it was then: the log never changes with the directory
      kind         TEXT NOT NULL,
      changes      TEXT NOT NULL DEFAULT '[]',  -- JSON [{field, before, after}]
      note         TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

    CREATE TABLE attachments (
      id           TEXT PRIMARY KEY,
      complaint_id TEXT NOT NULL REFERENCES complaints(id),
      sha256       TEXT NOT NULL,     -- the file lives at attachments/<sha[0:2]>/<sha>
      file_name    TEXT NOT NULL,
      mime         TEXT NOT NULL,
      size         INTEGER NOT NULL,
      created_at   TEXT NOT NULL,
      removed_at   TEXT,              -- detached files stay on record (the paper trail)
      UNIQUE (complaint_id, sha256)
    ) STRICT;

    -- Substring search in Chinese: better-sqlite3's SQLite has no ICU, so trigram FTS5 it is
    -- (queries under 3 characters fall back to LIKE in the repository).
    CREATE VIRTUAL TABLE complaints_fts USING fts5 (search_text, tokenize = 'trigram');
    CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid,
        new.number || ' ' || new.complainant_name || ' ' || new.building || new.unit || new.room || ' ' ||
        new.phone || ' ' || new.description || ' ' || new.owner_words || ' ' || new.request);
    END;
    CREATE TRIGGER complaints_fts_update AFTER UPDATE ON complaints BEGIN
      DELETE FROM complaints_fts WHERE rowid = old.rowid;
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid,
        new.number || ' ' || new.complainant_name || ' ' || new.building || new.unit || new.room || ' ' ||
        new.phone || ' ' || new.description || ' ' || new.owner_words || ' ' || new.request);
    END;
    CREATE TRIGGER complaints_fts_delete AFTER DELETE ON complaints BEGIN
      DELETE FROM complaints_fts WHERE rowid = old.rowid;
    END;
  `);

  const at = new Date().toISOString();
  const insertDepartment = db.prepare('INSERT INTO departments (id, name, sort_order, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)');
  DEFAULT_DEPARTMENTS.forEach((name, i) => insertDepartment.run(ulid(), name, (i + 1) * 10, at, at));
  const insertCategory = db.prepare('INSERT INTO categories (id, name, sort_order, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)');
  DEFAULT_CATEGORIES.forEach((name, i) => insertCategory.run(ulid(), name, (i + 1) * 10, at, at));
}
