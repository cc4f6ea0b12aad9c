/**
 * What an export holds, as SQL: the tables head office needs, with exactly the DDL our migrations
 * give them, plus one table for attachment bytes. Export builds its snapshot from these statements;
 * import compares a received file's sqlite_schema with the same list, row for row, so both sides
 * agree by construction.
 *
 * Exported (head office merges and reports on them):
 * - the directory, whole: departments, categories, staff (complaints and rounds refer to them);
 * - complaints and every row that hangs off a complaint: complaint_events (the timeline),
 *   attachments (the record), handling_rounds, redispatches (转派 within a round), replies (答复
 *   to the complainant), follow_ups,
 *   escalations, holds, complaint_deadlines
 *   (with their outcomes, for statistics), form_prints (which paper was signed);
 * - attachment_files: the bytes of every attachment the export refers to, keyed by SHA-256.
 * Not exported (listed in NOT_EXPORTED with the reason; a test fails when a migration adds a table
 * that is in neither list):
 * - settings: the office's identity travels in the manifest; the rest is the office's own set-up;
 * - complaint_day_counters: the office's numbering state, meaningless elsewhere;
 * - calendar_days, calendar_years: head office has its own calendar; deadlines carry their due times;
 * - the search indexes (complaints_fts, complaints_bigrams and their shadow tables): derived from
 *   the complaints, rebuilt by the merge; a virtual table in a received file is refused.
 * Explicit indexes and the search triggers are left out too: head office reads whole tables, and a
 * smaller file is faster to write to a stick. The UNIQUE and PRIMARY KEY autoindexes stay (they are
 * part of the table definitions).
 */
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrate, MIGRATIONS } from '../db/migrations';

/** `PRAGMA application_id` of a snapshot ('CDX1'): not an office database (0x43445331), so neither opens as the other. */
export const EXPORT_APPLICATION_ID = 0x43445831;

/** Oldest schema version an import accepts. Lower it when the merge learns older exports. */
export const MIN_IMPORT_SCHEMA_VERSION = LATEST_VERSION;

/** The directory: always exported whole. Parents before children. */
export const DIRECTORY_TABLES = ['departments', 'categories', 'staff'] as const;

/** Complaints, then the tables whose rows belong to one complaint (`complaint_id`). */
export const COMPLAINT_TABLES = [
  'complaints',
  'complaint_events',
  'attachments',
  'handling_rounds',
  'redispatches',
  'replies',
  'follow_ups',
  'escalations',
  'holds',
  'complaint_deadlines',
  'form_prints',
] as const;

/** Tables of records, in the order they are copied and hashed. */
export const RECORD_TABLES: readonly string[] = [...DIRECTORY_TABLES, ...COMPLAINT_TABLES];

export const ATTACHMENT_FILES_TABLE = 'attachment_files';

/** The one table that is not in the office database: attachment bytes, keyed by their SHA-256 (hex). */
export const ATTACHMENT_FILES_DDL = `CREATE TABLE attachment_files (
  sha256 TEXT PRIMARY KEY,
  bytes  BLOB NOT NULL
) STRICT`;

/** Tables of the office database that stay at the office, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  settings: 'office identity goes in the manifest; other settings are local set-up',
  complaint_day_counters: 'local numbering state',
  calendar_days: 'head office keeps its own calendar; deadlines carry their due times',
  calendar_years: 'as calendar_days',
  complaints_fts: 'search index, rebuilt from the complaints',
  complaints_bigrams: 'search index, rebuilt from the complaints',
  offices: 'what this database merged from others: an export carries only its own office',
  exchange_imports: "this database's import history",
  search_switch: 'search index bookkeeping of this database',
  search_backlog: 'search index bookkeeping of this database',
};

export interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

export interface SnapshotSchema {
  version: number;
  /** Record tables present at this version, in copy order. */
  tables: readonly string[];
  /** CREATE statements to run on an empty database. */
  statements: readonly string[];
  /** sqlite_schema as those statements leave it, sorted by type then name. */
  entries: readonly SchemaEntry[];
}

/** sqlite_schema without rootpage (page numbers differ between files), in a fixed order. */
export function readSchemaEntries(db: Database.Database, schema = 'main'): SchemaEntry[] {
  return db.prepare(`SELECT type, name, tbl_name, sql FROM "${schema}".sqlite_schema ORDER BY type, name`).all() as SchemaEntry[];
}

const cache = new Map<number, SnapshotSchema>();

/**
 * The snapshot schema of a given database version: an in-memory database is migrated to that
 * version with the app's own migrations, and the exported tables' CREATE statements are taken from
 * it verbatim (ALTER TABLE ADD COLUMN rewrites the stored statement; replaying it gives the same
 * text). Then those statements run on a second empty database and its sqlite_schema is read back.
 */
export function snapshotSchema(version: number = LATEST_VERSION): SnapshotSchema {
  const known = cache.get(version);
  if (known) return known;
  if (!MIGRATIONS.some((m) => m.version === version)) throw new Error(`no migration has version ${version}`);
  const source = new Database(':memory:');
  const target = new Database(':memory:');
  try {
    migrate(source, version);
    const sqlOf = new Map(
      (source.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
    );
    const tables = RECORD_TABLES.filter((t) => sqlOf.has(t));
    const statements = [...tables.map((t) => sqlOf.get(t)!), ATTACHMENT_FILES_DDL];
    for (const sql of statements) target.exec(sql);
    const result: SnapshotSchema = { version, tables, statements, entries: readSchemaEntries(target) };
    cache.set(version, result);
    return result;
  } finally {
    source.close();
    target.close();
  }
}

/**
 * The first difference between a file's sqlite_schema and the expected one, in words for the
 * refusal message; undefined when they are identical (type, name, table and SQL text of every entry).
 */
export function schemaDifference(actual: readonly SchemaEntry[], expected: readonly SchemaEntry[]): string | undefined {
  const TYPE_NAMES: Record<string, string> = { table: '表', index: '索引', view: '视图', trigger: '触发器' };
  const kind = (type: string) => TYPE_NAMES[type] ?? type;
  const byName = (entries: readonly SchemaEntry[]) => new Map(entries.map((e) => [e.name, e]));
  const want = byName(expected);
  const have = byName(actual);
  for (const e of actual) {
    const w = want.get(e.name);
    if (!w) return `多出${kind(e.type)} ${e.name}`;
    if (w.type !== e.type) return `${e.name} 应为${kind(w.type)}，文件中却是${kind(e.type)}`;
    if (w.tbl_name !== e.tbl_name || w.sql !== e.sql) return `${kind(e.type)} ${e.name} 的定义不同`;
  }
  const tablesFirst = [...expected].sort((a, b) => Number(a.type !== 'table') - Number(b.type !== 'table'));
  for (const w of tablesFirst) if (!have.has(w.name)) return `缺少${kind(w.type)} ${w.name}`;
  if (actual.length !== expected.length) return '结构条目数量不同';
  return undefined;
}
