import Database from 'better-sqlite3';
import { log } from '../lib/log';
import { assertOpenable, migrate } from './migrations';

export type Db = Database.Database;

/**
 * Open (or create) the office database and bring it up to date.
 * - WAL, and synchronous=FULL: reception PCs lose power, and better-sqlite3 defaults WAL to NORMAL,
 *   which may roll back the last commits on power loss (SQLite docs, pragma.html#pragma_synchronous).
 * - foreign_keys, busy_timeout for a second process (web mode beside the app), trusted_schema=OFF.
 * A database from a newer version is refused before any pragma that writes (journal_mode does).
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    assertOpenable(db);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    // 16 MB of page cache (default 2 MB): the register's hot pages stay in memory at 100k complaints.
    // Not more: a commit that split a B-tree page scans the whole cache (SQLite's pending-byte page
    // renumbering), so a 64 MB cache made every intake commit ~0.5 ms slower; the board keeps its
    // rows itself (deadlines.service) and no longer needs a large cache.
    db.pragma('cache_size = -16384');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  log.info(`database open: ${file}`);
  return db;
}
