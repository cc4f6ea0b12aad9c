import type { Database } from 'better-sqlite3';
import { SEARCH_COLUMNS, searchBigrams } from '../search-text';

/**
 * Register speed at 100k complaints (npm run bench):
 * - a bigram index for 2-character searches (trigram FTS cannot match them; LIKE scanned the table);
 * - an index for the common status + department filter (the count read thousands of rows to test status).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE complaints_bigrams USING fts5 (
      grams, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0'
    );
    CREATE INDEX complaints_department_status ON complaints (complained_department_id, status, received_at);
  `);
  const insert = db.prepare('INSERT INTO complaints_bigrams (rowid, grams) VALUES (?, ?)');
  const rows = db.prepare(`SELECT rowid, ${SEARCH_COLUMNS.join(', ')} FROM complaints`).iterate() as IterableIterator<Record<string, string | number>>;
  for (const row of rows) insert.run(row.rowid, searchBigrams(SEARCH_COLUMNS.map((c) => String(row[c]))));
}
