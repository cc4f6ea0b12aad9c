import type { Database } from 'better-sqlite3';

/**
 * Prints of a complaint's forms (issue 4): each print carries a version on the paper and in its QR
 * code, so a signed copy that comes back is matched to exactly what was printed. The fields printed
 * on it are kept with the print: once its signed copy is attached they are locked.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE form_prints (
      id                   TEXT PRIMARY KEY,
      complaint_id         TEXT NOT NULL REFERENCES complaints(id),
      form                 TEXT NOT NULL CHECK (form IN ('complaint_record', 'handling_record')),
      version              INTEGER NOT NULL CHECK (version >= 1),
      printed_at           TEXT NOT NULL,     -- wall time, as printed
      printed_by           TEXT NOT NULL,     -- the actor's name, as printed
      complaint_version    INTEGER NOT NULL,
      printed_fields       TEXT NOT NULL,     -- JSON array of complaint field names on the paper
      signed_attachment_id TEXT REFERENCES attachments(id),
      signed_at            TEXT NOT NULL DEFAULT '',
      UNIQUE (complaint_id, form, version)
    ) STRICT;
  `);
}
