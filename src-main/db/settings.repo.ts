import type { Db } from './connection';
import { stmt } from './statements';

type Settings = Readonly<Record<string, unknown>>;

interface SettingsCache {
  /** The settings as last read, frozen (callers share them); undefined: read the table again. */
  settings?: Settings;
  /** `PRAGMA data_version` when they were read: it changes when another connection commits. */
  dataVersion: number;
  /**
   * This connection wrote a setting in a transaction that may not have ended yet: until a read
   * outside any transaction, reads go to the table and are not kept (a rollback must not leave the
   * written value behind in the cache).
   */
  writing: boolean;
}

const caches = new WeakMap<Db, SettingsCache>();

const dataVersion = (db: Db) => (stmt(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function readTable(db: Db): Settings {
  const rows = stmt(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return deepFreeze(Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown])));
}

/**
 * Every setting, parsed. Read once per connection and kept (an intake reads them three times:
 * office code, deadline policy, time zone); read again after this connection writes one
 * (writeSetting) or another connection commits anything (web mode beside the app). Frozen, as the
 * same object is handed to every caller.
 */
function cacheOf(db: Db): SettingsCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { dataVersion: -1, writing: false };
    caches.set(db, cache);
  }
  return cache;
}

export function readSettings(db: Db): Settings {
  const cache = cacheOf(db);
  if (cache.writing) {
    if (db.inTransaction) return readTable(db);
    cache.writing = false;
    cache.settings = undefined;
  }
  const version = dataVersion(db);
  if (cache.settings === undefined || version !== cache.dataVersion) {
    cache.settings = readTable(db);
    cache.dataVersion = version;
  }
  return cache.settings;
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
  const cache = cacheOf(db);
  cache.settings = undefined;
  cache.writing = db.inTransaction;
}
