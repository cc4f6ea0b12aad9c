/**
 * The plaintext of an export: a new SQLite file holding only what head office needs (see
 * snapshot-schema.ts for the tables and why), built from the office database in one read
 * transaction, so it is a consistent snapshot even while the desk keeps working.
 *
 * Built rather than copied: `VACUUM INTO` would copy the search and explicit indexes (about a
 * quarter of the office database) only to drop them, and then need a second VACUUM so that dropped
 * and out-of-range rows do not linger in free pages of a file that leaves the building. Instead a private connection creates the snapshot
 * file from the expected DDL, ATTACHes the office database and copies with INSERT … SELECT, a
 * table per step (SQLite's C code moves the rows; between steps JavaScript reports progress and
 * checks for cancel: at 100k complaints the largest step is a few hundred milliseconds).
 * The app's own connection is not touched: the desk stays usable, and the snapshot's read
 * transaction sees the database as it was when the copy began (WAL).
 *
 * A date range takes the complaints received on those days (office wall time) and all their child
 * rows; the office's own directory is always whole. Attachment bytes come from the attachment store into
 * `attachment_files`; a file missing from the store (or not matching its SHA-256) is left out and
 * listed in the result, never a reason to fail the export.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { attachmentPath } from '../services/attachment-store';
import { combineDigests, type TableSelection } from './content-hash';
import { throwIfAborted } from './exchange-error';
import { log } from '../lib/log';
import { runTask } from './worker/run-task';
import type { HashTablesOutput } from './worker/worker-tasks';
import { ATTACHMENT_FILES_TABLE, COMPLAINT_TABLES, DIRECTORY_TABLES, EXPORT_APPLICATION_ID, snapshotSchema } from './snapshot-schema';

/** Received dates, inclusive, `YYYY-MM-DD` in the office's wall time. */
export interface DateRange {
  from: string;
  to: string;
}

export type SnapshotPhase = 'copy' | 'attachments' | 'hash';

export interface SnapshotOptions {
  /** Where the attachment store is (`<data dir>/attachments`). */
  dataDir: string;
  /** The exporting office: only its complaints and its own directory are exported. */
  officeCode: string;
  /** Only complaints received in this range (and their rows); the whole register when absent. */
  range?: DateRange;
  onProgress?: (phase: SnapshotPhase, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface SnapshotResult {
  schemaVersion: number;
  /** Record tables, in copy (and hash) order. */
  tables: readonly string[];
  /** Rows per table, attachment_files included. */
  counts: Record<string, number>;
  /**
   * content-hash.ts over `tables`: still being computed on a worker thread when the snapshot is
   * returned (the export encrypts the file meanwhile). Rejects on cancel or failure.
   */
  contentHash: Promise<string>;
  /** Stop computing the content hash (the export failed or was cancelled). Safe to call after the end. */
  stopHashing: () => void;
  /** SHA-256 of attachments whose bytes were missing or damaged in the store (left out of attachment_files). */
  missingAttachmentFiles: string[];
  /** First and last received day among the exported complaints (null when there are none). */
  firstReceived: string | null;
  lastReceived: string | null;
  /** Size of the snapshot file. */
  bytes: number;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms));

/**
 * The content hash is computed by worker threads from the office database itself, side by side
 * with the copy (run-task.ts): the biggest table on one, the rest on another. They read the same
 * snapshot as the copy: the office database's write lock is held from before the copy's read
 * transaction starts until the workers have started theirs (a few milliseconds), so no commit
 * can fall in between. The desk's saves wait that long at most (busy_timeout).
 */
const HASH_GROUPS: readonly (readonly string[])[] = [['complaint_events'], []]; // [] = every other table
/** Page cache of each hashing worker (KiB): the office tables' pages are read in id order, not file order. */
const HASH_CACHE_KIB = 256 * 1024;
/**
 * The copy and the hashing workers read the office database through a memory map: no system call
 * and no copy per page (at 100k complaints about a tenth of the export's CPU time, and half its
 * resident memory). Only for this database, which the app itself wrote; a received file is read with
 * mmap_size=0 (import-open.ts). SQLite caps the size at its build's maximum (2 GiB): beyond that
 * a bigger file is read as before.
 */
const OFFICE_MAP_BYTES = 2 ** 31;

/**
 * Build the snapshot of the database file `sourceFile` as a new file `targetFile`. Resolves once the
 * file is complete and closed; its content hash follows (`contentHash`). On failure or cancel
 * before that, `targetFile` is removed.
 */
export async function buildSnapshot(sourceFile: string, targetFile: string, options: SnapshotOptions): Promise<SnapshotResult> {
  if (existsSync(targetFile)) throw new Error(`snapshot target exists: ${targetFile}`);
  const schema = snapshotSchema();
  const report = options.onProgress ?? (() => undefined);
  const hashedRows = HASH_GROUPS.map(() => 0);
  const hashers = HASH_GROUPS.map((_, i) => runTask('hashTables', { file: sourceFile, cacheKiB: HASH_CACHE_KIB, mapBytes: OFFICE_MAP_BYTES }, (done) => (hashedRows[i] = done)));
  const stopHashing = () => hashers.forEach((h) => h.cancel());
  const db = new Database(targetFile);
  /** Milliseconds from the start to each step's end, for the log. */
  const started = performance.now();
  const timings: Record<string, number> = {};
  const mark = (step: string) => (timings[step] = Math.round(performance.now() - started));
  try {
    // A scratch file until it is finished: no journal, no syncs (it is deleted on any failure);
    // 16 KB pages and a private lock make the bulk copy about a quarter faster.
    db.pragma('page_size = 16384');
    db.pragma('main.locking_mode = EXCLUSIVE'); // main only: the office database attached below stays shared
    db.pragma('cache_size = -65536');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('busy_timeout = 5000');
    db.pragma('trusted_schema = OFF');
    for (const sql of schema.statements) db.exec(sql);
    db.pragma(`application_id = ${EXPORT_APPLICATION_ID}`);
    db.pragma(`user_version = ${schema.version}`);
    db.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
    db.pragma(`src.mmap_size = ${OFFICE_MAP_BYTES}`);
    await Promise.all(hashers.map((h) => h.milestone('ready')));
    mark('workersReady');
    throwIfAborted(options.signal);

    const columnsOf = (table: string) => db.prepare("SELECT name FROM pragma_table_info(?, 'main')").pluck().all(table) as string[];
    const copy = (table: string, where: string, params: unknown[] = []) => {
      const cols = quoted(columnsOf(table));
      return () => db.prepare(`INSERT INTO main."${table}" (${cols}) SELECT ${cols} FROM src."${table}" ${where}`).run(...params);
    };
    // A whole table is copied as `INSERT INTO t SELECT * FROM src.t`: with identical definitions
    // SQLite moves the stored records as they are (its transfer optimisation, about 3× faster than
    // a copy that decodes every row). Only when the columns match exactly, else column by column.
    const sameColumns = (table: string) => {
      const info = (schemaName: string) => JSON.stringify(db.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?, ?)').all(table, schemaName));
      return info('main') === info('src');
    };
    const copyWhole = (table: string) => (sameColumns(table) ? () => db.prepare(`INSERT INTO main."${table}" SELECT * FROM src."${table}"`).run() : copy(table, ''));

    // Plan the steps first, so the progress bar knows its length; each table's rows are chosen by
    // one condition, used by the copy here and by the hashing workers.
    const steps: (() => void)[] = [];
    const selections: TableSelection[] = [];
    const lock = new Database(sourceFile);
    try {
      lock.pragma('busy_timeout = 5000');
      lock.exec('BEGIN IMMEDIATE'); // no commit to the office database until the workers have their snapshot
      db.exec('BEGIN');
      // The first read fixes the snapshot of the office database for the whole copy.
      const sourceVersion = db.pragma('src.user_version', { simple: true }) as number;
      if (sourceVersion !== schema.version) throw new Error(`office database is at version ${sourceVersion}, export expects ${schema.version}`);

      // Only this office's own records leave: a database that has merged other offices' exports
      // (head office, or a centre that imported another's) keeps theirs. When there are none, whole
      // tables are copied (the fast path).
      const { officeCode } = options;
      const holdsOthers = (table: string, column: string, own: string) =>
        db.prepare(`SELECT EXISTS (SELECT 1 FROM src."${table}" WHERE ${column} <> ?)`).pluck().get(own) === 1;
      for (const table of DIRECTORY_TABLES) {
        const own = holdsOthers(table, 'office_code', '');
        steps.push(own ? copy(table, "WHERE office_code = ''") : copyWhole(table));
        selections.push(own ? { table, where: "office_code = ''" } : { table });
      }
      const complaintTables = COMPLAINT_TABLES.filter((t) => schema.tables.includes(t));
      if (options.range || holdsOthers('complaints', 'office_code', officeCode)) {
        const range = options.range ? 'AND received_at >= ? AND received_at < ?' : '';
        const params = [officeCode, ...(options.range ? [options.range.from, nextDay(options.range.to)] : [])];
        steps.push(copy('complaints', `WHERE office_code = ? ${range}`, params));
        selections.push({ table: 'complaints', where: `office_code = ? ${range}`, params });
        for (const table of complaintTables.slice(1)) {
          steps.push(copy(table, 'WHERE complaint_id IN (SELECT id FROM main.complaints)'));
          selections.push({ table, where: `complaint_id IN (SELECT id FROM main.complaints WHERE office_code = ? ${range})`, params });
        }
      } else {
        for (const table of complaintTables) {
          steps.push(copyWhole(table));
          selections.push({ table });
        }
      }
      HASH_GROUPS.forEach((group, i) => {
        const mine = (t: string) => (group.length ? group.includes(t) : !HASH_GROUPS.some((g) => g.includes(t)));
        hashers[i]!.send('go', selections.filter((s) => mine(s.table)));
      });
      await Promise.all(hashers.map((h) => h.milestone('snapshot')));
      mark('snapshotShared');
    } finally {
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
    }

    for (let i = 0; i < steps.length; i++) {
      throwIfAborted(options.signal);
      steps[i]!();
      report('copy', i + 1, steps.length);
      await tick();
    }

    const missingAttachmentFiles = await copyAttachmentFiles(db, options);

    throwIfAborted(options.signal);
    const received = db.prepare('SELECT min(received_at) AS first, max(received_at) AS last FROM main.complaints').get() as {
      first: string | null;
      last: string | null;
    };
    db.exec('COMMIT');
    db.exec('DETACH DATABASE src');

    const counts: Record<string, number> = {};
    for (const table of [...schema.tables, ATTACHMENT_FILES_TABLE]) {
      counts[table] = db.prepare(`SELECT count(*) FROM main."${table}"`).pluck().get() as number;
    }
    db.close();
    mark('copied');
    // The workers have been hashing all along; the rest is awaited by whoever needs the hash, with
    // progress reported and cancel watched meanwhile.
    const rows = schema.tables.reduce((n, t) => n + counts[t]!, 0);
    const contentHash = (async () => {
      try {
        const hashed = Promise.all(hashers.map((h) => h.result));
        let results: HashTablesOutput[] | undefined;
        while (!(results = await Promise.race([hashed, delay(100)]))) {
          throwIfAborted(options.signal);
          report('hash', hashedRows.reduce((a, b) => a + b, 0), rows);
        }
        report('hash', rows, rows);
        mark('hashed');
        log.info('export snapshot built', { ms: timings });
        const digests = Object.assign({}, ...results.map((r) => r.digests)) as Record<string, string>;
        throwIfAborted(options.signal);
        return combineDigests(schema.tables, digests);
      } finally {
        stopHashing();
      }
    })();
    contentHash.catch(() => undefined); // awaited by the caller; not unhandled when the caller failed first
    return {
      schemaVersion: schema.version,
      tables: schema.tables,
      counts,
      contentHash,
      stopHashing,
      missingAttachmentFiles,
      firstReceived: received.first?.slice(0, 10) ?? null,
      lastReceived: received.last?.slice(0, 10) ?? null,
      bytes: statSync(targetFile).size,
    };
  } catch (error) {
    stopHashing();
    if (db.open) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    }
    await rm(targetFile, { force: true });
    throw error;
  }
}

/** Attachment bytes from the store into attachment_files; returns the SHA-256s that could not be copied. */
async function copyAttachmentFiles(db: Database.Database, options: SnapshotOptions): Promise<string[]> {
  const shas = db.prepare('SELECT DISTINCT sha256 FROM main.attachments ORDER BY sha256').pluck().all() as string[];
  const insert = db.prepare(`INSERT INTO main.${ATTACHMENT_FILES_TABLE} (sha256, bytes) VALUES (?, ?)`);
  const missing: string[] = [];
  for (let i = 0; i < shas.length; i++) {
    throwIfAborted(options.signal);
    const sha = shas[i]!;
    const bytes = /^[0-9a-f]{64}$/.test(sha) ? await readFile(attachmentPath(options.dataDir, sha)).catch(() => undefined) : undefined;
    if (bytes && createHash('sha256').update(bytes).digest('hex') === sha) insert.run(sha, bytes);
    else missing.push(sha);
    options.onProgress?.('attachments', i + 1, shas.length);
  }
  return missing;
}
