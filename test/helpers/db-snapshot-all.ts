import type { Db } from '../../src-main/db/connection';

/**
 * The tables a complete dump covers: every table in sqlite_schema, found at run time so a new
 * migration's tables are never forgotten. Left out: SQLite's own tables (sqlite_*) and the shadow
 * tables of virtual tables (FTS5's `<name>_data`, `_idx`, `_content`, `_docsize`, `_config`),
 * whose bytes change with merges even when the indexed text does not. The virtual table itself is
 * kept: reading it returns the indexed text, which must match the records.
 */
export function snapshotTableNames(db: Db): string[] {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.map((r) => r.name).filter((name) => !virtual.some((v) => name.startsWith(`${v}_`)));
}

/**
 * Every row of every table (see `snapshotTableNames`), each row as JSON, sorted, so two dumps are
 * equal exactly when the data are equal, whatever order SQLite returns rows in. An object rather
 * than one string so that a failing `toEqual` shows which table changed.
 */
export function snapshotAll(db: Db): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const name of snapshotTableNames(db)) {
    const isVirtual = /^CREATE VIRTUAL TABLE/i.test(
      (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string | null }).sql ?? '',
    );
    const rows = db.prepare(`SELECT ${isVirtual ? 'rowid AS __rowid, ' : ''}* FROM "${name}"`).all();
    dump[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
}
