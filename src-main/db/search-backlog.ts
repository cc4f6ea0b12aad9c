/**
 * Complaints whose search entries are still to be written (migration 0050): a bulk merge of
 * another office's export lists the complaints it wrote here instead of indexing each inside its
 * transaction; this module writes their trigram and bigram entries afterwards, a chunk per
 * transaction, so the desk's own work is never held up for long. Run after each import, and at
 * start-up in case the app stopped before the backlog was empty. Until then the merged complaints
 * are in the register, the board and the reports, and free-text search finds them by a scan of
 * just the backlog's complaints (complaints.repo.ts).
 */
import { log } from '../lib/log';
import type { Db } from './connection';
import { SEARCH_COLUMNS, complaintBigrams, searchTextSql } from './search-text';

/**
 * The trigram index's text of a complaint row `row` as migration 0050 wrote its triggers (a shipped
 * migration must keep doing what it did). Since migration 0090 the text is search-text.ts's searchTextSql.
 */
export const TRIGRAM_TEXT = (row: string) =>
  `${row}.number || ' ' || ${row}.complainant_name || ' ' || ${row}.building || ${row}.unit || ${row}.room || ' ' || ` +
  `${row}.phone || ' ' || ${row}.description || ' ' || ${row}.owner_words || ' ' || ${row}.request`;

/** The triggers that write a complaint's trigram entry as it is written (migrations 0050, 0090). */
const SEARCH_TRIGGERS = ['complaints_fts_insert', 'complaints_fts_update'];

/**
 * Take the trigram triggers away for the rest of the current transaction; the function returned
 * puts them back as they were and must run before the commit (a rollback puts them back by itself).
 * Dropped, not switched off through `search_switch` (migration 0050; it always answers 0, and the
 * triggers of migration 0090 no longer ask it): the trigger ran its WHEN for every written
 * complaint, 0.3 s of a 100k-complaint merge.
 */
export function suspendSearchIndex(db: Db): () => void {
  if (!db.inTransaction) throw new Error('search index suspended outside a transaction');
  const triggers = db
    .prepare(`SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND name IN (${SEARCH_TRIGGERS.map(() => '?').join(', ')})`)
    .all(...SEARCH_TRIGGERS) as { name: string; sql: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER main."${name}"`);
  return () => {
    for (const { sql } of triggers) db.exec(sql);
  };
}

export const searchBacklogSize = (db: Db): number => db.prepare('SELECT count(*) FROM search_backlog').pluck().get() as number;

/** Index up to `limit` complaints of the backlog in one transaction; returns how many remain. */
export function indexSearchBacklog(db: Db, limit = 2000): number {
  return db
    .transaction(() => {
      const chunk = db.prepare('SELECT complaint_rowid FROM search_backlog ORDER BY complaint_rowid LIMIT ?').pluck().all(limit) as number[];
      if (chunk.length === 0) return 0;
      const ids = JSON.stringify(chunk);
      const inChunk = 'rowid IN (SELECT value FROM json_each(?))';
      db.prepare(`DELETE FROM complaints_fts WHERE ${inChunk}`).run(ids);
      db.prepare(`INSERT INTO complaints_fts (rowid, search_text) SELECT c.rowid, ${searchTextSql('c')} FROM complaints c WHERE c.${inChunk}`).run(ids);
      db.prepare(`DELETE FROM complaints_bigrams WHERE ${inChunk}`).run(ids);
      const rows = db.prepare(`SELECT rowid, ${SEARCH_COLUMNS.join(', ')} FROM complaints WHERE ${inChunk}`).all(ids) as Record<string, string | number>[];
      const insert = db.prepare('INSERT INTO complaints_bigrams (rowid, grams) VALUES (?, ?)');
      for (const row of rows) insert.run(row.rowid, complaintBigrams((c) => String(row[c])));
      db.prepare("DELETE FROM search_backlog WHERE complaint_rowid IN (SELECT value FROM json_each(?))").run(ids);
      return searchBacklogSize(db);
    })
    .immediate();
}

/** Index the whole backlog, a chunk at a time, letting the event loop run between chunks. */
export async function drainSearchBacklog(db: Db): Promise<void> {
  let remaining = searchBacklogSize(db);
  while (remaining > 0 && db.open) {
    remaining = indexSearchBacklog(db);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** At start-up: finish what an import left unindexed (the app stopped before it was done), in the background. */
export function resumeSearchBacklog(db: Db): void {
  if (searchBacklogSize(db) === 0) return;
  const timer = setTimeout(() => {
    drainSearchBacklog(db).catch((error: unknown) => log.error('search backlog: indexing failed', error));
  }, 1000);
  timer.unref();
}
