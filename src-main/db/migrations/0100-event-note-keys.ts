import type { Database } from 'better-sqlite3';

/**
 * Timeline notes in the reader's language (issue 13 point 19): an event keeps the key of its note
 * (note-texts.ts) and the note's parameters as JSON beside the Chinese `note` it always had, which
 * stays what prints. Rows written before have no key ('') and show their Chinese note as written.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE complaint_events ADD COLUMN note_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE complaint_events ADD COLUMN note_params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(note_params));
  `);
}
