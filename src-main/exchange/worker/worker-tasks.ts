/**
 * What an exchange worker can do (run-task.ts starts one per task). Each task opens its own
 * read-only connection: SQLite connections are not shared between threads.
 *
 * - `hashTables` (export): the content digests of some tables of the office database, in the
 *   same read snapshot as the export's copy. The worker opens the file, reports `ready`, waits for
 *   `go` (payload: the tables and their row conditions), starts its read transaction and reports
 *   `snapshot`; the host holds the database's write lock from before its own copy began until then,
 *   so no commit can fall between the two (snapshot.ts).
 * - `checkFile` (import): the received file's references (`foreign_key_check`), reporting
 *   `references-ok` or failing; then, when the host says `rows` (with the tables), every row of
 *   those tables against the column rules.
 * - `checkIntake` (import): every complaint's intake fields against the contract's intake schema,
 *   then the column rules of the tables it is given.
 * The import's two tasks run on two workers beside the merge (import-checks.ts); one worker does
 * the reference check, so that a re-import's merge has the other core to itself.
 * - `checkpoint` (after an import): copy the write-ahead log into the database file, off the main
 *   thread (import.service.ts).
 * - `readChunks`: a range of a .cdx file's chunks read and every tag checked, decrypted into a file
 *   if asked; two side by side decrypt a received file (import-open.ts) or check one imported
 *   before (import.service.ts).
 */
import Database from 'better-sqlite3';
import { readChunks, type ChunkRange } from '../cdx-format';
import { tableDigest, type TableSelection } from '../content-hash';
import { openReceivedFile } from '../import-open';
import { intakeProblems, registerRuleFunctions, ruleProblems } from '../import-rows';
import type { ExportManifest } from '../manifest';

/** A row of a received file that breaks a rule: `<column>：<reason>`. */
export type RowProblem = [table: string, id: string, reason: string];

export interface TaskContext {
  milestone: (name: string) => void;
  progress: (done: number) => void;
  waitFor: (word: string) => Promise<unknown>;
}

export interface HashTablesInput {
  file: string;
  /** Page cache of the worker's connection, KiB. */
  cacheKiB: number;
  /** How much of the database file the connection reads through a memory map (snapshot.ts OFFICE_MAP_BYTES). */
  mapBytes: number;
}

export interface HashTablesOutput {
  digests: Record<string, string>;
  rows: number;
}

async function hashTables(input: HashTablesInput, context: TaskContext): Promise<HashTablesOutput> {
  const db = new Database(input.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cache_size = -${input.cacheKiB}`);
    db.pragma(`mmap_size = ${input.mapBytes}`);
    db.pragma('busy_timeout = 5000');
    context.milestone('ready');
    const selections = (await context.waitFor('go')) as TableSelection[];
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // the first read fixes the snapshot
    context.milestone('snapshot');
    const digests: Record<string, string> = {};
    let rows = 0;
    for (const selection of selections) {
      const before = rows;
      const result = await tableDigest(db, selection, { onProgress: (n) => context.progress(before + n) });
      digests[selection.table] = result.digest;
      rows += result.rows;
    }
    db.exec('COMMIT');
    return { digests, rows };
  } finally {
    db.close();
  }
}

export interface CheckFileInput {
  file: string;
  manifest: ExportManifest;
}

/** Thrown when a reference points at no row of the file. */
export const DANGLING_REFERENCE = 'DANGLING_REFERENCE';

/** Fail the task with a code the host maps to a refusal (import-checks.ts). */
function failWith(code: string, message: string): never {
  throw Object.assign(new Error(message), { code });
}

/** Every row of these tables against the column rules. */
function rulesOf(db: Database.Database, tables: readonly string[], manifest: ExportManifest): RowProblem[] {
  registerRuleFunctions(db);
  const problems: RowProblem[] = [];
  for (const table of tables) {
    for (const [id, reason] of ruleProblems(db, table, manifest, `"${table}" i`)) problems.push([table, id, reason]);
  }
  return problems;
}

/** `foreign_key_check`, then (when the host says `rows`, naming the tables) every row of those tables against the column rules. */
async function checkFile(input: CheckFileInput, context: TaskContext): Promise<RowProblem[]> {
  const db = openReceivedFile(input.file);
  try {
    if (db.prepare('PRAGMA foreign_key_check').get() !== undefined) failWith(DANGLING_REFERENCE, '有记录引用了不存在的记录');
    context.milestone('references-ok');
    const tables = (await context.waitFor('rows')) as string[] | false;
    return tables ? rulesOf(db, tables, input.manifest) : [];
  } finally {
    db.close();
  }
}

export interface CheckIntakeInput {
  file: string;
  manifest: ExportManifest;
  /** Tables whose column rules to check after the intake schema. */
  ruleTables: readonly string[];
}

/** Every complaint's intake fields against the contract's intake schema, then the column rules of `ruleTables`. */
function checkIntake(input: CheckIntakeInput): RowProblem[] {
  const db = openReceivedFile(input.file);
  try {
    const intake = intakeProblems(db, 'complaints i').map(([id, reason]): RowProblem => ['complaints', id, reason]);
    return [...intake, ...rulesOf(db, input.ruleTables, input.manifest)];
  } finally {
    db.close();
  }
}

/** A PASSIVE checkpoint: never waits for the desk's readers or writers; what they hold back is copied by a later checkpoint. */
function checkpoint(input: { file: string }): { log: number; checkpointed: number } {
  const db = new Database(input.file, { fileMustExist: true });
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
}

export interface ReadChunksInput {
  path: string;
  /** The file's 56 header bytes. */
  header: Uint8Array;
  key: Uint8Array;
  chunks: ChunkRange;
  /** Write the plaintext here (an existing file), each chunk at its place. */
  outPath?: string;
}

/** A range of a .cdx file's chunks read, every tag checked, and decrypted into `outPath` if given; their tags. */
function readChunksTask(input: ReadChunksInput, context: TaskContext): Promise<Uint8Array[]> {
  const { path, header, key, chunks, outPath } = input;
  return readChunks(path, Buffer.from(header), Buffer.from(key), chunks, { outPath, onProgress: (done) => context.progress(done) });
}

export const TASKS = {
  hashTables,
  checkFile,
  checkIntake,
  checkpoint,
  readChunks: readChunksTask,
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;
