/**
 * Merging one opened export into this database (issue 5 point 3), in one transaction:
 *
 * - Keyed on ULIDs: a row whose id is new is inserted; a known row is replaced only when the
 *   incoming one may win (below) and differs; nothing is ever deleted.
 * - Who may win: a directory row (department, category, staff) when its `updated_at` is later; a
 *   complaint when its `updated_at` is later (ties: the higher record `version`); a row that hangs
 *   off a complaint (timeline, rounds, follow-ups, deadlines, prints …) when its complaint wins, or
 *   when the file is the newest export of its office merged so far.
 *   So importing an older export after a newer one changes nothing that the newer one brought, and
 *   the timeline is a union: entries the database lacks are added whoever wins.
 * - Re-importing the same file finds every row present and equal: nothing is written. (A file
 *   imported whole before is not even merged again: import.service.ts recognises it.)
 * - Only the rows that will be written are validated (import-rows.ts: rules built from the
 *   contract, and the contract's intake schema), so a re-import costs the comparison alone. Few
 *   rows (a monthly file, a re-import): checked here before writing. Many (a first import of a
 *   big office): written straight away while worker threads check every row of the file
 *   (import-checks.ts); a row they refuse, or a row that trips one of this database's constraints,
 *   means rolling back to before the writing and writing again without the refused rows.
 *   A refused row is listed with its reason, and so is every row that refers to a refused row or
 *   would break a uniqueness rule (an office's department names, a complaint number) of this database.
 * - Directory rows arrive with office_code '' (the sender's own) and are stored under the
 *   sender's office code, so every office keeps its own 工程部; a row that is already here keeps
 *   the office it has.
 *
 * The search index entries of the written complaints, and the checkpoint of the write-ahead log,
 * come after the commit, in the background (import.service.ts catchUpAfterImport): at 100k
 * complaints they take ~15 s, which would otherwise hold the write lock on top of the merge.
 *
 * The work is SQL over the snapshot ATTACHed to a private connection of this database (the rows
 * move in SQLite's C code; JavaScript reads only the rows it validates). The private connection
 * holds the write lock for the whole merge; the app's own connection keeps reading (WAL) and sees
 * the merge at once after the commit. Between steps the event loop runs, for progress and cancel.
 * A failure, a cancel or a killed process leaves the database as it was (the transaction never
 * committed).
 */
import type Database from 'better-sqlite3';
import type { MergeCounts, MergeSummary, RefusedRecord } from '../../src-preload/contract';
import { openDatabase } from '../db/connection';
import { suspendSearchIndex } from '../db/search-backlog';
import { log } from '../lib/log';
import { storeAttachmentBytes } from '../services/attachment-store';
import type { ServiceContext } from '../services/context';
import { getSettings } from '../services/settings.service';
import { throwIfAborted } from './exchange-error';
import { importedBefore, recordImport, tableCounts } from './import-history';
import type { OpenedImport } from './import-open';
import { intakeProblems, quote, registerRuleFunctions, ruleProblems } from './import-rows';
import type { RowProblem } from './worker/worker-tasks';
import { ATTACHMENT_FILES_TABLE, DIRECTORY_TABLES } from './snapshot-schema';

export interface MergeOptions {
  /** Who imports (their name goes into the history). */
  actorName: string;
  fileName: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Tests only: a lower limit for checking the rows to write here (0: always take the workers' checks). */
  checkHereUpTo?: number;
  /** Tests only: runs inside the transaction just before COMMIT (the crash test kills the process there). */
  beforeCommit?: () => void | Promise<void>;
}

/** Page cache of the merge's connection, shared by this database and the received file (KiB). */
const MERGE_CACHE_KIB = 512 * 1024;

/** Up to this many rows to write, the merge checks them itself; above, it takes the workers' check of the whole file (import-checks.ts). */
const CHECK_HERE_UP_TO = 20_000;

const DIRECTORY = new Set<string>(DIRECTORY_TABLES);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `i` is the incoming row, `m` the row here with the same id (NULL columns when there is none). */
function mayReplace(table: string): string {
  if (DIRECTORY.has(table)) return 'i.updated_at > m.updated_at';
  if (table === 'complaints') return '(i.updated_at > m.updated_at OR (i.updated_at = m.updated_at AND i.version > m.version))';
  // A row of a complaint has no version of its own: it follows its complaint, or the file when the
  // file is the newest export of that office merged so far (a calendar change at the office moves
  // open deadlines without touching the complaint).
  return `($fileIsNewest OR i.complaint_id IN (SELECT c.id FROM ${stageOf('complaints')} s CROSS JOIN imp.complaints c ON c.rowid = s.irowid WHERE s.kind = ${REPLACE}))`;
}

/** The value written for each column: the incoming one, except a directory row's office (see the header). */
function valueOf(table: string, column: string): string {
  return DIRECTORY.has(table) && column === 'office_code' ? 'coalesce(m.office_code, $office)' : `i."${column}"`;
}

/**
 * The rows to write of each table, one temp table per table: the received row's rowid in the file
 * (imp, read-only for the whole merge) and whether it is new or replaces one. Integer keys: joining
 * back to the file by rowid costs a seventh of a join on the 26-character id (590k timeline rows:
 * 0.16 s against 1.1 s). A refused row is taken out of its stage table (and listed in merge_refused).
 */
// Every query walks a stage table and looks the file's rows up by rowid: `CROSS JOIN` keeps SQLite
// to that order (it knows nothing of the temp tables' sizes; scanning the file to probe an empty
// stage made a re-import's checks take 5 s).
const stageOf = (table: string) => `temp."stage_${table}"`;
const INSERT = 0;
const REPLACE = 1;

class Merger {
  readonly refused: RefusedRecord[] = [];
  private readonly columns = new Map<string, string[]>();

  constructor(
    private readonly db: Database.Database,
    private readonly opened: OpenedImport,
    /** No export of this office merged here so far is newer than this file. */
    private readonly fileIsNewest: boolean,
  ) {
    for (const table of opened.schema.tables) db.exec(`CREATE TEMP TABLE "stage_${table}" (irowid INTEGER PRIMARY KEY, kind INTEGER NOT NULL)`);
    db.exec('CREATE TEMP TABLE merge_refused (tbl TEXT NOT NULL, id TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID');
  }

  /** How many rows the merge will write (after staging). */
  staged(): number {
    return this.opened.schema.tables.reduce((n, t) => n + (this.db.prepare(`SELECT count(*) FROM ${stageOf(t)}`).pluck().get() as number), 0);
  }

  private columnsOf(table: string): string[] {
    let known = this.columns.get(table);
    if (!known) {
      known = this.db.prepare("SELECT name FROM pragma_table_info(?, 'main')").pluck().all(table) as string[];
      this.columns.set(table, known);
    }
    return known;
  }

  /**
   * Which incoming rows will be written: `insert` (new id) or `replace` (known id, may win, differs).
   * "May win" is asked before "differs": for the rows of a complaint that does not win, SQLite
   * then answers from the id index alone and never reads the row here (a re-import: half the time).
   */
  stage(table: string): void {
    const compared = this.columnsOf(table).filter((c) => c !== 'id' && !(DIRECTORY.has(table) && c === 'office_code'));
    const differs = compared.map((c) => `i."${c}" IS NOT m."${c}"`).join(' OR ');
    this.db
      .prepare(
        `INSERT INTO ${stageOf(table)} (irowid, kind)
         SELECT i.rowid, CASE WHEN m.id IS NULL THEN ${INSERT} ELSE ${REPLACE} END
         FROM imp."${table}" i LEFT JOIN main."${table}" m ON m.id = i.id
         WHERE m.id IS NULL OR (${mayReplace(table)} AND (${differs}))`,
      )
      .run(...(DIRECTORY.has(table) || table === 'complaints' ? [] : [{ fileIsNewest: this.fileIsNewest ? 1 : 0 }]));
  }

  private refuse(table: string, id: string, reason: string): void {
    const added = this.db.prepare('INSERT OR IGNORE INTO temp.merge_refused (tbl, id, reason) VALUES (?, ?, ?)').run(table, id, reason);
    if (added.changes !== 1) return;
    this.refused.push({ table, id, reason });
    this.db.prepare(`DELETE FROM ${stageOf(table)} WHERE irowid = (SELECT rowid FROM imp."${table}" WHERE id = ?)`).run(id);
  }

  /**
   * The staged rows against the contract's rules (import-rows.ts), here in this thread: for a
   * merge that writes few rows (a big one takes the workers' findings, `refuseProblems`).
   */
  checkRules(table: string): void {
    const staged = `${stageOf(table)} s CROSS JOIN imp."${table}" i ON i.rowid = s.irowid`;
    const invalid = ruleProblems(this.db, table, this.opened.manifest, staged);
    if (table === 'complaints') invalid.push(...intakeProblems(this.db, staged));
    // Written after the reads: better-sqlite3 allows no write while a read iterates.
    for (const [id, reason] of invalid) this.refuse(table, id, reason);
  }

  /** Refuse the staged rows among the problems the workers found in the whole file (rows not staged are not written anyway). */
  refuseProblems(problems: readonly RowProblem[]): void {
    for (const [table, id, reason] of problems) {
      const staged = this.db.prepare(`SELECT 1 FROM imp."${table}" i JOIN ${stageOf(table)} s ON s.irowid = i.rowid WHERE i.id = ?`).get(id);
      if (staged) this.refuse(table, id, reason);
    }
  }

  /** Forget the refusals (after a rollback to before them). */
  forgetRefusals(): void {
    this.refused.length = 0;
  }

  private referencesOf(table: string): { col: string; target: string }[] {
    return this.db.prepare('SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)').all(table) as { col: string; target: string }[];
  }

  /** The staged rows against what is already here and against the refusals so far. */
  checkHere(table: string): void {
    const { manifest } = this.opened;
    const references = this.referencesOf(table);
    // The queries below join the row here (m) only where a directory row's office needs it.
    const joinHere = DIRECTORY.has(table) ? `LEFT JOIN main."${table}" m ON m.id = i.id` : '';
    const candidates = (condition: string) =>
      this.db
        .prepare(
          `SELECT i.id FROM ${stageOf(table)} s CROSS JOIN imp."${table}" i ON i.rowid = s.irowid ${joinHere} WHERE ${condition}`,
        )
        .pluck()
        .all(DIRECTORY.has(table) ? { office: manifest.office.code } : {}) as string[];

    // A row that refers to a refused row would arrive without it (nothing to look for when no row of that table was refused).
    for (const { col, target } of references) {
      if (!this.refused.some((r) => r.table === target)) continue;
      const broken = candidates(`i."${col}" IN (SELECT id FROM temp.merge_refused WHERE tbl = '${target}')`);
      for (const id of broken) this.refuse(table, id, `${col}：所引用的记录已被拒收`);
    }
    // A row that would collide with another row here on a uniqueness rule (other than its id).
    const uniques = this.db.prepare("SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'").pluck().all(table) as string[];
    for (const index of uniques) {
      const keys = this.db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index) as string[];
      const sameKey = keys.map((k) => `o."${k}" = ${valueOf(table, k)}`).join(' AND ');
      const clashing = candidates(`EXISTS (SELECT 1 FROM main."${table}" o WHERE ${sameKey} AND o.id <> i.id)`);
      for (const id of clashing) this.refuse(table, id, `与本库已有记录重复（${keys.join('、')}）`);
    }
  }

  /**
   * Insert the new rows and replace the winning ones, refused rows left out. When more rows are
   * new than the table holds (a first import of a big office), the table's plain indexes are
   * dropped before and built again after: SQLite sorts each once instead of updating all of them
   * row by row in random order (at 100k complaints 1.7 s less for the write and a smaller commit).
   * Unique indexes stay: they keep the table's rules and serve the checks and the upsert.
   */
  write(table: string): void {
    const inserted = this.db.prepare(`SELECT count(*) FROM ${stageOf(table)} WHERE kind = ${INSERT}`).pluck().get() as number;
    // Counted only as far as it matters: a monthly file's merge never counts head office's millions of rows.
    const held = this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM main."${table}" LIMIT ?)`).pluck().get(inserted) as number;
    const rebuilt = inserted > held ? this.dropPlainIndexes(table) : [];
    this.insertOrReplace(table);
    for (const sql of rebuilt) this.db.exec(sql);
  }

  /** Drop the table's indexes that are neither unique nor part of its definition; returns the statements that build them again (their planner statistics kept). */
  private dropPlainIndexes(table: string): string[] {
    const indexes = this.db
      .prepare(
        `SELECT s.name, s.sql FROM main.sqlite_schema s JOIN pragma_index_list(?, 'main') l ON l.name = s.name
         WHERE s.type = 'index' AND s.sql IS NOT NULL AND l."unique" = 0`,
      )
      .all(table) as { name: string; sql: string }[];
    const hasStats = this.db.prepare("SELECT 1 FROM main.sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined;
    const rebuild: string[] = [];
    for (const { name, sql } of indexes) {
      rebuild.push(sql);
      // DROP INDEX deletes the index's row of sqlite_stat1 (PRAGMA optimize's statistics): put it back after the build.
      const stat = hasStats ? (this.db.prepare('SELECT stat FROM main.sqlite_stat1 WHERE tbl = ? AND idx = ?').pluck().get(table, name) as string | undefined) : undefined;
      if (stat !== undefined) rebuild.push(`INSERT INTO main.sqlite_stat1 (tbl, idx, stat) VALUES (${quote(table)}, ${quote(name)}, ${quote(stat)})`);
      this.db.exec(`DROP INDEX main."${name}"`);
    }
    return rebuild;
  }

  private insertOrReplace(table: string): void {
    const columns = this.columnsOf(table);
    const list = columns.map((c) => `"${c}"`).join(', ');
    this.db
      .prepare(
        `INSERT INTO main."${table}" (${list})
         SELECT ${columns.map((c) => valueOf(table, c)).join(', ')}
         FROM ${stageOf(table)} s CROSS JOIN imp."${table}" i ON i.rowid = s.irowid ${DIRECTORY.has(table) ? `LEFT JOIN main."${table}" m ON m.id = i.id` : ''}
         WHERE TRUE
         ON CONFLICT (id) DO UPDATE SET ${columns
           .filter((c) => c !== 'id' && !(DIRECTORY.has(table) && c === 'office_code'))
           .map((c) => `"${c}" = excluded."${c}"`)
           .join(', ')}`,
      )
      .run(DIRECTORY.has(table) ? { office: this.opened.manifest.office.code } : {});
  }

  /** The written complaints go on the search backlog (search-backlog.ts): indexed after the commit, not row by row inside it. */
  listForSearchIndex(): void {
    this.db.exec(
      `INSERT OR IGNORE INTO main.search_backlog (complaint_rowid)
       SELECT c.rowid FROM ${stageOf('complaints')} s CROSS JOIN imp.complaints i ON i.rowid = s.irowid JOIN main.complaints c ON c.id = i.id`,
    );
  }

  /** Attachment bytes of the written attachment rows into the store (content-addressed: a file already there stays). */
  storeAttachmentFiles(dataDir: string): void {
    const files = this.db
      .prepare(
        `SELECT DISTINCT f.sha256, f.bytes FROM ${stageOf('attachments')} s CROSS JOIN imp.attachments a ON a.rowid = s.irowid JOIN imp.${ATTACHMENT_FILES_TABLE} f ON f.sha256 = a.sha256`,
      )
      .raw(true)
      .iterate() as IterableIterator<[string, Buffer]>;
    for (const [sha256, bytes] of files) storeAttachmentBytes(dataDir, sha256, bytes);
  }

  /** What the merge did with the table's rows (the file's row count is the manifest's, checked when the file was opened). */
  counts(table: string): MergeCounts & { table: string } {
    const written = this.db
      .prepare(
        `SELECT
           (SELECT count(*) FROM ${stageOf(table)} WHERE kind = ${INSERT}) AS inserted,
           (SELECT count(*) FROM ${stageOf(table)} WHERE kind = ${REPLACE}) AS replaced,
           (SELECT count(*) FROM temp.merge_refused WHERE tbl = ?) AS refused`,
      )
      .get(table) as { inserted: number; replaced: number; refused: number };
    return tableCounts(table, this.opened.manifest.counts[table] ?? 0, written);
  }
}

/**
 * Merge an opened, checked export into the database of `ctx`; resolves with what it did (also kept
 * as a row of the import history). Rejects, with nothing changed, on cancel or any failure.
 */
export async function mergeImport(ctx: ServiceContext, opened: OpenedImport, options: MergeOptions): Promise<MergeSummary> {
  const { manifest } = opened;
  const tables = opened.schema.tables; // parents first (snapshot-schema.ts)
  const totalSteps = tables.length * 2 + 3;
  let step = 0;
  const advance = async () => {
    options.onProgress?.(++step, totalSteps);
    await tick();
    throwIfAborted(options.signal);
  };

  const db = openDatabase(ctx.db.name);
  try {
    // A private connection for one bulk job: a page cache that holds the working set (the app's
    // 16 MB made every index probe of a 100k-complaint merge a read from the OS), temp tables in
    // memory. The received file keeps its defensive settings (import-open.ts): no memory mapping.
    db.pragma(`cache_size = -${MERGE_CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    // References are kept whole by the checks instead (import-checks.ts, and the refusal of rows
    // that refer to refused rows below); SQLite's enforcement cost a second per 100k complaints.
    db.pragma('foreign_keys = OFF');
    // No checkpoint inside the COMMIT: copying ~600 MB of WAL into the database would double the
    // commit of a big merge. It runs afterwards on a worker (import.service.ts catchUpAfterImport).
    db.pragma('wal_autocheckpoint = 0');
    // The COMMIT writes the log without waiting for the disk (synchronous=NORMAL, WAL: the database
    // stays consistent; a power cut before the next checkpoint may undo the whole import, never part
    // of it). That checkpoint follows at once (catchUpAfterImport) and syncs it; ~0.5 s less at 100k.
    db.pragma('synchronous = NORMAL');
    db.prepare('ATTACH DATABASE ? AS imp').run(opened.snapshotPath);
    db.pragma('imp.mmap_size = 0');
    db.pragma(`imp.cache_size = -${MERGE_CACHE_KIB}`); // each attached file has its own page cache
    db.pragma('cell_size_check = ON');
    registerRuleFunctions(db);
    const seenBefore = importedBefore(db, opened.fingerprint);
    const newestMerged = db.prepare('SELECT last_exported_at FROM offices WHERE code = ?').pluck().get(manifest.office.code) as string | undefined;
    const merger = new Merger(db, opened, newestMerged === undefined || manifest.exportedAt > newestMerged);
    /** Milliseconds per step, for the log (what a slow import spent its time on). */
    const timings: Record<string, number> = {};
    let lap = performance.now();
    const time = (name: string) => {
      const at = performance.now();
      timings[name] = Math.round(at - lap);
      lap = at;
    };

    db.exec('BEGIN IMMEDIATE');
    try {
      const resumeSearchIndex = suspendSearchIndex(db);
      // Will this write many rows? Most of the file's complaints new here, in proportion to the file's rows.
      const newComplaints = db.prepare('SELECT count(*) FROM imp.complaints i WHERE NOT EXISTS (SELECT 1 FROM main.complaints m WHERE m.id = i.id)').pluck().get() as number;
      const fileRows = tables.reduce((n, t) => n + (manifest.counts[t] ?? 0), 0);
      const checkHereUpTo = options.checkHereUpTo ?? CHECK_HERE_UP_TO;
      if ((fileRows * newComplaints) / Math.max(1, manifest.counts.complaints ?? 0) > checkHereUpTo) opened.checks.checkRows();
      time('probe');
      for (const table of tables) {
        merger.stage(table);
        await advance();
      }
      time('stage');
      const staged = merger.staged();
      const writeAll = async () => {
        for (const table of tables) {
          merger.checkHere(table);
          merger.write(table);
          await advance();
        }
      };
      if (staged <= checkHereUpTo) {
        // Few rows to write: check just those here, rather than have the workers read the whole file.
        for (const table of tables) merger.checkRules(table);
        await writeAll();
        time('checkAndWrite');
      } else {
        // Many: write while the workers check every row of the file; a row they refuse (rare) means
        // writing again without it (and without the rows that refer to it).
        db.exec('SAVEPOINT written');
        // A row that breaks one of this database's own CHECK constraints stops the writing: the
        // workers will name it, and the writing starts again without it.
        const stopped = await writeAll().then(
          () => false,
          (error: unknown) => {
            if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) return true;
            throw error;
          },
        );
        time('write');
        const problems = await opened.checks.rowProblems();
        time('waitForChecks');
        merger.refuseProblems(problems);
        if (stopped || merger.refused.length > 0) {
          db.exec('ROLLBACK TO written');
          merger.forgetRefusals();
          merger.refuseProblems(problems);
          step -= tables.length;
          await writeAll();
          time('writeAgain');
        }
        db.exec('RELEASE written');
      }
      await opened.checks.references;
      time('waitForReferences');
      merger.listForSearchIndex();
      merger.storeAttachmentFiles(ctx.dataDir);
      const merged = tables.map((table) => merger.counts(table));
      await advance();

      const summary = recordImport(
        db,
        { manifest, fingerprint: opened.fingerprint, fileBytes: opened.fileBytes, fileName: options.fileName },
        { tables: merged, refused: merger.refused, seenBefore, actorName: options.actorName, timeZone: getSettings(ctx).timeZone },
      );
      resumeSearchIndex();
      time('summary');
      await options.beforeCommit?.();
      throwIfAborted(options.signal);
      db.exec('COMMIT');
      time('commit');
      log.info(`merged ${options.fileName}`, { office: manifest.office.code, totals: summary.totals, ms: timings });
      await advance();
      return summary;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
  }
}
