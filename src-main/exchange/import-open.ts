/**
 * Opening a received export (issue 5 point 2), defensively: the file is another security domain's
 * (SQLite, security.html §1.2 "Defense Against the Dark Arts"), so nothing in it runs and nothing in
 * it is believed until checked.
 *
 * 1. Decrypt and verify the whole file (cdx-format.ts) from the stick into a plaintext copy in
 *    `<data dir>/exchange-tmp/` — the one read of the stick's body (import.service.ts has read the
 *    header and manifest just before); the stick may be pulled afterwards.
 *    Wrong passphrase, a flipped byte, a truncated file: refused here, nothing written that stays.
 * 2. The manifest must be ours (manifest.ts) and agree with the container (snapshot size).
 * 3. The SQLite header is read as bytes before SQLite opens the file: magic, page size, rollback
 *    journal (not WAL: no -wal/-shm beside a read-only file), UTF-8, application_id 'CDX1', and a
 *    user_version this app knows.
 * 4. Opened read-only (`fileMustExist`), with trusted_schema=OFF (no functions with side effects
 *    from the schema), cell_size_check=ON (catch malformed b-tree cells early), mmap_size=0 (a
 *    damaged file cannot fault the process through a mapping), query_only. better-sqlite3 already
 *    sets SQLITE_DBCONFIG_DEFENSIVE.
 * 5. `PRAGMA quick_check` first, then the schema compared with the DDL our migrations produce
 *    (snapshot-schema.ts), entry by entry, SQL text included: an extra trigger, an extra view, a
 *    view in place of a table or an altered column is refused before any row is read. After this
 *    the file holds only plain tables of ours, so reading them runs no code of the sender's.
 * 6. Row counts equal to the manifest's; every attachment's bytes match their SHA-256; the
 *    content hash equals the manifest's (tests only, see import.service.ts).
 * 7. The other checks that read the whole file — foreign_key_check, and when the merge will write
 *    many rows the column rules and intake schema — run on worker threads (import-checks.ts)
 *    beside the merge, which commits only after they pass.
 *
 * The result is an open read-only connection for the merge. better-sqlite3 has no progress handler
 * (SQLITE_OMIT_PROGRESS_CALLBACK), but after step 5 no query of ours can be made slow by the file's
 * schema; a utilityProcess with a timeout (reliability-security.md §3) remains an option for the
 * Electron wiring.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { LATEST_VERSION, MIGRATIONS } from '../db/migrations';
import { log } from '../lib/log';
import { readCdx, type CdxKey } from './cdx-format';
import { contentHash } from './content-hash';
import { startReceivedFileChecks, type ReceivedFileChecks } from './import-checks';
import { READ_IN_PARTS } from './worker/read-chunks';
import { ExchangeError, exchangeErrors, throwIfAborted } from './exchange-error';
import { exchangeTempFile } from './exchange-temp';
import { parseManifest, type ExportManifest } from './manifest';
import {
  ATTACHMENT_FILES_TABLE,
  EXPORT_APPLICATION_ID,
  MIN_IMPORT_SCHEMA_VERSION,
  readSchemaEntries,
  schemaDifference,
  snapshotSchema,
  type SnapshotSchema,
} from './snapshot-schema';

export type ImportOpenPhase = 'decrypt' | 'check' | 'hash';

export interface OpenImportOptions {
  onProgress?: (phase: ImportOpenPhase, done: number, total: number) => void;
  signal?: AbortSignal;
  /** Recompute the content hash and compare it with the manifest's (default true). */
  verifyContentHash?: boolean;
}

export interface OpenedImport {
  /** The .cdx file as picked. */
  source: string;
  /** Read-only, checked: plain tables of the expected schema, rows as the manifest says. */
  db: Database.Database;
  /** The decrypted, checked snapshot (in `<data dir>/exchange-tmp/`), for the merge to ATTACH. */
  snapshotPath: string;
  manifest: ExportManifest;
  schema: SnapshotSchema;
  /** Identifies the file (cdx-format.ts), for the import history. */
  fingerprint: string;
  fileBytes: number;
  /** The checks that read the whole file, running on worker threads (import-checks.ts); the merge awaits them. */
  checks: ReceivedFileChecks;
  /** Close the connection, stop the checks and remove the plaintext copy. Safe to call twice. */
  close: () => void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The header fields that decide whether SQLite should open the file at all (sqlite.org/fileformat.html §1.3). */
async function checkSqliteHeader(path: string): Promise<number> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(100);
  let read: number;
  let size: number;
  try {
    read = (await handle.read(head, 0, 100, 0)).bytesRead;
    size = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  if (read < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC)) throw exchangeErrors.notSnapshot('不是 SQLite 数据库');
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  if (!powerOfTwo || size % pageSize !== 0) throw exchangeErrors.notSnapshot('数据库页大小异常');
  if (head[18] !== 1 || head[19] !== 1) throw exchangeErrors.notSnapshot('数据库不是单文件格式');
  if (head.readUInt32BE(56) !== 1) throw exchangeErrors.notSnapshot('文字编码不是 UTF-8');
  if (head.readUInt32BE(68) !== EXPORT_APPLICATION_ID) throw exchangeErrors.notSnapshot('不是投诉台导出的数据');
  const version = head.readInt32BE(60);
  checkSchemaVersion(version);
  return version;
}

function checkSchemaVersion(version: number): void {
  if (version > LATEST_VERSION) throw exchangeErrors.schemaTooNew(version, LATEST_VERSION);
  if (version < MIN_IMPORT_SCHEMA_VERSION) throw exchangeErrors.schemaUnsupported(version, MIN_IMPORT_SCHEMA_VERSION);
  if (!MIGRATIONS.some((m) => m.version === version)) throw exchangeErrors.notSnapshot(`未知的数据库版本 ${version}`);
}

/** A read-only connection to a received snapshot, with the defensive settings (see the header); also used by the workers that check it. */
export function openReceivedFile(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('mmap_size = 0');
  db.pragma('query_only = ON');
  return db;
}

/** Open the read-only connection with the defensive settings; run the checks that need SQLite. */
function openChecked(path: string, version: number, manifest: ExportManifest): { db: Database.Database; schema: SnapshotSchema } {
  const db = openReceivedFile(path);
  try {
    const checking = performance.now();
    let quick: string[];
    try {
      quick = db.prepare('PRAGMA quick_check').pluck().all() as string[];
    } catch (error) {
      throw exchangeErrors.notSnapshot(`数据库无法读取：${(error as Error).message}`);
    }
    if (quick.length !== 1 || quick[0] !== 'ok') throw exchangeErrors.notSnapshot('数据库完整性检查未通过');
    if (db.pragma('application_id', { simple: true }) !== EXPORT_APPLICATION_ID) throw exchangeErrors.notSnapshot('不是投诉台导出的数据');
    if (db.pragma('user_version', { simple: true }) !== version) throw exchangeErrors.notSnapshot('数据库版本前后不一');
    if (manifest.schemaVersion !== version) throw exchangeErrors.contentMismatch('清单中的数据库版本不符');

    const schema = snapshotSchema(version);
    const difference = schemaDifference(readSchemaEntries(db), schema.entries);
    if (difference) throw exchangeErrors.schemaMismatch(difference);
    // From here on the file holds only our plain tables: reading them runs nothing of the sender's.

    log.info(`received file checks: quick_check and schema ${Math.round(performance.now() - checking)} ms`);
    const expectedTables = [...schema.tables, ATTACHMENT_FILES_TABLE];
    const manifestTables = Object.keys(manifest.counts).sort();
    if (JSON.stringify(manifestTables) !== JSON.stringify([...expectedTables].sort())) throw exchangeErrors.contentMismatch('清单中的表与文件不符');
    for (const table of expectedTables) {
      const count = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
      if (count !== manifest.counts[table]) throw exchangeErrors.contentMismatch(`表 ${table} 行数为 ${count}，清单为 ${manifest.counts[table]}`);
    }
    const files = db.prepare(`SELECT sha256, bytes FROM ${ATTACHMENT_FILES_TABLE}`).raw(true).iterate() as IterableIterator<[string, Buffer]>;
    for (const [sha, bytes] of files) {
      if (!Buffer.isBuffer(bytes) || createHash('sha256').update(bytes).digest('hex') !== sha) throw exchangeErrors.contentMismatch('附件内容与其校验值不符');
    }
    return { db, schema };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Decrypt, verify and open one received .cdx file (`keySource`: the passphrase, or the key already
 * derived for this file). Resolves with an open read-only connection (the
 * caller merges from it, then calls `close`), or rejects with an ExchangeError whose message the
 * desk shows; on rejection nothing is left behind.
 */
export async function openImport(dataDir: string, cdxPath: string, keySource: string | CdxKey, options: OpenImportOptions = {}): Promise<OpenedImport> {
  const { signal } = options;
  const report = options.onProgress ?? (() => undefined);
  const tempPath = exchangeTempFile(dataDir, 'import');
  const started = performance.now();
  let db: Database.Database | undefined;
  let checks: ReceivedFileChecks | undefined;
  try {
    const read = await readCdx(cdxPath, keySource, {
      outPath: tempPath,
      signal,
      onProgress: (done, total) => report('decrypt', done, total),
      // Decrypted in halves on worker threads (worker/read-chunks.ts): nothing else runs yet.
      ...READ_IN_PARTS,
    });
    const manifest = parseManifest(read.manifest);
    if (!manifest) throw exchangeErrors.notSnapshot('清单无效');
    if (manifest.snapshotBytes !== read.header.bodyBytes) throw exchangeErrors.contentMismatch('清单中的大小不符');
    throwIfAborted(signal);

    const decrypted = performance.now();
    report('check', 0, 1);
    const version = await checkSqliteHeader(tempPath);
    const opened = openChecked(tempPath, version, manifest);
    db = opened.db;
    checks = startReceivedFileChecks(tempPath, manifest, opened.schema.tables);
    report('check', 1, 1);
    log.info(`opened ${cdxPath}: decrypted in ${Math.round(decrypted - started)} ms, checked in ${Math.round(performance.now() - decrypted)} ms`);

    if (options.verifyContentHash ?? true) {
      const hashedRows = opened.schema.tables.reduce((n, t) => n + (manifest.counts[t] ?? 0), 0);
      const hash = await contentHash(db, opened.schema.tables, {
        yieldBetweenChunks: true,
        signal,
        onProgress: (done) => report('hash', done, hashedRows),
      });
      if (hash !== manifest.contentHash.value) throw exchangeErrors.contentMismatch('内容校验值不符');
    }
    throwIfAborted(signal);

    const connection = db;
    const fileChecks = checks;
    let closed = false;
    return {
      source: cdxPath,
      db: connection,
      snapshotPath: tempPath,
      manifest,
      schema: opened.schema,
      fingerprint: read.fingerprint,
      fileBytes: read.fileBytes,
      checks: fileChecks,
      close: () => {
        if (closed) return;
        closed = true;
        fileChecks.cancel();
        connection.close();
        rmSync(tempPath, { force: true });
      },
    };
  } catch (error) {
    checks?.cancel();
    if (db?.open) db.close();
    await rm(tempPath, { force: true }).catch(() => undefined);
    if (error instanceof ExchangeError) throw error;
    if ((error as { code?: string }).code?.startsWith('SQLITE_')) throw exchangeErrors.notSnapshot(`数据库无法读取：${(error as Error).message}`);
    throw error;
  }
}
