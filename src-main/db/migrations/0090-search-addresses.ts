import type { Database } from 'better-sqlite3';
import { SEARCH_COLUMNS, searchTextSql } from '../search-text';

/**
 * Search finds what reception types (issue 13 point 17):
 * - the trigram text gains the address keys (`12-3-1602`, `12栋1602` … find building 12, not 112)
 *   and the phone's digits (a landline stored `0755-1234567` is found as `07551234567`);
 * - the bigram index cuts the address as one piece, so 2-character pieces across building, unit and
 *   room (`栋3`, `元1`) are found;
 * - the trigram triggers write the new text, only when a searched column changes (a lifecycle step
 *   no longer rewrites the entry), and no longer ask `search_switch` (always 0 since the merge
 *   drops the triggers instead, search-backlog.ts).
 *
 * Every complaint's entries are rebuilt, in the background: both indexes are emptied here and every
 * complaint goes on the search backlog, which the app indexes a chunk at a time after it opens
 * (search-backlog.ts, as after an import); until then search finds them by a scan, with the same
 * results. Rebuilding inside the migration took 25–30 s at 100k complaints on the test machine,
 * with the window not yet shown. Stored phone numbers are left as they were: the search reads their
 * digits, and a record is only changed by someone, on its timeline.
 */
export function up(db: Database): void {
  const text = searchTextSql('new');
  db.exec(`
    DROP TRIGGER complaints_fts_insert;
    CREATE TRIGGER complaints_fts_insert AFTER INSERT ON complaints BEGIN
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid, ${text});
    END;
    DROP TRIGGER complaints_fts_update;
    CREATE TRIGGER complaints_fts_update AFTER UPDATE OF ${SEARCH_COLUMNS.join(', ')} ON complaints BEGIN
      DELETE FROM complaints_fts WHERE rowid = old.rowid;
      INSERT INTO complaints_fts (rowid, search_text) VALUES (new.rowid, ${text});
    END;

    -- Emptied by dropping it (deleting 100k entries one by one took 7 s); the same definition as 0010's.
    DROP TABLE complaints_fts;
    CREATE VIRTUAL TABLE complaints_fts USING fts5 (search_text, tokenize = 'trigram');
    INSERT INTO complaints_bigrams (complaints_bigrams) VALUES ('delete-all');
    INSERT OR IGNORE INTO search_backlog (complaint_rowid) SELECT rowid FROM complaints;
  `);
}
