/**
 * Shared set-up for the USB exchange tests: an office with complaints on both sides of a month,
 * every kind of child row, attachments (one signed print), and tools to open, change and re-seal
 * an export's snapshot (for the hostile-file tests).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { newCdxKey, readCdx, writeCdx, type ScryptParams } from '../../src-main/exchange/cdx-format';
import { CONTENT_HASH_ALGORITHM, contentHash } from '../../src-main/exchange/content-hash';
import { ExchangeError, type ExchangeRefusal } from '../../src-main/exchange/exchange-error';
import { EXCHANGE_TEMP_FOLDER } from '../../src-main/exchange/exchange-temp';
import type { ExportManifest } from '../../src-main/exchange/manifest';
import { ATTACHMENT_FILES_TABLE, COMPLAINT_TABLES, RECORD_TABLES, snapshotSchema } from '../../src-main/exchange/snapshot-schema';
import { insertPrint } from '../../src-main/db/prints.repo';
import { ulid } from '../../src-main/lib/ulid';
import type { ComplaintDetail } from '../../src-preload/contract';
import { allowTestClock, complaintIn, setNow, setUpLifecycleOffice, type Office } from '../integration/lifecycle-fixtures';
import type { TestApp } from './app';
import { minimalPdf, onePixelPng } from './files';

/** Cheap scrypt for tests (1 MiB, ~1 ms); the app uses DEFAULT_SCRYPT. */
export const TEST_KDF: ScryptParams = { log2N: 10, r: 8, p: 1 };
export const PASSPHRASE = '阳光花园-2026-导出';

/** Folders made by this test file, removed after it (vitest loads the helper anew for each file). */
const madeFolders: string[] = [];
afterAll(() => {
  for (const folder of madeFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export const makeFolder = (label = 'stick') => {
  const folder = mkdtempSync(join(tmpdir(), `complaint-desk-${label}-`));
  madeFolders.push(folder);
  return folder;
};

export interface SeededOffice {
  office: Office;
  /** By received day: 10-31 (registered), 11-01 (closed), 11-15 (on hold, photo, signed print), 11-30 (escalated, 转派 to 环境部, PDF), 12-01 (invalid). */
  complaints: ComplaintDetail[];
  /** Received in 2026-11-01 … 2026-11-30. */
  novemberIds: string[];
}

/** An office whose register spans the end of October to the start of December, with every child table filled. */
export function seedOffice(app: TestApp, officeCode?: string): SeededOffice {
  allowTestClock();
  const office = setUpLifecycleOffice(app, officeCode);
  setNow(app, '2026-12-03 10:00');
  const at = '2026-12-03 09:00';
  const walk = [
    complaintIn(app, office, 'registered', at, { receivedAt: '2026-10-31 09:00', complainantName: '刘洋', requestedReplyAt: '' }),
    complaintIn(app, office, 'closed', at, { receivedAt: '2026-11-01 00:00', complainantName: '陈静', requestedReplyAt: '' }),
    complaintIn(app, office, 'on_hold', at, { receivedAt: '2026-11-15 14:00', complainantName: '王芳', requestedReplyAt: '' }),
    complaintIn(app, office, 'in_progress', at, { receivedAt: '2026-11-30 23:59', complainantName: '赵敏', requestedReplyAt: '', severity: 'important' }),
    complaintIn(app, office, 'invalid', at, { receivedAt: '2026-12-01 00:00', complainantName: '孙丽', requestedReplyAt: '' }),
  ];
  const [, , held, escalated] = walk as [ComplaintDetail, ComplaintDetail, ComplaintDetail, ComplaintDetail, ComplaintDetail];
  // A print of the held complaint (recorded as the print service records it, without rendering the
  // PDF), whose signed copy comes back through the desk's upload: form_prints with its reference
  // to an attachment, and the signed time as the upload writes it.
  const printId = ulid();
  insertPrint(app.ctx.db, {
    id: printId,
    complaintId: held.complaint.id,
    form: 'complaint_record',
    version: 1,
    printedAt: '2026-12-03 09:30',
    printedBy: '周晓雯',
    complaintVersion: held.complaint.version,
    printedFields: ['complainantName'],
  });
  app.ok('attachments:add', { complaintId: held.complaint.id, actorId: office.receiverId, fileName: '漏水照片.png', dataBase64: onePixelPng().toString('base64'), signedPrintId: printId });
  app.ok('attachments:add', { complaintId: escalated.complaint.id, actorId: office.receiverId, fileName: '业主来信.pdf', dataBase64: minimalPdf().toString('base64') });
  const latest = app.ok('complaints:get', { id: escalated.complaint.id });
  const reported = app.ok('lifecycle:escalate', { id: latest.complaint.id, version: latest.complaint.version, actorId: office.receiverId, level: 'supervisor', reason: '业主情绪激动' });
  app.ok('lifecycle:redispatch', { id: reported.complaint.id, version: reported.complaint.version, actorId: office.receiverId, departmentId: office.cleaning, reason: '查明为公共区域问题，归环境部' });
  const complaints = walk.map((d) => app.ok('complaints:get', { id: d.complaint.id }));
  const novemberIds = complaints.filter((d) => d.complaint.receivedAt.startsWith('2026-11')).map((d) => d.complaint.id);
  return { office, complaints, novemberIds };
}

/** Rows of a table as sorted JSON lines, optionally only those of some complaints. */
export function tableRows(db: Database.Database, table: string, complaintIds?: readonly string[]): string[] {
  const column = table === 'complaints' ? 'id' : 'complaint_id';
  const filter = complaintIds && (COMPLAINT_TABLES as readonly string[]).includes(table) ? ` WHERE ${column} IN (SELECT value FROM json_each(?))` : '';
  const statement = db.prepare(`SELECT * FROM "${table}"${filter} ORDER BY id`);
  const rows = filter ? statement.all(JSON.stringify(complaintIds)) : statement.all();
  return rows.map((r) => JSON.stringify(r));
}

/** Every exported table's rows, as `tableRows`. */
export function recordRows(db: Database.Database, complaintIds?: readonly string[]): Record<string, string[]> {
  const tables = snapshotSchema().tables;
  return Object.fromEntries(tables.map((t) => [t, tableRows(db, t, complaintIds)]));
}

/** Decrypt an export to a plaintext SQLite file beside nothing else (a new temp folder); returns its path and manifest. */
export async function decryptToFile(cdxPath: string, passphrase = PASSPHRASE): Promise<{ path: string; manifest: ExportManifest }> {
  const path = join(makeFolder('plain'), 'snapshot.sqlite');
  const read = await readCdx(cdxPath, passphrase, { outPath: path });
  return { path, manifest: read.manifest as ExportManifest };
}

/** Counts and content hash of a snapshot file as they are now, for a manifest that matches a changed file. */
export async function describeSnapshot(path: string): Promise<Pick<ExportManifest, 'counts' | 'contentHash'>> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = RECORD_TABLES.filter((t) => db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ? AND type = 'table'").get(t));
    const counts: Record<string, number> = {};
    for (const t of [...tables, ATTACHMENT_FILES_TABLE]) {
      const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ? AND type IN ('table', 'view')").get(t);
      if (exists) counts[t] = db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
    }
    return { counts, contentHash: { algorithm: CONTENT_HASH_ALGORITHM, value: await contentHash(db, tables) } };
  } finally {
    db.close();
  }
}

/**
 * Seal a (possibly changed) plaintext file as a .cdx with the right passphrase: only the checks
 * after decryption can refuse it. `manifest` is used as given (with snapshotBytes set to the file's size).
 */
export async function seal(plainPath: string, outPath: string, manifest: ExportManifest, passphrase = PASSPHRASE): Promise<void> {
  const key = await newCdxKey(passphrase, TEST_KDF);
  await writeCdx(plainPath, outPath, { ...manifest, snapshotBytes: statSync(plainPath).size }, key);
}

/** The refusal reason of a rejected promise (fails the test if it resolved or threw something else). */
export async function refusal(promise: Promise<unknown>): Promise<{ reason: ExchangeRefusal; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExchangeError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal, but it succeeded');
}

/** Files in the data dir's exchange scratch folder (should be none after any export or import). */
export function scratchFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, EXCHANGE_TEMP_FOLDER));
  } catch {
    return [];
  }
}

export const listFolder = (folder: string) => readdirSync(folder).sort();
