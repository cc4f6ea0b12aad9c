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
import { SEARCH_COLUMNS, searchBigrams } from './search-text';

/** The trigram index's text of a complaint row `row` (`new` in a trigger, an alias in a query). */
export const TRIGRAM_TEXT = (row: string) =>
  `${row}.number || ' ' || ${row}.complainant_name || ' ' || ${row}.building || ${row}.unit || ${row}.room || ' ' || ` +
  `${row}.phone || ' ' || ${row}.description || ' ' || ${row}.owner_words || ' ' || ${row}.request`;

/** Turn the trigram triggers off for the rest of the current transaction (the caller must be in one and turn them on before it commits). */
export function deferSearchIndex(db: Db, deferred: boolean): void {
  if (!db.inTransaction) throw new Error('search index deferral outside a transaction');
  db.prepare('UPDATE search_switch SET deferred = ? WHERE id = 1').run(deferred ? 1 : 0);
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
      db.prepare(`INSERT INTO complaints_fts (rowid, search_text) SELECT c.rowid, ${TRIGRAM_TEXT('c')} FROM complaints c WHERE c.${inChunk}`).run(ids);
      db.prepare(`DELETE FROM complaints_bigrams WHERE ${inChunk}`).run(ids);
      const rows = db.prepare(`SELECT rowid, ${SEARCH_COLUMNS.join(', ')} FROM complaints WHERE ${inChunk}`).all(ids) as Record<string, string | number>[];
      const insert = db.prepare('INSERT INTO complaints_bigrams (rowid, grams) VALUES (?, ?)');
      for (const row of rows) insert.run(row.rowid, searchBigrams(SEARCH_COLUMNS.map((c) => String(row[c]))));
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
