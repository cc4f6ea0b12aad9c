import type { Database } from 'better-sqlite3';
import * as initial from './0010-initial';
import * as lifecycle from './0020-lifecycle';
import * as searchPerformance from './0030-search-performance';
import * as prints from './0040-prints';
import * as exchange from './0050-exchange';
import * as deadlineRules from './0060-deadline-rules';
import * as redispatches from './0070-redispatches';
import * as headOffice from './0080-head-office';
import * as searchAddresses from './0090-search-addresses';
import * as eventNoteKeys from './0100-event-note-keys';
import * as replies from './0110-replies';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Ordered registry; versions rise in steps of 10. Add new files at the end, never edit shipped ones. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: initial.up },
  { version: 20, name: 'lifecycle', up: lifecycle.up },
  { version: 30, name: 'search-performance', up: searchPerformance.up },
  { version: 40, name: 'prints', up: prints.up },
  { version: 50, name: 'exchange', up: exchange.up },
  { version: 60, name: 'deadline-rules', up: deadlineRules.up },
  { version: 70, name: 'redispatches', up: redispatches.up },
  { version: 80, name: 'head-office', up: headOffice.up },
  { version: 90, name: 'search-addresses', up: searchAddresses.up },
  { version: 100, name: 'event-note-keys', up: eventNoteKeys.up },
  { version: 110, name: 'replies', up: replies.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Marks the file as ours (`PRAGMA application_id`), so a foreign SQLite file is never mistaken for one. */
export const APPLICATION_ID = 0x43445331; // 'CDS1'

export class DatabaseRefusedError extends Error {}

/**
 * Bring the schema to `target` in one transaction, recording the version in `user_version`.
 * A database written by a newer app version is refused before anything touches it.
 */
export function migrate(db: Database, target: number = LATEST_VERSION): void {
  assertOpenable(db);
  const pendingAt = (version: number) => MIGRATIONS.filter((m) => m.version > version && m.version <= target);
  if (pendingAt(db.pragma('user_version', { simple: true }) as number).length === 0) return;
  // A migration may rebuild a table that others refer to (0050): foreign keys go off outside the
  // transaction (the pragma is a no-op inside one) and foreign_key_check runs before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(db, target, pendingAt);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}

function migrateInTransaction(db: Database, target: number, pendingAt: (version: number) => readonly Migration[]): void {
  db.transaction(() => {
    // Read the version again under the write lock: another process (the app and web mode started
    // together on a new data dir) may have migrated while this one waited for the lock.
    assertOpenable(db);
    const pending = pendingAt(db.pragma('user_version', { simple: true }) as number);
    if (pending.length === 0) return;
    for (const m of pending) m.up(db);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration to ${target} left ${broken.length} broken references`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

/** Checks that only read the header: a refused file stays byte-for-byte as it was. */
export function assertOpenable(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new DatabaseRefusedError('该文件不是物业投诉台的数据库，已拒绝打开（未作任何修改）。');
  }
  if (version > LATEST_VERSION) {
    throw new DatabaseRefusedError(
      `数据库来自更新版本的物业投诉台（数据库版本 ${version}，本程序最高支持 ${LATEST_VERSION}）。为保护数据，未作任何修改；请升级本程序后再打开。`,
    );
  }
}
